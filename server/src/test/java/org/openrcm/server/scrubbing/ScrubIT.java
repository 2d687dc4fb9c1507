package org.openrcm.server.scrubbing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code Claim/$scrub} over HTTP the way a biller's tools call it: claims whose parties are stored in the tenant, the
 * stored-claim and batch forms, payer rules added through the API, and scrub on write in the two tenants the test
 * configuration sets to {@code annotate} and {@code reject}. Dates of service are ten days ago, so the fixture
 * tables (2024) are older than the claims: every answer also carries the EDIT-TABLES-OUTDATED warning, as it must.
 */
@OpenRcmServerTest
class ScrubIT {

	private static final String ANNOTATE = "SCRUBANNOTATE";
	private static final String REJECT = "SCRUBREJECT";
	private static boolean onWriteTenantsCreated;

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;
	final LocalDate serviceDate = LocalDate.now().minusDays(10);

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
		synchronized (ScrubIT.class) {
			if (!onWriteTenantsCreated) {
				http.createTenant(ANNOTATE);
				http.createTenant(REJECT);
				onWriteTenantsCreated = true;
			}
		}
		Awaitility.await().atMost(Duration.ofMinutes(2)).until(() ->
				http.getPath("/actuator/health/terminology").body().contains("\"state\":\"IMPORTED\""));
	}

	/** The stored parties of a claim. */
	record Parties(String patient, String payer, String clinic, String coverage) {}

	private Parties storeParties(String tenant) {
		Patient patient = new Patient();
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		patient.addAddress().addLine("118 Larch Street").setCity("Springfield").setState("IL").setPostalCode("62704");
		Organization payer = new Organization().setName("Prairie Health Plan");
		Organization clinic = new Organization().setName("Springfield Family Medicine");
		clinic.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1987654328");
		clinic.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("371234567");
		clinic.addType(new CodeableConcept(new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
		clinic.addAddress().addLine("400 Main Street").setCity("Springfield").setState("IL").setPostalCode("62701");
		String patientId = create(tenant, patient);
		String payerId = create(tenant, payer);
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId("PHP884421907")
				.setBeneficiary(new Reference(patientId)).addPayor(new Reference(payerId))
				.setPeriod(new Period().setStartElement(new DateTimeType(serviceDate.minusYears(1).toString())));
		return new Parties(patientId, payerId, create(tenant, clinic), create(tenant, coverage));
	}

	private String create(String tenant, org.hl7.fhir.r4.model.Resource resource) {
		FhirHttp.Response response = http.post(tenant, resource.fhirType(), resource);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}

	/** An office visit and an injection for hypertension: nothing to fix. */
	private Claim claim(Parties parties) {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(parties.patient())).setProvider(new Reference(parties.clinic()))
				.setInsurer(new Reference(parties.payer()));
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority").setCode("normal");
		claim.setCreatedElement(new DateTimeType(LocalDate.now().toString()));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(parties.coverage()));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ScrubFixtures.ICD, "I10", null)));
		line(claim, "99213", "125.00");
		line(claim, "96372", "30.00");
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	private void line(Claim claim, String code, String charge) {
		claim.addItem().setSequence(claim.getItem().size() + 1).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding(ScrubFixtures.CPT, code, null)))
				.setServiced(new DateType(serviceDate.toString()))
				.setLocation(new CodeableConcept(new Coding(ScrubFixtures.POS, "11", null)))
				.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"))
				.getQuantity().setValue(1);
	}

	private static Parameters resource(Claim claim) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(claim);
		return parameters;
	}

	private OperationOutcome scrub(String tenant, Claim claim) {
		FhirHttp.Response response = http.post(tenant, "Claim/$scrub", resource(claim));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.outcome();
	}

	private static List<String> rules(OperationOutcome outcome) {
		return outcome.getIssue().stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
	}

	private static OperationOutcomeIssueComponent issue(OperationOutcome outcome, String rule) {
		return outcome.getIssue().stream().filter(i -> rule.equals(i.getDetails().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow(() -> new AssertionError(rule + " not in " + rules(outcome)));
	}

	@Test
	void aCompleteClaimIsCleanAndTheOutdatedTablesAreSaid() {
		OperationOutcome outcome = scrub(tenant, claim(storeParties(tenant)));

		assertThat(rules(outcome)).containsExactly("EDIT-TABLES-OUTDATED", "CLEAN");
		assertThat(issue(outcome, "CLEAN").getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
		assertThat(issue(outcome, "CLEAN").getDiagnostics()).contains("NCCI PTP practitioner edits 2024Q3");
		assertThat(issue(outcome, "EDIT-TABLES-OUTDATED").getDetails().getText()).contains("does not cover " + serviceDate);
	}

	@Test
	void findingsPointAtTheElementToFix() {
		Parties parties = storeParties(tenant);
		Claim claim = claim(parties);
		claim.getItem().get(1).addModifier(new CodeableConcept(new Coding(ScrubFixtures.CPT, "25", null)));
		claim.getItem().get(0).getProductOrService().getCodingFirstRep().setCode("20610");
		claim.getItem().get(0).getQuantity().setValue(3);

		OperationOutcome outcome = scrub(tenant, claim);

		assertThat(rules(outcome)).contains("MODIFIER-INVALID", "MUE").doesNotContain("CLEAN");
		OperationOutcomeIssueComponent modifier = issue(outcome, "MODIFIER-INVALID");
		assertThat(modifier.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(modifier.getDetails().getCodingFirstRep().getSystem()).isEqualTo(OpenRcmIg.SCRUB_RULE_CODE_SYSTEM);
		assertThat(modifier.getExpression()).extracting(StringType::getValue).containsExactly("Claim.item[1].modifier[0]");
		assertThat(issue(outcome, "MUE").getDiagnostics()).contains("2024Q3", "MUE 2");
	}

	@Test
	void storedPartiesAreReadFromTheTenantOnly() {
		Parties elsewhere = storeParties(http.createTenant());

		OperationOutcome outcome = scrub(tenant, claim(elsewhere));

		assertThat(rules(outcome)).contains("REQUIRED-ELEMENT", "COVERAGE-MISSING");
		assertThat(outcome.getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
				.anyMatch(d -> d.contains("does not resolve in this tenant"));
	}

	@Test
	void aStoredClaimIsScrubbedAndItsFirstCleanScrubRecorded() {
		String id = create(tenant, claim(storeParties(tenant)));

		FhirHttp.Response first = http.post(tenant, id + "/$scrub", "", FhirHttp.FHIR_JSON);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(rules(first.outcome())).contains("CLEAN");
		Claim stored = http.get(tenant, id).resource(Claim.class);
		String cleanAt = stored.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION).getValue().primitiveValue();

		http.post(tenant, id + "/$scrub", "", FhirHttp.FHIR_JSON);
		Claim again = http.get(tenant, id).resource(Claim.class);
		assertThat(again.getMeta().getVersionId()).isEqualTo(stored.getMeta().getVersionId());
		assertThat(again.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION).getValue().primitiveValue()).isEqualTo(cleanAt);
	}

	@Test
	void aDuplicateOfAStoredClaimIsFound() {
		Parties parties = storeParties(tenant);
		String stored = create(tenant, claim(parties));

		assertThat(issue(scrub(tenant, claim(parties)), "DUPLICATE-CLAIM").getDetails().getText()).contains(stored);
		assertThat(rules(scrub(http.createTenant(), claim(storeParties(tenant))))).doesNotContain("DUPLICATE-CLAIM");
	}

	@Test
	void badRequestsAreExplained() {
		FhirHttp.Response noClaim = http.post(tenant, "Claim/$scrub", new Parameters());
		assertThat(noClaim.status()).isEqualTo(400);
		assertThat(noClaim.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-5001");

		FhirHttp.Response notAClaim = http.post(tenant, "Claim/$scrub", new Parameters().addParameter(
				new Parameters.ParametersParameterComponent().setName("resource").setResource(
						new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Doe")))));
		assertThat(notAClaim.status()).isEqualTo(400);
		assertThat(notAClaim.outcome().getIssueFirstRep().getDiagnostics()).contains("must be a Claim");

		String id = create(tenant, claim(storeParties(tenant)));
		FhirHttp.Response both = http.post(tenant, id + "/$scrub", resource(claim(storeParties(tenant))));
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-5002");

		assertThat(http.post(tenant, "Claim/does-not-exist/$scrub", "", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
		assertThat(http.post(http.createTenant(), id + "/$scrub", "", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
	}

	/** The README's two scrubs: the example claim file, and the claim drafted from the example encounter. */
	@Test
	void theReadmeExamples() throws Exception {
		String example = java.nio.file.Files.readString(java.nio.file.Path.of("../examples/scrub-claim.json"));
		FhirHttp.Response response = http.post(tenant, "Claim/$scrub", example, FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		OperationOutcome outcome = response.outcome();
		assertThat(rules(outcome)).containsExactly("DX-NOT-BILLABLE", "MODIFIER-INVALID", "TIMELY-FILING",
				"AMOUNT-MISMATCH", "EDIT-TABLES-OUTDATED");

		String bundle = java.nio.file.Files.readString(java.nio.file.Path.of("../examples/encounter-bundle.json"));
		Bundle posted = http.post(tenant, "", bundle, FhirHttp.FHIR_JSON).resource(Bundle.class);
		String encounter = posted.getEntry().stream().map(e -> e.getResponse().getLocation())
				.filter(l -> l.startsWith("Encounter/")).findFirst().orElseThrow().replaceAll("/_history/.*", "");
		Claim draft = http.post(tenant, encounter + "/$draft-claim", "", FhirHttp.FHIR_JSON).resource(Claim.class);
		FhirHttp.Response drafted = http.post(tenant, "Claim/" + draft.getIdElement().getIdPart() + "/$scrub", "",
				FhirHttp.FHIR_JSON);
		assertThat(rules(drafted.outcome())).containsExactly("REQUIRED-ELEMENT", "REQUIRED-ELEMENT",
				"REQUIRED-ELEMENT", "TIMELY-FILING", "EDIT-TABLES-OUTDATED");
	}

	@Test
	void theClaimItselfMayBeTheBody() {
		FhirHttp.Response response = http.post(tenant, "Claim/$scrub", claim(storeParties(tenant)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(rules(response.outcome())).contains("CLEAN");
	}

	@Test
	void aBatchOfScrubs() {
		Parties parties = storeParties(tenant);
		String storedId = create(tenant, claim(parties));
		Claim broken = claim(parties);
		broken.getTotal().setValue(new BigDecimal("1.00"));
		Bundle batch = new Bundle().setType(BundleType.BATCH);
		batch.addEntry().setResource(resource(broken)).getRequest().setMethod(HTTPVerb.POST).setUrl("Claim/$scrub");
		batch.addEntry().getRequest().setMethod(HTTPVerb.POST).setUrl(storedId + "/$scrub");

		FhirHttp.Response response = http.post(tenant, "", batch);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<Bundle.BundleEntryComponent> entries = response.resource(Bundle.class).getEntry();
		assertThat(entries).hasSize(2);
		assertThat(entries).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
		assertThat(rules((OperationOutcome) entries.get(0).getResource())).contains("AMOUNT-MISMATCH");
		assertThat(rules((OperationOutcome) entries.get(1).getResource())).contains("CLEAN");

		Bundle withUnknownClaim = new Bundle().setType(BundleType.BATCH);
		withUnknownClaim.addEntry().getRequest().setMethod(HTTPVerb.POST).setUrl("Claim/unknown/$scrub");
		withUnknownClaim.addEntry().getRequest().setMethod(HTTPVerb.POST).setUrl(storedId + "/$scrub");
		List<Bundle.BundleEntryComponent> answered = http.post(tenant, "", withUnknownClaim).resource(Bundle.class)
				.getEntry();
		assertThat(answered.get(0).getResponse().getStatus()).startsWith("404");
		assertThat(answered.get(0).getResponse().getOutcome()).isNotNull();
		assertThat(answered.get(1).getResponse().getStatus()).startsWith("200");
	}

	@Test
	void payerRulesTakeEffectWithoutARestart() {
		Parties parties = storeParties(tenant);
		Basic rule = new Basic();
		rule.addIdentifier().setSystem("http://prairiehealth.example.org/edits").setValue("PHP-12");
		rule.setSubject(new Reference(parties.payer()));
		rule.setCode(new CodeableConcept(new Coding(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM, "condition", null)));
		rule.addExtension(OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION, new Expression().setLanguage("text/fhirpath")
				.setExpression("item.where(productOrService.coding.code = '96372').exists()"));
		rule.addExtension(OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION, new CodeType("error"));
		rule.addExtension(OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION, new StringType("Prairie bundles 96372 into visits."));
		assertThat(rules(scrub(tenant, claim(parties)))).doesNotContain("PAYER-RULE");

		String ruleId = create(tenant, rule);
		OperationOutcomeIssueComponent fired = issue(scrub(tenant, claim(parties)), "PAYER-RULE");
		assertThat(fired.getDetails().getText()).isEqualTo("Prairie bundles 96372 into visits.");
		assertThat(fired.getDetails().getCoding()).extracting(Coding::getCode).containsExactly("PAYER-RULE", "PHP-12");

		rule.setId(ruleId);
		((StringType) rule.getExtensionByUrl(OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION).getValue()).setValue("Changed.");
		assertThat(http.put(tenant, ruleId, rule).status()).isEqualTo(200);
		assertThat(issue(scrub(tenant, claim(parties)), "PAYER-RULE").getDetails().getText()).isEqualTo("Changed.");

		assertThat(http.delete(tenant, ruleId).status()).isEqualTo(200);
		assertThat(rules(scrub(tenant, claim(parties)))).doesNotContain("PAYER-RULE");
	}

	@Test
	void aPayerRuleTheScrubberCannotApplyIsRefused() {
		Basic rule = new Basic();
		rule.setSubject(new Reference(storeParties(tenant).payer()));
		rule.setCode(new CodeableConcept(new Coding(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM, "condition", null)));
		rule.addExtension(OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION,
				new Expression().setLanguage("text/fhirpath").setExpression("item.where("));

		FhirHttp.Response response = http.post(tenant, "Basic", rule);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.outcome().getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
				.allMatch(d -> d.startsWith("ORCM-5004"))
				.anyMatch(d -> d.contains("not valid FHIRPath")).anyMatch(d -> d.contains("identifier"));
	}

	@Test
	void annotateStoresTheOutcomeWithTheClaim() {
		Parties parties = storeParties(ANNOTATE);
		Claim broken = claim(parties);
		broken.getItem().get(1).addModifier(new CodeableConcept(new Coding(ScrubFixtures.CPT, "ZZ", null)));

		String brokenId = create(ANNOTATE, broken);
		Claim stored = http.get(ANNOTATE, brokenId).resource(Claim.class);
		assertThat(stored.getExtensionByUrl(OpenRcmIg.SCRUB_OUTCOME_EXTENSION).getValue())
				.isInstanceOfSatisfying(Reference.class, r -> assertThat(r.getReference()).isEqualTo("#scrub"));
		OperationOutcome outcome = (OperationOutcome) stored.getContained().get(0);
		assertThat(rules(outcome)).contains("MODIFIER-INVALID");
		assertThat(stored.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION)).isNull();

		// fixed: the outcome is replaced and the first clean scrub recorded; a later update keeps that moment
		stored.getItem().get(1).getModifier().clear();
		assertThat(http.put(ANNOTATE, brokenId, stored).status()).isEqualTo(200);
		Claim fixed = http.get(ANNOTATE, brokenId).resource(Claim.class);
		assertThat(rules((OperationOutcome) fixed.getContained().get(0))).contains("CLEAN");
		String cleanAt = fixed.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION).getValue().primitiveValue();
		fixed.getExtension().removeIf(e -> e.getUrl().equals(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION));
		assertThat(http.put(ANNOTATE, brokenId, fixed).status()).isEqualTo(200);
		assertThat(http.get(ANNOTATE, brokenId).resource(Claim.class).getExtensionByUrl(
				OpenRcmIg.SCRUBBED_CLEAN_EXTENSION).getValue().primitiveValue()).isEqualTo(cleanAt);
	}

	@Test
	void rejectRefusesClaimsWithErrorsOnly() {
		Parties parties = storeParties(REJECT);
		Claim broken = claim(parties);
		broken.getItem().get(1).addModifier(new CodeableConcept(new Coding(ScrubFixtures.CPT, "ZZ", null)));

		FhirHttp.Response refused = http.post(REJECT, "Claim", broken);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-5003");
		assertThat(rules(refused.outcome())).contains("MODIFIER-INVALID");
		assertThat(http.search(REJECT, "Claim?patient=" + parties.patient()).getEntry()).isEmpty();

		FhirHttp.Response accepted = http.post(REJECT, "Claim", claim(parties));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
		assertThat(accepted.resource(Claim.class).getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION)).isNotNull();

		Claim draft = claim(parties).setStatus(Claim.ClaimStatus.DRAFT);
		draft.getItem().get(1).addModifier(new CodeableConcept(new Coding(ScrubFixtures.CPT, "ZZ", null)));
		assertThat(http.post(REJECT, "Claim", draft).status()).as("drafts are work in progress").isEqualTo(201);
	}
}
