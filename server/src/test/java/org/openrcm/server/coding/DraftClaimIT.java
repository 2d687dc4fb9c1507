package org.openrcm.server.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.ClaimFixtures;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code Encounter/[id]/$draft-claim} on the README's encounter, checked the way a coder reads the draft. */
@OpenRcmServerTest
class DraftClaimIT {

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	/** The ids ("Type/id") the server gave the example bundle's resources. */
	record Posted(String patient, String practitioner, String clinic, String payer, String coverage, String encounter,
			String condition, String procedure) {

		String encounterId() {
			return encounter.substring("Encounter/".length());
		}
	}

	private Posted postExampleEncounter(String tenant) throws IOException {
		String bundle;
		try (InputStream in = DraftClaimIT.class.getResourceAsStream("/examples/encounter-bundle.json")) {
			bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		FhirHttp.Response response = http.post(tenant, "", bundle, FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = response.resource(Bundle.class).getEntry().stream()
				.map(e -> e.getResponse().getLocation().replaceAll("/_history/.*", ""))
				.toList();
		return new Posted(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5), ids.get(6), ids.get(7));
	}

	private FhirHttp.Response draftClaim(String tenant, String encounterId) {
		// what curl -X POST .../$draft-claim sends: no body
		return http.post(tenant, "Encounter/" + encounterId + "/$draft-claim", "", FhirHttp.FHIR_JSON);
	}

	private static List<String> issueCodes(Claim claim) {
		return ClaimDrafter.issuesOf(claim).orElseThrow().getIssue().stream()
				.map(i -> i.getDetails().getCodingFirstRep().getCode())
				.toList();
	}

	@Test
	void theDraftHasWhatACoderChecks() throws IOException {
		Posted posted = postExampleEncounter(tenant);
		Instant before = Instant.now().minusSeconds(1);

		FhirHttp.Response response = draftClaim(tenant, posted.encounterId());

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		Claim claim = response.resource(Claim.class);
		assertThat(claim.getIdElement().getIdPart()).isNotBlank();
		assertThat(claim.getStatus()).isEqualTo(Claim.ClaimStatus.DRAFT);
		assertThat(claim.getUse()).isEqualTo(Claim.Use.CLAIM);
		assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("professional");
		assertThat(claim.getIdentifierFirstRep().getSystem()).isEqualTo("http://openrcm.org/fhir/sid/draft-claim");
		assertThat(claim.getIdentifierFirstRep().getValue()).isEqualTo(posted.encounterId());

		assertThat(claim.getPatient().getReference()).isEqualTo(posted.patient());
		assertThat(claim.getProvider().getReference()).isEqualTo(posted.clinic());
		assertThat(claim.getInsuranceFirstRep().getCoverage().getReference()).isEqualTo(posted.coverage());
		assertThat(claim.getInsuranceFirstRep().getFocal()).isTrue();
		assertThat(claim.getInsurer().getReference()).isEqualTo(posted.payer());
		assertThat(claim.getCareTeamFirstRep().getProvider().getReference()).isEqualTo(posted.practitioner());
		assertThat(claim.getCareTeamFirstRep().getRole().getCodingFirstRep().getCode()).isEqualTo("primary");

		assertThat(claim.getDiagnosis()).singleElement().satisfies(d -> {
			assertThat(d.getSequence()).isEqualTo(1);
			assertThat(d.getDiagnosisCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(ClaimFixtures.ICD10CM);
			assertThat(d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("E11.9");
		});
		assertThat(claim.getItem()).singleElement().satisfies(item -> {
			assertThat(item.getProductOrService().getCodingFirstRep().getSystem()).isEqualTo(ClaimFixtures.CPT);
			assertThat(item.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("99213");
			assertThat(item.getDiagnosisSequence()).extracting(p -> p.getValue()).containsExactly(1);
			assertThat(item.getServicedDateType().getValueAsString()).isEqualTo("2024-06-17");
			assertThat(item.getLocationCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(ClaimFixtures.POS);
			assertThat(item.getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("11");
			assertThat(item.getQuantity().getValue()).isEqualByComparingTo("1");
			assertThat(item.hasNet()).isFalse();
		});
		// the example carries no charge amount: the coder is told, at the element
		assertThat(issueCodes(claim)).containsExactly("ORCM-4111");
		assertThat(ClaimDrafter.issuesOf(claim).orElseThrow().getIssueFirstRep().getExpression().get(0).getValue())
				.isEqualTo("Claim.item[0].net");

		assertThat(((DateTimeType) claim.getExtensionByUrl(
				"http://openrcm.org/fhir/StructureDefinition/encounter-ended").getValue()).getValueAsString())
				.isEqualTo("2024-06-17T09:55:00-05:00");
		Instant drafted = ((DateTimeType) claim.getExtensionByUrl(
				"http://openrcm.org/fhir/StructureDefinition/claim-drafted").getValue()).getValue().toInstant();
		assertThat(drafted).isBetween(before, Instant.now().plusSeconds(1));
		assertThat(claim.getCreated().toInstant()).isEqualTo(drafted);

		// stored in the tenant, as returned
		FhirHttp.Response stored = http.get(tenant, "Claim/" + claim.getIdElement().getIdPart());
		assertThat(stored.status()).isEqualTo(200);
		assertThat(issueCodes(stored.resource(Claim.class))).containsExactly("ORCM-4111");
	}

	@Test
	void onceTheCoderEntersTheChargeTheDraftPassesTheSubmissionProfile() throws IOException {
		Posted posted = postExampleEncounter(tenant);
		Claim claim = draftClaim(tenant, posted.encounterId()).resource(Claim.class);

		claim.getItemFirstRep()
				.setUnitPrice(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"))
				.setNet(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"));
		claim.setTotal(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"));
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		FhirHttp.Response completed = http.put(tenant, claim.getIdElement().toUnqualifiedVersionless().getValue(), claim);

		assertThat(completed.status()).as(completed.body()).isEqualTo(200);

		// and the profile is really applied once the claim leaves draft
		claim.setTotal(new Money().setValue(new BigDecimal("1.00")).setCurrency("USD"));
		FhirHttp.Response wrongTotal = http.put(tenant, claim.getIdElement().toUnqualifiedVersionless().getValue(), claim);
		assertThat(wrongTotal.status()).as(wrongTotal.body()).isEqualTo(422);
		assertThat(wrongTotal.body()).contains("ORCM-3001");
	}

	@Test
	void theTenantsFeeSchedulePricesTheLinesAndChangesTakeEffectAtOnce() throws IOException {
		org.hl7.fhir.r4.model.ChargeItemDefinition fee = new org.hl7.fhir.r4.model.ChargeItemDefinition()
				.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setCode(new CodeableConcept(new Coding(ClaimFixtures.CPT, "99213", null)));
		fee.setUrl("http://springfield.example.org/fees/99213");
		fee.addPropertyGroup().addPriceComponent()
				.setType(org.hl7.fhir.r4.model.ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.BASE)
				.setAmount(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"));
		Posted first = postExampleEncounter(tenant);
		assertThat(draftClaim(tenant, first.encounterId()).resource(Claim.class).getItemFirstRep().hasNet())
				.as("no fee schedule yet").isFalse();
		assertThat(http.delete(tenant, "Claim?identifier=http://openrcm.org/fhir/sid/draft-claim%7C"
				+ first.encounterId()).status()).isEqualTo(200);

		FhirHttp.Response created = http.post(tenant, "ChargeItemDefinition", fee);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		FhirHttp.Response redrafted = draftClaim(tenant, first.encounterId());
		assertThat(redrafted.status()).as(redrafted.body()).isEqualTo(201);
		Claim priced = redrafted.resource(Claim.class);

		assertThat(priced.getItemFirstRep().getNet().getValue()).isEqualByComparingTo("125.00");
		assertThat(priced.getTotal().getValue()).isEqualByComparingTo("125.00");
		assertThat(ClaimDrafter.issuesOf(priced)).isEmpty();
		assertThat(draftClaim(http.createTenant(), first.encounterId()).status()).as("fees are per tenant")
				.isEqualTo(404);
	}

	@Test
	void rankedDiagnosesChargesAndPointersFromTheEncounter() throws IOException {
		Posted posted = postExampleEncounter(tenant);
		Condition hypertension = new Condition()
				.setCode(new CodeableConcept(new Coding(ClaimFixtures.ICD10CM, "I10", null)))
				.setSubject(new Reference(posted.patient()))
				.setEncounter(new Reference(posted.encounter()));
		String hypertensionId = http.post(tenant, "Condition", hypertension).resource().getIdElement()
				.toUnqualifiedVersionless().getValue();
		Encounter encounter = http.get(tenant, posted.encounter()).resource(Encounter.class);
		encounter.addDiagnosis().setCondition(new Reference(posted.condition())).setRank(2);
		encounter.addDiagnosis().setCondition(new Reference(hypertensionId)).setRank(1);
		assertThat(http.put(tenant, posted.encounter(), encounter).status()).isEqualTo(200);
		ChargeItem flu = new ChargeItem()
				.setStatus(ChargeItem.ChargeItemStatus.BILLABLE)
				.setCode(new CodeableConcept(new Coding(ClaimFixtures.HCPCS, "G0008", null)))
				.setSubject(new Reference(posted.patient()))
				.setContext(new Reference(posted.encounter()))
				.setPriceOverride(new Money().setValue(new BigDecimal("30.00")).setCurrency("USD"))
				.addReason(new CodeableConcept(new Coding(ClaimFixtures.ICD10CM, "I10", null)));
		flu.addExtension(ClaimDrafter.SERVICE_MODIFIER, new CodeableConcept(new Coding(ClaimFixtures.HCPCS, "GT", null)));
		assertThat(http.post(tenant, "ChargeItem", flu).status()).isEqualTo(201);

		FhirHttp.Response response = draftClaim(tenant, posted.encounterId());

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		Claim claim = response.resource(Claim.class);
		assertThat(claim.getDiagnosis()).extracting(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
				.containsExactly("I10", "E11.9");
		Claim.ItemComponent visit = claim.getItem().get(0);
		Claim.ItemComponent vaccine = claim.getItem().get(1);
		assertThat(visit.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("99213");
		assertThat(visit.getDiagnosisSequence()).extracting(p -> p.getValue()).containsExactly(2); // E11.9
		assertThat(vaccine.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("G0008");
		assertThat(vaccine.getDiagnosisSequence()).extracting(p -> p.getValue()).containsExactly(1); // I10
		assertThat(vaccine.getModifierFirstRep().getCodingFirstRep().getCode()).isEqualTo("GT");
		assertThat(vaccine.getNet().getValue()).isEqualByComparingTo("30.00");
		assertThat(claim.getTotal().getValue()).isEqualByComparingTo("30.00");
	}

	@Test
	void draftingTwiceReturnsTheFirstDraft() throws Exception {
		Posted posted = postExampleEncounter(tenant);
		String operation = "http://127.0.0.1:" + port + "/fhir/" + tenant + "/Encounter/" + posted.encounterId()
				+ "/$draft-claim";

		// the first time as the README's curl sends it: no body, no Content-Type
		HttpResponse<String> first = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(operation)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		// the second time as a FHIR client library sends it: an empty Parameters resource
		FhirHttp.Response second = http.post(tenant, "Encounter/" + posted.encounterId() + "/$draft-claim",
				"{\"resourceType\":\"Parameters\"}", FhirHttp.FHIR_JSON);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		Claim drafted = FhirHttp.fhir().newJsonParser().parseResource(Claim.class, first.body());
		String claimId = drafted.getIdElement().toUnqualifiedVersionless().getValue();
		assertThat(first.headers().firstValue("Location")).hasValueSatisfying(location ->
				assertThat(location).endsWith("/fhir/" + tenant + "/" + claimId + "/_history/1"));
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		Claim again = second.resource(Claim.class);
		assertThat(again.getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(claimId);
		assertThat(again.getMeta().getVersionId()).isEqualTo("1");
		assertThat(http.search(tenant, "Claim?_summary=count").getTotal()).isEqualTo(1);
	}

	@Test
	void anUnknownEncounterIsNotFound() {
		FhirHttp.Response response = draftClaim(tenant, "987654321");

		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.outcome().getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(http.search(tenant, "Claim?_summary=count").getTotal()).isZero();
	}

	@Test
	void anotherTenantsEncounterIsNotFound() throws IOException {
		Posted posted = postExampleEncounter(tenant);
		String otherPractice = http.createTenant();

		FhirHttp.Response response = draftClaim(otherPractice, posted.encounterId());

		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.body()).contains("OperationOutcome").doesNotContain("Rivera");
		assertThat(http.search(otherPractice, "Claim?_summary=count").getTotal()).isZero();
		assertThat(http.search(tenant, "Claim?_summary=count").getTotal()).isZero();
	}

	@Test
	void anEncounterWithoutAPatientIsRefusedWithAStableCode() {
		Encounter noSubject = new Encounter()
				.setStatus(Encounter.EncounterStatus.FINISHED)
				.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
		String id = http.post(tenant, "Encounter", noSubject).resource().getIdElement().getIdPart();

		FhirHttp.Response response = draftClaim(tenant, id);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem())
				.isEqualTo("http://openrcm.org/fhir/CodeSystem/error-code");
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("ORCM-4001");
		assertThat(http.search(tenant, "Claim?_summary=count").getTotal()).isZero();
	}
}
