package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code Claim/[id]/$x12-837} over HTTP, the way a biller's tools or a clearinghouse job call it: a claim whose
 * parties are stored in a fresh tenant comes back as a complete 837P interchange that reads without a fault, each
 * call with new control numbers from the database; as a FHIR Binary or as the X12 itself; 404 for a claim the tenant
 * does not have, 422 with the missing elements for the claim drafted from the README's example encounter.
 */
@OpenRcmServerTest
class Claim837IT {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;
	final LocalDate serviceDate = LocalDate.now().minusDays(10);

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	private String create(String tenant, Resource resource) {
		FhirHttp.Response response = http.post(tenant, resource.fhirType(), resource);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}

	/** Patient, payer, practice, physician and coverage stored in the tenant; a complete claim over them, stored. */
	private String storeClaim(String tenant) {
		Patient patient = new Patient();
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		patient.addAddress().addLine("118 Larch Street").setCity("Springfield").setState("IL").setPostalCode("62704");
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.addIdentifier().setSystem("http://openrcm.org/fhir/sid/payer-id").setValue("60054");
		Organization practice = new Organization().setName("Springfield Family Medicine");
		practice.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1987654328");
		practice.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("371234567");
		practice.addType(new CodeableConcept(new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
		practice.addAddress().addLine("400 Main Street").setCity("Springfield").setState("IL").setPostalCode("62701");
		Practitioner physician = new Practitioner();
		physician.addName().setFamily("Okafor").addGiven("Daniel");
		physician.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1234567893");
		String patientId = create(tenant, patient);
		String payerId = create(tenant, payer);
		String practiceId = create(tenant, practice);
		String physicianId = create(tenant, physician);
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId("PHP884421907")
				.setBeneficiary(new Reference(patientId)).addPayor(new Reference(payerId))
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.setPeriod(new Period().setStartElement(new DateTimeType(serviceDate.minusYears(1).toString())));
		String coverageId = create(tenant, coverage);

		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(patientId)).setProvider(new Reference(practiceId))
				.setInsurer(new Reference(payerId));
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority").setCode("normal");
		claim.setCreatedElement(new DateTimeType(LocalDate.now().toString()));
		claim.addCareTeam().setSequence(1).setProvider(new Reference(physicianId)).setRole(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/claimcareteamrole", "primary", null)));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(coverageId))
				.addPreAuthRef("PA-2024-7781");
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(
				new Coding("http://hl7.org/fhir/sid/icd-10-cm", "I10", null)));
		line(claim, "99213", "125.00");
		line(claim, "96372", "30.00");
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return create(tenant, claim);
	}

	private void line(Claim claim, String code, String charge) {
		claim.addItem().setSequence(claim.getItem().size() + 1).addDiagnosisSequence(1).addCareTeamSequence(1)
				.setProductOrService(new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", code, null)))
				.setServiced(new DateType(serviceDate.toString()))
				.setLocation(new CodeableConcept(new Coding(
						"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", "11", null)))
				.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"))
				.getQuantity().setValue(1);
	}

	/** GETs the 837 as a FHIR Binary and reads the interchange, failing on any fault. */
	private X12Interchange interchange(String claimId) {
		FhirHttp.Response response = http.get(tenant, claimId + "/$x12-837", FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Binary binary = response.resource(Binary.class);
		assertThat(binary.getContentType()).isEqualTo("application/EDI-X12");
		X12ReadResult read = READER.read(binary.getData(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(new String(binary.getData(), StandardCharsets.UTF_8)).isEmpty();
		assertThat(read.interchanges()).hasSize(1);
		return read.interchanges().get(0);
	}

	@Test
	void aStoredClaimComesBackAsAValidInterchangeWithNewControlNumbersEachTime() {
		String claimId = storeClaim(tenant);

		X12Interchange first = interchange(claimId);
		X12Interchange second = interchange(claimId);

		assertThat(first.usageIndicator()).isEqualTo("T");
		assertThat(first.senderId()).isEqualTo("OPENRCM");
		X12Transaction claim = first.groups().get(0).transactions().get(0);
		String number = claimId.substring("Claim/".length());
		assertThat(claim.segments("CLM").get(0).toString()).isEqualTo("CLM*" + number + "*155***11:B:1*Y*A*Y*Y");
		assertThat(claim.segments("REF").stream().map(Object::toString)).contains("REF*G1*PA-2024-7781");
		assertThat(claim.segments("NM1").stream().map(Object::toString)).contains(
				"NM1*85*2*SPRINGFIELD FAMILY MEDICINE*****XX*1987654328",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"NM1*82*1*OKAFOR*DANIEL****XX*1234567893");
		X12Transaction again = second.groups().get(0).transactions().get(0);
		assertThat(second.controlNumber()).isNotEqualTo(first.controlNumber());
		assertThat(again.controlNumber()).isNotEqualTo(claim.controlNumber());
	}

	@Test
	void aClientThatDoesNotAskForFhirGetsTheX12Itself() {
		String claimId = storeClaim(tenant);

		FhirHttp.Response get = http.get(tenant, claimId + "/$x12-837");
		FhirHttp.Response post = http.post(tenant, claimId + "/$x12-837", "", FhirHttp.FHIR_JSON);

		assertThat(get.status()).as(get.body()).isEqualTo(200);
		assertThat(get.contentType()).startsWith("application/EDI-X12");
		assertThat(get.body()).startsWith("ISA*00*").endsWith("~");
		assertThat(READER.read(get.body().getBytes(StandardCharsets.UTF_8), X12Reader.Options.DEFAULT).isValid())
				.isTrue();
		assertThat(post.status()).as(post.body()).isEqualTo(200);
	}

	@Test
	void aClaimTheTenantDoesNotHaveIsNotFound() {
		String elsewhere = storeClaim(http.createTenant());

		assertThat(http.get(tenant, "Claim/does-not-exist/$x12-837", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
		assertThat(http.get(tenant, elsewhere + "/$x12-837", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
	}

	/** The README's tour: the claim drafted from the example encounter lacks what the scrubber also reports. */
	@Test
	void aClaimThatCannotBeWrittenIsRefusedWithWhatIsMissing() throws Exception {
		String bundle = Files.readString(Path.of("../examples/encounter-bundle.json"));
		Bundle posted = http.post(tenant, "", bundle, FhirHttp.FHIR_JSON).resource(Bundle.class);
		String encounter = posted.getEntry().stream().map(e -> e.getResponse().getLocation())
				.filter(l -> l.startsWith("Encounter/")).findFirst().orElseThrow().replaceAll("/_history/.*", "");
		Claim draft = http.post(tenant, encounter + "/$draft-claim", "", FhirHttp.FHIR_JSON).resource(Claim.class);

		FhirHttp.Response response = http.get(tenant, "Claim/" + draft.getIdElement().getIdPart() + "/$x12-837",
				FhirHttp.FHIR_JSON);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
				.containsExactlyInAnyOrder("Claim.provider.resolve()", "Claim.item[0].net", "Claim.total");
		assertThat(outcome.getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
				.allMatch(d -> d.startsWith("ORCM-6001: "))
				.anyMatch(d -> d.contains("The billing provider's taxonomy code is missing."));
	}
}
