package org.openrcm.server.errors;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The stable error codes OpenRCM puts on every OperationOutcome it emits, so support staff can search for them.
 * A code is never reused for another meaning. Each issue carries the code in {@code details.coding} (system
 * {@link #SYSTEM}) and as the prefix of {@code diagnostics}, the way HAPI prefixes its own {@code HAPI-nnnn} codes.
 */
public enum ErrorCode {

	/** The request body is larger than {@code openrcm.fhir.max-request-body}. */
	REQUEST_TOO_LARGE("ORCM-1001", IssueType.TOOCOSTLY),

	// ORCM-1010..1019: bulk data export ($export).

	/**
	 * {@code $export-poll-status}: no export job with this id was started in the tenant of the URL (it does not exist,
	 * or it belongs to another tenant: the answer is the same, so it reveals nothing).
	 */
	EXPORT_JOB_NOT_FOUND("ORCM-1010", IssueType.NOTFOUND),
	/** {@code $export} kick-off without {@code Prefer: respond-async} (bulk export is asynchronous only). */
	EXPORT_NOT_ASYNC("ORCM-1011", IssueType.INVALID),
	/** {@code $export} kick-off whose {@code _type} names a resource type this server does not store. */
	EXPORT_UNKNOWN_TYPE("ORCM-1012", IssueType.NOTSUPPORTED),
	/** {@code $export} kick-off through HAPI's all-partitions tenant {@code _ALL}: an export is one tenant's. */
	EXPORT_ONE_TENANT("ORCM-1013", IssueType.INVALID),

	// ORCM-2xxx: authentication and authorization (openrcm.security.*).

	/** The request carries no bearer token, and this server accepts none but its issuer's (401). */
	AUTHENTICATION_REQUIRED("ORCM-2001", IssueType.LOGIN),
	/**
	 * The bearer token is not accepted (401): not a JWT, a signature that is not the issuer's, another issuer, an
	 * audience other than this server's, expired or not yet valid.
	 */
	TOKEN_INVALID("ORCM-2002", IssueType.LOGIN),
	/** The token's SMART scopes do not allow this interaction on this resource (403). */
	SCOPE_INSUFFICIENT("ORCM-2003", IssueType.FORBIDDEN),
	/** The tenant in the URL is not one the token belongs to ({@code tenants} claim) (403). */
	TENANT_NOT_ALLOWED("ORCM-2004", IssueType.FORBIDDEN),
	/** A {@code patient/} scope without the {@code patient} claim it is narrowed to (403). */
	PATIENT_CONTEXT_MISSING("ORCM-2005", IssueType.FORBIDDEN),
	/** The operation is not mapped to the scopes it needs, so no token may call it (403). */
	OPERATION_NOT_AUTHORIZABLE("ORCM-2006", IssueType.FORBIDDEN),
	/** {@code .well-known/smart-configuration} without a configured issuer: no authorization server to name (404). */
	SMART_NOT_CONFIGURED("ORCM-2007", IssueType.NOTFOUND),

	// ORCM-2120..2139: protection (openrcm.security.rate-limit.*).

	/** The client sent more requests than {@code openrcm.security.rate-limit} allows; retry after a while (429). */
	RATE_LIMITED("ORCM-2120", IssueType.THROTTLED),
	// ORCM-2101..2119: the audit trail (openrcm.audit.*).

	/**
	 * AuditEvents are written by the server only: a create, update, patch or delete of an AuditEvent through the API
	 * (also as a batch or transaction entry, or by an operation such as {@code $delete-expunge}) is refused (405).
	 */
	AUDIT_IMMUTABLE("ORCM-2101", IssueType.NOTSUPPORTED),
	/**
	 * Reading or searching AuditEvents needs the auditor role ({@code openrcm.security.auditor-role}) in the token as
	 * well as a scope granting it (403).
	 */
	AUDIT_ROLE_REQUIRED("ORCM-2102", IssueType.FORBIDDEN),
	/**
	 * An audit event could not be recorded (the outbox table could not be written); logged as an error, the request's
	 * answer is already on its way.
	 */
	AUDIT_NOT_RECORDED("ORCM-2103", IssueType.EXCEPTION),

	/** A resource failed validation against the OpenRCM profile it must conform to. */
	PROFILE_VALIDATION_FAILED("ORCM-3001", IssueType.INVALID),

	// ORCM-4xxx: coding. 40xx refuse the request; 41xx are issues on a draft claim that a coder completes.

	/** {@code $draft-claim}: the encounter names no Patient as its subject, so there is nobody to bill. */
	ENCOUNTER_WITHOUT_PATIENT("ORCM-4001", IssueType.REQUIRED),
	/** Draft claim: the patient has no active Coverage; the claim has no insurance yet. */
	DRAFT_NO_COVERAGE("ORCM-4101", IssueType.INCOMPLETE),
	/** Draft claim: the chosen Coverage's period does not include the date of service. */
	DRAFT_COVERAGE_NOT_IN_EFFECT("ORCM-4102", IssueType.BUSINESSRULE),
	/** Draft claim: the encounter names no service provider Organization; the claim has no billing provider. */
	DRAFT_NO_BILLING_PROVIDER("ORCM-4103", IssueType.INCOMPLETE),
	/** Draft claim: no practitioner takes part in the encounter; the claim has no rendering provider. */
	DRAFT_NO_RENDERING_PROVIDER("ORCM-4104", IssueType.INCOMPLETE),
	/** Draft claim: none of the encounter's diagnoses has an ICD-10-CM code. */
	DRAFT_NO_DIAGNOSIS("ORCM-4105", IssueType.INCOMPLETE),
	/** Draft claim: more than 12 distinct ICD-10-CM codes; those after the twelfth are not on the claim. */
	DRAFT_TOO_MANY_DIAGNOSES("ORCM-4106", IssueType.TOOLONG),
	/** Draft claim: a Condition has no ICD-10-CM coding and is not on the claim. */
	DRAFT_DIAGNOSIS_NOT_ICD10CM("ORCM-4107", IssueType.CODEINVALID),
	/** Draft claim: a Procedure or ChargeItem has no CPT or HCPCS coding and is not billed. */
	DRAFT_SERVICE_NOT_CPT_OR_HCPCS("ORCM-4108", IssueType.CODEINVALID),
	/** Draft claim: the encounter has no billable service, so the claim has no lines. */
	DRAFT_NO_SERVICE_LINES("ORCM-4109", IssueType.INCOMPLETE),
	/** Draft claim: no place of service could be determined for the lines. */
	DRAFT_NO_PLACE_OF_SERVICE("ORCM-4110", IssueType.INCOMPLETE),
	/** Draft claim: a line has no charge (no price is known for it); its net and the total leave it out. */
	DRAFT_NO_CHARGE("ORCM-4111", IssueType.INCOMPLETE),
	/** Draft claim: a line's diagnosis pointers were not stated and point at the first diagnoses. */
	DRAFT_POINTERS_DEFAULTED("ORCM-4112", IssueType.INFORMATIONAL),
	/** Draft claim: a service carries more than four modifiers; those after the fourth are not on the line. */
	DRAFT_TOO_MANY_MODIFIERS("ORCM-4113", IssueType.TOOLONG),
	/** Draft claim: the encounter has no end time, so coding turnaround cannot be measured for it. */
	DRAFT_ENCOUNTER_NOT_ENDED("ORCM-4114", IssueType.INCOMPLETE),

	// ORCM-5xxx: scrubbing. The scrub findings themselves carry scrub-rule codes, not these.

	/** {@code Claim/$scrub} at type level without a Claim in {@code resource} (or as the body). */
	SCRUB_NO_CLAIM("ORCM-5001", IssueType.REQUIRED),
	/** {@code Claim/[id]/$scrub} with a {@code resource}: an instance scrub scrubs the stored claim only. */
	SCRUB_RESOURCE_AT_INSTANCE("ORCM-5002", IssueType.INVALID),
	/** Scrub on write, mode {@code reject}: the claim has scrub errors and was not stored. */
	SCRUB_REJECTED("ORCM-5003", IssueType.BUSINESSRULE),
	/** A payer rule ({@code Basic} with a payer-rule-type code) that the scrubber cannot use. */
	PAYER_RULE_INVALID("ORCM-5004", IssueType.INVALID),

	// ORCM-6xxx: claims out (X12 837). The request is refused with 422 and one issue per reason.

	/**
	 * {@code Claim/[id]/$x12-837} and submission: the claim lacks data an 837P or 837I needs (a party, an NPI, a
	 * payer id, a member id, a line's date, a type of bill, ...); the issue's {@code expression} is the FHIRPath of
	 * the element to fill.
	 */
	CLAIM_837_MISSING_DATA("ORCM-6001", IssueType.REQUIRED),
	/**
	 * {@code Claim/[id]/$x12-837} and submission: the claim is not a professional or institutional claim for
	 * payment (an oral, vision or pharmacy claim, a pre-authorization or predetermination, entered in error), so no
	 * 837 is written for it.
	 */
	CLAIM_837_NOT_SUPPORTED("ORCM-6002", IssueType.NOTSUPPORTED),
	/**
	 * {@code Claim/[id]/$x12-837} and submission: the claim holds something an 837 cannot carry (more than 12
	 * diagnoses, 50 lines, 4 modifiers or 4 pointers on a line of an 837P, a pointer to no diagnosis, an NDC that
	 * is not 11 digits, a type of bill or revenue code of the wrong form, a total that is not the sum of the line
	 * charges, ...), or the 837 written from it broke an X12 rule (a value too long, ...), which the issue locates
	 * by loop, segment and element.
	 */
	CLAIM_837_NOT_REPRESENTABLE("ORCM-6003", IssueType.INVALID),
	/**
	 * {@code Claim/[id]/$x12-837} and submission: a secondary (or later) claim carries an earlier payer's
	 * adjudication (its ClaimResponse) that does not balance: the claim's or a line's charge is not that payer's
	 * payment plus its adjustments, as the 837's coordination-of-benefits rules require. The issue names the
	 * insurance entry and the amounts.
	 */
	CLAIM_837_COB_UNBALANCED("ORCM-6004", IssueType.BUSINESSRULE),

	// ORCM-7xxx: eligibility (270/271). 7001-7009 refuse the request; 7010-7014 are stored on a
	// CoverageEligibilityResponse whose outcome is error; 7015-7016 refuse an $eligibility-batch.

	/** {@code CoverageEligibilityRequest/$submit} at type level without a request in {@code resource}. */
	ELIGIBILITY_NO_REQUEST("ORCM-7001", IssueType.REQUIRED),
	/** The request names no Patient, or the Patient cannot be read. */
	ELIGIBILITY_NO_PATIENT("ORCM-7002", IssueType.REQUIRED),
	/** The request names no Coverage in {@code insurance}, or it cannot be read, or it is not the patient's. */
	ELIGIBILITY_NO_COVERAGE("ORCM-7003", IssueType.REQUIRED),
	/** The Coverage's payer (or the request's insurer) has no payer id (identifier system .../sid/payer-id). */
	ELIGIBILITY_NO_PAYER_ID("ORCM-7004", IssueType.REQUIRED),
	/** The Coverage has no member id ({@code subscriberId}). */
	ELIGIBILITY_NO_MEMBER_ID("ORCM-7005", IssueType.REQUIRED),
	/** The request names no provider with an NPI (a Practitioner or Organization, identifier system us-npi). */
	ELIGIBILITY_NO_PROVIDER("ORCM-7006", IssueType.REQUIRED),
	/** The 270 written from the request broke an X12 rule (a value too long, ...); the issue names the segment. */
	ELIGIBILITY_NOT_REPRESENTABLE("ORCM-7007", IssueType.INVALID),
	/** The payer did not answer within the connection's real-time timeout; nothing came back. */
	ELIGIBILITY_TIMEOUT("ORCM-7010", IssueType.TIMEOUT),
	/** The clearinghouse or payer could not be reached, or said it is unavailable; the 270 may be sent again. */
	ELIGIBILITY_UNAVAILABLE("ORCM-7011", IssueType.TRANSIENT),
	/** The clearinghouse refused the 270 (a 999 rejecting it, or a refused message envelope). */
	ELIGIBILITY_REFUSED("ORCM-7012", IssueType.INVALID),
	/** An answer came but could not be applied (not a valid 271, or a 271 about another inquiry). */
	ELIGIBILITY_ANSWER_UNUSABLE("ORCM-7013", IssueType.PROCESSING),
	/** The 270 could not be put on the batch channel (the upload failed after its retries, or no channel). */
	ELIGIBILITY_NOT_SENT("ORCM-7014", IssueType.TRANSIENT),
	/** {@code $eligibility-batch}: a parameter is missing or wrong (no range and no coverage, start after end). */
	ELIGIBILITY_BATCH_INVALID("ORCM-7015", IssueType.INVALID),
	/** {@code $eligibility-batch}: more checks than {@code openrcm.eligibility.batch-max-checks}. */
	ELIGIBILITY_BATCH_TOO_MANY("ORCM-7016", IssueType.TOOCOSTLY),
	/**
	 * A 270 sent in a batch file was rejected by the clearinghouse's 999 (its transaction set, or its functional group
	 * as a whole); stored on the check's CoverageEligibilityResponse (outcome error) with the 999's reasons in words,
	 * and counted as failed on its {@code $eligibility-batch} Task. Correct the request and check again.
	 */
	ELIGIBILITY_BATCH_REJECTED("ORCM-7017", IssueType.INVALID),

	// ORCM-70xx: what payers say about claims: claim status (7020..7039).

	/** {@code Claim/[id]/$status}: no such claim in the tenant. */
	CLAIM_STATUS_UNKNOWN_CLAIM("ORCM-7020", IssueType.NOTFOUND),
	/** {@code Claim/[id]/$status}: the claim was never sent to a payer, so no payer knows it. */
	CLAIM_STATUS_NOT_SENT("ORCM-7021", IssueType.BUSINESSRULE),
	/** {@code Claim/[id]/$status}: the claim lacks what a 276 needs (payer id, provider NPI, member id). */
	CLAIM_STATUS_MISSING_DATA("ORCM-7022", IssueType.REQUIRED),
	/** {@code Claim/[id]/$status}: no answer within the real-time timeout (504); recorded on the status trail. */
	CLAIM_STATUS_TIMEOUT("ORCM-7023", IssueType.TIMEOUT),
	/** {@code Claim/[id]/$status}: the payer or clearinghouse could not be reached (503); recorded on the trail. */
	CLAIM_STATUS_UNAVAILABLE("ORCM-7024", IssueType.TRANSIENT),
	/**
	 * {@code Claim/[id]/$status}: the request was refused (the real-time envelope, a 999) or the answer could not be
	 * applied (502); recorded on the trail.
	 */
	CLAIM_STATUS_REFUSED("ORCM-7025", IssueType.EXCEPTION),
	/**
	 * A 276 sent as a file was rejected by the clearinghouse's 999; recorded on the claim's status trail Task
	 * ({@code failed}, its {@code statusReason} and a note giving the 999's reasons in words).
	 */
	CLAIM_STATUS_BATCH_REJECTED("ORCM-7026", IssueType.INVALID),

	// ORCM-7040..7059: prior authorization (Da Vinci PAS, X12 278).

	/**
	 * {@code Claim/$submit} with a prior authorization, {@code Claim/$inquire}: the request holds no Bundle whose
	 * first Claim has use {@code preauthorization}.
	 */
	PRIOR_AUTH_NO_REQUEST("ORCM-7040", IssueType.REQUIRED),
	/**
	 * Prior authorization: the PAS request lacks what a 278 needs (the payer's id, the provider's NPI, the member id,
	 * a CPT/HCPCS code, an ICD-10-CM diagnosis, ...); one issue per gap, its {@code expression} the element to fill.
	 * Nothing was stored or sent.
	 */
	PRIOR_AUTH_MISSING_DATA("ORCM-7041", IssueType.REQUIRED),
	/**
	 * Prior authorization: the 278 written from the request broke an X12 rule (a value too long, ...), which the issue
	 * locates by loop, segment and element. Nothing was stored or sent.
	 */
	PRIOR_AUTH_NOT_REPRESENTABLE("ORCM-7042", IssueType.INVALID),
	/**
	 * Prior authorization: the payer did not answer within the real-time connection's timeout. The request and its
	 * ClaimResponse (outcome {@code error}) are stored; ask again with {@code $inquire} or submit anew.
	 */
	PRIOR_AUTH_TIMEOUT("ORCM-7043", IssueType.TIMEOUT),
	/**
	 * Prior authorization: the payer's real-time endpoint could not be reached, said it is unavailable, or refused the
	 * message envelope. Stored as for {@link #PRIOR_AUTH_TIMEOUT}.
	 */
	PRIOR_AUTH_UNAVAILABLE("ORCM-7044", IssueType.TRANSIENT),
	/**
	 * Prior authorization: the payer rejected the 278 itself (a 999, or an answer that is not a readable 278
	 * response). Stored as for {@link #PRIOR_AUTH_TIMEOUT}.
	 */
	PRIOR_AUTH_REJECTED("ORCM-7045", IssueType.PROCESSING),
	/**
	 * Prior authorization: the 278 could not be put on the clearinghouse's batch channel. Stored as for
	 * {@link #PRIOR_AUTH_TIMEOUT}.
	 */
	PRIOR_AUTH_NOT_SENT("ORCM-7046", IssueType.TRANSIENT),
	/** {@code Claim/$inquire}: no prior authorization request of this tenant matches the inquiry's Claim. */
	PRIOR_AUTH_NOT_FOUND("ORCM-7047", IssueType.NOTFOUND),
	/**
	 * Prior authorization: a 278 sent as a batch file was rejected by the clearinghouse's 999; its ClaimResponse is
	 * stored with outcome {@code error} and the 999's reasons in words. Ask again with {@code $inquire} or submit anew.
	 */
	PRIOR_AUTH_BATCH_REJECTED("ORCM-7048", IssueType.INVALID),

	// ORCM-8xxx: submission to a clearinghouse, and inbound X12.

	/** {@code Claim/$submit}: no Claim in the request (a Bundle whose first Claim entry is the claim to submit). */
	SUBMIT_NO_CLAIM("ORCM-8001", IssueType.REQUIRED),
	/** {@code $submit}: the claim is queued or sent already and has not been rejected; it is not sent twice. */
	SUBMIT_IN_FLIGHT("ORCM-8002", IssueType.CONFLICT),
	/** {@code $submit}: the claim has scrub errors; the other issues are the scrub findings. */
	SUBMIT_SCRUB_ERRORS("ORCM-8003", IssueType.BUSINESSRULE),
	/** {@code $submit}: the claim is not one that is sent (a draft, a pre-authorization, entered in error). */
	SUBMIT_NOT_SUBMITTABLE("ORCM-8004", IssueType.NOTSUPPORTED),
	/** {@code $x12-ingest}: the request holds no X12 file. */
	INGEST_NO_CONTENT("ORCM-8010", IssueType.REQUIRED),
	/**
	 * {@code $x12-ingest}: the file was rejected and nothing in it was applied; one issue per fault, naming its
	 * segment and element.
	 */
	INGEST_REJECTED("ORCM-8011", IssueType.INVALID),
	/** {@code $x12-ingest}: part of the file was not applied (a warning next to what was). */
	INGEST_NOT_APPLIED("ORCM-8012", IssueType.INCOMPLETE),

	// ORCM-9xxx: denials and the actions on them.

	/** {@code $denial-patterns}: a parameter is not valid (an unknown groupBy, a date that is none, from after to). */
	DENIAL_PATTERNS_INVALID("ORCM-9001", IssueType.INVALID),
	/** {@code $denial-patterns}: the period holds more denial Tasks than {@code openrcm.denials.max-tasks}. */
	DENIAL_PATTERNS_TOO_MANY("ORCM-9002", IssueType.TOOCOSTLY),
	/**
	 * {@code Claim/[id]/$correct}: the claim has no payer claim number yet (the payer neither accepted nor
	 * adjudicated it), so a replacement could not name what it replaces.
	 */
	CLAIM_NOT_ADJUDICATED("ORCM-9010", IssueType.BUSINESSRULE),
	/** {@code Claim/[id]/$write-off}: the claim has no open denial, or less than the amount asked for. */
	WRITE_OFF_NOTHING_OPEN("ORCM-9011", IssueType.BUSINESSRULE),
	/** {@code $appeal}, {@code $write-off}: a parameter is missing or wrong (no reason, an attachment not stored). */
	ACTION_PARAMETER_MISSING("ORCM-9012", IssueType.REQUIRED);

	/** The code system of OpenRCM error codes. */
	public static final String SYSTEM = "http://openrcm.org/fhir/CodeSystem/error-code";

	private final String code;
	private final IssueType issueType;

	ErrorCode(String code, IssueType issueType) {
		this.code = code;
		this.issueType = issueType;
	}

	public String code() {
		return code;
	}

	/** An OperationOutcome with one error issue carrying this code and the message. */
	public OperationOutcome outcome(String message) {
		OperationOutcome outcome = new OperationOutcome();
		addIssue(outcome, IssueSeverity.ERROR, message);
		return outcome;
	}

	/** Adds an issue carrying this code to the outcome and returns the issue for further detail. */
	public OperationOutcome.OperationOutcomeIssueComponent addIssue(
			OperationOutcome outcome, IssueSeverity severity, String message) {
		return outcome.addIssue()
				.setSeverity(severity)
				.setCode(issueType)
				.setDetails(new CodeableConcept(new Coding(SYSTEM, code, null)).setText(message))
				.setDiagnostics(code + ": " + message);
	}
}
