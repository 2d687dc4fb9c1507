package org.openrcm.server.denials;

/**
 * What a biller should do next about an adjustment, as {@link DenialClassifier} suggests it. A denial Task carries
 * the constant's name in {@code Task.businessStatus.text} (e.g. {@code OBTAIN_AUTHORIZATION}).
 */
public enum NextAction {

	/** Fix the claim (codes, modifiers, data) and send a replacement claim (frequency 7, {@code Claim/$correct}). */
	CORRECT_AND_RESUBMIT,
	/** Ask the payer to reconsider, with records or proof ({@code Claim/$appeal}). */
	APPEAL,
	/** Check the patient's coverage (a 270/271), then bill the right payer or correct the coverage on the claim. */
	VERIFY_ELIGIBILITY,
	/** Obtain the missing or retroactive authorization or referral, then resubmit or appeal with it. */
	OBTAIN_AUTHORIZATION,
	/** Nothing more can be collected from this payer for it: record a write-off ({@code Claim/$write-off}). */
	WRITE_OFF,
	/** The amount is the patient's: it goes on the patient's statement. */
	BILL_PATIENT,
	/** Nothing to suggest: nothing to do, or a reason OpenRCM does not know (read the payer's remarks). */
	NONE
}
