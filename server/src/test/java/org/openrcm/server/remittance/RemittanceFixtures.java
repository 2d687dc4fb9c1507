package org.openrcm.server.remittance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/** Small 835 payments and the claims they pay, for the posting's tests. */
final class RemittanceFixtures {

	static final LocalDate PAID_ON = LocalDate.of(2026, 11, 20);
	static final LocalDate SERVED_ON = LocalDate.of(2026, 10, 1);

	private RemittanceFixtures() {}

	static BigDecimal amount(String value) {
		return new BigDecimal(value);
	}

	static Adjustment adjustment(String group, String reason, String amount) {
		return new Adjustment(group, reason, amount(amount), null);
	}

	/** A line paid for code 99213 (or another), with its REF*6R when {@code control} is not null. */
	static ServicePayment line(String code, String charge, String paid, String control, List<Adjustment> adjustments,
			String... remarks) {
		return new ServicePayment(new Procedure("HC", code, List.of()), amount(charge), amount(paid), null,
				BigDecimal.ONE, null, null, SERVED_ON, SERVED_ON, adjustments, control, List.of(), null,
				List.of(remarks));
	}

	static ClaimPayment claimPayment(String controlNumber, String status, String charge, String paid,
			String patientResponsibility, String payerClaimNumber, List<Adjustment> adjustments,
			List<ServicePayment> lines) {
		return new ClaimPayment(controlNumber, status, amount(charge), amount(paid),
				patientResponsibility == null ? null : amount(patientResponsibility), "CI", payerClaimNumber, "11",
				"1", adjustments, new Party("QC", "DOE", "JANE", "MI", "M123", List.of()), null, null, null, null,
				null, null, null, List.of(), List.of(), lines);
	}

	static Remittance remittance(String amount, List<ClaimPayment> claims, List<ProviderAdjustment> plb) {
		return remittance("TRACE1", amount, claims, plb);
	}

	static Remittance remittance(String trace, String amount, List<ClaimPayment> claims,
			List<ProviderAdjustment> plb) {
		return new Remittance("0001", new Payment("C", amount(amount), "C", "ACH", PAID_ON), trace, "1999999999",
				PAID_ON, new Party("PR", "ACME HEALTH", null, "XV", "ACME01", List.of()),
				new Party("PE", "GOOD CLINIC", null, "XX", "1234567893", List.of()), claims, plb);
	}

	/** A claim with lines 1 (99213) and 2 (36415), stored as Claim/{id}. */
	static Claim claim(String id) {
		Claim claim = new Claim();
		claim.setId("Claim/" + id);
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
				"professional", null)));
		claim.setPatient(new Reference("Patient/p1"));
		claim.setProvider(new Reference("Organization/clinic"));
		claim.setInsurer(new Reference("Organization/acme"));
		item(claim, 1, "99213");
		item(claim, 2, "36415");
		return claim;
	}

	static void item(Claim claim, int sequence, String code) {
		claim.addItem().setSequence(sequence).setProductOrService(new CodeableConcept(new Coding(
				"http://www.ama-assn.org/go/cpt", code, null))).setServiced(new DateType(SERVED_ON.toString()));
	}

	/** The ClaimResponse of a claim submitted and waiting for its adjudication. */
	static ClaimResponse queued(String id, String claimId) {
		ClaimResponse response = new ClaimResponse();
		response.setId("ClaimResponse/" + id);
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setUse(ClaimResponse.Use.CLAIM);
		response.setOutcome(ClaimResponse.RemittanceOutcome.QUEUED);
		response.setRequest(new Reference("Claim/" + claimId));
		response.setPatient(new Reference("Patient/p1"));
		response.setInsurer(new Reference("Organization/acme"));
		response.addIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue("PCN-" + claimId);
		return response;
	}
}
