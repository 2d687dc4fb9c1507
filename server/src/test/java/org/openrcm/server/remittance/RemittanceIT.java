package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.sandbox.PayerSandbox;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.BillableClaims.Parties;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;
import org.openrcm.server.x12.remit.Remittance835Writer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Remittance over HTTP: claims submitted to the payer sandbox come back paid (an 835 the sandbox writes), as a
 * ClaimResponse adjudication, a PaymentReconciliation, the patient's EOB and statement; a denial becomes a Task a
 * biller corrects, and the corrected claim goes out and is paid. 835s posted with {@code $x12-ingest}: a payment is
 * posted once however often it comes, a file that does not balance is turned away whole, a reversal cancels what it
 * reverses, and money for a claim that is not here goes to suspense.
 */
@OpenRcmServerTest
class RemittanceIT {

	private static final String X12 = "application/EDI-X12";
	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Remittance835Writer WRITER = new Remittance835Writer(new X12InterchangeWriter(SCHEMAS,
			new InMemoryControlNumbers(), Clock.systemUTC()));
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "PAYER", "ZZ", "OPENRCM", "PAYER", "OPENRCM",
			X12Usage.TEST, false);

	@LocalServerPort
	int port;

	@Autowired
	PayerSandbox sandbox;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	@Test
	void aClaimSubmittedToTheSandboxComesBackPaidWithItsEobAndThePatientsStatement() {
		Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
		String claim = BillableClaims.store(http, tenant, BillableClaims.claim(parties));
		assertThat(submit(claim).status()).isEqualTo(200);

		ClaimResponse paid = awaitAdjudicated(claim);

		// the sandbox allows 80% (99213: 125.00 -> 100.00, 96372: 30.00 -> 24.00) and the patient owes 20% of it
		assertThat(paid.getDisposition()).startsWith("Paid in part (Processed as primary");
		assertThat(total(paid, "benefit")).isEqualByComparingTo("99.20");
		assertThat(total(paid, "submitted")).isEqualByComparingTo("155.00");
		assertThat(paid.getItem()).hasSize(2);
		PaymentReconciliation payment = single(PaymentReconciliation.class, "PaymentReconciliation?_count=10");
		assertThat(payment.getDetail()).anySatisfy(detail -> {
			assertThat(detail.getRequest().getReference()).isEqualTo(claim);
			assertThat(detail.getAmount().getValue()).isEqualByComparingTo("99.20");
		});
		ExplanationOfBenefit eob = single(ExplanationOfBenefit.class, "ExplanationOfBenefit?patient="
				+ parties.patient());
		assertThat(eob.getClaim().getReference()).isEqualTo(claim);
		assertThat(eob.getOutcome()).isEqualTo(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
		Invoice statement = single(Invoice.class, "Invoice?subject=" + parties.patient());
		assertThat(statement.getTotalNet().getValue()).isEqualByComparingTo("24.80");
		assertThat(denialTasks(claim)).isEmpty();
	}

	@Test
	void aDeniedClaimIsCorrectedSentAgainAndPaid() throws Exception {
		Parties parties = BillableClaims.storeParties(http, tenant, "DENY16000042");
		String claim = BillableClaims.store(http, tenant, BillableClaims.claim(parties));
		assertThat(submit(claim).status()).isEqualTo(200);
		ClaimResponse denied = awaitAdjudicated(claim);
		assertThat(denied.getDisposition()).startsWith("Denied");
		List<Task> denials = denialTasks(claim);
		assertThat(denials).hasSize(2).allSatisfy(task -> {
			assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
			assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("missing-information");
			assertThat(task.getRestriction().getPeriod().hasEnd()).isTrue();
		});

		FhirHttp.Response corrected = http.post(tenant, claim + "/$correct", new Parameters());
		assertThat(corrected.status()).as(corrected.body()).isIn(200, 201);
		Claim replacement = corrected.resource(Claim.class);
		assertThat(replacement.getStatus()).isEqualTo(Claim.ClaimStatus.DRAFT);
		assertThat(replacement.getRelatedFirstRep().getClaim().getReference()).isEqualTo(claim);
		assertThat(replacement.getRelatedFirstRep().getReference().getValue())
				.isEqualTo(identifier(denied, OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM));
		assertThat(denialTasks(claim)).allSatisfy(task -> assertThat(task.getStatus())
				.isEqualTo(Task.TaskStatus.INPROGRESS));

		Coverage coverage = http.get(tenant, parties.coverage()).resource(Coverage.class);
		assertThat(http.put(tenant, parties.coverage(), coverage.setSubscriberId("PHP884421907")).status())
				.isEqualTo(200);
		String replacementId = "Claim/" + replacement.getIdElement().getIdPart();
		assertThat(http.put(tenant, replacementId, replacement.setStatus(Claim.ClaimStatus.ACTIVE)).status())
				.isEqualTo(200);
		FhirHttp.Response resubmitted = submit(replacementId);
		assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(200);
		ClaimResponse paid = awaitAdjudicated(replacementId);
		assertThat(total(paid, "benefit")).isEqualByComparingTo("99.20");
		String sent837 = sentClaimSegments(replacement.getIdElement().getIdPart());
		assertThat(sent837).as("the replacement went out with frequency 7 and the original's payer claim number")
				.contains(":B:7*").contains("REF*F8*" + identifier(denied, OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM));
	}

	/** The CLM segment and its REFs of a claim among the 837s the sandbox received. */
	private String sentClaimSegments(String claimId) throws java.io.IOException {
		try (var files = java.nio.file.Files.list(sandbox.root().resolve("processed"))) {
			for (java.nio.file.Path file : files.toList()) {
				String text = java.nio.file.Files.readString(file);
				int clm = text.indexOf("~CLM*" + claimId + "*");
				if (clm >= 0) {
					int next = text.indexOf("~LX*", clm);
					return text.substring(clm, next < 0 ? text.length() : next);
				}
			}
		}
		return "";
	}

	@Test
	void aPaymentIsPostedOnceHoweverOftenItComes() {
		String claim = storedClaim();
		byte[] first = file(payment("TRACE-ONCE", "99.20", paidClaim(claim, "99.20")));
		byte[] second = file(payment("TRACE-ONCE", "99.20", paidClaim(claim, "99.20")));

		FhirHttp.Response posted = http.post(tenant, "$x12-ingest", new String(first), X12);
		FhirHttp.Response again = http.post(tenant, "$x12-ingest", new String(second), X12);

		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.body()).contains("was posted before");
		assertThat(http.search(tenant, "PaymentReconciliation").getEntry()).hasSize(1);
		assertThat(http.search(tenant, "ExplanationOfBenefit").getEntry()).hasSize(1);
		assertThat(total(single(ClaimResponse.class, "ClaimResponse?request=" + claim), "benefit"))
				.isEqualByComparingTo("99.20");
	}

	@Test
	void aFileThatDoesNotBalanceIsTurnedAwayWholeWithTheDifference() {
		String claim = storedClaim();
		byte[] unbalanced = file(payment("TRACE-OFF", "99.21", paidClaim(claim, "99.20")));

		FhirHttp.Response refused = http.post(tenant, "$x12-ingest", new String(unbalanced), X12);

		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		OperationOutcome outcome = refused.outcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("ORCM-8011");
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("does not balance").contains("0.01");
		assertThat(http.search(tenant, "PaymentReconciliation").getEntry()).isEmpty();
		assertThat(http.search(tenant, "ClaimResponse").getEntry()).isEmpty();
	}

	@Test
	void aReversalCancelsThePaymentItReversesAndTheCorrectionIsPostedAnew() {
		String claim = storedClaim();
		ingest(payment("TRACE-A", "99.20", paidClaim(claim, "99.20")));
		ClaimPayment reversal = negated(paidClaim(claim, "99.20"));
		ClaimPayment correction = paidClaim(claim, "99.20");

		ingest(payment("TRACE-B", "0.00", reversal, correction));

		List<ClaimResponse> responses = http.search(tenant, "ClaimResponse?request=" + claim).getEntry().stream()
				.map(e -> (ClaimResponse) e.getResource()).toList();
		assertThat(responses).extracting(ClaimResponse::getStatus).containsExactlyInAnyOrder(
				ClaimResponse.ClaimResponseStatus.CANCELLED, ClaimResponse.ClaimResponseStatus.ACTIVE);
		List<ExplanationOfBenefit> eobs = http.search(tenant, "ExplanationOfBenefit").getEntry().stream()
				.map(e -> (ExplanationOfBenefit) e.getResource()).toList();
		assertThat(eobs).extracting(ExplanationOfBenefit::getStatus).containsExactlyInAnyOrder(
				ExplanationOfBenefit.ExplanationOfBenefitStatus.CANCELLED,
				ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
	}

	@Test
	void moneyForAClaimThatIsNotHereGoesToSuspense() {
		ingest(payment("TRACE-LOST", "99.20", paidClaim("Claim/not-here-42", "99.20")));

		Task suspense = single(Task.class, "Task?code=" + OpenRcmIg.WORK_QUEUE_CODE_SYSTEM + "%7Cremittance-suspense");
		assertThat(suspense.getDescription()).contains("not-here-42");
		PaymentReconciliation payment = single(PaymentReconciliation.class, "PaymentReconciliation");
		assertThat(payment.getDisposition()).contains("USD 99.20 undistributed");
	}

	@Test
	void aDenialIsAppealedThenWrittenOff() {
		String claim = storedClaim();
		ClaimPayment denied = new ClaimPayment(id(claim), "4", new BigDecimal("155.00"), new BigDecimal("0.00"), null,
				"12", "PCN-" + id(claim), null, null, List.of(), patient(), null, null, null, null, null, null, null,
				List.of(), List.of(), List.of(
						line("99213", "125.00", "0.00", "1", new Adjustment("CO", "197", new BigDecimal("125.00"),
								null)),
						line("96372", "30.00", "0.00", "2", new Adjustment("CO", "197", new BigDecimal("30.00"),
								null))));
		ingest(payment("TRACE-DENY", "0.00", denied));
		assertThat(denialTasks(claim)).hasSize(2).allSatisfy(task ->
				assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("authorization"));
		FhirHttp.Response patterns = http.get(tenant, "$denial-patterns?groupBy=carc");
		assertThat(patterns.status()).as(patterns.body()).isEqualTo(200);
		Parameters.ParametersParameterComponent pattern = patterns.resource(Parameters.class).getParameter().stream()
				.filter(p -> "pattern".equals(p.getName())).findFirst().orElseThrow();
		assertThat(((Coding) part(pattern, "carc")).getCode()).isEqualTo("197");
		assertThat(part(pattern, "count").primitiveValue()).isEqualTo("2");
		assertThat(((Money) part(pattern, "amount")).getValue()).isEqualByComparingTo("155.00");

		Parameters appeal = new Parameters();
		appeal.addParameter().setName("reason").setValue(new org.hl7.fhir.r4.model.StringType(
				"The authorization was on file; see the letter"));
		FhirHttp.Response appealed = http.post(tenant, claim + "/$appeal", appeal);
		assertThat(appealed.status()).as(appealed.body()).isIn(200, 201);
		Task appealTask = appealed.resource(Task.class);
		assertThat(appealTask.getCode().getCodingFirstRep().getCode()).isEqualTo("appeal");
		assertThat(http.search(tenant, "Communication?based-on=Task/" + appealTask.getIdElement().getIdPart())
				.getEntry()).hasSize(1);

		Parameters writeOff = new Parameters();
		writeOff.addParameter().setName("reason").setValue(new Coding(
				OpenRcmIg.CANONICAL_BASE + "/CodeSystem/write-off-reason", "administrative", null));
		writeOff.addParameter().setName("amount").setValue(new Money().setValue(new BigDecimal("30.00"))
				.setCurrency("USD"));
		FhirHttp.Response written = http.post(tenant, claim + "/$write-off", writeOff);
		assertThat(written.status()).as(written.body()).isEqualTo(200);
		assertThat(((Money) written.resource(Parameters.class).getParameter("amount").getValue()).getValue())
				.isEqualByComparingTo("30.00");
		Parameters tooMuch = writeOff.copy();
		((Money) tooMuch.getParameter("amount").getValue()).setValue(new BigDecimal("500.00"));
		FhirHttp.Response refused = http.post(tenant, claim + "/$write-off", tooMuch);
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.body()).contains("ORCM-9011");
	}

	// --- helpers

	private static org.hl7.fhir.r4.model.Type part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow()
				.getValue();
	}

	private FhirHttp.Response submit(String claim) {
		return http.post(tenant, claim + "/$submit", "", FhirHttp.FHIR_JSON);
	}

	private ClaimResponse awaitAdjudicated(String claim) {
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.search(tenant, "ClaimResponse?request=" + claim).getEntry().stream()
					.map(e -> (ClaimResponse) e.getResource())
					.anyMatch(r -> r.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE);
		});
		return http.search(tenant, "ClaimResponse?request=" + claim).getEntry().stream()
				.map(e -> (ClaimResponse) e.getResource())
				.filter(r -> r.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE).findFirst().orElseThrow();
	}

	private List<Task> denialTasks(String claim) {
		return http.search(tenant, "Task?focus=" + claim + "&code=" + OpenRcmIg.WORK_QUEUE_CODE_SYSTEM + "%7Cdenial")
				.getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	private <T extends Resource> T single(Class<T> type, String query) {
		Bundle found = http.search(tenant, query);
		assertThat(found.getEntry()).as(query).hasSize(1);
		return type.cast(found.getEntryFirstRep().getResource());
	}

	private String storedClaim() {
		Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
		return BillableClaims.store(http, tenant, BillableClaims.claim(parties));
	}

	private void ingest(Remittance remittance) {
		FhirHttp.Response response = http.post(tenant, "$x12-ingest", new String(file(remittance)), X12);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private static byte[] file(Remittance remittance) {
		return WRITER.write(ENVELOPE, List.of(remittance)).bytes();
	}

	private static Remittance payment(String trace, String amount, ClaimPayment... claims) {
		BigDecimal total = new BigDecimal(amount);
		Payment payment = total.signum() > 0 ? new Payment("C", total, "C", "CHK", LocalDate.now(ZoneOffset.UTC))
				: new Payment("H", total, "C", "NON", LocalDate.now(ZoneOffset.UTC));
		Party payer = new Party("PR", "PRAIRIE HEALTH PLAN", null, null, null, List.of())
				.withAddress(new Remittance.Address("1 PLAN ROAD", null, "SPRINGFIELD", "IL", "62701", null))
				.withContacts(List.of(new Remittance.Contact("BL", "EDI", List.of(new Remittance.Reference("TE",
						"2175550100")))));
		Party payee = new Party("PE", "SPRINGFIELD FAMILY MEDICINE", null, "XX", "1987654328", List.of());
		return new Remittance("0001", payment, trace, "1371234567", LocalDate.now(ZoneOffset.UTC), payer, payee,
				List.of(claims), List.of());
	}

	/** The sandbox's way: 80% allowed, the patient owes 20% of it. */
	private static ClaimPayment paidClaim(String claim, String paid) {
		return new ClaimPayment(id(claim), "1", new BigDecimal("155.00"), new BigDecimal(paid),
				new BigDecimal("24.80"), "12", "PCN-" + id(claim), null, null, List.of(), patient(), null, null, null,
				null, null, null, null, List.of(), List.of(), List.of(
						line("99213", "125.00", "80.00", "1", new Adjustment("CO", "45", new BigDecimal("25.00"), null),
								new Adjustment("PR", "2", new BigDecimal("20.00"), null)),
						line("96372", "30.00", "19.20", "2", new Adjustment("CO", "45", new BigDecimal("6.00"), null),
								new Adjustment("PR", "2", new BigDecimal("4.80"), null))));
	}

	private static ClaimPayment negated(ClaimPayment payment) {
		return new ClaimPayment(payment.patientControlNumber(), "22", payment.charge().negate(),
				payment.paid().negate(), payment.patientResponsibility().negate(), payment.filingIndicator(),
				payment.payerClaimNumber(), null, null, List.of(), payment.patient(), null, null, null, null, null,
				null, null, List.of(), List.of(), payment.services().stream().map(s -> new ServicePayment(
						s.procedure(), s.charge().negate(), s.paid().negate(), null, s.units(), null, null,
						s.serviceFrom(), s.serviceTo(), s.adjustments().stream().map(a -> new Adjustment(a.group(),
								a.reason(), a.amount().negate(), null)).toList(), s.lineControlNumber(), List.of(),
						null, List.of())).toList());
	}

	private static ServicePayment line(String code, String charge, String paid, String control,
			Adjustment... adjustments) {
		return new ServicePayment(new Procedure("HC", code, List.of()), new BigDecimal(charge), new BigDecimal(paid),
				null, BigDecimal.ONE, null, null, null, null, List.of(adjustments), control, List.of(), null,
				List.of());
	}

	private static Party patient() {
		return new Party("QC", "DOE", "JANE", "MI", "PHP884421907", List.of());
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private static BigDecimal total(ClaimResponse response, String code) {
		return response.getTotal().stream().filter(t -> t.getCategory().hasCoding(
				RemittancePosting.ADJUDICATION_SYSTEM, code)).findFirst().map(t -> t.getAmount().getValue())
				.orElse(null);
	}

	private static String identifier(ClaimResponse response, String system) {
		return response.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).findFirst()
				.map(i -> i.getValue()).orElse(null);
	}
}
