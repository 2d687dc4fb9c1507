package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.priorauth.ApprovedAuthorization;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.terminology.imports.TerminologyImporter;

/**
 * The scrubber's test world: the fixture code sets and edit tables (2024Q3, MCE v41.1, ICD-10-CM FY2024 and FY2025),
 * a clock on 2024-09-30, and a clean claim with its patient, coverage, payer and billing provider contained, which
 * each test breaks in one place.
 */
final class ScrubFixtures {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-09-30T12:00:00Z"), ZoneOffset.UTC);
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String DOS = "2024-08-15";

	private static BillingTerminology terminology;

	private ScrubFixtures() {}

	/** The fixture code sets and edit tables, loaded once. */
	static synchronized BillingTerminology terminology() {
		if (terminology == null) {
			try {
				Path folder = Path.of(ScrubFixtures.class.getResource("/terminology-import").toURI());
				terminology = BillingTerminology.starterWith(new TerminologyImporter(null).importFolder(folder));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (URISyntaxException e) {
				throw new IllegalStateException(e);
			}
		}
		return terminology;
	}

	static ClaimScrubber scrubber() {
		return new ClaimScrubber(ScrubFixtures::terminology, ScrubSettings.defaults(CLOCK), FHIR);
	}

	/**
	 * A claim every rule passes: an office visit (99213) and an injection (96372) on {@value #DOS} for hypertension
	 * and type 2 diabetes, billed by a clinic with a valid NPI to an active coverage.
	 */
	static Claim cleanClaim() {
		Patient patient = new Patient();
		patient.setId("patient");
		patient.addName().setFamily("Doe").addGiven("John");
		patient.setBirthDateElement(new DateType("1960-05-01"));
		patient.setGender(AdministrativeGender.MALE);
		patient.addAddress().addLine("1 Main St").setCity("Springfield").setState("IL").setPostalCode("62701");

		Organization payer = new Organization();
		payer.setId("payer");
		payer.setName("Acme Health Plan");

		Coverage coverage = new Coverage();
		coverage.setId("coverage");
		coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
		coverage.setSubscriberId("W123456789");
		coverage.setBeneficiary(new Reference("#patient"));
		coverage.addPayor(new Reference("#payer"));
		coverage.setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2024-01-01"))
				.setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2024-12-31")));

		Organization clinic = new Organization();
		clinic.setId("clinic");
		clinic.setName("Springfield Family Practice");
		clinic.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1234567893");
		clinic.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("123456789");
		clinic.addType(new CodeableConcept(new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
		clinic.addAddress().addLine("200 Clinic Rd").setCity("Springfield").setState("IL").setPostalCode("62702");

		Claim claim = new Claim();
		claim.setId("claim-1");
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		claim.setUse(Claim.Use.CLAIM);
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("professional");
		claim.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType("2024-09-01"));
		claim.getContained().addAll(List.<Resource>of(patient, payer, coverage, clinic));
		claim.setPatient(new Reference("#patient"));
		claim.setProvider(new Reference("#clinic"));
		claim.setInsurer(new Reference("#payer"));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("#coverage"));
		diagnosis(claim, "I10");
		diagnosis(claim, "E11.9");
		line(claim, CPT, "99213", "125.00", 1, 2);
		line(claim, CPT, "96372", "30.00", 1);
		return total(claim);
	}

	static Claim diagnosis(Claim claim, String code) {
		int sequence = claim.getDiagnosis().size() + 1;
		claim.addDiagnosis().setSequence(sequence)
				.setDiagnosis(new CodeableConcept(new Coding(ICD, code, null)));
		return claim;
	}

	/** Adds a line on {@value #DOS}, place of service 11, one unit, pointing at the given diagnoses. */
	static ItemComponent line(Claim claim, String system, String code, String charge, int... pointers) {
		int sequence = claim.getItem().size() + 1;
		ItemComponent item = claim.addItem().setSequence(sequence);
		item.setProductOrService(new CodeableConcept(new Coding(system, code, null)));
		item.setServiced(new DateType(DOS));
		item.setLocation(new CodeableConcept(new Coding(POS, "11", null)));
		item.getQuantity().setValue(1);
		item.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"));
		for (int pointer : pointers) {
			item.addDiagnosisSequence(pointer);
		}
		return item;
	}

	static ItemComponent modifiers(ItemComponent item, String... modifiers) {
		for (String modifier : modifiers) {
			item.addModifier(new CodeableConcept(new Coding(CPT, modifier, null)));
		}
		return item;
	}

	/** Sets the total to the sum of the line charges. */
	static Claim total(Claim claim) {
		BigDecimal sum = BigDecimal.ZERO;
		for (ItemComponent item : claim.getItem()) {
			sum = sum.add(item.getNet().getValue());
		}
		claim.setTotal(new Money().setValue(sum).setCurrency("USD"));
		return claim;
	}

	static <T extends Resource> T contained(Claim claim, Class<T> type, String id) {
		return claim.getContained().stream().filter(type::isInstance).map(type::cast)
				.filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
	}

	static Patient patient(Claim claim) {
		return contained(claim, Patient.class, "patient");
	}

	static Coverage coverage(Claim claim) {
		return contained(claim, Coverage.class, "coverage");
	}

	static Organization clinic(Claim claim) {
		return contained(claim, Organization.class, "clinic");
	}

	/** Surroundings held in memory: stored resources, the patient's other claims and payer rules. */
	static final class Surroundings implements ClaimSurroundings {

		final List<Resource> stored = new ArrayList<>();
		final List<Claim> otherClaims = new ArrayList<>();
		final List<PayerRule> rules = new ArrayList<>();
		final List<ApprovedAuthorization> authorizations = new ArrayList<>();

		@Override
		public Resource resolve(Reference reference) {
			return stored.stream().filter(r -> r.getIdElement().toUnqualifiedVersionless().getValue()
					.equals(reference.getReference())).findFirst().orElse(null);
		}

		@Override
		public List<Claim> otherClaimsOfPatient(Claim claim) {
			return otherClaims;
		}

		@Override
		public List<PayerRule> payerRules(Reference insurer) {
			return rules.stream().filter(r -> r.payer().equals(insurer.getReference())).toList();
		}

		@Override
		public List<ApprovedAuthorization> authorizations(Claim claim) {
			return authorizations;
		}

		Surroundings rule(Basic basic) {
			rules.add(new PayerRuleReader(FHIR.newFhirPath()).read(basic));
			return this;
		}
	}
}
