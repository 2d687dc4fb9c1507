package org.openrcm.server.claims;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.ClaimResponse;
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
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;

/**
 * The 837 writer's test world: a clock on 2024-06-18 14:05 UTC, control numbers from 1, the development
 * clearinghouse connection, the example encounter's office visit as a complete professional claim with its parties
 * contained (practice, rendering physician, payer, patient, coverage), and a hospital stay of the same patient as a
 * complete institutional claim; each test changes them in one place. Codes are codes only: no descriptions of CPT
 * or NUBC codes are shipped.
 */
final class Claim837Fixtures {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-18T14:05:00Z"), ZoneOffset.UTC);
	static final X12Schemas SCHEMAS = X12Schemas.load();
	static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String NUCC = "http://nucc.org/provider-taxonomy";
	static final String NPI = "http://hl7.org/fhir/sid/us-npi";
	static final String ROLE = "http://terminology.hl7.org/CodeSystem/claimcareteamrole";
	static final String RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
	static final String DOS = "2024-06-17";
	static final String CARIN_INFO = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType";
	static final String CARIN_ROLE = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole";
	static final String DIAGNOSIS_TYPE = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";
	static final String CARIN_DIAGNOSIS_TYPE = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimDiagnosisType";
	static final String POA = "https://www.nubc.org/CodeSystem/PresentOnAdmissionIndicator";
	static final String REVENUE = "https://www.nubc.org/CodeSystem/RevenueCodes";

	private Claim837Fixtures() {}

	/** A writer over fresh in-memory control numbers. */
	static Claim837Writer writer(InMemoryControlNumbers numbers) {
		return new Claim837Writer(new X12InterchangeWriter(SCHEMAS, numbers, CLOCK), SCHEMAS,
				ClearinghouseProperties.defaults(), ClaimsProperties.defaults(), CLOCK);
	}

	static Patient patient(String id, String family, String... given) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.addName().setFamily(family).setGiven(Arrays.stream(given)
				.map(StringType::new).toList());
		return patient;
	}

	/**
	 * Dr. Okafor's office visit for Ana Rivera on {@value #DOS}: 99213 for diabetes and hypertension, 96372 with
	 * modifier 25 for diabetes, billed by Springfield Family Medicine to Prairie Health Plan (payer id 60054); the
	 * patient is the subscriber.
	 */
	static Claim officeVisit() {
		Patient patient = patient("patient", "Rivera", "Ana", "Lucia");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		patient.addAddress().addLine("118 Larch Street").setCity("Springfield").setState("IL").setPostalCode("62704");
		patient.addIdentifier().setSystem("http://ehr.example.org/fhir/mrn").setValue("MRN-100231").getType()
				.addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0203").setCode("MR");

		Organization practice = new Organization();
		practice.setId("practice");
		practice.setName("Springfield Family Medicine");
		practice.addIdentifier().setSystem(NPI).setValue("1987654328");
		practice.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("37-1234567");
		practice.addType(new CodeableConcept(new Coding(NUCC, "207Q00000X", null)));
		practice.addAddress().addLine("400 Main Street").addLine("Suite 210").setCity("Springfield").setState("IL")
				.setPostalCode("62701-1234");

		Practitioner okafor = new Practitioner();
		okafor.setId("okafor");
		okafor.addName().setFamily("Okafor").addGiven("Daniel").addSuffix("MD");
		okafor.addIdentifier().setSystem(NPI).setValue("1234567893");
		okafor.addQualification().setCode(new CodeableConcept(new Coding(NUCC, "207Q00000X", null)));

		Organization payer = payer("payer", "Prairie Health Plan", "60054");

		Coverage coverage = coverage("coverage", "PHP884421907", "#payer", "self");
		coverage.addClass_().setValue("GRP-20071").getType().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/coverage-class").setCode("group");

		Claim claim = new Claim();
		claim.setId("1001");
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		claim.setUse(Claim.Use.CLAIM);
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("professional");
		claim.setCreatedElement(new DateTimeType("2024-06-18"));
		claim.getContained().addAll(List.<Resource>of(patient, practice, okafor, payer, coverage));
		claim.setPatient(new Reference("#patient"));
		claim.setProvider(new Reference("#practice"));
		claim.setInsurer(new Reference("#payer"));
		claim.addCareTeam().setSequence(1).setProvider(new Reference("#okafor"))
				.setRole(new CodeableConcept(new Coding(ROLE, "primary", null)));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("#coverage"));
		diagnosis(claim, "E11.9");
		diagnosis(claim, "I10");
		line(claim, "99213", "125.00", 1, 2);
		line(claim, "96372", "30.00", 1).addModifier(new CodeableConcept(new Coding(CPT, "25", null)));
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	/**
	 * Ana Rivera's three-day stay at Springfield General Hospital, admitted 2024-06-10 08:30 through the emergency
	 * department and discharged 2024-06-13 11:15, Dr. Okafor attending: type of bill 0111, admission type 1, point of
	 * origin 1, discharge status 01; principal diagnosis J18.9 and two others present on admission, R06.02 admitting;
	 * room and board (0120, 3 days), pharmacy (0250) and the emergency visit (0450, 99284), 5,250.00 in all; billed
	 * to Prairie Health Plan, the patient being the subscriber.
	 */
	static Claim hospitalStay() {
		Claim claim = officeVisit();
		claim.setId("2001");
		claim.getType().getCodingFirstRep().setCode("institutional");
		Organization hospital = new Organization();
		hospital.setId("hospital");
		hospital.setName("Springfield General Hospital");
		hospital.addIdentifier().setSystem(NPI).setValue("1122334455");
		hospital.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("37-7654321");
		hospital.addType(new CodeableConcept(new Coding(NUCC, "282N00000X", null)));
		hospital.addAddress().addLine("800 East Carpenter Street").setCity("Springfield").setState("IL")
				.setPostalCode("62769");
		claim.addContained(hospital);
		claim.setProvider(new Reference("#hospital"));
		claim.getCareTeamFirstRep().setRole(new CodeableConcept(new Coding(CARIN_ROLE, "attending", null)));
		claim.setBillablePeriod(new Period().setStartElement(new DateTimeType("2024-06-10"))
				.setEndElement(new DateTimeType("2024-06-13")));
		info(claim, "typeofbill").setCode(new CodeableConcept(new Coding(
				"https://www.nubc.org/CodeSystem/TypeOfBill", "0111", null)));
		info(claim, "admissionperiod").setTiming(new Period()
				.setStartElement(new DateTimeType("2024-06-10T08:30:00-05:00"))
				.setEndElement(new DateTimeType("2024-06-13T11:15:00-05:00")));
		info(claim, "admtype").setCode(new CodeableConcept(new Coding(
				"https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit", "1", null)));
		info(claim, "pointoforigin").setCode(new CodeableConcept(new Coding(
				"https://www.nubc.org/CodeSystem/PointOfOrigin", "1", null)));
		info(claim, "discharge-status").setCode(new CodeableConcept(new Coding(
				"https://www.nubc.org/CodeSystem/PatDischargeStatus", "01", null)));
		claim.getDiagnosis().clear();
		diagnosis(claim, "R06.02").addType(new CodeableConcept(new Coding(DIAGNOSIS_TYPE, "admitting", null)));
		diagnosis(claim, "J18.9").setOnAdmission(new CodeableConcept(new Coding(POA, "y", null)))
				.addType(new CodeableConcept(new Coding(DIAGNOSIS_TYPE, "principal", null)));
		diagnosis(claim, "E11.9").setOnAdmission(new CodeableConcept(new Coding(POA, "y", null)))
				.addType(new CodeableConcept(new Coding(CARIN_DIAGNOSIS_TYPE, "other", null)));
		diagnosis(claim, "I10").setOnAdmission(new CodeableConcept(new Coding(POA, "y", null)))
				.addType(new CodeableConcept(new Coding(CARIN_DIAGNOSIS_TYPE, "other", null)));
		claim.getItem().clear();
		revenueLine(claim, "0120", null, "3600.00", 3).setServiced(new Period()
				.setStartElement(new DateTimeType("2024-06-10")).setEndElement(new DateTimeType("2024-06-13")));
		revenueLine(claim, "0250", null, "450.00", 1);
		revenueLine(claim, "0450", "99284", "1200.00", 1).setServiced(new DateType("2024-06-10"));
		claim.setTotal(new Money().setValue(new BigDecimal("5250.00")).setCurrency("USD"));
		return claim;
	}

	/** A supporting information entry of a CARIN category. */
	static Claim.SupportingInformationComponent info(Claim claim, String category) {
		int sequence = claim.getSupportingInfo().size() + 1;
		Claim.SupportingInformationComponent info = claim.addSupportingInfo().setSequence(sequence);
		info.getCategory().addCoding().setSystem(CARIN_INFO).setCode(category);
		return info;
	}

	/** An institutional line: revenue code, CPT/HCPCS code when given, charge and units. */
	static ItemComponent revenueLine(Claim claim, String revenue, String code, String charge, int units) {
		int sequence = claim.getItem().size() + 1;
		ItemComponent item = claim.addItem().setSequence(sequence);
		item.setRevenue(new CodeableConcept(new Coding(REVENUE, revenue, null)));
		if (code != null) {
			item.setProductOrService(new CodeableConcept(new Coding(CPT, code, null)));
		} else {
			item.getProductOrService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/data-absent-reason")
					.setCode("not-applicable");
		}
		item.getQuantity().setValue(units);
		item.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"));
		return item;
	}

	static Organization payer(String id, String name, String payerId) {
		Organization payer = new Organization();
		payer.setId(id);
		payer.setName(name);
		payer.addIdentifier().setSystem(PartyData.PAYER_ID_SYSTEM).setValue(payerId);
		return payer;
	}

	static Coverage coverage(String id, String memberId, String payer, String relationship) {
		Coverage coverage = new Coverage();
		coverage.setId(id);
		coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
		coverage.setSubscriberId(memberId);
		coverage.setBeneficiary(new Reference("#patient"));
		coverage.addPayor(new Reference(payer));
		coverage.setRelationship(new CodeableConcept(new Coding(RELATIONSHIP, relationship, null)));
		return coverage;
	}

	static Claim.DiagnosisComponent diagnosis(Claim claim, String code) {
		int sequence = claim.getDiagnosis().size() + 1;
		return claim.addDiagnosis().setSequence(sequence)
				.setDiagnosis(new CodeableConcept(new Coding(ICD, code, null)));
	}

	/** A line on {@value #DOS}, place of service 11, one unit, seen by care team member 1. */
	static ItemComponent line(Claim claim, String code, String charge, int... pointers) {
		int sequence = claim.getItem().size() + 1;
		ItemComponent item = claim.addItem().setSequence(sequence);
		item.setProductOrService(new CodeableConcept(new Coding(CPT, code, null)));
		item.setServiced(new DateType(DOS));
		item.setLocation(new CodeableConcept(new Coding(POS, "11", null)));
		item.getQuantity().setValue(1);
		item.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"));
		item.addCareTeamSequence(1);
		for (int pointer : pointers) {
			item.addDiagnosisSequence(pointer);
		}
		return item;
	}

	/** The contained resource of a claim with that id. */
	static <T extends Resource> T contained(Claim claim, String id, Class<T> type) {
		return claim.getContained().stream().filter(r -> id.equals(r.getIdElement().getIdPart()))
				.map(type::cast).findFirst().orElseThrow();
	}

	/** Stored resources and ClaimResponses held in memory. */
	static final class Stored implements ClaimSources {

		private final Map<String, Resource> resources = new HashMap<>();
		private final Map<String, List<ClaimResponse>> responses = new HashMap<>();

		Stored with(String reference, Resource resource) {
			resources.put(reference, resource);
			return this;
		}

		Stored response(String claimReference, ClaimResponse response) {
			responses.computeIfAbsent(claimReference, k -> new ArrayList<>()).add(response);
			return this;
		}

		@Override
		public Resource resolve(Reference reference) {
			return resources.get(reference.getReference());
		}

		@Override
		public List<ClaimResponse> responsesTo(String claimReference) {
			return responses.getOrDefault(claimReference, List.of());
		}
	}
}
