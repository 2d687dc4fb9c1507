package org.openrcm.terminology.icd10cm;

/**
 * Two codes that an Excludes1 note says are never reported together (ICD-10-CM Official Guidelines I.A.12.a).
 *
 * @param code the code under whose hierarchy the note is written
 * @param excluded the other code, which the note excludes
 * @param noteOwner where the note is written: the code itself, an ancestor, or a section range
 * @param note the note's text, e.g. {@code malignant melanoma of lip (C43.0)}
 */
public record Excludes1Conflict(String code, String excluded, String noteOwner, String note) {}
