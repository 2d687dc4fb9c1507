package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpenRcmServerTest
class BadInputIT {

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
	void malformedJsonIs400WithTheLineAndColumnOfTheProblem() {
		String body = "{\n  \"resourceType\": \"Patient\",\n  \"gender\": female\n}";

		FhirHttp.Response response = http.post(tenant, "Patient", body, FhirHttp.FHIR_JSON);

		assertThat(response.status()).isEqualTo(400);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("line: 3");
		assertThat(http.search(tenant, "Patient").getTotal()).isZero();
	}

	@Test
	void malformedXmlIs400WithAnOperationOutcome() {
		String body = "<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"female\"></Patient>";

		FhirHttp.Response response = http.post(tenant, "Patient", body, "application/fhir+xml");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("OperationOutcome");
	}

	@Test
	void invalidElementValueIs400NamingTheElement() {
		String body = "{\"resourceType\":\"Patient\",\"birthDate\":\"18-04-1971\"}";

		FhirHttp.Response response = http.post(tenant, "Patient", body, FhirHttp.FHIR_JSON);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("18-04-1971");
	}

	@Test
	void unknownResourceTypeAndUnknownIdAre404() {
		FhirHttp.Response unknownType = http.get(tenant, "Spaceship/1");
		assertThat(unknownType.status()).isEqualTo(404);
		assertThat(unknownType.outcome().getIssueFirstRep().getDiagnostics()).contains("Spaceship");

		FhirHttp.Response unknownId = http.get(tenant, "Patient/does-not-exist");
		assertThat(unknownId.status()).isEqualTo(404);
		assertThat(unknownId.outcome().getIssue()).isNotEmpty();
	}

	@Test
	void bodyOverTheLimitIs413AndNothingIsStored() {
		String big = patientWithNote(3 * 1024 * 1024);

		FhirHttp.Response response = http.post(tenant, "Patient", big, FhirHttp.FHIR_JSON);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo("ORCM-1001");
		assertThat(http.search(tenant, "Patient").getTotal()).isZero();
	}

	@Test
	void chunkedBodyOverTheLimitIs413Too() {
		byte[] big = patientWithNote(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);

		FhirHttp.Response response =
				http.postChunked(tenant, "Patient", new ByteArrayInputStream(big), FhirHttp.FHIR_JSON);

		assertThat(response.status()).isEqualTo(413);
		assertThat(http.search(tenant, "Patient").getTotal()).isZero();
	}

	@Test
	void chunkedBodyUnderTheLimitIsAccepted() {
		byte[] body = FhirHttp.fhir().newJsonParser()
				.encodeResourceToString(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Chunk")))
				.getBytes(StandardCharsets.UTF_8);

		FhirHttp.Response response =
				http.postChunked(tenant, "Patient", new ByteArrayInputStream(body), FhirHttp.FHIR_JSON);

		assertThat(response.status()).isEqualTo(201);
	}

	private static String patientWithNote(int size) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(size) + "\"}]}";
	}
}
