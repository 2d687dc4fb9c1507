package org.openrcm.terminology.ncci;

import java.time.LocalDate;

/**
 * An NCCI procedure-to-procedure edit in effect on a date of service: when both codes are reported for the same
 * patient, same provider and same date, the column-two code is denied unless the modifier indicator allows an
 * NCCI-associated modifier and one is reported.
 *
 * @param column1 the column-one (comprehensive) code, which is paid
 * @param column2 the column-two (component) code, which is denied
 * @param modifierIndicator 0, 1 or 9
 * @param effectiveDate the first date of service of the edit, or {@code null} when the source does not give it
 * @param deletionDate the last date of service of the edit, or {@code null} when it is active
 * @param rationale CMS's PTP edit rationale
 * @param priorTo1996 whether CMS marks the edit as in existence before 1996
 */
public record PtpEdit(String column1, String column2, PtpModifierIndicator modifierIndicator, LocalDate effectiveDate,
		LocalDate deletionDate, String rationale, boolean priorTo1996) {

	/** Whether the edit restricts billing the pair (indicator 0 or 1; 9 does not). */
	public boolean applies() {
		return modifierIndicator != PtpModifierIndicator.NOT_APPLICABLE;
	}
}
