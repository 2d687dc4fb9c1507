package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code DX-POINTER}: each line points to one to {@link ScrubSettings#maxPointers()} diagnoses of the claim (SV107),
 * and the claim has at most {@link ScrubSettings#maxDiagnoses()} (HI).
 */
final class DiagnosisPointerCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		ScrubSettings settings = context.settings();
		Set<Integer> sequences = new HashSet<>();
		for (DiagnosisComponent diagnosis : context.claim().getDiagnosis()) {
			sequences.add(diagnosis.getSequence());
		}
		int diagnoses = context.claim().getDiagnosis().size();
		if (diagnoses > settings.maxDiagnoses()) {
			context.add(error(ScrubRule.DX_POINTER, "The claim lists " + diagnoses + " diagnoses; an 837P carries at most "
					+ settings.maxDiagnoses() + ".", "Keep the " + settings.maxDiagnoses() + " diagnoses the lines point "
					+ "to, or split the services over two claims.", "Claim.diagnosis"));
		}
		for (ServiceLine line : context.lines()) {
			String at = "Line " + (line.index() + 1);
			if (line.pointers().isEmpty()) {
				context.add(error(ScrubRule.DX_POINTER, at + " points to no diagnosis.", "Point the line to the "
						+ "diagnosis it treats (diagnosisSequence).", line.path() + ".diagnosisSequence"));
				continue;
			}
			if (line.pointers().size() > settings.maxPointers()) {
				context.add(error(ScrubRule.DX_POINTER, at + " points to " + line.pointers().size() + " diagnoses; at most "
						+ settings.maxPointers() + " are allowed.", "Keep the " + settings.maxPointers() + " most relevant "
						+ "pointers, the primary one first.", line.path() + ".diagnosisSequence"));
			}
			for (int p = 0; p < line.pointers().size(); p++) {
				int pointer = line.pointers().get(p);
				if (!sequences.contains(pointer)) {
					context.add(error(ScrubRule.DX_POINTER, at + " points to diagnosis " + pointer + ", which the claim "
							+ "does not list.", "Point to a diagnosis sequence of Claim.diagnosis, or add the diagnosis.",
							line.path() + ".diagnosisSequence[" + p + "]"));
				}
			}
		}
	}
}
