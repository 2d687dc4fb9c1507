package org.openrcm.server.priorauth;

/**
 * The Da Vinci Prior Authorization Support (PAS) IG's names that OpenRCM reads and writes: its extensions on the
 * ClaimResponse, and the X12 code systems it binds. OpenRCM answers in the shapes of PAS STU 2 (request and
 * response Bundles, the reviewAction extension on each item's adjudication); it does not claim conformance to every
 * PAS profile (no CDS Hooks, no Task-based additional information).
 */
public final class PasProfile {

	private static final String BASE = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/";

	/** Item-level review outcome: sub-extensions {@code code}, {@code number}, {@code reasonCode}. */
	public static final String REVIEW_ACTION = BASE + "extension-reviewAction";
	/** The {@code code} sub-extension of {@link #REVIEW_ACTION} (HCR01). */
	public static final String REVIEW_ACTION_CODE = BASE + "extension-reviewActionCode";
	/** The period an item's authorization holds. */
	public static final String ITEM_PRE_AUTH_PERIOD = BASE + "extension-itemPreAuthPeriod";
	/** An error's follow-up action (AAA04). */
	public static final String FOLLOWUP_ACTION = BASE + "extension-followupAction";
	/** The UMO's reference of a pended or disallowed review (REF*NT). */
	public static final String ADMINISTRATION_REFERENCE_NUMBER = BASE + "extension-administrationReferenceNumber";

	/** X12 element 306, the review action (HCR01). */
	public static final String REVIEW_ACTION_SYSTEM = "https://codesystem.x12.org/005010/306";
	/** X12 code list 886, the review decision reason (HCR03). */
	public static final String REVIEW_REASON_SYSTEM = "https://codesystem.x12.org/external/886";
	/** X12 element 901, the reject reason (AAA03). */
	public static final String REJECT_REASON_SYSTEM = "https://codesystem.x12.org/005010/901";
	/** X12 element 889, the follow-up action (AAA04). */
	public static final String FOLLOWUP_ACTION_SYSTEM = "https://codesystem.x12.org/005010/889";
	/** PAS identifiers of a 278 trace number use {@code urn:trnorg:<TRN03>}. */
	public static final String TRACE_SYSTEM_PREFIX = "urn:trnorg:";

	private PasProfile() {}
}
