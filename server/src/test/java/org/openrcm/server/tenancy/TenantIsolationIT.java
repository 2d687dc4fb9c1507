package org.openrcm.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpenRcmServerTest
class TenantIsolationIT {

	@LocalServerPort
	int port;

	FhirHttp http;
	String practiceA;
	String practiceB;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		practiceA = http.createTenant();
		practiceB = http.createTenant();
	}

	private static Patient patient(String mrn) {
		return new Patient()
				.addIdentifier(new Identifier().setSystem("http://ehr.example.org/fhir/mrn").setValue(mrn))
				.addName(new HumanName().setFamily("Isolated").addGiven("Iris"));
	}

	private String create(String tenant, Patient patient) {
		FhirHttp.Response created = http.post(tenant, "Patient", patient);
		assertThat(created.status()).isEqualTo(201);
		return created.resource(Patient.class).getIdElement().getIdPart();
	}

	@Test
	void aResourceInOneTenantCannotBeReadFromAnother() {
		String id = create(practiceA, patient("MRN-ISO-1"));

		assertThat(http.get(practiceA, "Patient/" + id).status()).isEqualTo(200);
		assertThat(http.get(practiceB, "Patient/" + id).status()).isEqualTo(404);
		FhirHttp.Response history = http.get(practiceB, "Patient/" + id + "/_history");
		assertThat(history.body()).doesNotContain("Isolated");
	}

	@Test
	void searchesOnlySeeTheirOwnTenant() {
		create(practiceA, patient("MRN-ISO-2"));

		assertThat(http.search(practiceA, "Patient?identifier=MRN-ISO-2").getTotal()).isEqualTo(1);
		assertThat(http.search(practiceB, "Patient?identifier=MRN-ISO-2").getTotal()).isZero();
		assertThat(http.search(practiceB, "Patient?name=Isolated").getEntry()).isEmpty();
		assertThat(http.search(practiceB, "Patient").getEntry()).isEmpty();
	}

	@Test
	void theSameBusinessIdentifierInTwoTenantsIsTwoPatients() {
		String inA = create(practiceA, patient("MRN-ISO-3"));
		String inB = create(practiceB, patient("MRN-ISO-3"));

		assertThat(inB).isNotEqualTo(inA);
		assertThat(http.search(practiceA, "Patient?identifier=MRN-ISO-3").getTotal()).isEqualTo(1);
		assertThat(http.search(practiceB, "Patient?identifier=MRN-ISO-3").getTotal()).isEqualTo(1);
	}

	@Test
	void aReferenceIntoAnotherTenantIsRefused() {
		String patientInA = create(practiceA, patient("MRN-ISO-4"));
		Coverage coverage = new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setSubscriberId("X1")
				.setBeneficiary(new Reference("Patient/" + patientInA));

		FhirHttp.Response response = http.post(practiceB, "Coverage", coverage);

		assertThat(response.status()).isBetween(400, 499);
		assertThat(http.search(practiceB, "Coverage").getEntry()).isEmpty();
	}

	@Test
	void anUpdateThroughAnotherTenantCannotTouchTheResource() {
		String id = create(practiceA, patient("MRN-ISO-5"));
		Patient hijack = patient("MRN-ISO-5");
		hijack.setId(id);
		hijack.getNameFirstRep().setFamily("Hijacked");

		http.put(practiceB, "Patient/" + id, hijack);

		Patient inA = http.get(practiceA, "Patient/" + id).resource(Patient.class);
		assertThat(inA.getNameFirstRep().getFamily()).isEqualTo("Isolated");
		assertThat(inA.getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void anUnknownTenantIsRefusedWithAnOperationOutcome() {
		FhirHttp.Response response = http.get("NoSuchPractice", "Patient");

		assertThat(response.status()).isBetween(400, 404);
		assertThat(response.body()).contains("OperationOutcome").contains("NoSuchPractice");
	}

	@Test
	void aTenantNameCannotBeCreatedTwice() {
		Parameters again = new Parameters();
		again.addParameter().setName("name").setValue(new StringType(practiceA));

		FhirHttp.Response response = http.post("DEFAULT", "$partition-management-create-partition", again);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains(practiceA);
	}
}
