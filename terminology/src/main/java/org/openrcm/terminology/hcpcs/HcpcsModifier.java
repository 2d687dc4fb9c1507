package org.openrcm.terminology.hcpcs;

import java.time.LocalDate;

/**
 * A HCPCS Level II modifier as a code of the HCPCS code system (the record file's modifier records, record ids 7
 * and 8). The fuller modifier model, with CPT modifiers and categories, is
 * {@link org.openrcm.terminology.modifiers.ModifierCodeSet}.
 *
 * @param code two characters, e.g. {@code LT}
 * @param description the long description
 * @param shortDescription the short description, may be empty
 * @param addDate when it was added, or {@code null}
 * @param terminationDate the last date it may be used, or {@code null}
 */
public record HcpcsModifier(String code, String description, String shortDescription, LocalDate addDate,
		LocalDate terminationDate) {}
