package org.openrcm.terminology.icd10cm;

/**
 * A section (block of categories) of the ICD-10-CM tabular list.
 *
 * @param range the categories it spans, as the tabular's section id writes it, e.g. {@code C00-C14}
 * @param title the section title without its range, e.g. {@code Malignant neoplasms of lip, oral cavity and pharynx}
 */
public record Icd10CmSection(String range, String title) {}
