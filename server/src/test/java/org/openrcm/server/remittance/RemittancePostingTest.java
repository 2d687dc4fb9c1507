package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.remittance.RemittanceFixtures.adjustment;
import static org.openrcm.server.remittance.RemittanceFixtures.claim;
import static org.openrcm.server.remittance.RemittanceFixtures.claimPayment;
import static org.openrcm.server.remittance.RemittanceFixtures.line;
import static org.openrcm.server.remittance.RemittanceFixtures.queued;
import static org.openrcm.server.remittance.RemittanceFixtures.remittance;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.ItemComponent;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.coding.FeeSchedule;
import org.openrcm.server.remittance.RemittancePosting.Derivations;
import org.openrcm.server.remittance.RemittancePosting.Target;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;

class RemittancePostingTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Instant STARTED = Instant.parse("2026-11-21T08:00:00Z");
	private static final PostingKey KEY = new PostingKey("clinic", "1999999999", "TRACE1");

	/** 100 + 20 charged; the payer allowed 80 + 20, paid 64 + 20, the patient owes 16 coinsurance. */
	private static Remittance paidClaim(String claimId) {
		return remittance("79.00", List.of(claimPayment(claimId, "1", "120.00", "84.00", "16.00", "PCN-" + claimId,
				List.of(), List.of(
						line("99213", "100.00", "64.00", "1", List.of(adjustment("CO", "45", "20.00"),
								adjustment("PR", "2", "16.00"))),
						line("36415", "20.00", "20.00", "2", List.of())))),
				List.of(new ProviderAdjustment("1234567893", null, "WO", "OVERPAY-7", new BigDecimal("5.00"))));
	}

	@Test
	void aPaidClaimIsPostedOntoTheResponseThatWaitedForItsAdjudication() {
		Claim claim = claim("c1");
		ClaimResponse open = queued("r1", "c1");
		RemittancePosting posting = new RemittancePosting(paidClaim("c1"), KEY, STARTED, Derivations.NONE);

		List<Resource> written = posting.post(0, new Target(claim, List.of(open)));

		assertThat(written).hasSize(1);
		ClaimResponse response = (ClaimResponse) written.get(0);
		assertThat(response.getIdElement().getIdPart()).isEqualTo("r1");
		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(response.getDisposition()).startsWith("Paid in part (Processed as primary");
		assertThat(response.getItem()).extracting(ItemComponent::getItemSequence).containsExactly(1, 2);
		List<AdjudicationComponent> first = response.getItem().get(0).getAdjudication();
		assertThat(amount(first, RemittancePosting.ADJUDICATION_SYSTEM, "submitted")).isEqualByComparingTo("100");
		assertThat(amount(first, RemittancePosting.ADJUDICATION_SYSTEM, "eligible")).isEqualByComparingTo("80");
		assertThat(amount(first, RemittancePosting.ADJUDICATION_SYSTEM, "benefit")).isEqualByComparingTo("64");
		assertThat(amount(first, RemittancePosting.GROUP_SYSTEM, "CO")).isEqualByComparingTo("20");
		AdjudicationComponent coinsurance = first.stream().filter(a -> a.getCategory().hasCoding(
				RemittancePosting.GROUP_SYSTEM, "PR")).findFirst().orElseThrow();
		assertThat(coinsurance.getReason().getCodingFirstRep().getCode()).isEqualTo("2");
		assertThat(coinsurance.getReason().getCodingFirstRep().getSystem()).isEqualTo(RemittancePosting.REASON_SYSTEM);
		assertThat(total(response, RemittancePosting.ADJUDICATION_SYSTEM, "submitted")).isEqualByComparingTo("120");
		assertThat(total(response, RemittancePosting.ADJUDICATION_SYSTEM, "eligible")).isEqualByComparingTo("100");
		assertThat(total(response, RemittancePosting.ADJUDICATION_SYSTEM, "benefit")).isEqualByComparingTo("84");
		assertThat(total(response, RemittancePosting.CARIN_ADJUDICATION_SYSTEM, "memberliability"))
				.isEqualByComparingTo("16");
		assertThat(response.getPayment().getAmount().getValue()).isEqualByComparingTo("84");
		assertThat(response.getPayment().getIdentifier().getValue()).isEqualTo("TRACE1");
		assertThat(RemittancePosting.postingKey(response)).isEqualTo("1999999999:TRACE1:0");

		PaymentReconciliation reconciliation = posting.reconciliation();
		assertThat(reconciliation.getPaymentAmount().getValue()).isEqualByComparingTo("79");
		assertThat(reconciliation.getPaymentIdentifier().getValue()).isEqualTo("TRACE1");
		assertThat(reconciliation.getPaymentIdentifier().getType().getCodingFirstRep().getCode()).isEqualTo("ACH");
		assertThat(reconciliation.getPaymentIssuer().getReference()).isEqualTo("Organization/acme");
		assertThat(reconciliation.getDetail()).hasSize(2);
		assertThat(reconciliation.getDetail().get(0).getRequest().getReference()).isEqualTo("Claim/c1");
		assertThat(reconciliation.getDetail().get(0).getResponse().getReference()).isEqualTo("ClaimResponse/r1");
		assertThat(reconciliation.getDetail().get(0).getAmount().getValue()).isEqualByComparingTo("84");
		PaymentReconciliation.DetailsComponent plb = reconciliation.getDetail().get(1);
		assertThat(plb.getType().hasCoding(RemittancePosting.PLB_SYSTEM, "WO")).isTrue();
		assertThat(plb.getAmount().getValue()).as("a PLB that takes money back is negative").isEqualByComparingTo("-5");
		assertThat(plb.getIdentifier().getValue()).isEqualTo("OVERPAY-7");
		BigDecimal details = reconciliation.getDetail().stream().map(d -> d.getAmount().getValue())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(details).as("the details add up to the payment").isEqualByComparingTo("79");
		assertThat(reconciliation.getDisposition()).isEqualTo("Payment TRACE1: 1 claim posted");
	}

	@Test
	void postingTheSamePaymentAgainWritesTheSameResources() {
		Claim claim = claim("c1");
		RemittancePosting first = new RemittancePosting(paidClaim("c1"), KEY, STARTED, Derivations.NONE);
		ClaimResponse posted = (ClaimResponse) first.post(0, new Target(claim, List.of(queued("r1", "c1")))).get(0);
		String stored = json(posted);

		RemittancePosting replay = new RemittancePosting(paidClaim("c1"), KEY, STARTED, Derivations.NONE);
		ClaimResponse again = (ClaimResponse) replay.post(0, new Target(claim,
				List.of((ClaimResponse) FHIR.newJsonParser().parseResource(stored)))).get(0);

		assertThat(json(again)).isEqualTo(stored);
		assertThat(json(replay.reconciliation())).isEqualTo(json(first.reconciliation()));
	}

	@Test
	void aSecondPaymentForAnAdjudicatedClaimGetsItsOwnResponse() {
		Claim claim = claim("c1");
		ClaimResponse adjudicated = (ClaimResponse) new RemittancePosting(paidClaim("c1"), KEY, STARTED,
				Derivations.NONE).post(0, new Target(claim, List.of(queued("r1", "c1")))).get(0);
		PostingKey later = new PostingKey("clinic", "1999999999", "TRACE2");

		ClaimResponse second = (ClaimResponse) new RemittancePosting(paidClaim("c1"), later, STARTED,
				Derivations.NONE).post(0, new Target(claim, List.of(adjudicated))).get(0);

		assertThat(second.getIdElement().getIdPart()).isEqualTo(later.id("cr", later.claim(0))).isNotEqualTo("r1");
		assertThat(second.getRequest().getReference()).isEqualTo("Claim/c1");
		assertThat(second.getInsurer().getReference()).isEqualTo("Organization/acme");
	}

	@Test
	void aReversalCancelsThePostedResponseAndTheCorrectionIsPostedAnew() {
		Claim claim = claim("c1");
		ClaimResponse adjudicated = (ClaimResponse) new RemittancePosting(paidClaim("c1"), KEY, STARTED,
				Derivations.NONE).post(0, new Target(claim, List.of(queued("r1", "c1")))).get(0);
		Remittance reversalAndCorrection = remittance("TRACE9", "-4.00", List.of(
				claimPayment("c1", "22", "-120.00", "-84.00", "-16.00", "PCN-c1", List.of(), List.of(
						line("99213", "-100.00", "-64.00", "1", List.of(adjustment("CO", "45", "-20.00"),
								adjustment("PR", "2", "-16.00"))),
						line("36415", "-20.00", "-20.00", "2", List.of()))),
				claimPayment("c1", "1", "120.00", "80.00", "16.00", "PCN-c1", List.of(), List.of(
						line("99213", "100.00", "64.00", "1", List.of(adjustment("CO", "45", "20.00"),
								adjustment("PR", "2", "16.00"))),
						line("36415", "20.00", "16.00", "2", List.of(adjustment("CO", "45", "4.00")))))),
				List.of());
		PostingKey key = new PostingKey("clinic", "1999999999", "TRACE9");
		RemittancePosting posting = new RemittancePosting(reversalAndCorrection, key, STARTED, Derivations.NONE);

		ClaimResponse cancelled = (ClaimResponse) posting.post(0, new Target(claim, List.of(adjudicated))).get(0);
		ClaimResponse corrected = (ClaimResponse) posting.post(1, new Target(claim, List.of(cancelled))).get(0);

		assertThat(cancelled.getIdElement().getIdPart()).isEqualTo("r1");
		assertThat(cancelled.getStatus()).isEqualTo(ClaimResponse.ClaimResponseStatus.CANCELLED);
		assertThat(cancelled.getDisposition()).contains("Reversed").contains("TRACE9");
		assertThat(corrected.getIdElement().getIdPart()).isEqualTo(key.id("cr", key.claim(1)));
		assertThat(corrected.getStatus()).isEqualTo(ClaimResponse.ClaimResponseStatus.ACTIVE);
		assertThat(total(corrected, RemittancePosting.ADJUDICATION_SYSTEM, "benefit")).isEqualByComparingTo("80");
		PaymentReconciliation reconciliation = posting.reconciliation();
		assertThat(reconciliation.getDetail()).extracting(d -> d.getAmount().getValue().toPlainString())
				.containsExactly("-84.00", "80.00");
		assertThat(reconciliation.getDisposition()).isEqualTo("Payment TRACE9: 1 claim posted, 1 reversal");
	}

	@Test
	void moneyForAClaimThatIsNotHereGoesToSuspenseAndShowsAsUndistributed() {
		RemittancePosting posting = new RemittancePosting(paidClaim("nowhere"), KEY, STARTED, Derivations.NONE);

		assertThat(posting.post(0, new Target(null, List.of()))).isEmpty();

		List<Resource> last = posting.finish();
		assertThat(last).hasSize(2).first().isInstanceOf(PaymentReconciliation.class);
		Task task = (Task) last.get(1);
		assertThat(task.getCode().hasCoding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, "remittance-suspense")).isTrue();
		assertThat(task.hasFocus()).isFalse();
		assertThat(task.getReasonReference().getReference())
				.isEqualTo("PaymentReconciliation/" + KEY.id("pr", KEY.value()));
		assertThat(((Money) input(task, "amount")).getValue()).isEqualByComparingTo("84");
		assertThat(task.getAuthoredOn().toInstant()).isEqualTo(STARTED);
		PaymentReconciliation reconciliation = posting.reconciliation();
		assertThat(reconciliation.getDetail().get(0).hasRequest()).isFalse();
		assertThat(reconciliation.getDisposition()).contains("1 in suspense (USD 84.00 undistributed)");
		assertThat(posting.undistributed()).isEqualByComparingTo("84");
		assertThat(posting.notes()).singleElement().asString().contains("nowhere").contains("suspense");
	}

	@Test
	void linesWithoutTheirControlNumberAreMatchedByCodeAndAnUnknownLineGoesToSuspense() {
		Claim claim = claim("c1");
		Remittance remittance = remittance("84.00", List.of(claimPayment("c1", "1", "130.00", "84.00", "16.00",
				"PCN-c1", List.of(), List.of(
						line("36415", "20.00", "20.00", null, List.of()),
						line("99213", "100.00", "64.00", null, List.of(adjustment("CO", "45", "20.00"),
								adjustment("PR", "2", "16.00"))),
						line("81002", "10.00", "0.00", null, List.of(adjustment("CO", "97", "10.00")), "M15")))),
				List.of());
		RemittancePosting posting = new RemittancePosting(remittance, KEY, STARTED, Derivations.NONE);

		List<Resource> written = posting.post(0, new Target(claim, List.of(queued("r1", "c1"))));

		ClaimResponse response = (ClaimResponse) written.get(0);
		assertThat(response.getItem()).extracting(ItemComponent::getItemSequence).containsExactly(2, 1);
		assertThat(total(response, RemittancePosting.ADJUDICATION_SYSTEM, "eligible")).as("not every line matched")
				.isNull();
		assertThat(written).hasSize(1);
		Task suspense = (Task) posting.finish().get(1);
		assertThat(suspense.getDescription()).contains("line 3 (81002)").contains("Claim/c1");
		assertThat(suspense.getFocus().getReference()).isEqualTo("Claim/c1");
		assertThat(((Money) input(suspense, "amount")).getValue()).isEqualByComparingTo("0");
	}

	@Test
	void aLineAllowedBelowThePayersContractedRateIsUnderpaid() {
		ChargeItemDefinition rate = new ChargeItemDefinition();
		rate.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		rate.setId("ChargeItemDefinition/acme-99213");
		rate.getCode().addCoding(new org.hl7.fhir.r4.model.Coding("http://www.ama-assn.org/go/cpt", "99213", null));
		rate.addUseContext().setValue(new org.hl7.fhir.r4.model.Reference("Organization/acme"))
				.getCode().setCode("program");
		rate.addPropertyGroup().addPriceComponent().setType(
				ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.BASE)
				.setAmount(new Money().setValue(new BigDecimal("110.00")).setCurrency("USD"));
		RemittancePosting posting = new RemittancePosting(paidClaim("c1"), KEY, STARTED, Derivations.NONE,
				FeeSchedule.contracted(List.of(rate)));

		List<Resource> written = posting.post(0, new Target(claim("c1"), List.of(queued("r1", "c1"))));

		List<Task> underpaid = written.stream().filter(Task.class::isInstance).map(Task.class::cast).toList();
		assertThat(underpaid).singleElement().satisfies(task -> {
			assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("underpaid");
			assertThat(((Money) input(task, "expected")).getValue()).isEqualByComparingTo("110");
			assertThat(((Money) input(task, "allowed")).getValue()).isEqualByComparingTo("80");
			assertThat(((Money) input(task, "amount")).getValue()).isEqualByComparingTo("30");
			assertThat(task.getReasonReference().getReference()).isEqualTo("ClaimResponse/r1");
		});
		assertThat(FeeSchedule.of(List.of(rate)).fee("http://www.ama-assn.org/go/cpt", "99213", null))
				.as("a payer's rate is not a charge").isEmpty();
	}

	@Test
	void aClaimThePayerPaysTwiceLeavesACreditBalance() {
		Claim claim = claim("c1");
		ClaimResponse adjudicated = (ClaimResponse) new RemittancePosting(paidClaim("c1"), KEY, STARTED,
				Derivations.NONE).post(0, new Target(claim, List.of(queued("r1", "c1")))).get(0);
		PostingKey again = new PostingKey("clinic", "1999999999", "TRACE2");

		List<Resource> written = new RemittancePosting(paidClaim("c1"), again, STARTED, Derivations.NONE)
				.post(0, new Target(claim, List.of(adjudicated)));

		Task credit = written.stream().filter(Task.class::isInstance).map(Task.class::cast).findFirst().orElseThrow();
		assertThat(credit.getCode().getCodingFirstRep().getCode()).isEqualTo("credit-balance");
		assertThat(((Money) input(credit, "amount")).getValue()).isEqualByComparingTo("84");
		assertThat(credit.getDescription()).contains("paid the claim again").contains("TRACE1");
		assertThat(credit.getReasonReference().getReference())
				.isEqualTo("ClaimResponse/" + again.id("cr", again.claim(0)));
	}

	private static BigDecimal amount(List<AdjudicationComponent> adjudications, String system, String code) {
		return adjudications.stream().filter(a -> a.getCategory().hasCoding(system, code)).findFirst()
				.map(a -> a.getAmount().getValue()).orElse(null);
	}

	private static BigDecimal total(ClaimResponse response, String system, String code) {
		return response.getTotal().stream().filter(t -> t.getCategory().hasCoding(system, code)).findFirst()
				.map(t -> t.getAmount().getValue()).orElse(null);
	}

	private static org.hl7.fhir.r4.model.Type input(Task task, String name) {
		return task.getInput().stream().filter(i -> name.equals(i.getType().getText())).findFirst().orElseThrow()
				.getValue();
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}
}
