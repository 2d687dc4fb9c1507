package org.openrcm.server.denials;

import java.util.Arrays;
import java.util.Optional;
import org.openrcm.ig.OpenRcmIg;

/**
 * What kind of denial a remittance adjustment is, in the terms a biller sorts a denial worklist by. The codes are
 * part of the API: a denial Task carries one in {@code Task.reasonCode} (system {@link #SYSTEM}, the IG's CodeSystem
 * {@code denial-category}), and {@code $denial-patterns} groups by them. A code is never renamed or reused.
 */
public enum DenialCategory {

	/** The patient was not covered by this payer on the date of service, or the service is not a plan benefit. */
	ELIGIBILITY("eligibility", "Eligibility or coverage"),
	/** A prior authorization, precertification or referral was missing, exceeded or did not match. */
	AUTHORIZATION("authorization", "Authorization or referral"),
	/** A code, modifier, place of service or code pair was wrong, invalid on the date or bundled by an edit. */
	CODING("coding", "Coding or bundling"),
	/** The payer judged the service not needed, not proven or not supported at this level or frequency. */
	MEDICAL_NECESSITY("medical-necessity", "Medical necessity"),
	/** The claim (or its appeal) reached the payer after its filing limit. */
	TIMELY_FILING("timely-filing", "Timely filing"),
	/** The payer has processed the same claim or service before. */
	DUPLICATE("duplicate", "Duplicate claim or service"),
	/** The claim lacked data, an attachment or records the payer needs, or carried a billing error. */
	MISSING_INFORMATION("missing-information", "Missing information"),
	/** The part of the charge above the contracted or allowed amount: written off, not worked. */
	CONTRACTUAL("contractual", "Contractual adjustment"),
	/** What the patient owes (deductible, coinsurance, copay, or a service the patient is liable for). */
	PATIENT_RESPONSIBILITY("patient-responsibility", "Patient responsibility"),
	/** Anything else, including reason codes OpenRCM does not know. */
	OTHER("other", "Other");

	/** The code system of the category codes. */
	public static final String SYSTEM = OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM;

	private final String code;
	private final String display;

	DenialCategory(String code, String display) {
		this.code = code;
		this.display = display;
	}

	/** The code, e.g. {@code medical-necessity}. */
	public String code() {
		return code;
	}

	/** A short display for worklists and reports. */
	public String display() {
		return display;
	}

	/** The category of a code, if it is one. */
	public static Optional<DenialCategory> ofCode(String code) {
		return Arrays.stream(values()).filter(category -> category.code.equals(code)).findFirst();
	}
}
