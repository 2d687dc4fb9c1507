package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Requests are logged, but never the PHI they carry in bodies, query strings or error messages. */
@OpenRcmServerTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLogIT {

	@LocalServerPort
	int port;

	@Test
	void requestsAreLoggedWithoutNamesBirthDatesOrSearchValues(CapturedOutput output) {
		FhirHttp http = new FhirHttp(port);
		String tenant = http.createTenant();
		Patient patient = new Patient()
				.addName(new HumanName().setFamily("Quixotexyz").addGiven("Wilhelmina"))
				.setBirthDateElement(new DateType("1953-07-14"));

		http.post(tenant, "Patient", patient);
		http.get(tenant, "Patient?name=Quixotexyz&birthdate=1953-07-14");
		http.post(tenant, "Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Quixotexyz\"}],\"birthDate\":\"bad-Quixotexyz\"}",
				FhirHttp.FHIR_JSON);

		assertThat(output.getAll()).contains("org.openrcm.requests").contains("search-type Patient");
		assertThat(output.getAll()).doesNotContain("Quixotexyz").doesNotContain("Wilhelmina").doesNotContain("1953-07-14");
	}

	@Test
	void terminologyAnswersAreLoggedWithoutTheCodeAsked(CapturedOutput output) {
		FhirHttp http = new FhirHttp(port);

		http.get("DEFAULT", "CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=Z21&date=2024-06-03");

		assertThat(output.getAll()).contains("GET extended-operation-type CodeSystem/$validate-code");
		assertThat(output.getAll()).doesNotContain("code=Z21");
	}
}
