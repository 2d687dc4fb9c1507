package org.openrcm.terminology.icd10cm;

/**
 * One ICD-10-CM code of a release.
 *
 * @param code the dotted code, e.g. {@code E11.9}
 * @param billable whether it is valid for HIPAA-covered transactions (a leaf); {@code false} for a header
 *                 (category or subcategory that has more specific codes)
 * @param shortDescription the abbreviated title (order file columns 17-76); empty when the source has none
 * @param longDescription the full title
 * @param chapter the tabular chapter, or {@code null} when the source does not say
 * @param section the tabular section, or {@code null} when the source does not say
 */
public record Icd10CmCode(String code, boolean billable, String shortDescription, String longDescription,
		Icd10CmChapter chapter, Icd10CmSection section) {

	/** The title to show: the long description, else the short one. */
	public String display() {
		return longDescription.isEmpty() ? shortDescription : longDescription;
	}
}
