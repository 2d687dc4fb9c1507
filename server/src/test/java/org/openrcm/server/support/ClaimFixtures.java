package org.openrcm.server.support;

import java.math.BigDecimal;
import java.util.Date;
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

/** Builds a professional claim and the resources it references in one tenant, the way an EHR would send them. */
public final class ClaimFixtures {

	public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	public static final String CPT = "http://www.ama-assn.org/go/cpt";
	public static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	public static final String POS =
			"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

	private ClaimFixtures() {}

	/** The ids of a patient, payer, billing provider and coverage stored in a tenant. */
	public record Parties(String patient, String payer, String provider, String coverage) {}

	public static Parties storeParties(FhirHttp http, String tenant) {
		String patient = id(http.post(tenant, "Patient", new Patient()
				.addName(new HumanName().setFamily("Claimant").addGiven("Carla"))
				.setGender(Enumerations.AdministrativeGender.FEMALE)
				.setBirthDateElement(new DateType("1980-02-29"))));
		String payer = id(http.post(tenant, "Organization", new Organization().setName("Prairie Health Plan")));
		String provider = id(http.post(tenant, "Organization", new Organization()
				.setName("Springfield Family Medicine")
				.addIdentifier(new Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1987654328"))));
		String coverage = id(http.post(tenant, "Coverage", new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setSubscriberId("PHP884421907")
				.setBeneficiary(new Reference(patient))
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.addPayor(new Reference(payer))));
		return new Parties(patient, payer, provider, coverage);
	}

	private static String id(FhirHttp.Response response) {
		if (response.status() != 201) {
			throw new AssertionError("create answered " + response.status() + ": " + response.body());
		}
		return response.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}

	/** A complete professional claim: 99213 + G0008, two diagnoses, POS 11, total = sum of lines. */
	public static Claim professionalClaim(Parties parties) {
		Claim claim = new Claim()
				.setStatus(Claim.ClaimStatus.ACTIVE)
				.setType(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional")))
				.setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(parties.patient()))
				.setCreated(new Date())
				.setProvider(new Reference(parties.provider()))
				.setPriority(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(parties.coverage()));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "E11.9", null)));
		claim.addDiagnosis().setSequence(2).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "I10", null)));
		addLine(claim, 1, CPT, "99213", new BigDecimal("125.00"), 1, 2);
		addLine(claim, 2, HCPCS, "G0008", new BigDecimal("30.00"), 2);
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	private static void addLine(Claim claim, int sequence, String system, String code, BigDecimal charge, int... pointers) {
		Claim.ItemComponent item = claim.addItem()
				.setSequence(sequence)
				.setProductOrService(new CodeableConcept(new Coding(system, code, null)))
				.setServiced(new DateType("2024-06-17"))
				.setLocation(new CodeableConcept(new Coding(POS, "11", "Office")))
				.setQuantity(new Quantity(1))
				.setUnitPrice(new Money().setValue(charge).setCurrency("USD"))
				.setNet(new Money().setValue(charge).setCurrency("USD"));
		for (int pointer : pointers) {
			item.addDiagnosisSequence(pointer);
		}
	}
}
