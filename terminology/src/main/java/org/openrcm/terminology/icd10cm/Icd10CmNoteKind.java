package org.openrcm.terminology.icd10cm;

/**
 * The instructional notes of the ICD-10-CM tabular list (ICD-10-CM Official Guidelines for Coding and Reporting,
 * section I.A), named after the tabular XML elements that carry them.
 */
public enum Icd10CmNoteKind {
	/** {@code <inclusionTerm>}: conditions classified to the code. */
	INCLUSION_TERM("inclusionTerm"),
	/** {@code <includes>}: further defines the content of a category. */
	INCLUDES("includes"),
	/** {@code <excludes1>}: "not coded here"; the excluded code is never reported with this one (I.A.12.a). */
	EXCLUDES1("excludes1"),
	/** {@code <excludes2>}: "not included here"; both may be reported together (I.A.12.b). */
	EXCLUDES2("excludes2"),
	/** {@code <codeFirst>}: sequence the underlying condition first (etiology/manifestation, I.A.13). */
	CODE_FIRST("codeFirst"),
	/** {@code <useAdditionalCode>}: report an additional code with this one (I.A.13). */
	USE_ADDITIONAL_CODE("useAdditionalCode"),
	/** {@code <codeAlso>}: two codes may be needed; sequencing is discretionary (I.A.17). */
	CODE_ALSO("codeAlso"),
	/** {@code <notes>}: other notes. */
	NOTES("notes"),
	/** {@code <sevenChrNote>}: the note explaining the 7th-character extensions. */
	SEVEN_CHARACTER_NOTE("sevenChrNote");

	private final String element;

	Icd10CmNoteKind(String element) {
		this.element = element;
	}

	/** The tabular XML element name. */
	public String element() {
		return element;
	}

	/** The kind for an element name, or {@code null} when the element is not a note block. */
	static Icd10CmNoteKind forElement(String name) {
		for (Icd10CmNoteKind kind : values()) {
			if (kind.element.equals(name)) {
				return kind;
			}
		}
		return null;
	}
}
