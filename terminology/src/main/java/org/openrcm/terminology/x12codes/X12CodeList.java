package org.openrcm.terminology.x12codes;

/** The X12 external code lists of the 835 remittance's CAS and LQ segments that OpenRCM keeps. */
public enum X12CodeList {

	/** Claim adjustment reason codes (835 CAS02/05/...), maintained by X12; HL7's registered system URL. */
	CARC("https://x12.org/codes/claim-adjustment-reason-codes", "X12ClaimAdjustmentReasonCodes",
			"X12 Claim Adjustment Reason Codes"),

	/** Remittance advice remark codes (835 LQ02, MIA/MOA), maintained by CMS; HL7's registered system URL. */
	RARC("https://x12.org/codes/remittance-advice-remark-codes", "X12RemittanceAdviceRemarkCodes",
			"X12 Remittance Advice Remark Codes"),

	/**
	 * Claim adjustment group codes (835 CAS01: CO, CR, OA, PI, PR). HL7 has registered no system for them, so OpenRCM
	 * defines one; its CodeSystem carries X12's list address ({@link #X12_GROUP_LIST}) as an identifier.
	 */
	CLAIM_ADJUSTMENT_GROUP("http://openrcm.org/fhir/CodeSystem/claim-adjustment-group", "ClaimAdjustmentGroupCodes",
			"X12 Claim Adjustment Group Codes");

	/** Where X12 publishes the group code list. */
	public static final String X12_GROUP_LIST = "https://x12.org/codes/claim-adjustment-group-codes";

	private final String system;
	private final String name;
	private final String title;

	X12CodeList(String system, String name, String title) {
		this.system = system;
		this.name = name;
		this.title = title;
	}

	/** The FHIR code system URL. */
	public String system() {
		return system;
	}

	/** The CodeSystem name (computer-friendly). */
	public String codeSystemName() {
		return name;
	}

	public String title() {
		return title;
	}
}
