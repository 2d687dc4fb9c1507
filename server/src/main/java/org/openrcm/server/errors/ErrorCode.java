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
	/** A resource failed validation against the OpenRCM profile it must conform to. */
	PROFILE_VALIDATION_FAILED("ORCM-3001", IssueType.INVALID);

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
