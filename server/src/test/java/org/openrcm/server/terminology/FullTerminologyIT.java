package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.OpenRcmApplication;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.terminology.testing.SharedTestData;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The terminology operations and the scrubber over HTTP on the full public code sets (`../shared/terminology-data`:
 * ICD-10-CM, HCPCS, the 2.5M NCCI PTP pairs, MUE, add-on codes, MCE, POS, X12 lists, NUCC), imported by a server of
 * its own as an operator would configure it. The other integration tests share a server with tiny fixture files;
 * this one is the proof that the real files load and answer. It runs in the H2 pass only (terminology does not
 * depend on the database) and is skipped without the shared data, except in CI where that is a failure.
 */
@SpringBootTest(
		classes = OpenRcmApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "openrcm.data-dir=target/it-data/full-terminology")
class FullTerminologyIT {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

	@LocalServerPort
	int port;

	FhirHttp http;

	@DynamicPropertySource
	static void sharedCodeSets(DynamicPropertyRegistry registry) {
		registry.add("openrcm.terminology.import-dir", () -> SharedTestData.require("terminology-data").toString());
	}

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			String health = http.getPath("/actuator/health/terminology").body();
			return health.contains("\"state\":\"IMPORTED\"") && health.contains("\"search\":\"READY");
		});
	}

	private Parameters get(String path) {
		FhirHttp.Response response = http.get("DEFAULT", path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Parameters.class);
	}

	@Test
	void everyCodeSetAndEditTableIsInService() {
		String health = http.getPath("/actuator/health/terminology").body();

		assertThat(health).contains("\"HCPCS Level II\":\"2024", "\"NCCI PTP (practitioner)\":\"2024Q3\"",
				"\"NCCI MUE (practitioner)\":\"2024Q3\"", "\"NCCI add-on codes\":\"2024Q3\"",
				"\"MCE diagnosis edits\":\"41.1\"", "NUCC provider taxonomy");
	}

	@Test
	void lookupAndValidateByDateOfService() {
		assertThat(get("CodeSystem/$lookup?system=" + ICD10CM + "&code=E11.9").getParameter("display").getValue()
				.primitiveValue()).isEqualTo("Type 2 diabetes mellitus without complications");
		String validate = "CodeSystem/$validate-code?date=2024-08-15&url=";
		assertThat(get(validate + ICD10CM + "&code=E11.9").getParameterBool("result")).isTrue();
		assertThat(get(validate + ICD10CM + "&code=E11").getParameterBool("result")).isFalse();
		assertThat(get(validate + HCPCS + "&code=G0008").getParameterBool("result")).isTrue();
		assertThat(get(validate + HCPCS + "&code=G0000").getParameterBool("result")).isFalse();
		assertThat(get(validate + CPT + "&code=99213").getParameterBool("result")).isTrue();
		assertThat(get(validate + "http://nucc.org/provider-taxonomy&code=207Q00000X").getParameterBool("result"))
				.isTrue();
		assertThat(get(validate + "https://x12.org/codes/claim-adjustment-reason-codes&code=45")
				.getParameterBool("result")).isTrue();
	}

	@Test
	void fullTextExpansionAndSuggestions() {
		FhirHttp.Response expansion = http.get("DEFAULT",
				"ValueSet/$expand?url=" + ICD10CM + "?fhir_vs&filter=type%202%20diabetes%20kidney&count=20");
		assertThat(expansion.status()).as(expansion.body()).isEqualTo(200);
		assertThat(expansion.resource(ValueSet.class).getExpansion().getContains())
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode).contains("E11.22");

		Parameters text = new Parameters();
		text.addParameter("text", new StringType("HTN"));
		Parameters suggestions = http.post("DEFAULT", "$suggest-codes", text).resource(Parameters.class);
		assertThat(suggestions.getParameterFirstRep().getPart()).filteredOn(p -> p.getName().equals("code"))
				.extracting(p -> p.getValue().primitiveValue()).containsExactly("I10");
	}

	@Test
	void theScrubberJudgesByTheFullNcciTables() {
		Claim bundled = claim();
		line(bundled, "11042", 1);
		line(bundled, "97597", 1);
		assertThat(rules(scrub(bundled))).contains("NCCI-PTP");

		Claim distinct = claim();
		line(distinct, "11042", 1);
		line(distinct, "97597", 1).addModifier(new CodeableConcept(new Coding(CPT, "59", null)));
		assertThat(rules(scrub(distinct))).doesNotContain("NCCI-PTP");

		Claim injections = claim();
		line(injections, "20610", 3);
		assertThat(rules(scrub(injections))).contains("MUE");
	}

	private OperationOutcome scrub(Claim claim) {
		claim.setTotal(new Money().setValue(claim.getItem().stream().map(i -> i.getNet().getValue())
				.reduce(BigDecimal.ZERO, BigDecimal::add)).setCurrency("USD"));
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(claim);
		FhirHttp.Response response = http.post("DEFAULT", "Claim/$scrub", parameters);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.outcome();
	}

	private static List<String> rules(OperationOutcome outcome) {
		return outcome.getIssue().stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
	}

	private static Claim claim() {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM);
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "L97.411", null)));
		return claim;
	}

	private static Claim.ItemComponent line(Claim claim, String code, int units) {
		Claim.ItemComponent item = claim.addItem().setSequence(claim.getItem().size() + 1).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding(CPT, code, null)))
				.setServiced(new DateType("2024-08-15"))
				.setLocation(new CodeableConcept(new Coding(POS, "11", null)))
				.setNet(new Money().setValue(new BigDecimal("100.00")).setCurrency("USD"));
		item.getQuantity().setValue(units);
		return item;
	}
}
