package org.openrcm.benchmark.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The write paths the server benchmark times, run the same way against any FHIR base URL: sequential single
 * creates, one large transaction, and many EHR encounter bundles. Every request must succeed; a failure stops the
 * run rather than producing a flattering number.
 */
final class Workloads {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	private static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final IParser json = FHIR.newJsonParser();
	private final String base;
	private String patient;
	private String provider;
	private String coverage;

	/** @param base the FHIR base URL, e.g. {@code http://127.0.0.1:8080/fhir/bench} */
	Workloads(String base) {
		this.base = base;
	}

	/** Stores the patient, payer, billing provider and coverage the claims refer to. */
	void prepare() throws IOException, InterruptedException {
		patient = create(new Patient()
				.addName(new HumanName().setFamily("Bench").addGiven("Mark"))
				.setGender(Enumerations.AdministrativeGender.MALE)
				.setBirthDateElement(new DateType("1970-01-01")));
		String payer = create(new Organization().setName("Bench Health Plan"));
		provider = create(new Organization()
				.setName("Bench Clinic")
				.addIdentifier(new Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1987654328")));
		coverage = create(new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setSubscriberId("B123")
				.setBeneficiary(new Reference(patient))
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.addPayor(new Reference(payer)));
	}

	/** Creates {@code count} Claims one request at a time; returns elapsed milliseconds. */
	long sequentialClaims(int count) throws IOException, InterruptedException {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			create(claim(i));
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** Posts one transaction Bundle of {@code count} Claim creates; returns elapsed milliseconds. */
	long claimTransaction(int count) throws IOException, InterruptedException {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < count; i++) {
			bundle.addEntry().setResource(claim(100_000 + i)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim");
		}
		String body = json.encodeResourceToString(bundle);
		long start = System.nanoTime();
		post("", body);
		return (System.nanoTime() - start) / 1_000_000;
	}

	/**
	 * Posts the EHR encounter bundle {@code count} times, each time for a new visit (new encounter, condition and
	 * procedure identifiers) of the same patient, practitioner, organizations and coverage, so every post matches
	 * four conditional creates and creates three resources. Returns elapsed milliseconds.
	 */
	long encounterBundles(String template, int count) throws IOException, InterruptedException {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			post("", template.replace("V-2024-0617-0042", "V-BENCH-" + i));
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	private Claim claim(int n) {
		Claim claim = new Claim()
				.setStatus(Claim.ClaimStatus.ACTIVE)
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null)))
				.setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(patient))
				.setCreated(new Date())
				.setProvider(new Reference(provider))
				.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
		claim.addIdentifier().setSystem("http://bench.example.org/claim").setValue("C" + n);
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(coverage));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "E11.9", null)));
		claim.addDiagnosis().setSequence(2).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "I10", null)));
		line(claim, 1, CPT, "99213", "125.00", 1, 2);
		line(claim, 2, HCPCS, "G0008", "30.00", 2);
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	private static void line(Claim claim, int sequence, String system, String code, String charge, int... pointers) {
		Claim.ItemComponent item = claim.addItem()
				.setSequence(sequence)
				.setProductOrService(new CodeableConcept(new Coding(system, code, null)))
				.setServiced(new DateType("2024-06-17"))
				.setLocation(new CodeableConcept(new Coding(POS, "11", null)))
				.setQuantity(new Quantity(1))
				.setUnitPrice(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"))
				.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"));
		for (int pointer : pointers) {
			item.addDiagnosisSequence(pointer);
		}
	}

	/** Creates the resource; answers its reference, e.g. {@code Patient/123}. */
	String create(Resource resource) throws IOException, InterruptedException {
		String body = post(resource.fhirType(), json.encodeResourceToString(resource));
		return resource.fhirType() + "/" + json.parseResource(body).getIdElement().getIdPart();
	}

	private String post(String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(base + (path.isEmpty() ? "" : "/" + path)))
						.header("Content-Type", "application/fhir+json")
						.timeout(Duration.ofMinutes(10))
						.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
						.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() >= 300) {
			throw new IllegalStateException("POST " + base + "/" + path + " answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(2000, response.body().length())));
		}
		return response.body();
	}

	/** Creates a tenant through OpenRCM's documented call. */
	static void createTenant(String serverBase, String name) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(serverBase + "/DEFAULT/$partition-management-create-partition"))
						.header("Content-Type", "application/fhir+json")
						.POST(HttpRequest.BodyPublishers.ofString(
								"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueCode\":\"" + name + "\"}]}"))
						.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("creating tenant " + name + ": " + response.statusCode() + " " + response.body());
		}
	}
}
