package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.adjustment;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.baseR4Errors;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.institutionalClaim;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.postLine;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.postTotals;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.professionalClaim;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.remark;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.response;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoiceLineItemComponent;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.junit.jupiter.api.Test;

/** The patient statement (Invoice) of a posted claim: what the patient owes, line by line, and base R4 validity. */
class PatientStatementsTest {

	/** 2024-07-02 in UTC, but 22:30 on July 1st in Chicago: the statement is dated in the clock's zone. */
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-02T03:30:00Z"), ZoneId.of("America/Chicago"));
	private static final Identifier STATEMENT_ID = new Identifier()
			.setSystem("http://openrcm.org/fhir/sid/patient-statement")
			.setValue("clm-1001/7100001/EFT1");

	private static Optional<Invoice> statement(Claim claim, ClaimResponse response) {
		return PatientStatements.from(claim, response, STATEMENT_ID, 30, CLOCK);
	}

	@Test
	void deductibleAndCoinsuranceMakeTheStatement() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "60.00", "CO", "45", "25.00", "PR", "1", "20.00", "PR", "2", "20.00");
		postLine(response, 2, "30.00", "20.00", "16.00", "CO", "45", "10.00", "PR", "2", "4.00");
		postTotals(response, "155.00", "120.00", "76.00", "44.00");

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.ISSUED);
		assertThat(invoice.getIdentifierFirstRep().getValue()).isEqualTo("clm-1001/7100001/EFT1");
		assertThat(invoice.getType().getCodingFirstRep().getCode()).isEqualTo("patient-statement");
		assertThat(invoice.getSubject().getReference()).isEqualTo("Patient/pat-1");
		assertThat(invoice.getRecipient().getReference()).isEqualTo("Patient/pat-1");
		assertThat(invoice.getIssuer().getReference()).isEqualTo("Organization/springfield-clinic");
		assertThat(invoice.getDateElement().getValueAsString()).isEqualTo("2024-07-01");
		assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("44.00");
		assertThat(invoice.getTotalGross().getValue()).isEqualByComparingTo("44.00");
		assertThat(invoice.getTotalNet().getCurrency()).isEqualTo("USD");
		assertThat(invoice.getPaymentTerms()).contains("30 days").contains("2024-07-31").contains("44.00 USD");
		assertThat(invoice.getNoteFirstRep().getText())
				.isEqualTo("Prairie Health Plan paid 76.00 USD on 2024-07-01 (payment EFT000123456).");

		assertThat(invoice.getLineItem()).hasSize(2);
		InvoiceLineItemComponent office = invoice.getLineItem().get(0);
		assertThat(office.getSequence()).isEqualTo(1);
		assertThat(office.getChargeItemCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("99213");
		assertThat(office.getPriceComponent()).filteredOn(c -> c.getType() == InvoicePriceComponentType.BASE)
				.extracting(c -> c.getCode().getText(), c -> c.getAmount().getValue().toPlainString())
				.containsExactly(tuple("Deductible (PR-1)", "20.00"),
						tuple("Coinsurance (PR-2)", "20.00"));
		assertThat(office.getPriceComponent()).filteredOn(c -> c.getType() == InvoicePriceComponentType.BASE)
				.allSatisfy(c -> assertThat(c.getCode().getCodingFirstRep().getSystem())
						.isEqualTo(ExplanationOfBenefitsPosting.CARC_SYSTEM));
		assertThat(office.getPriceComponent()).filteredOn(c -> c.getType() == InvoicePriceComponentType.INFORMATIONAL)
				.extracting(c -> c.getCode().getText(), c -> c.getAmount().getValue().toPlainString())
				.containsExactly(tuple("Billed", "125.00"),
						tuple("Paid by your plan", "60.00"));
		assertThat(invoice.getTotalPriceComponent())
				.extracting(c -> c.getCode().getCodingFirstRep().getCode(),
						c -> c.getAmount().getValue().toPlainString())
				.containsExactly(tuple("1", "20.00"),
						tuple("2", "24.00"));
		assertThat(baseR4Errors(invoice)).isEmpty();
	}

	@Test
	void aDeniedLineThePatientDoesNotOweIsNotOnTheStatement() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "60.00", "CO", "45", "25.00", "PR", "1", "20.00", "PR", "2", "20.00");
		remark(postLine(response, 2, "30.00", null, "0.00", "CO", "197", "30.00"), "N130");
		postTotals(response, "155.00", null, "60.00", "40.00");

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getLineItem()).extracting(InvoiceLineItemComponent::getSequence).containsExactly(1);
		assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("40.00");
		assertThat(baseR4Errors(invoice)).isEmpty();
	}

	@Test
	void aServiceThePlanDoesNotCoverIsOnTheStatementWhenThePatientOwesIt() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid in part (Processed as primary)");
		postLine(response, 1, "125.00", "100.00", "100.00", "CO", "45", "25.00");
		postLine(response, 2, "30.00", "30.00", "0.00", "PR", "96", "30.00");
		postTotals(response, "155.00", "130.00", "100.00", "30.00");

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getLineItem()).singleElement().satisfies(item -> {
			assertThat(item.getSequence()).isEqualTo(2);
			assertThat(item.getPriceComponent()).filteredOn(c -> c.getType() == InvoicePriceComponentType.BASE)
					.singleElement().satisfies(c -> {
						assertThat(c.getCode().getText()).isEqualTo("Not covered by your plan (PR-96)");
						assertThat(c.getAmount().getValue()).isEqualByComparingTo("30.00");
					});
		});
		assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("30.00");
	}

	@Test
	void aClaimThePatientOwesNothingOnHasNoStatement() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "100.00", "CO", "45", "25.00");
		postLine(response, 2, "30.00", "20.00", "20.00", "CO", "45", "10.00");
		postTotals(response, "155.00", "120.00", "120.00", "0.00");

		assertThat(statement(claim, response)).isEmpty();
	}

	@Test
	void withoutClp05TheTotalIsTheSumOfPatientResponsibility() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", null, "80.00", "CO", "45", "25.00", "PR", "3", "20.00");
		postLine(response, 2, "30.00", null, "20.00", "CO", "45", "10.00");
		postTotals(response, "155.00", null, "100.00", null);

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("20.00");
		assertThat(invoice.getLineItemFirstRep().getPriceComponent())
				.anySatisfy(c -> assertThat(c.getCode().getText()).isEqualTo("Copay (PR-3)"));
	}

	@Test
	void claimLevelPatientResponsibilityIsALineOfItsOwn() {
		Claim claim = institutionalClaim("0111");
		ClaimResponse response = response(claim, "Paid");
		response.addAdjudication(adjustment("PR", "1", "250.00"));
		postLine(response, 1, "800.00", null, "450.00", "CO", "45", "100.00");
		postLine(response, 2, "200.00", null, "150.00", "CO", "45", "50.00");
		postTotals(response, "1000.00", null, "600.00", "250.00");

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getLineItem()).singleElement().satisfies(item -> {
			assertThat(item.hasSequence()).isFalse();
			assertThat(item.getChargeItemCodeableConcept().getText()).isEqualTo("All services on this claim");
			assertThat(item.getPriceComponentFirstRep().getAmount().getValue()).isEqualByComparingTo("250.00");
		});
		assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("250.00");
		assertThat(baseR4Errors(invoice)).isEmpty();
	}

	@Test
	void aReversedResponseCancelsTheStatement() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "60.00", "CO", "45", "25.00", "PR", "1", "40.00");
		postLine(response, 2, "30.00", "20.00", "20.00", "CO", "45", "10.00");
		postTotals(response, "155.00", "120.00", "80.00", "40.00");
		response.setStatus(ClaimResponse.ClaimResponseStatus.CANCELLED);

		Invoice invoice = statement(claim, response).orElseThrow();

		assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.CANCELLED);
		assertThat(invoice.getCancelledReason()).contains("reversed");
		assertThat(invoice.getIdentifierFirstRep().getValue()).isEqualTo("clm-1001/7100001/EFT1");
		assertThat(baseR4Errors(invoice)).isEmpty();
	}

	@Test
	void aNegativeDueDateIsRefused() {
		Claim claim = professionalClaim();
		assertThatThrownBy(() -> PatientStatements.from(claim, response(claim, "Paid"), STATEMENT_ID, -1, CLOCK))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
