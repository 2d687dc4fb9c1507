package org.openrcm.terminology.modifiers;

import java.time.LocalDate;
import java.util.List;

/**
 * One procedure modifier.
 *
 * @param code two characters, e.g. {@code 25}, {@code LT}, {@code GT}
 * @param kind HCPCS Level II or CPT
 * @param description the CMS description for HCPCS Level II; {@code null} for CPT (AMA licence)
 * @param categories the groups the source files put it in (e.g. {@code Anatomic Hand}, {@code Telehealth}); may be
 *                   empty
 * @param information CMS's longer explanation, empty when there is none
 * @param addDate when the modifier was added (HCPCS record file only), else {@code null}
 * @param terminationDate the last date it may be used (HCPCS record file only), else {@code null}
 */
public record Modifier(String code, ModifierKind kind, String description, List<String> categories, String information,
		LocalDate addDate, LocalDate terminationDate) {

	public Modifier {
		categories = List.copyOf(categories);
	}

	/** Whether the modifier may be used on {@code date} (no dates known means yes). */
	public boolean effectiveOn(LocalDate date) {
		return (addDate == null || !date.isBefore(addDate)) && (terminationDate == null || !date.isAfter(terminationDate));
	}
}
