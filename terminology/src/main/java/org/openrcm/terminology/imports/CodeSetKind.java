package org.openrcm.terminology.imports;

/** The code-set files the importer recognises, and what each becomes. */
public enum CodeSetKind {
	/** CDC ICD-10-CM order file, fixed width → {@code Icd10CmCodeSet}. */
	ICD10CM_ORDER_FILE("ICD-10-CM"),
	/** ICD-10-CM as CSV (the shared flattened order file) → {@code Icd10CmCodeSet}. */
	ICD10CM_CSV("ICD-10-CM"),
	/** CDC ICD-10-CM tabular XML → {@code Icd10CmTabular}. */
	ICD10CM_TABULAR("ICD-10-CM tabular"),
	/** MCE diagnosis age/sex/manifestation edits → {@code MceDiagnosisEdits}. */
	MCE_DIAGNOSIS_EDITS("MCE diagnosis edits"),
	/** CMS HCPCS record file (ANWEB) → {@code HcpcsCodeSet} with modifiers. */
	HCPCS_RECORD_FILE("HCPCS Level II"),
	/** HCPCS Level II as CSV → {@code HcpcsCodeSet}. */
	HCPCS_CSV("HCPCS Level II"),
	/** NCCI PTP edits, CSV or CMS text; the files of one quarter make one table → {@code PtpTable}. */
	NCCI_PTP("NCCI PTP"),
	/** NCCI medically unlikely edits → {@code MueTable}. */
	NCCI_MUE("NCCI MUE"),
	/** NCCI add-on code edits → {@code AddOnCodeTable}. */
	NCCI_AOC("NCCI add-on codes"),
	/** X12 CARC, RARC and group codes → {@code Map<X12CodeList, X12CodeSet>}. */
	X12_ADJUSTMENT_CODES("X12 CARC/RARC/group codes"),
	/** NUCC provider taxonomy → {@code NuccTaxonomyCodeSet}. */
	NUCC_TAXONOMY("NUCC taxonomy"),
	/** HCPCS Level II modifier list ({@code modifier, category, description}). */
	HCPCS_MODIFIERS("HCPCS modifiers"),
	/** CMS's grouped HCPCS modifier list ({@code modifier, group, ...}). */
	HCPCS_MODIFIER_GROUPS("HCPCS modifier groups"),
	/** CPT modifier codes ({@code modifier, category}). */
	CPT_MODIFIERS("CPT modifiers"),
	/** All modifier lists of the folder, merged → {@code ModifierCodeSet}. */
	MODIFIERS("modifiers"),
	/** CMS place of service list → {@code PlaceOfServiceCodeSet}. */
	PLACE_OF_SERVICE("place of service"),
	/** Physician fee schedule relative value file: a source of CPT codes. */
	PFS_RVU("PFS relative values"),
	/** A licensee's CPT descriptor file ({@code cpt*descriptor*.txt|tsv}) → {@code CptDescriptors}. */
	CPT_DESCRIPTORS("CPT descriptors"),
	/** CPT codes gathered from the NCCI and PFS files of the folder (with descriptors if given) → {@code CptCodeSet}. */
	CPT("CPT");

	private final String label;

	CodeSetKind(String label) {
		this.label = label;
	}

	/** A name for reports. */
	public String label() {
		return label;
	}
}
