package org.openrcm.terminology.x12codes;

import java.time.LocalDate;

/**
 * One code of an X12 external code list.
 *
 * @param list which list
 * @param code e.g. {@code 45}, {@code N130}, {@code CO}
 * @param description the list's description
 * @param usage X12's usage note, empty when none
 * @param notes the maintenance notes ("Modified 4/1/07"), empty when none
 * @param startDate when the code became usable, or {@code null} when the list does not say
 * @param lastModified when its text last changed, or {@code null}
 * @param stopDate when the code was deactivated (no longer usable on or after this date), or {@code null}
 */
public record X12Code(X12CodeList list, String code, String description, String usage, String notes,
		LocalDate startDate, LocalDate lastModified, LocalDate stopDate) {

	/** Whether the code may be used in a transaction dated {@code date}. */
	public boolean activeOn(LocalDate date) {
		return (startDate == null || !date.isBefore(startDate)) && (stopDate == null || date.isBefore(stopDate));
	}
}
