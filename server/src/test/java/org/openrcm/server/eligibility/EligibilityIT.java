package org.openrcm.server.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.BenefitComponent;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.ItemsComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.submission.Rejecting999s;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.BillableClaims.Parties;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Eligibility over HTTP against the payer sandbox: {@code CoverageEligibilityRequest/$submit} in real time for each
 * sandbox scenario (active, deductible met, inactive, not found, payer unavailable, no answer within the timeout),
 * chosen by the member id; the stored CoverageEligibilityResponse, the Coverage the payer's answer updates, and
 * requests that cannot be sent (4xx with an ORCM-70xx outcome, nothing stored). {@code $eligibility-batch} checks the patients seen in a date
 * range through the batch SFTP channel, and its Task reports progress until every check is answered; a check whose
 * 270 the clearinghouse's 999 rejects fails with the 999's reason, once however often that 999 comes.
 */
@OpenRcmServerTest
class EligibilityIT {

	private static final String AAA = "http://openrcm.org/fhir/CodeSystem/x12-aaa-reject-reason";
	private static final String SERVICE_TYPES = "https://x12.org/codes/service-type-codes";

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	@Test
	void anActivePlanComesBackInRealTimeWithItsBenefitsAndUpdatesTheCoverage() {
		Parties parties = BillableClaims.storeParties(http, tenant, "ELA2046001");
		FhirHttp.Response answer = submit(request(parties));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		CoverageEligibilityResponse response = answer.resource(CoverageEligibilityResponse.class);
		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		assertThat(response.getDisposition()).isEqualTo("Coverage active: SANDBOX SILVER PPO");
		assertThat(response.getRequest().getReference()).startsWith("CoverageEligibilityRequest/");
		assertThat(response.getPatient().getReference()).isEqualTo(parties.patient());
		CoverageEligibilityResponse.InsuranceComponent insurance = response.getInsuranceFirstRep();
		assertThat(insurance.getCoverage().getReference()).isEqualTo(parties.coverage());
		assertThat(insurance.getInforce()).isTrue();
		int year = parties.serviceDate().getYear();
		assertThat(insurance.getBenefitPeriod().getStartElement().getValueAsString()).isEqualTo(year + "-01-01");

		assertThat(response.getInsuranceFirstRep().getItem()).anySatisfy(i -> {
			assertThat(i.getCategory().getCodingFirstRep().getCode()).isEqualTo("30");
			assertThat(i.getName()).isEqualTo("SANDBOX SILVER PPO");
			assertThat(i.getDescription()).isEqualTo("active coverage");
		});
		ItemsComponent plan = item(response, "30", "in");
		BenefitComponent deductible = benefit(plan, "deductible (calendar year)");
		assertThat(deductible.getAllowedMoney().getValue()).isEqualByComparingTo("1500");
		assertThat(deductible.getUsedMoney().getValue()).isEqualByComparingTo("400");
		assertThat(benefit(plan, "deductible remaining").getAllowedMoney().getValue()).isEqualByComparingTo("1100");
		assertThat(benefit(plan, "out-of-pocket maximum (stop loss) remaining").getAllowedMoney().getValue())
				.isEqualByComparingTo("4600");
		assertThat(benefit(item(response, "30", "out"), "deductible (calendar year)").getAllowedMoney().getValue())
				.isEqualByComparingTo("3000");
		ItemsComponent office = item(response, "98", "in");
		assertThat(benefit(office, "co-payment (visit)").getAllowedMoney().getValue()).isEqualByComparingTo("25");
		assertThat(benefit(office, "co-insurance (visit)").getAllowedStringType().getValue()).isEqualTo("20%");
		assertThat(benefit(item(response, "98", "out"), "co-insurance (visit)").getAllowedStringType().getValue())
				.isEqualTo("40%");
		assertThat(item(response, "62", "in").getAuthorizationRequired()).as("MRI needs an authorization").isTrue();
		assertThat(office.getAuthorizationRequired()).isFalse();

		Coverage coverage = http.get(tenant, parties.coverage()).resource(Coverage.class);
		assertThat(coverage.getStatus()).isEqualTo(Coverage.CoverageStatus.ACTIVE);
		assertThat(coverage.getPeriod().getStartElement().getValueAsString()).isEqualTo(year + "-01-01");
		assertThat(coverage.getPeriod().getEndElement().getValueAsString()).isEqualTo(year + "-12-31");

		String id = response.getIdElement().getIdPart();
		CoverageEligibilityResponse stored = http.get(tenant, "CoverageEligibilityResponse/" + id)
				.resource(CoverageEligibilityResponse.class);
		assertThat(stored.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		assertThat(stored.getIdentifierFirstRep().getValue()).as("the 270's trace number").startsWith("E");
	}

	@Test
	void aMetDeductibleHasNothingRemaining() {
		Parties parties = BillableClaims.storeParties(http, tenant, "DEDMET2046002");

		CoverageEligibilityResponse response = submitted(request(parties));

		ItemsComponent plan = item(response, "30", "in");
		assertThat(benefit(plan, "deductible remaining").getAllowedMoney().getValue()).isEqualByComparingTo("0");
		assertThat(benefit(plan, "deductible (calendar year)").getUsedMoney().getValue()).isEqualByComparingTo("1500");
	}

	@Test
	void anInactivePlanCancelsTheCoverageFromTheDayItEnded() {
		Parties parties = BillableClaims.storeParties(http, tenant, "INACTIVE2046003");

		CoverageEligibilityResponse response = submitted(request(parties));

		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		assertThat(response.getInsuranceFirstRep().getInforce()).isFalse();
		assertThat(response.getDisposition()).startsWith("Coverage inactive");
		Coverage coverage = http.get(tenant, parties.coverage()).resource(Coverage.class);
		assertThat(coverage.getStatus()).isEqualTo(Coverage.CoverageStatus.CANCELLED);
		LocalDate ended = parties.serviceDate().withDayOfMonth(1).minusDays(1);
		assertThat(coverage.getPeriod().getEndElement().getValueAsString()).isEqualTo(ended.toString());
	}

	@Test
	void aMemberThePayerDoesNotKnowIsAnErrorWithItsReasonCode() {
		Parties parties = BillableClaims.storeParties(http, tenant, "NOTFOUND2046004");

		CoverageEligibilityResponse response = submitted(request(parties));

		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(response.getError()).singleElement().satisfies(error -> {
			assertThat(error.getCode().getCodingFirstRep().getSystem()).isEqualTo(AAA);
			assertThat(error.getCode().getCodingFirstRep().getCode()).isEqualTo("75");
			assertThat(error.getCode().getText()).contains("subscriber or insured not found", "correct and resubmit");
		});
		assertThat(response.getInsuranceFirstRep().hasInforce()).isFalse();
		Coverage coverage = http.get(tenant, parties.coverage()).resource(Coverage.class);
		assertThat(coverage.getStatus()).as("unchanged").isEqualTo(Coverage.CoverageStatus.ACTIVE);
		assertThat(coverage.getPeriod().hasEnd()).isFalse();
	}

	@Test
	void anUnavailablePayerIsAStoredErrorThatMayBeSentAgain() {
		Parties parties = BillableClaims.storeParties(http, tenant, "UNAVAIL2046005");
		CoverageEligibilityRequest request = request(parties);
		FhirHttp.Response created = http.post(tenant, "CoverageEligibilityRequest", request);
		String requestId = created.resource(CoverageEligibilityRequest.class).getIdElement().getIdPart();

		FhirHttp.Response answer = http.post(tenant, "CoverageEligibilityRequest/" + requestId + "/$submit",
				new Parameters());

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		CoverageEligibilityResponse response = answer.resource(CoverageEligibilityResponse.class);
		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(response.getRequest().getReference()).isEqualTo("CoverageEligibilityRequest/" + requestId);
		assertThat(response.getErrorFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("42");
		assertThat(response.getDisposition()).contains("payer unable to respond at this time", "resubmission allowed");
		assertThat(http.search(tenant, "CoverageEligibilityResponse?request=CoverageEligibilityRequest/" + requestId)
				.getEntry()).hasSize(1);
	}

	@Test
	void aPayerThatDoesNotAnswerInTimeIsAStoredTimeoutWithinTheConnectionsTimeout() {
		// the sandbox's no-answer scenario answers after 30 s; the default connection waits 20 s
		Parties parties = BillableClaims.storeParties(http, tenant, "NOANSWER2046008");
		long started = System.nanoTime();

		CoverageEligibilityResponse response = submitted(request(parties));

		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		assertThat(waited).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(28));
		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(response.getErrorFirstRep().getCode().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.ELIGIBILITY_TIMEOUT.code());
		assertThat(response.getDisposition()).startsWith("The payer did not answer in time");
		assertThat(http.get(tenant, "CoverageEligibilityResponse/" + response.getIdElement().getIdPart())
				.resource(CoverageEligibilityResponse.class).getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
	}

	@Test
	void aRequestWithoutPatientOrCoverageIsRefusedAndNothingIsStored() {
		Parties parties = BillableClaims.storeParties(http, tenant, "ELA2046006");
		CoverageEligibilityRequest noPatient = request(parties).setPatient(null);
		CoverageEligibilityRequest noCoverage = request(parties);
		noCoverage.getInsurance().clear();
		CoverageEligibilityRequest unknownCoverage = request(parties);
		unknownCoverage.getInsuranceFirstRep().setCoverage(new Reference("Coverage/does-not-exist"));
		withoutPayerId(parties);
		CoverageEligibilityRequest noPayerId = request(parties).setInsurer(null);

		assertRefused(submit(noPatient), 422, ErrorCode.ELIGIBILITY_NO_PATIENT);
		assertRefused(submit(noCoverage), 422, ErrorCode.ELIGIBILITY_NO_COVERAGE);
		assertRefused(submit(unknownCoverage), 422, ErrorCode.ELIGIBILITY_NO_COVERAGE);
		assertRefused(submit(noPayerId), 422, ErrorCode.ELIGIBILITY_NO_PAYER_ID);
		assertRefused(http.post(tenant, "CoverageEligibilityRequest/$submit", new Parameters()), 400,
				ErrorCode.ELIGIBILITY_NO_REQUEST);
		assertThat(http.search(tenant, "CoverageEligibilityResponse").getEntry()).isEmpty();
		assertThat(http.search(tenant, "CoverageEligibilityRequest").getEntry()).isEmpty();
	}

	@Test
	void aBatchChecksThePatientsSeenInARangeThroughTheBatchChannel() {
		LocalDate day = LocalDate.now().minusDays(3);
		Parties first = BillableClaims.storeParties(http, tenant, "ELB2046101");
		Parties second = BillableClaims.storeParties(http, tenant, "DEDMET2046102");
		Parties third = BillableClaims.storeParties(http, tenant, "NOTFOUND2046103");
		Parties elsewhen = BillableClaims.storeParties(http, tenant, "ELB2046104");
		encounter(first, day);
		encounter(second, day.plusDays(1));
		encounter(third, day.plusDays(1));
		encounter(elsewhen, day.minusDays(20));

		Parameters parameters = new Parameters();
		parameters.addParameter("start", new DateType(day.toString()));
		parameters.addParameter("end", new DateType(day.plusDays(2).toString()));
		FhirHttp.Response started = http.post(tenant, "$eligibility-batch", parameters);

		assertThat(started.status()).as(started.body()).isIn(200, 201);
		Task task = started.resource(Task.class);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
		assertThat(output(task, "total")).isEqualTo(3);
		String taskId = "Task/" + task.getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(tenant, taskId).resource(Task.class).getStatus() == Task.TaskStatus.COMPLETED;
		});
		Task done = http.get(tenant, taskId).resource(Task.class);
		assertThat(output(done, "checked")).isEqualTo(3);
		assertThat(output(done, "failed")).isZero();
		List<CoverageEligibilityResponse> responses = http.search(tenant, "CoverageEligibilityResponse").getEntry()
				.stream().map(e -> (CoverageEligibilityResponse) e.getResource()).toList();
		assertThat(responses).hasSize(3).extracting(r -> r.getPatient().getReference())
				.containsExactlyInAnyOrder(first.patient(), second.patient(), third.patient());
		assertThat(responses).filteredOn(r -> r.getPatient().getReference().equals(third.patient())).singleElement()
				.satisfies(r -> assertThat(r.getOutcome()).isEqualTo(RemittanceOutcome.ERROR));
		assertThat(responses).filteredOn(r -> !r.getPatient().getReference().equals(third.patient()))
				.allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE));
		assertThat(done.getOutput()).filteredOn(o -> "response".equals(o.getType().getText())).hasSize(3);
	}

	@Test
	void aBatchOfNamedCoveragesCountsTheOneThatCannotBeSentAsFailed() {
		Parties good = BillableClaims.storeParties(http, tenant, "ELB2046201");
		Parties bad = BillableClaims.storeParties(http, tenant, "ELB2046202");
		withoutPayerId(bad);

		Parameters parameters = new Parameters();
		parameters.addParameter("coverage", new Reference(good.coverage()));
		parameters.addParameter("coverage", new Reference(bad.coverage()));
		parameters.addParameter("provider", new Reference(good.practice()));
		FhirHttp.Response started = http.post(tenant, "$eligibility-batch", parameters);

		assertThat(started.status()).as(started.body()).isIn(200, 201);
		String taskId = "Task/" + started.resource(Task.class).getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(tenant, taskId).resource(Task.class).getStatus() == Task.TaskStatus.COMPLETED;
		});
		Task done = http.get(tenant, taskId).resource(Task.class);
		assertThat(output(done, "total")).isEqualTo(2);
		assertThat(output(done, "checked")).isEqualTo(1);
		assertThat(output(done, "failed")).isEqualTo(1);
		assertThat(done.getOutput()).filteredOn(o -> "failure".equals(o.getType().getText())).singleElement()
				.satisfies(o -> assertThat(o.getValue().primitiveValue()).startsWith(bad.coverage())
						.contains(ErrorCode.ELIGIBILITY_NO_PAYER_ID.code()));
		assertThat(done.getOutput()).filteredOn(o -> "response".equals(o.getType().getText())).hasSize(1);
	}

	@Test
	void aBatchFileWhose270TheClearinghouseRejectsFailsThatCheckWithThe999sReasonAndCompletesTheTask() {
		Parties good = BillableClaims.storeParties(http, tenant, "ELB2046301");
		Parties rejected = BillableClaims.storeParties(http, tenant, "X12REJ2046302");

		Parameters parameters = new Parameters();
		parameters.addParameter("coverage", new Reference(good.coverage()));
		parameters.addParameter("coverage", new Reference(rejected.coverage()));
		parameters.addParameter("provider", new Reference(good.practice()));
		FhirHttp.Response started = http.post(tenant, "$eligibility-batch", parameters);

		assertThat(started.status()).as(started.body()).isIn(200, 201);
		String taskId = "Task/" + started.resource(Task.class).getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(tenant, taskId).resource(Task.class).getStatus() == Task.TaskStatus.COMPLETED;
		});
		Task done = http.get(tenant, taskId).resource(Task.class);
		assertThat(output(done, "total")).isEqualTo(2);
		assertThat(output(done, "checked")).isEqualTo(1);
		assertThat(output(done, "failed")).isEqualTo(1);
		assertThat(done.getOutput()).filteredOn(o -> "failure".equals(o.getType().getText())).singleElement()
				.satisfies(o -> assertThat(o.getValue().primitiveValue()).startsWith(rejected.coverage())
						.contains(ErrorCode.ELIGIBILITY_BATCH_REJECTED.code(), "X12REJ2046302"));
		CoverageEligibilityResponse answered = responseOf(good);
		assertThat(answered.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		CoverageEligibilityResponse failed = responseOf(rejected);
		assertThat(failed.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(failed.getError()).singleElement().satisfies(e -> assertThat(e.getCode().getCodingFirstRep()
				.getCode()).isEqualTo(ErrorCode.ELIGIBILITY_BATCH_REJECTED.code()));
		assertThat(failed.getDisposition()).startsWith("The clearinghouse rejected the 270").contains(
				"NM109 in NM1", "the value does not match the pattern the implementation guide sets",
				"\"X12REJ2046302\"", "[IK403-I12]");

		// the same rejection again, in a 999 of another interchange: nothing changes twice
		String versionBefore = failed.getMeta().getVersionId();
		String sameRejection = Rejecting999s.again(failed.getDisposition(), "HS", "270", "005010X279A1");
		FhirHttp.Response again = http.post(tenant, "$x12-ingest", sameRejection, "application/EDI-X12");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.body()).doesNotContain("did not send");
		assertThat(responseOf(rejected).getMeta().getVersionId()).isEqualTo(versionBefore);
		assertThat(responseOf(good).getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		Task after = http.get(tenant, taskId).resource(Task.class);
		assertThat(output(after, "failed")).isEqualTo(1);
		assertThat(after.getOutput()).filteredOn(o -> "failure".equals(o.getType().getText())).hasSize(1);
	}

	private CoverageEligibilityResponse responseOf(Parties parties) {
		return http.search(tenant, "CoverageEligibilityResponse?patient=" + parties.patient()).getEntry().stream()
				.map(e -> (CoverageEligibilityResponse) e.getResource()).findFirst()
				.orElseThrow(() -> new AssertionError("no response for " + parties.patient()));
	}

	/** Points the parties' Coverage at a payer Organization without a payer id. */
	private void withoutPayerId(Parties parties) {
		String anonymousPayer = http.post(tenant, "Organization", new Organization()
				.setName("Payer without an id")).resource(Organization.class).getIdElement()
				.toUnqualifiedVersionless().getValue();
		Coverage coverage = http.get(tenant, parties.coverage()).resource(Coverage.class);
		coverage.getPayor().clear();
		coverage.addPayor(new Reference(anonymousPayer));
		assertThat(http.put(tenant, parties.coverage(), coverage).status()).isEqualTo(200);
	}

	@Test
	void aBatchWithoutRangeOrCoverageIsRefused() {
		Parameters parameters = new Parameters();
		parameters.addParameter("start", new DateType("2026-03-10"));

		assertRefused(http.post(tenant, "$eligibility-batch", parameters), 400, ErrorCode.ELIGIBILITY_BATCH_INVALID);
		parameters.addParameter("end", new DateType("2026-03-01"));
		assertRefused(http.post(tenant, "$eligibility-batch", parameters), 400, ErrorCode.ELIGIBILITY_BATCH_INVALID);
	}

	private void encounter(Parties parties, LocalDate day) {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
				.setSubject(new Reference(parties.patient())).setServiceProvider(new Reference(parties.practice()))
				.setPeriod(new Period().setStartElement(new DateTimeType(day + "T09:00:00Z"))
						.setEndElement(new DateTimeType(day + "T09:30:00Z")));
		encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
		FhirHttp.Response created = http.post(tenant, "Encounter", encounter);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private static int output(Task task, String name) {
		return task.getOutput().stream().filter(o -> name.equals(o.getType().getText()))
				.map(o -> ((IntegerType) o.getValue()).getValue()).findFirst().orElseThrow();
	}

	private static CoverageEligibilityRequest request(Parties parties) {
		CoverageEligibilityRequest request = new CoverageEligibilityRequest();
		request.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE);
		request.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.BENEFITS);
		request.setPatient(new Reference(parties.patient()));
		request.setServiced(new DateType(parties.serviceDate().toString()));
		request.setCreated(new Date());
		request.setProvider(new Reference(parties.practice()));
		request.setInsurer(new Reference(parties.payer()));
		request.addInsurance().setFocal(true).setCoverage(new Reference(parties.coverage()));
		request.addItem().setCategory(new CodeableConcept().addCoding(new Coding(SERVICE_TYPES,
				"98", null)));
		return request;
	}

	private FhirHttp.Response submit(CoverageEligibilityRequest request) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(request);
		return http.post(tenant, "CoverageEligibilityRequest/$submit", parameters);
	}

	private CoverageEligibilityResponse submitted(CoverageEligibilityRequest request) {
		FhirHttp.Response answer = submit(request);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.resource(CoverageEligibilityResponse.class);
	}

	private static ItemsComponent item(CoverageEligibilityResponse response, String serviceType, String network) {
		return response.getInsuranceFirstRep().getItem().stream()
				.filter(i -> serviceType.equals(i.getCategory().getCodingFirstRep().getCode())
						&& network.equals(i.getNetwork().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow(() -> new AssertionError("no item " + serviceType + "/" + network));
	}

	private static BenefitComponent benefit(ItemsComponent item, String text) {
		return item.getBenefit().stream().filter(b -> text.equals(b.getType().getText())).findFirst()
				.orElseThrow(() -> new AssertionError("no benefit '" + text + "' in " + item.getBenefit().stream()
						.map(b -> b.getType().getText()).toList()));
	}

	private static void assertRefused(FhirHttp.Response response, int status, ErrorCode code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(code.code());
	}
}
