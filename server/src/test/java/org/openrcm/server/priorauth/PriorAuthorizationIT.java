package org.openrcm.server.priorauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.submission.Rejecting999s;
import org.openrcm.server.support.ClaimFixtures;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.auth.Authorization278Fixtures;
import org.openrcm.server.x12.auth.Authorization278Writer;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Prior authorization over HTTP against the payer sandbox (its real-time channel, the server's default connection):
 * a PAS request Bundle posted to {@code Claim/$submit} comes back as a PAS response Bundle whose ClaimResponse the
 * sandbox UMO decided by its member id rules; a pended review is decided when {@code Claim/$inquire} asks again, and
 * the update reaches a REST-hook Subscription; an approved authorization satisfies the scrubber's
 * {@code PRIOR-AUTH-REQUIRED} and goes onto the claim; bad input is refused with nothing stored. Through a tenant
 * without a real-time channel, a request travels as a batch file over the sandbox's SFTP and its 278 answer file
 * decides it, or the clearinghouse's 999 rejects the file and the ClaimResponse says why.
 */
@OpenRcmServerTest
class PriorAuthorizationIT {

	private static final String MRI = "70551";
	private static final String SLEEP_STUDY = "95810";
	private static final String X12 = "application/EDI-X12";
	/** A tenant without a real-time channel (see OpenRcmServerTest), shared with ClaimStatusIT. */
	private static final String BATCH_TENANT = "STATUSBATCH";
	private static final Authorization278Writer WRITER = new Authorization278Writer(new X12InterchangeWriter(
			X12Schemas.load(), new InMemoryControlNumbers(), Clock.systemUTC()));

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;
	HttpServer receiver;
	final Queue<String> notifications = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	@AfterEach
	void stopReceiver() {
		if (receiver != null) {
			receiver.stop(0);
		}
	}

	@Test
	void aCertifiedRequestComesBackWithItsAuthorizationNumberOnEveryItem() {
		Bundle request = pasRequest("W200100", MRI, SLEEP_STUDY);
		Bundle answer = submitted(request);

		ClaimResponse response = claimResponse(answer);
		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(response.getUse()).isEqualTo(ClaimResponse.Use.PREAUTHORIZATION);
		assertThat(response.getPreAuthRef()).matches("SBX[0-9A-F]{8}");
		assertThat(response.getPreAuthPeriod().getStartElement().getValueAsString()).isEqualTo(serviceDate().toString());
		assertThat(response.getItem()).hasSize(2).allSatisfy(item -> {
			assertThat(reviewAction(item, PasProfile.REVIEW_ACTION_CODE)).isEqualTo("A1");
			assertThat(reviewAction(item, "number")).isEqualTo(response.getPreAuthRef());
		});
		assertThat(answer.getEntry()).extracting(e -> e.getResource().fhirType())
				.contains("ClaimResponse", "Patient", "Organization");
		assertThat(answer.getEntryFirstRep().getFullUrl()).startsWith("http://").contains("/fhir/" + tenant + "/")
				.endsWith("ClaimResponse/" + response.getIdElement().getIdPart());
		assertThat(http.get(tenant, response.getRequest().getReference()).resource(Claim.class).getUse())
				.isEqualTo(Claim.Use.PREAUTHORIZATION);

		Bundle inquired = inquire(request, 200);
		assertThat(claimResponse(inquired).getPreAuthRef()).isEqualTo(response.getPreAuthRef());
	}

	@Test
	void aDeniedRequestIsCompleteWithoutAuthorizationNumber() {
		ClaimResponse response = claimResponse(submitted(pasRequest("PADENY77", MRI)));

		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(response.hasPreAuthRef()).isFalse();
		assertThat(response.getDisposition()).startsWith("Not certified");
		assertThat(reviewAction(response.getItemFirstRep(), PasProfile.REVIEW_ACTION_CODE)).isEqualTo("A3");
	}

	@Test
	void aMemberThePayerDoesNotKnowIsAStoredErrorWithTheRejectReason() {
		ClaimResponse response = claimResponse(submitted(pasRequest("PAREJ5", MRI)));

		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
		assertThat(response.getError()).singleElement().satisfies(error -> {
			assertThat(error.getCode().getCodingFirstRep().getSystem()).isEqualTo(PasProfile.REJECT_REASON_SYSTEM);
			assertThat(error.getCode().getCodingFirstRep().getCode()).isEqualTo("75");
		});
		assertThat(response.getDisposition()).contains("the member was not found");
		ClaimResponse stored = http.get(tenant, "ClaimResponse/" + response.getIdElement().getIdPart())
				.resource(ClaimResponse.class);
		assertThat(stored.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
	}

	@Test
	void aPayerThatDoesNotAnswerInTimeIsAStoredTimeoutAndTheCallerWaitsNoLonger() {
		long start = System.nanoTime();

		FhirHttp.Response response = http.post(tenant, "Claim/$submit", pasRequest("PASLOW2", MRI));

		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.status()).as(response.body()).isEqualTo(504);
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7043")
				.contains("did not answer in time");
		assertThat(waited).as("the connection's timeout is 20 s; the sandbox takes 30 s")
				.isLessThan(Duration.ofSeconds(28));
		List<Bundle.BundleEntryComponent> stored = http.search(tenant, "ClaimResponse").getEntry();
		assertThat(stored).singleElement().satisfies(entry -> {
			ClaimResponse failed = (ClaimResponse) entry.getResource();
			assertThat(failed.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
			assertThat(failed.getDisposition()).startsWith("The payer did not answer in time");
		});
	}

	@Test
	void aPendedRequestIsDecidedWhenAskedAgainAndTheSubscriptionHearsOfIt() throws Exception {
		Bundle request = pasRequest("PAPEND31", MRI);
		ClaimResponse pended = claimResponse(submitted(request));
		assertThat(pended.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.PARTIAL);
		assertThat(reviewAction(pended.getItemFirstRep(), PasProfile.REVIEW_ACTION_CODE)).isEqualTo("A4");
		assertThat(pended.hasPreAuthRef()).isFalse();

		String endpoint = startReceiver();
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
				.setReason("Tell the EHR when the pended authorization is decided")
				.setCriteria("ClaimResponse?request=" + pended.getRequest().getReference());
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
				.setPayload("application/fhir+json");
		FhirHttp.Response created = http.post(tenant, "Subscription", subscription);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String subscriptionId = created.resource().getIdElement().toUnqualifiedVersionless().getValue();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
				http.get(tenant, subscriptionId).resource(Subscription.class).getStatus()
						== Subscription.SubscriptionStatus.ACTIVE);

		ClaimResponse decided = claimResponse(inquire(request, 200));

		assertThat(decided.getIdElement().getIdPart()).isEqualTo(pended.getIdElement().getIdPart());
		assertThat(decided.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(decided.getPreAuthRef()).matches("SBX[0-9A-F]{8}");
		assertThat(reviewAction(decided.getItemFirstRep(), PasProfile.REVIEW_ACTION_CODE)).isEqualTo("A1");
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> notifications.stream().anyMatch(body -> body.contains(decided.getPreAuthRef())));
		ClaimResponse notified = FhirHttp.fhir().newJsonParser().parseResource(ClaimResponse.class,
				notifications.stream().filter(body -> body.contains(decided.getPreAuthRef())).findFirst().orElseThrow());
		assertThat(notified.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
	}

	@Test
	void aPendedRequestIsDecidedByALaterBatchFileAndAnAnswerToNoRequestChangesNothing() {
		ClaimResponse pended = claimResponse(submitted(pasRequest("PAPEND32", MRI)));
		assertThat(pended.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.PARTIAL);
		String trace = pended.getIdentifierFirstRep().getValue();

		FhirHttp.Response stranger = http.post(tenant, "$x12-ingest", laterAnswer("PA0000000000000000", "AUTH-X"),
				X12);
		assertThat(stranger.status()).as(stranger.body()).isEqualTo(200);
		assertThat(stranger.body()).contains("no prior authorization request");
		FhirHttp.Response applied = http.post(tenant, "$x12-ingest", laterAnswer(trace, "AUTH-LATER"), X12);
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);

		ClaimResponse decided = http.get(tenant, "ClaimResponse/" + pended.getIdElement().getIdPart())
				.resource(ClaimResponse.class);
		assertThat(decided.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(decided.getPreAuthRef()).isEqualTo("AUTH-LATER");
		assertThat(reviewAction(decided.getItemFirstRep(), "number")).isEqualTo("AUTH-LATER");
		assertThat(claimResponse(inquire(requestOf(decided), 200)).getPreAuthRef())
				.as("$inquire answers the stored state").isEqualTo("AUTH-LATER");
	}

	@Test
	void aRequestSentAsABatchFileIsDecidedByTheAnswerFile() {
		tenant = batchTenant();
		ClaimResponse queued = claimResponse(submitted(pasRequest("W500500", MRI)));
		assertThat(queued.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);

		ClaimResponse decided = exchangedUntil(queued, ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(decided.getPreAuthRef()).matches("SBX[0-9A-F]{8}");
		assertThat(reviewAction(decided.getItemFirstRep(), PasProfile.REVIEW_ACTION_CODE)).isEqualTo("A1");
		assertThat(claimResponse(inquire(requestOf(decided), 200)).getPreAuthRef())
				.isEqualTo(decided.getPreAuthRef());
	}

	@Test
	void aBatchFileTheClearinghouseRejectsStoresTheRequestAsAnErrorWithThe999sReason() {
		tenant = batchTenant();
		ClaimResponse queued = claimResponse(submitted(pasRequest("X12REJ500600", MRI)));
		assertThat(queued.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);

		ClaimResponse rejected = exchangedUntil(queued, ClaimResponse.RemittanceOutcome.ERROR);
		assertThat(rejected.getDisposition()).startsWith(ErrorCode.PRIOR_AUTH_BATCH_REJECTED.code()
				+ ": the clearinghouse rejected the 278").contains("NM109 in NM1", "\"X12REJ500600\"",
						"[IK403-I12]", "Claim/$inquire");
		assertThat(rejected.hasPreAuthRef()).isFalse();

		// the same rejection again, in a 999 of another interchange: nothing changes twice
		FhirHttp.Response again = http.post(tenant, "$x12-ingest", Rejecting999s.again(rejected.getDisposition(),
				"HI", "278", "005010X217"), X12);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.body()).doesNotContain("did not send");
		assertThat(http.get(tenant, "ClaimResponse/" + rejected.getIdElement().getIdPart())
				.resource(ClaimResponse.class).getMeta().getVersionId()).isEqualTo(rejected.getMeta().getVersionId());
	}

	/** The tenant whose clearinghouse connection has no real-time channel: its 278s travel as batch files. */
	private String batchTenant() {
		synchronized (PriorAuthorizationIT.class) {
			if (http.get(BATCH_TENANT, "Claim?_count=1").status() != 200) {
				http.createTenant(BATCH_TENANT);
			}
		}
		return BATCH_TENANT;
	}

	/** Exchanges files with the sandbox until the ClaimResponse has this outcome; returns it. */
	private ClaimResponse exchangedUntil(ClaimResponse response, ClaimResponse.RemittanceOutcome outcome) {
		String path = "ClaimResponse/" + response.getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(tenant, path).resource(ClaimResponse.class).getOutcome() == outcome;
		});
		return http.get(tenant, path).resource(ClaimResponse.class);
	}

	@Test
	void anApprovedAuthorizationSatisfiesThePayersRuleAndGoesOnTheClaim() {
		ClaimResponse authorized = claimResponse(submitted(pasRequest("W300300", MRI)));
		String patient = authorized.getPatient().getReference();
		String payer = authorized.getInsurer().getReference();
		Claim asked = http.get(tenant, authorized.getRequest().getReference()).resource(Claim.class);
		String coverage = asked.getInsuranceFirstRep().getCoverage().getReference();
		String practice = asked.getProvider().getReference();
		Basic rule = new Basic();
		rule.setSubject(new Reference(payer));
		rule.setCode(new CodeableConcept(new Coding(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM, "prior-authorization",
				null)));
		rule.addExtension(OpenRcmIg.PAYER_RULE_CODE_EXTENSION, new Coding(ClaimFixtures.CPT, MRI, null));
		rule.addExtension(OpenRcmIg.PAYER_RULE_CODE_EXTENSION, new Coding(ClaimFixtures.CPT, SLEEP_STUDY, null));
		rule.addIdentifier().setSystem("http://prairiehealth.example.org/edits").setValue("PA-MRI");
		FhirHttp.Response ruleCreated = http.post(tenant, "Basic", rule);
		assertThat(ruleCreated.status()).as(ruleCreated.body()).isEqualTo(201);

		Claim mri = claimForPayment(patient, payer, practice, coverage, MRI);
		FhirHttp.Response stored = http.post(tenant, "Claim", mri);
		assertThat(stored.status()).as(stored.body()).isEqualTo(201);
		Claim storedClaim = stored.resource(Claim.class);
		assertThat(storedClaim.getInsuranceFirstRep().getPreAuthRef()).extracting(p -> p.getValue())
				.containsExactly(authorized.getPreAuthRef());
		assertThat(findings(scrub(storedClaim.getIdElement().toUnqualifiedVersionless().getValue())))
				.doesNotContain("PRIOR-AUTH-REQUIRED");

		Claim sleepStudy = claimForPayment(patient, payer, practice, coverage, SLEEP_STUDY);
		FhirHttp.Response notAuthorized = http.post(tenant, "Claim/$scrub",
				new Parameters().addParameter(new Parameters.ParametersParameterComponent().setName("resource")
						.setResource(sleepStudy)));
		assertThat(findings(notAuthorized.resource(OperationOutcome.class))).contains("PRIOR-AUTH-REQUIRED");
	}

	@Test
	void badInputIsRefusedWithEveryGapAndNothingIsStored() {
		Bundle request = pasRequest("W1", MRI);
		Coverage coverage = (Coverage) request.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Coverage.class::isInstance).findFirst().orElseThrow();
		coverage.setSubscriberId(null);
		Claim claim = (Claim) request.getEntryFirstRep().getResource();
		claim.getItemFirstRep().setProductOrService(new CodeableConcept(new Coding("http://example.org/local",
				"MRI-HEAD", null)));

		FhirHttp.Response refused = http.post(tenant, "Claim/$submit", request);

		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		List<OperationOutcomeIssueComponent> issues = refused.outcome().getIssue();
		assertThat(issues).allSatisfy(i -> assertThat(i.getDiagnostics()).startsWith("ORCM-7041"));
		assertThat(issues).extracting(i -> i.getExpression().get(0).getValue())
				.containsExactlyInAnyOrder("Coverage.subscriberId", "Claim.item[0].productOrService");
		assertThat(http.search(tenant, "ClaimResponse").getEntry()).isEmpty();
		assertThat(http.search(tenant, "Claim").getEntry()).isEmpty();

		FhirHttp.Response notABundle = http.post(tenant, "Claim/$inquire", claim);
		assertThat(notABundle.status()).isEqualTo(400);
		assertThat(notABundle.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7040");
		FhirHttp.Response unknown = http.post(tenant, "Claim/$inquire", pasRequest("W2", MRI));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7047");
	}

	/** A UMO's unsolicited later 278 response certifying the request with this trace number, as a batch file. */
	private static String laterAnswer(String trace, String number) {
		AuthorizationReview request = Authorization278Fixtures.request("PAPEND32", MRI);
		AuthorizationReview.PatientEvent asked = request.event();
		AuthorizationReview traced = new AuthorizationReview(request.kind(), "", trace, request.created(), null,
				request.umo(), request.requester(), request.subscriber(), null, new AuthorizationReview.PatientEvent(
						List.of(new AuthorizationReview.Trace("1", trace, "9OPENRCM00", null)), asked.review(), null,
						List.of(), asked.dates(), asked.diagnoses(), asked.providers(), List.of()),
				List.of(withTrace(request.services().get(0), trace + "-1")), List.of());
		AuthorizationReview answer = Authorization278Fixtures.response(traced,
				new AuthorizationReview.Decision("A1", number, null, false), List.of());
		return WRITER.write(Authorization278Fixtures.UMO, List.of(answer)).text();
	}

	private static AuthorizationReview.Service withTrace(AuthorizationReview.Service s, String trace) {
		return new AuthorizationReview.Service(List.of(new AuthorizationReview.Trace("1", trace, "9OPENRCM00", null)),
				s.review(), null, s.references(), s.dates(), s.procedure(), s.revenueCode(), s.charge(), s.unit(),
				s.quantity(), s.providers(), s.rejections());
	}

	/** An inquiry naming a stored request by its Claim's identifier. */
	private Bundle requestOf(ClaimResponse response) {
		Claim claim = http.get(tenant, response.getRequest().getReference()).resource(Claim.class);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(new Claim()
				.setUse(Claim.Use.PREAUTHORIZATION).setIdentifier(claim.getIdentifier()));
		return bundle;
	}

	private Bundle submitted(Bundle request) {
		FhirHttp.Response response = http.post(tenant, "Claim/$submit", request);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Bundle.class);
	}

	private Bundle inquire(Bundle request, int status) {
		Bundle inquiry = new Bundle().setType(Bundle.BundleType.COLLECTION);
		Claim claim = ((Claim) request.getEntryFirstRep().getResource()).copy();
		inquiry.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(claim);
		FhirHttp.Response response = http.post(tenant, "Claim/$inquire", inquiry);
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		return response.resource(Bundle.class);
	}

	private static ClaimResponse claimResponse(Bundle answer) {
		assertThat(answer.getEntryFirstRep().getResource()).isInstanceOf(ClaimResponse.class);
		return (ClaimResponse) answer.getEntryFirstRep().getResource();
	}

	private static String reviewAction(ClaimResponse.ItemComponent item, String part) {
		Extension action = item.getAdjudicationFirstRep().getExtensionByUrl(PasProfile.REVIEW_ACTION);
		assertThat(action).as("reviewAction on the item's adjudication").isNotNull();
		Extension value = action.getExtensionByUrl(part);
		if (value == null) {
			return null;
		}
		return value.getValue() instanceof CodeableConcept concept ? concept.getCodingFirstRep().getCode()
				: value.getValue().primitiveValue();
	}

	private OperationOutcome scrub(String claim) {
		FhirHttp.Response response = http.post(tenant, claim + "/$scrub", "", FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(OperationOutcome.class);
	}

	private static List<String> findings(OperationOutcome outcome) {
		return outcome.getIssue().stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
	}

	private static LocalDate serviceDate() {
		return LocalDate.now().plusDays(14);
	}

	/** A PAS request Bundle: the Claim first, then its patient, payer, practice, physician and coverage. */
	private static Bundle pasRequest(String memberId, String... codes) {
		Patient patient = new Patient();
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.addIdentifier().setSystem(PasRequestMapping.PAYER_ID_SYSTEM).setValue("60054");
		Organization practice = new Organization().setName("Springfield Family Medicine");
		practice.addIdentifier().setSystem(PasRequestMapping.NPI_SYSTEM).setValue("1987654328");
		Practitioner physician = new Practitioner();
		physician.addName().setFamily("Okafor").addGiven("Daniel");
		physician.addIdentifier().setSystem(PasRequestMapping.NPI_SYSTEM).setValue("1234567893");
		String patientUrl = "urn:uuid:" + UUID.randomUUID();
		String payerUrl = "urn:uuid:" + UUID.randomUUID();
		String practiceUrl = "urn:uuid:" + UUID.randomUUID();
		String physicianUrl = "urn:uuid:" + UUID.randomUUID();
		String coverageUrl = "urn:uuid:" + UUID.randomUUID();
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId(memberId)
				.setBeneficiary(new Reference(patientUrl)).setSubscriber(new Reference(patientUrl))
				.addPayor(new Reference(payerUrl)).setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)));
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.PREAUTHORIZATION)
				.setPatient(new Reference(patientUrl)).setProvider(new Reference(practiceUrl))
				.setInsurer(new Reference(payerUrl));
		claim.addIdentifier().setSystem("http://springfield.example.org/prior-auth").setValue("PA-"
				+ UUID.randomUUID());
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type")
				.setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType(LocalDate.now().toString()));
		claim.addCareTeam().setSequence(1).setProvider(new Reference(physicianUrl));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(coverageUrl));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ClaimFixtures.ICD10CM,
				"G47.33", null)));
		for (String code : codes) {
			claim.addItem().setSequence(claim.getItem().size() + 1).addDiagnosisSequence(1)
					.setProductOrService(new CodeableConcept(new Coding(ClaimFixtures.CPT, code, null)))
					.setServiced(new DateType(serviceDate().toString()))
					.setLocation(new CodeableConcept(new Coding(ClaimFixtures.POS, "11", null)))
					.setNet(new Money().setValue(new BigDecimal("410.00")).setCurrency("USD"))
					.getQuantity().setValue(1);
		}
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem("urn:ietf:rfc:3986")
				.setValue("urn:uuid:" + UUID.randomUUID()));
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(claim);
		add(bundle, patientUrl, patient);
		add(bundle, payerUrl, payer);
		add(bundle, practiceUrl, practice);
		add(bundle, physicianUrl, physician);
		add(bundle, coverageUrl, coverage);
		return bundle;
	}

	private static void add(Bundle bundle, String fullUrl, Resource resource) {
		bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
	}

	/** A claim for payment of one service on the authorized day. */
	private static Claim claimForPayment(String patient, String payer, String practice, String coverage, String code) {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(patient)).setProvider(new Reference(practice))
				.setInsurer(new Reference(payer));
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type")
				.setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType(LocalDate.now().toString()));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(coverage));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ClaimFixtures.ICD10CM,
				"G47.33", null)));
		claim.addItem().setSequence(1).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding(ClaimFixtures.CPT, code, null)))
				.setServiced(new DateType(serviceDate().toString()))
				.setLocation(new CodeableConcept(new Coding(ClaimFixtures.POS, "11", null)))
				.setNet(new Money().setValue(new BigDecimal("410.00")).setCurrency("USD")).getQuantity().setValue(1);
		claim.setTotal(new Money().setValue(new BigDecimal("410.00")).setCurrency("USD"));
		return claim;
	}

	/** A REST-hook receiver on loopback that keeps every body it is sent. */
	private String startReceiver() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			notifications.add(body);
			byte[] answer = body.isEmpty() ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
			exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		receiver.start();
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
	}
}
