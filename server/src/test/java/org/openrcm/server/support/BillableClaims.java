package org.openrcm.server.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A claim that goes all the way: its patient, payer (with a payer id), practice (NPI, EIN, taxonomy, address),
 * rendering physician and coverage stored in a tenant, and a professional claim over them for an office visit and an injection ten days ago
 * that scrubs clean against the test tables and writes as an 837P. The member id is a parameter: the payer
 * sandbox does not find subscribers whose id starts with {@code REJ}.
 */
public final class BillableClaims {

	private BillableClaims() {}

	/** The ids ({@code Type/id}) of the parties stored in a tenant. */
	public record Parties(String patient, String payer, String practice, String physician, String coverage,
			LocalDate serviceDate) {}

	/** Stores the parties with this subscriber member id. */
	public static Parties storeParties(FhirHttp http, String tenant, String memberId) {
		LocalDate serviceDate = LocalDate.now().minusDays(10);
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
		String patientId = create(http, tenant, patient);
		String payerId = create(http, tenant, payer);
		String practiceId = create(http, tenant, practice);
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId(memberId)
				.setBeneficiary(new Reference(patientId)).addPayor(new Reference(payerId))
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.setPeriod(new Period().setStartElement(new DateTimeType(serviceDate.minusYears(1).toString())));
		return new Parties(patientId, payerId, practiceId, create(http, tenant, physician),
				create(http, tenant, coverage), serviceDate);
	}

	/** An office visit (99213, 125.00) and an injection (96372, 30.00) for hypertension: nothing to fix. */
	public static Claim claim(Parties parties) {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(parties.patient())).setProvider(new Reference(parties.practice()))
				.setInsurer(new Reference(parties.payer()));
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.setCreatedElement(new DateTimeType(LocalDate.now().toString()));
		claim.addCareTeam().setSequence(1).setProvider(new Reference(parties.physician())).setRole(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/claimcareteamrole", "primary", null)));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(parties.coverage()));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(
				new Coding(ClaimFixtures.ICD10CM, "I10", null)));
		line(claim, parties.serviceDate(), "99213", "125.00");
		line(claim, parties.serviceDate(), "96372", "30.00");
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	/** Stores a claim; returns its {@code Claim/id}. */
	public static String store(FhirHttp http, String tenant, Claim claim) {
		return create(http, tenant, claim);
	}

	private static void line(Claim claim, LocalDate serviceDate, String code, String charge) {
		int sequence = claim.getItem().size() + 1;
		claim.addItem().setSequence(sequence).addDiagnosisSequence(1).addCareTeamSequence(1)
				.setProductOrService(new CodeableConcept(new Coding(ClaimFixtures.CPT, code, null)))
				.setServiced(new DateType(serviceDate.toString()))
				.setLocation(new CodeableConcept(new Coding(ClaimFixtures.POS, "11", null)))
				.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"))
				.getQuantity().setValue(1);
	}

	private static String create(FhirHttp http, String tenant, Resource resource) {
		FhirHttp.Response response = http.post(tenant, resource.fhirType(), resource);
		if (response.status() != 201) {
			throw new AssertionError("create " + resource.fhirType() + " answered " + response.status() + ": "
					+ response.body());
		}
		return response.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}
}
