package org.openrcm.server.eligibility;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.openrcm.server.errors.ErrorCode;

/**
 * Why a CoverageEligibilityRequest cannot be sent: a missing or unreadable party, a payer without an id, a 270 that
 * breaks an X12 rule. Carries its {@link ErrorCode}, the message and the FHIRPath of what to fix.
 */
final class EligibilityProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ErrorCode code;
	private final String expression;

	EligibilityProblem(ErrorCode code, String message, String expression) {
		super(message);
		this.code = code;
		this.expression = expression;
	}

	ErrorCode code() {
		return code;
	}

	/** An OperationOutcome with one error issue: the code, the message and the expression. */
	OperationOutcome outcome() {
		OperationOutcome outcome = new OperationOutcome();
		var issue = code.addIssue(outcome, OperationOutcome.IssueSeverity.ERROR, getMessage());
		if (expression != null) {
			issue.addExpression(expression);
		}
		return outcome;
	}
}
