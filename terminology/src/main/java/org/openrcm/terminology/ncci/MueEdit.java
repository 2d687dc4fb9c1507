package org.openrcm.terminology.ncci;

/**
 * A medically unlikely edit: the most units of service of a code one provider reports for one patient.
 *
 * @param code the HCPCS/CPT code
 * @param maximumUnits the MUE value
 * @param adjudicationIndicator per line (MAI 1) or per date of service (MAI 2, 3)
 * @param rationale CMS's MUE rationale, e.g. {@code Anatomic Consideration}
 */
public record MueEdit(String code, int maximumUnits, MueAdjudicationIndicator adjudicationIndicator, String rationale) {

	/** Whether {@code units} (of one line for MAI 1, of the date of service for MAI 2 and 3) exceed the limit. */
	public boolean exceededBy(int units) {
		return units > maximumUnits;
	}
}
