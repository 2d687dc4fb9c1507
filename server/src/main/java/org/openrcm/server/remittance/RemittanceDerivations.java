package org.openrcm.server.remittance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.remittance.ExplanationOfBenefits.NetworkStatus;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;

/**
 * What a posted adjudication adds besides the ClaimResponse: the patient's ExplanationOfBenefit
 * ({@link ExplanationOfBenefits}) and, when the patient owes something, the statement ({@link PatientStatements});
 * then the denial Tasks ({@link DenialTasks}). Each under an id derived from the posting, so a reversal rebuilds
 * them cancelled under the same ids.
 */
final class RemittanceDerivations implements RemittancePosting.Derivations {

	private final int statementDueDays;
	private final DenialTasks denials;

	RemittanceDerivations(int statementDueDays, DenialTasks denials) {
		this.statementDueDays = statementDueDays;
		this.denials = denials;
	}

	@Override
	public List<Resource> derive(Claim claim, ClaimResponse response, PostingKey key, String claimKey,
			Remittance remittance, ClaimPayment payment, Instant at) {
		List<Resource> derived = new ArrayList<>();
		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);
		eob.setId(key.id("eob", claimKey));
		eob.addIdentifier().setSystem(RemittancePosting.POSTING_SYSTEM).setValue(claimKey);
		derived.add(eob);
		Identifier statement = new Identifier().setSystem(RemittancePosting.POSTING_SYSTEM).setValue(claimKey);
		PatientStatements.from(claim, response, statement, statementDueDays, Clock.fixed(at, ZoneOffset.UTC))
				.ifPresent(invoice -> {
					invoice.setId(key.id("inv", claimKey));
					derived.add(invoice);
				});
		derived.addAll(denials.tasks(claim, response, key, claimKey, remittance, at));
		return derived;
	}
}
