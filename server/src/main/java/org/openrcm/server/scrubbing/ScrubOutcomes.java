package org.openrcm.server.scrubbing;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** Scrub findings as the OperationOutcome a biller reads: one issue per finding. */
final class ScrubOutcomes {

	private ScrubOutcomes() {}

	static OperationOutcome outcome(List<ScrubFinding> findings) {
		OperationOutcome outcome = new OperationOutcome();
		for (ScrubFinding finding : findings) {
			OperationOutcomeIssueComponent issue = outcome.addIssue()
					.setSeverity(finding.severity())
					.setCode(finding.rule().issueType())
					.setDiagnostics(finding.fix());
			CodeableConcept details = new CodeableConcept().setText(finding.text());
			details.addCoding().setSystem(ScrubRule.SYSTEM).setCode(finding.rule().code());
			if (finding.ruleCoding() != null) {
				details.addCoding(finding.ruleCoding().copy());
			}
			issue.setDetails(details);
			finding.expressions().forEach(issue::addExpression);
		}
		return outcome;
	}

	/** Whether an outcome has an issue that blocks submission. */
	static boolean hasErrors(List<ScrubFinding> findings) {
		return findings.stream().anyMatch(ScrubFinding::blocking);
	}
}
