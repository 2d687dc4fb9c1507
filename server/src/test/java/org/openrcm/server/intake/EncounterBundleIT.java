package org.openrcm.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's EHR intake example: one encounter as a transaction Bundle with conditional creates. */
@OpenRcmServerTest
class EncounterBundleIT {

	static final List<String> TYPES =
			List.of("Patient", "Practitioner", "Organization", "Coverage", "Encounter", "Condition", "Procedure");

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	static String exampleBundle() throws IOException {
		try (InputStream in = EncounterBundleIT.class.getResourceAsStream("/examples/encounter-bundle.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private Bundle post(String bundle) {
		FhirHttp.Response response = http.post(tenant, "", bundle, FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Bundle.class);
	}

	@Test
	void postingTheEncounterCreatesEveryResourceOnce() throws IOException {
		Bundle first = post(exampleBundle());

		assertThat(first.getEntry()).hasSize(8);
		assertThat(first.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		assertThat(http.search(tenant, "Organization").getTotal()).isEqualTo(2);
		for (String type : TYPES) {
			assertThat(http.search(tenant, type).getTotal()).as(type).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void postingTheSameBundleAgainCreatesNoDuplicates() throws IOException {
		Bundle first = post(exampleBundle());
		Bundle second = post(exampleBundle());

		assertThat(second.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
		for (int i = 0; i < first.getEntry().size(); i++) {
			assertThat(second.getEntry().get(i).getResponse().getLocation())
					.startsWith(first.getEntry().get(i).getResponse().getLocation().replaceAll("/_history/.*", ""));
		}
		assertThat(http.search(tenant, "Patient").getTotal()).isEqualTo(1);
		assertThat(http.search(tenant, "Organization").getTotal()).isEqualTo(2);
		assertThat(http.search(tenant, "Encounter").getTotal()).isEqualTo(1);
		assertThat(http.search(tenant, "Condition").getTotal()).isEqualTo(1);
		assertThat(http.search(tenant, "Procedure").getTotal()).isEqualTo(1);
	}

	@Test
	void theStoredEncounterLinksToTheStoredPatientAndCanBeSearchedWithIncludes() throws IOException {
		Bundle first = post(exampleBundle());
		String patientId = first.getEntry().get(0).getResponse().getLocation().replaceAll("/_history/.*", "");

		Bundle encounters = http.search(
				tenant, "Encounter?identifier=http://ehr.example.org/fhir/visit%7CV-2024-0617-0042&_include=Encounter:subject");

		Encounter encounter = (Encounter) encounters.getEntry().stream()
				.filter(e -> e.getResource() instanceof Encounter)
				.findFirst()
				.orElseThrow()
				.getResource();
		assertThat(encounter.getSubject().getReference()).isEqualTo(patientId);
		assertThat(encounters.getEntry()).anySatisfy(e -> assertThat(e.getResource().fhirType()).isEqualTo("Patient"));
		assertThat(http.search(tenant, "Condition?code=http://hl7.org/fhir/sid/icd-10-cm%7CE11.9").getTotal())
				.isEqualTo(1);
	}

	@Test
	void aFailingEntryRollsBackTheWholeBundle() throws IOException {
		String broken = exampleBundle().replace("\"subject\": { \"reference\": \"urn:uuid:6f1c2a9e-0a41-4a53-9c1f-7d2b5e0c0001\" },\n        \"encounter\"",
				"\"subject\": { \"reference\": \"Patient/not-here\" },\n        \"encounter\"");
		assertThat(broken).isNotEqualTo(exampleBundle());

		FhirHttp.Response response = http.post(tenant, "", broken, FhirHttp.FHIR_JSON);

		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.body()).contains("OperationOutcome");
		for (String type : TYPES) {
			assertThat(http.search(tenant, type).getTotal()).as(type).isZero();
		}
	}
}
