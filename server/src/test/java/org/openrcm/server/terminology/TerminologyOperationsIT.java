package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * $lookup and $validate-code over HTTP on the code sets imported at start-up from the test import folder (two
 * fixture ICD-10-CM releases: FY2024 has K52.1, FY2025 drops it) and the starter set.
 */
@OpenRcmServerTest
class TerminologyOperationsIT {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

	@LocalServerPort
	int port;

	FhirHttp http;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> {
			FhirHttp.Response health = http.getPath("/actuator/health/terminology");
			return health.body().contains("\"state\":\"IMPORTED\"") && health.body().contains("\"search\":\"READY");
		});
	}

	@Test
	void theImportIsVisibleInTheHealthDetails() {
		FhirHttp.Response health = http.getPath("/actuator/health/terminology");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"ICD-10-CM\":\"2024, 2025\"").contains("\"Place of Service\"");
	}

	@Test
	void lookupGivesTheDisplayAndWhetherTheCodeIsBillable() {
		FhirHttp.Response response = http.get("DEFAULT", "CodeSystem/$lookup?system=" + ICD10CM + "&code=E11");

		assertThat(response.status()).isEqualTo(200);
		Parameters out = response.resource(Parameters.class);
		assertThat(out.getParameter("display").getValue().primitiveValue()).isEqualTo("Type 2 diabetes mellitus");
		assertThat(out.getParameter("version").getValue().primitiveValue()).isEqualTo("2025");
		assertThat(out.getParameter().stream()
						.filter(p -> p.getName().equals("property"))
						.filter(p -> p.getPart().stream().anyMatch(part -> "billable".equals(part.getValue().primitiveValue())))
						.flatMap(p -> p.getPart().stream())
						.filter(part -> part.getName().equals("value")))
				.singleElement()
				.satisfies(value -> assertThat(((BooleanType) value.getValue()).booleanValue()).isFalse());
	}

	@Test
	void validateCodeJudgesByTheDateOfService() {
		String query = "CodeSystem/$validate-code?url=" + ICD10CM + "&code=K52.1&date=";

		Parameters in2024 = http.get("DEFAULT", query + "2024-06-03").resource(Parameters.class);
		Parameters in2025 = http.get("DEFAULT", query + "2025-02-10").resource(Parameters.class);

		assertThat(((BooleanType) in2024.getParameter("result").getValue()).booleanValue()).isTrue();
		assertThat(((BooleanType) in2025.getParameter("result").getValue()).booleanValue()).isFalse();
		assertThat(in2025.getParameter("message").getValue().primitiveValue()).contains("K52.1 is not in release 2025");
	}

	@Test
	void theImplicitAllCodesValueSetAnswersAPostedParametersBody() {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(ICD10CM + "?fhir_vs"));
		in.addParameter("system", new UriType(ICD10CM));
		in.addParameter("code", new CodeType("K52.1"));
		in.addParameter("date", new DateType("2025-02-10"));

		FhirHttp.Response response = http.post("DEFAULT", "ValueSet/$validate-code", in);

		assertThat(response.status()).isEqualTo(200);
		Parameters out = response.resource(Parameters.class);
		assertThat(((BooleanType) out.getParameter("result").getValue()).booleanValue()).isFalse();
		assertThat(out.getParameter("code").getValue().primitiveValue()).isEqualTo("K52.1");
	}

	@Test
	void everyTenantReadsTheSameCodeSets() {
		String tenant = http.createTenant();

		FhirHttp.Response response = http.get(tenant, "CodeSystem/$lookup?system=" + POS + "&code=11");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.resource(Parameters.class).getParameter("display").getValue().primitiveValue())
				.isEqualTo("Office");
	}

	@Test
	void badInputGetsAnOperationOutcome() {
		FhirHttp.Response unknownCode = http.get("DEFAULT", "CodeSystem/$lookup?system=" + ICD10CM + "&code=Q99.999");
		FhirHttp.Response badDate =
				http.get("DEFAULT", "CodeSystem/$validate-code?url=" + ICD10CM + "&code=I10&date=last-tuesday");
		FhirHttp.Response unknownSystem =
				http.get("DEFAULT", "CodeSystem/$lookup?system=http://example.org/no-such-system&code=1");

		assertThat(unknownCode.status()).isEqualTo(404);
		assertThat(unknownCode.outcome().getIssueFirstRep().getDiagnostics()).contains("Q99.999");
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badDate.outcome().getIssueFirstRep().getDiagnostics()).contains("last-tuesday");
		assertThat(unknownSystem.status()).isEqualTo(404);
		FhirHttp.Response noCode = http.get("DEFAULT", "CodeSystem/$lookup?system=" + ICD10CM);
		assertThat(noCode.status()).isEqualTo(400);
		assertThat(noCode.outcome().getIssueFirstRep().getDiagnostics()).contains("Give the code");
		assertThat(unknownSystem.outcome().getIssueFirstRep().getDiagnostics()).contains("no-such-system");
	}

	@Test
	void expandFiltersTheImplicitValueSetByTheWordsOfTheTitles() {
		FhirHttp.Response response =
				http.get("DEFAULT", "ValueSet/$expand?url=" + ICD10CM + "?fhir_vs&filter=diabetes%20type");

		assertThat(response.status()).isEqualTo(200);
		ValueSet expansion = response.resource(ValueSet.class);
		assertThat(expansion.getExpansion().getTotal()).isEqualTo(2);
		assertThat(expansion.getExpansion().getContains())
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
				.containsExactlyInAnyOrder("E11", "E11.9");

		ValueSet page = http.get("DEFAULT", "ValueSet/$expand?url=" + POS + "?fhir_vs&count=5&offset=5")
				.resource(ValueSet.class);
		assertThat(page.getExpansion().getTotal()).isGreaterThan(40);
		assertThat(page.getExpansion().getContains()).hasSize(5);
		assertThat(page.getExpansion().getOffset()).isEqualTo(5);
	}

	@Test
	void suggestCodesTurnsEverydayWordingIntoBillableCodes() {
		Parameters in = new Parameters();
		in.addParameter("text", new StringType("DM2, f/u"));
		in.addParameter("date", new DateType("2025-02-10"));

		FhirHttp.Response response = http.post("DEFAULT", "$suggest-codes", in);

		assertThat(response.status()).isEqualTo(200);
		Parameters.ParametersParameterComponent first = response.resource(Parameters.class).getParameterFirstRep();
		assertThat(first.getName()).isEqualTo("suggestion");
		assertThat(part(first, "code")).isEqualTo("E11.9");
		assertThat(part(first, "system")).isEqualTo(ICD10CM);
		assertThat(part(first, "kind")).isEqualTo("diagnosis");
		assertThat(part(first, "billable")).isEqualTo("true");
		assertThat(part(first, "evidence")).isEqualTo("DM2");
		assertThat(Double.parseDouble(part(first, "score"))).isPositive();

		FhirHttp.Response noText = http.post("DEFAULT", "$suggest-codes", new Parameters());
		assertThat(noText.status()).isEqualTo(400);
	}

	private static String part(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream()
				.filter(p -> p.getName().equals(name))
				.findFirst()
				.orElseThrow()
				.getValue()
				.primitiveValue();
	}

	@Test
	void anEncounterIsCodedFromWhatTheEhrSent() throws Exception {
		String tenant = http.createTenant();
		String bundle;
		try (var in = TerminologyOperationsIT.class.getResourceAsStream("/examples/encounter-bundle.json")) {
			bundle = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		assertThat(http.post(tenant, "", bundle, FhirHttp.FHIR_JSON).status()).isEqualTo(200);
		Encounter encounter = (Encounter) http.search(tenant, "Encounter").getEntryFirstRep().getResource();
		String encounterRef = "Encounter/" + encounter.getIdElement().getIdPart();
		// a problem typed without a code, a note, and a code that does not exist yet on the date of service
		http.post(tenant, "Condition", new Condition()
				.setSubject(encounter.getSubject())
				.setEncounter(new Reference(encounterRef))
				.setCode(new CodeableConcept().setText("HTN")));
		DocumentReference note = new DocumentReference()
				.setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
				.setSubject(encounter.getSubject());
		note.getContext().addEncounter(new Reference(encounterRef));
		note.addContent().getAttachment().setContentType("text/plain")
				.setData("Patient reports heartburn after meals.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		http.post(tenant, "DocumentReference", note);
		http.post(tenant, "Condition", new Condition()
				.setSubject(encounter.getSubject())
				.setEncounter(new Reference(encounterRef))
				.setCode(new CodeableConcept(new Coding(ICD10CM, "K52.21", null))));

		FhirHttp.Response response = http.post(tenant, encounterRef + "/$suggest-codes", new Parameters());

		assertThat(response.status()).isEqualTo(200);
		Parameters out = response.resource(Parameters.class);
		List<Parameters.ParametersParameterComponent> suggestions = out.getParameter().stream()
				.filter(p -> p.getName().equals("suggestion"))
				.toList();
		// the EHR's own codes first, validated for 2024-06-17
		assertThat(suggestions.subList(0, 2))
				.extracting(p -> part(p, "code"))
				.containsExactlyInAnyOrder("E11.9", "99213");
		assertThat(suggestions.subList(0, 2)).allSatisfy(p -> assertThat(part(p, "coded")).isEqualTo("true"));
		assertThat(suggestions)
				.filteredOn(p -> part(p, "code").equals("I10"))
				.singleElement()
				.satisfies(p -> assertThat(part(p, "coded")).isEqualTo("false"))
				.satisfies(p -> assertThat(part(p, "evidence")).isEqualTo("HTN"));
		Parameters.ParametersParameterComponent rejected = out.getParameter().stream()
				.filter(p -> p.getName().equals("rejected"))
				.findFirst()
				.orElseThrow();
		assertThat(part(rejected, "code")).isEqualTo("K52.21");
		assertThat(part(rejected, "message")).contains("not in release 2024");

		assertThat(http.post(tenant, "Encounter/does-not-exist/$suggest-codes", new Parameters()).status())
				.isEqualTo(404);
	}
}
