package org.openrcm.server.claims;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * A claim that cannot be written as an 837, with every reason found (not only the first). Nothing was written for
 * it and no control number was spent for it, except for
 * {@link org.openrcm.server.errors.ErrorCode#CLAIM_837_NOT_REPRESENTABLE} faults found by the X12 validation of the
 * written interchange, whose numbers stay spent (in a batch: the numbers of the interchange that failed).
 */
public final class Claim837Exception extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Claim837Problem> problems;

	/**
	 * @param claim the claim as messages name it, e.g. {@code Claim/1001}
	 * @param transaction what it was to be written as: {@code 837P}, {@code 837I}, or {@code 837} when its type
	 *     has no 837
	 */
	Claim837Exception(String claim, String transaction, List<Claim837Problem> problems) {
		super(claim + " cannot be written as an " + transaction + ": " + problems.size() + " problem"
				+ (problems.size() == 1 ? "" : "s") + ", the first: " + problems.get(0).code().code() + " "
				+ problems.get(0).text());
		this.problems = List.copyOf(problems);
	}

	/** Every reason, in the order found. */
	public List<Claim837Problem> problems() {
		return problems;
	}

	/**
	 * One error issue per problem: its code in {@code details.coding}, what is wrong in {@code details.text}, the
	 * code, what is wrong and how to fix it in {@code diagnostics}, and the FHIRPath of the element in
	 * {@code expression}.
	 */
	public OperationOutcome outcome() {
		OperationOutcome outcome = new OperationOutcome();
		for (Claim837Problem problem : problems) {
			var issue = problem.code().addIssue(outcome, IssueSeverity.ERROR, problem.text() + " " + problem.fix());
			issue.getDetails().setText(problem.text());
			if (problem.expression() != null) {
				issue.addExpression(problem.expression());
			}
		}
		return outcome;
	}
}
