package org.openrcm.terminology.icd10cm;

/**
 * A chapter of the ICD-10-CM tabular list.
 *
 * @param number the chapter number as CDC writes it, {@code 1} to {@code 22}
 * @param title the chapter title without its code range, e.g. {@code Neoplasms}
 * @param range the codes it spans, e.g. {@code C00-D49}
 */
public record Icd10CmChapter(String number, String title, String range) {}
