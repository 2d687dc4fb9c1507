package org.openrcm.terminology.nucc;

/**
 * One code of the NUCC Health Care Provider Taxonomy (837 PRV03, NPPES).
 *
 * @param code ten characters ending in {@code X}, e.g. {@code 207Q00000X}
 * @param grouping the top level, e.g. {@code Allopathic & Osteopathic Physicians}
 * @param classification e.g. {@code Family Medicine}
 * @param specialization e.g. {@code Sports Medicine}; empty for a classification-level code
 * @param definition NUCC's definition, may be empty
 * @param notes NUCC's notes (sources, change history), may be empty
 * @param displayName NUCC's display name, e.g. {@code Family Medicine Physician}
 * @param section {@code Individual} or {@code Non-Individual}
 */
public record NuccTaxonomy(String code, String grouping, String classification, String specialization,
		String definition, String notes, String displayName, String section) {}
