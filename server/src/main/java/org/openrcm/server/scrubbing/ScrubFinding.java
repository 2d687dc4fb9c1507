package org.openrcm.server.scrubbing;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * One thing the scrubber found on a claim: one OperationOutcome issue.
 *
 * @param rule the rule that fired
 * @param severity {@code ERROR} blocks submission, {@code WARNING} does not
 * @param text what is wrong, in a biller's words ({@code details.text})
 * @param fix how to fix it and which table or release said so ({@code diagnostics})
 * @param expressions the FHIRPath of each offending element, e.g. {@code Claim.item[1].modifier[0]}
 * @param ruleCoding a payer rule's own id, carried as a second {@code details.coding}; {@code null} otherwise
 */
public record ScrubFinding(ScrubRule rule, IssueSeverity severity, String text, String fix, List<String> expressions,
		Coding ruleCoding) {

	public ScrubFinding {
		expressions = List.copyOf(expressions);
	}

	static ScrubFinding error(ScrubRule rule, String text, String fix, String... expressions) {
		return new ScrubFinding(rule, IssueSeverity.ERROR, text, fix, List.of(expressions), null);
	}

	static ScrubFinding warning(ScrubRule rule, String text, String fix, String... expressions) {
		return new ScrubFinding(rule, IssueSeverity.WARNING, text, fix, List.of(expressions), null);
	}

	/** Whether it blocks submission. */
	public boolean blocking() {
		return severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL;
	}
}
