package org.openrcm.terminology.mce;

/**
 * A diagnosis that fails an MCE edit for a patient.
 *
 * @param edit which edit failed
 * @param code the dotted ICD-10-CM code
 * @param message a sentence for the coder
 */
public record MceFinding(Edit edit, String code, String message) {

	/** The MCE edits this table implements, numbered as in the MCE definitions manual. */
	public enum Edit {
		/** MCE Edit 4: the diagnosis is inconsistent with the patient's age. */
		AGE_CONFLICT,
		/** MCE Edit 5: the diagnosis is inconsistent with the patient's sex. */
		SEX_CONFLICT,
		/** MCE Edit 6: a manifestation code is reported as principal diagnosis. */
		MANIFESTATION_AS_PRINCIPAL
	}
}
