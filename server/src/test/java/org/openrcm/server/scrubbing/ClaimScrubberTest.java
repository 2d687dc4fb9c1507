package org.openrcm.server.scrubbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.scrubbing.ScrubFixtures.CPT;
import static org.openrcm.server.scrubbing.ScrubFixtures.HCPCS;
import static org.openrcm.server.scrubbing.ScrubFixtures.cleanClaim;
import static org.openrcm.server.scrubbing.ScrubFixtures.clinic;
import static org.openrcm.server.scrubbing.ScrubFixtures.coverage;
import static org.openrcm.server.scrubbing.ScrubFixtures.diagnosis;
import static org.openrcm.server.scrubbing.ScrubFixtures.line;
import static org.openrcm.server.scrubbing.ScrubFixtures.modifiers;
import static org.openrcm.server.scrubbing.ScrubFixtures.patient;
import static org.openrcm.server.scrubbing.ScrubFixtures.total;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.priorauth.ApprovedAuthorization;
import org.openrcm.server.terminology.BillingTerminology;

/**
 * Every scrub rule, with claims that must trip it and claims that must not. Each test breaks the clean fixture
 * claim in one place and checks the finding a biller would read: rule id, severity and the element it points to.
 */
class ClaimScrubberTest {

	private final ClaimScrubber scrubber = ScrubFixtures.scrubber();

	private List<ScrubFinding> scrub(Claim claim) {
		return scrub(claim, new ScrubFixtures.Surroundings());
	}

	private List<ScrubFinding> scrub(Claim claim, ClaimSurroundings surroundings) {
		return scrubber.scrub(claim, surroundings);
	}

	private static List<String> rules(List<ScrubFinding> findings) {
		return findings.stream().map(f -> f.rule().code()).toList();
	}

	private static ScrubFinding only(List<ScrubFinding> findings, ScrubRule rule) {
		List<ScrubFinding> found = findings.stream().filter(f -> f.rule() == rule).toList();
		assertThat(found).as("findings of %s in %s", rule.code(), findings).hasSize(1);
		return found.get(0);
	}

	/** A clean claim's outcome: one information issue, CLEAN, naming the releases it was checked against. */
	private static void assertClean(List<ScrubFinding> findings) {
		assertThat(findings).as("findings").singleElement().satisfies(clean -> {
			assertThat(clean.rule()).isEqualTo(ScrubRule.CLEAN);
			assertThat(clean.severity()).isEqualTo(IssueSeverity.INFORMATION);
			assertThat(clean.expressions()).isEmpty();
		});
	}

	@Test
	void theFixtureClaimIsClean() {
		List<ScrubFinding> findings = scrub(cleanClaim());

		assertClean(findings);
		OperationOutcome outcome = ScrubOutcomes.outcome(findings);
		assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.INFORMATION);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.INFORMATIONAL);
			assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(OpenRcmIg.SCRUB_RULE_CODE_SYSTEM);
			assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("CLEAN");
			assertThat(issue.getDiagnostics()).contains("ICD-10-CM 2024", "NCCI PTP practitioner edits 2024Q3",
					"NCCI MUE practitioner edits 2024Q3", "MCE diagnosis edits 41.1");
		});
	}

	@Test
	void outcomeIssuesCarryRuleTextFixAndExpression() {
		Claim claim = cleanClaim();
		modifiers(claim.getItem().get(1), "ZZ");

		OperationOutcome outcome = ScrubOutcomes.outcome(scrub(claim));

		assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.CODEINVALID);
			assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("MODIFIER-INVALID");
			assertThat(issue.getDetails().getText()).contains("'ZZ'", "line 2");
			assertThat(issue.getDiagnostics()).isNotBlank();
			assertThat(issue.getExpression()).extracting(StringType::getValue)
					.containsExactly("Claim.item[1].modifier[0]");
		});
	}

	@Nested
	class RequiredElement {

		@Test
		void patientBirthDateMissing() {
			Claim claim = cleanClaim();
			patient(claim).setBirthDate(null);

			assertThat(only(scrub(claim), ScrubRule.REQUIRED_ELEMENT).expressions())
					.containsExactly("Claim.patient.resolve().birthDate");
		}

		@Test
		void patientNameGenderAndAddressMissing() {
			Claim claim = cleanClaim();
			patient(claim).getNameFirstRep().getGiven().clear();
			patient(claim).setGender(null);
			patient(claim).getAddressFirstRep().setCity(null);

			assertThat(scrub(claim)).extracting(f -> f.expressions().get(0)).containsExactlyInAnyOrder(
					"Claim.patient.resolve().name", "Claim.patient.resolve().gender", "Claim.patient.resolve().address");
		}

		@Test
		void unresolvedPatient() {
			Claim claim = cleanClaim();
			claim.setPatient(new Reference("Patient/unknown"));

			assertThat(scrub(claim)).filteredOn(f -> f.rule() == ScrubRule.REQUIRED_ELEMENT)
					.extracting(ScrubFinding::text).contains("The patient is missing.");
		}

		@Test
		void subscriberIdMissing() {
			Claim claim = cleanClaim();
			coverage(claim).setSubscriberId(null);

			assertThat(only(scrub(claim), ScrubRule.REQUIRED_ELEMENT).expressions())
					.containsExactly("Claim.insurance[0].coverage.resolve().subscriberId");
		}

		@Test
		void billingProviderNpiTaxIdTaxonomyAndAddress() {
			Claim claim = cleanClaim();
			clinic(claim).getIdentifier().clear();
			clinic(claim).getType().clear();
			clinic(claim).getAddress().clear();

			assertThat(scrub(claim)).extracting(ScrubFinding::text).containsExactlyInAnyOrder(
					"The billing provider's NPI is missing.",
					"The billing provider's tax id (EIN or SSN) is missing.",
					"The billing provider's taxonomy code is missing.",
					"The billing provider's address (street, city, state, ZIP) is missing.");
		}

		@Test
		void practitionerBillingProviderWithTaxonomyInQualification() {
			Claim claim = cleanClaim();
			Practitioner doctor = new Practitioner();
			doctor.setId("doctor");
			doctor.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1234567893");
			doctor.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue("123456789");
			doctor.addQualification().setCode(new CodeableConcept(
					new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
			doctor.addAddress().addLine("1 Office Way").setCity("Springfield").setState("IL").setPostalCode("62701");
			claim.addContained(doctor);
			claim.setProvider(new Reference("#doctor"));

			assertClean(scrub(claim));
		}

		@Test
		void noDiagnosisAndLineDataMissing() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().clear();
			ItemComponent item = claim.getItem().get(0);
			item.setServiced(null);
			item.setLocation(null);
			item.setQuantity(null);
			item.getDiagnosisSequence().clear();

			assertThat(scrub(claim)).filteredOn(f -> f.rule() == ScrubRule.REQUIRED_ELEMENT)
					.extracting(f -> f.expressions().get(0)).containsExactlyInAnyOrder(
							"Claim.diagnosis", "Claim.item[0].serviced", "Claim.item[0].quantity",
							"Claim.item[0].location");
		}
	}

	@Nested
	class Npi {

		@ParameterizedTest
		@ValueSource(strings = {"1234567890", "123456789", "12345678931", "12345A7893"})
		void invalidNpi(String npi) {
			Claim claim = cleanClaim();
			clinic(claim).getIdentifierFirstRep().setValue(npi);

			ScrubFinding finding = only(scrub(claim), ScrubRule.NPI_INVALID);
			assertThat(finding.expressions()).containsExactly("Claim.provider.resolve().identifier[0]");
			assertThat(finding.text()).contains(npi);
		}

		@ParameterizedTest
		@ValueSource(strings = {"1234567893", "1245319599", "1003000126"})
		void validNpi(String npi) {
			assertThat(NpiCheck.valid(npi)).isTrue();
		}

		@Test
		void careTeamNpiIsChecked() {
			Claim claim = cleanClaim();
			Practitioner doctor = new Practitioner();
			doctor.setId("doctor");
			doctor.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1111111111");
			claim.addContained(doctor);
			claim.addCareTeam().setSequence(1).setProvider(new Reference("#doctor"));

			assertThat(only(scrub(claim), ScrubRule.NPI_INVALID).expressions())
					.containsExactly("Claim.careTeam[0].provider.resolve().identifier[0]");
		}
	}

	@Nested
	class Diagnoses {

		@Test
		void unknownCode() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("XYZ.1");

			assertThat(only(scrub(claim), ScrubRule.DX_INVALID).expressions())
					.containsExactly("Claim.diagnosis[1].diagnosis");
		}

		@Test
		void codeDeletedInTheReleaseOfTheDateOfService() {
			Claim valid = cleanClaim();
			valid.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("K52.1");
			assertThat(rules(scrub(valid))).doesNotContain("DX-INVALID");

			Claim later = cleanClaim();
			later.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("K52.1");
			later.getItem().forEach(item -> item.setServiced(new DateType("2024-09-30")));
			later.setCreatedElement(new DateTimeType("2024-09-30"));
			assertThat(rules(scrub(later))).doesNotContain("DX-INVALID");
		}

		@Test
		void codeNotYetInEffect() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("K52.21");

			assertThat(only(scrub(claim), ScrubRule.DX_INVALID).text()).contains("K52.21");
		}

		@Test
		void notIcd10Cm() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().get(0).setDiagnosis(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", null)));

			assertThat(only(scrub(claim), ScrubRule.DX_INVALID).text()).contains("no ICD-10-CM code");
		}

		@Test
		void headerCode() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("E11");

			assertThat(only(scrub(claim), ScrubRule.DX_NOT_BILLABLE).expressions())
					.containsExactly("Claim.diagnosis[1].diagnosis");
		}

		@Test
		void sexEdit() {
			Claim claim = diagnosis(cleanClaim(), "N40.0");
			assertThat(rules(scrub(claim))).doesNotContain("DX-SEX");

			patient(claim).setGender(AdministrativeGender.FEMALE);
			assertThat(only(scrub(claim), ScrubRule.DX_SEX).expressions()).containsExactly("Claim.diagnosis[2].diagnosis");
		}

		@Test
		void unknownGenderIsNoSexConflict() {
			Claim claim = diagnosis(cleanClaim(), "O09.00");
			patient(claim).setGender(AdministrativeGender.UNKNOWN);
			patient(claim).setBirthDateElement(new DateType("1955-01-01")); // 69: past the maternity ages 9-64

			assertThat(rules(scrub(claim))).doesNotContain("DX-SEX").contains("DX-AGE");
		}

		@Test
		void ageEdits() {
			Claim adult = diagnosis(cleanClaim(), "A33");
			assertThat(only(scrub(adult), ScrubRule.DX_AGE).text()).contains("A33");

			Claim newborn = diagnosis(cleanClaim(), "A33");
			patient(newborn).setBirthDateElement(new DateType("2024-08-01"));
			assertThat(rules(scrub(newborn))).doesNotContain("DX-AGE");

			Claim boy = diagnosis(cleanClaim(), "N40.0");
			patient(boy).setBirthDateElement(new DateType("2014-01-01"));
			assertThat(only(scrub(boy), ScrubRule.DX_AGE).expressions()).containsExactly("Claim.diagnosis[2].diagnosis");
		}

		@Test
		void manifestationFirst() {
			Claim claim = cleanClaim();
			claim.getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("F02.80");
			assertThat(only(scrub(claim), ScrubRule.DX_MANIFESTATION_PRIMARY).expressions())
					.containsExactly("Claim.diagnosis[0].diagnosis");

			Claim second = cleanClaim();
			second.getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("G30.9");
			second.getDiagnosis().get(1).getDiagnosisCodeableConcept().getCodingFirstRep().setCode("F02.80");
			assertClean(scrub(second));
		}
	}

	@Nested
	class Pointers {

		@Test
		void noPointer() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getDiagnosisSequence().clear();

			assertThat(only(scrub(claim), ScrubRule.DX_POINTER).expressions())
					.containsExactly("Claim.item[1].diagnosisSequence");
		}

		@Test
		void pointerToMissingDiagnosis() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).addDiagnosisSequence(3);

			assertThat(only(scrub(claim), ScrubRule.DX_POINTER).expressions())
					.containsExactly("Claim.item[1].diagnosisSequence[1]");
		}

		@Test
		void moreThanFourPointersAndTwelveDiagnoses() {
			Claim claim = cleanClaim();
			for (String code : List.of("J06.9", "Z00.00", "M17.11", "M17.12", "G30.9", "K52.1", "L97.411", "I10",
					"E11.9", "J06.9", "Z00.00")) {
				diagnosis(claim, code);
			}
			ItemComponent item = claim.getItem().get(0);
			item.addDiagnosisSequence(3).addDiagnosisSequence(4).addDiagnosisSequence(5);

			assertThat(scrub(claim)).filteredOn(f -> f.rule() == ScrubRule.DX_POINTER)
					.extracting(f -> f.expressions().get(0))
					.containsExactlyInAnyOrder("Claim.diagnosis", "Claim.item[0].diagnosisSequence");
		}
	}

	@Nested
	class ServiceCodes {

		@Test
		void unknownHcpcsCode() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getProductOrService().getCodingFirstRep().setSystem(HCPCS).setCode("G9998");

			assertThat(only(scrub(claim), ScrubRule.PROC_INVALID).expressions())
					.containsExactly("Claim.item[1].productOrService");
		}

		@Test
		void knownHcpcsCode() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getProductOrService().getCodingFirstRep().setSystem(HCPCS).setCode("G0008");

			assertClean(scrub(claim));
		}

		@Test
		void malformedCptCodeAndLocalCode() {
			Claim claim = cleanClaim();
			claim.getItem().get(0).getProductOrService().getCodingFirstRep().setCode("9921");
			claim.getItem().get(1).getProductOrService().getCodingFirstRep().setSystem("http://example.org/local");

			assertThat(scrub(claim)).filteredOn(f -> f.rule() == ScrubRule.PROC_INVALID).hasSize(2);
		}

		@Test
		void modifiers() {
			Claim claim = cleanClaim();
			ScrubFixtures.modifiers(claim.getItem().get(0), "25");
			assertClean(scrub(claim));

			ScrubFixtures.modifiers(claim.getItem().get(1), "25", "59", "59");
			List<ScrubFinding> findings = scrub(claim);
			assertThat(findings).extracting(f -> f.expressions().get(0))
					.containsExactlyInAnyOrder("Claim.item[1].modifier[0]", "Claim.item[1].modifier[2]");
			assertThat(findings).extracting(ScrubFinding::text).anyMatch(t -> t.contains("does not apply to 96372"))
					.anyMatch(t -> t.contains("appears twice"));
		}

		@Test
		void placeOfService() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getLocationCodeableConcept().getCodingFirstRep().setCode("98");

			assertThat(only(scrub(claim), ScrubRule.POS_INVALID).expressions()).containsExactly("Claim.item[1].location");
		}
	}

	@Nested
	class Ncci {

		private Claim pair(String first, String second, String... secondModifiers) {
			Claim claim = cleanClaim();
			claim.getItem().clear();
			line(claim, CPT, first, "100.00", 1);
			modifiers(line(claim, CPT, second, "50.00", 1), secondModifiers);
			return total(claim);
		}

		@Test
		void indicatorZeroIsNeverAllowed() {
			ScrubFinding finding = only(scrub(pair("93000", "93005", "59")), ScrubRule.NCCI_PTP);

			assertThat(finding.expressions()).containsExactly("Claim.item[1].productOrService");
			assertThat(finding.fix()).contains("2024Q3", "modifier indicator 0");
		}

		@Test
		void indicatorOneNeedsAnNcciAssociatedModifier() {
			assertThat(only(scrub(pair("11042", "97597")), ScrubRule.NCCI_PTP).fix()).contains("modifier indicator 1");
			assertThat(rules(scrub(pair("11042", "97597", "59")))).doesNotContain("NCCI-PTP");
			assertThat(rules(scrub(pair("11042", "97597", "XS")))).doesNotContain("NCCI-PTP");
			assertThat(rules(scrub(pair("11042", "97597", "GA")))).contains("NCCI-PTP");
		}

		@Test
		void columnOrderOnTheClaimDoesNotMatter() {
			ScrubFinding finding = only(scrub(pair("97597", "11042")), ScrubRule.NCCI_PTP);

			assertThat(finding.expressions()).containsExactly("Claim.item[0].productOrService");
		}

		@Test
		void indicatorNineAndDeletedEditsAreNoEdits() {
			assertThat(rules(scrub(pair("10060", "10061")))).doesNotContain("NCCI-PTP");
			assertThat(rules(scrub(pair("99213", "36415")))).doesNotContain("NCCI-PTP");
		}

		@Test
		void differentDatesOrProvidersAreNoEdit() {
			Claim otherDay = pair("93000", "93005");
			otherDay.getItem().get(1).setServiced(new DateType("2024-08-16"));
			assertThat(rules(scrub(otherDay))).doesNotContain("NCCI-PTP");

			Claim otherProvider = pair("93000", "93005");
			otherProvider.addCareTeam().setSequence(1).setProvider(new Reference("Practitioner/other"));
			otherProvider.getItem().get(1).addCareTeamSequence(1);
			assertThat(rules(scrub(otherProvider))).doesNotContain("NCCI-PTP");
		}
	}

	@Nested
	class Mue {

		@Test
		void lineEdit() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getQuantity().setValue(5);
			assertThat(only(scrub(claim), ScrubRule.MUE).expressions()).containsExactly("Claim.item[1].quantity");

			Claim split = cleanClaim();
			split.getItem().get(1).getQuantity().setValue(3);
			line(split, CPT, "96372", "30.00", 1).getQuantity().setValue(3);
			assertThat(rules(scrub(total(split)))).doesNotContain("MUE");
		}

		@Test
		void dateOfServiceEditsSumTheLines() {
			Claim claim = cleanClaim();
			line(claim, CPT, "20610", "80.00", 1).getQuantity().setValue(2);
			modifiers(line(claim, CPT, "20610", "80.00", 1), "59");
			claim.getItem().get(0).addModifier(new CodeableConcept(new Coding(CPT, "25", null)));

			ScrubFinding finding = only(scrub(total(claim)), ScrubRule.MUE);
			assertThat(finding.expressions()).containsExactly("Claim.item[2].quantity", "Claim.item[3].quantity");
			assertThat(finding.fix()).contains("adjudication indicator 3");
		}

		@Test
		void policyEdit() {
			Claim claim = cleanClaim();
			claim.getItem().get(0).getQuantity().setValue(2);

			assertThat(only(scrub(claim), ScrubRule.MUE).fix()).contains("adjudication indicator 2");
		}
	}

	@Nested
	class AddOnCodes {

		@Test
		void withoutPrimary() {
			Claim claim = cleanClaim();
			line(claim, CPT, "11045", "60.00", 1);

			assertThat(only(scrub(total(claim)), ScrubRule.ADDON_WITHOUT_PRIMARY).severity()).isEqualTo(IssueSeverity.ERROR);
		}

		@Test
		void withPrimary() {
			Claim claim = cleanClaim();
			line(claim, CPT, "11042", "150.00", 1);
			line(claim, CPT, "11045", "60.00", 1);

			assertThat(rules(scrub(total(claim)))).doesNotContain("ADDON-WITHOUT-PRIMARY");
		}

		@Test
		void typeThreeIsAWarningAndTypeTwoCannotBeJudged() {
			Claim claim = cleanClaim();
			line(claim, CPT, "64727", "60.00", 1);
			line(claim, CPT, "0054T", "60.00", 1);

			ScrubFinding finding = only(scrub(total(claim)), ScrubRule.ADDON_WITHOUT_PRIMARY);
			assertThat(finding.severity()).isEqualTo(IssueSeverity.WARNING);
			assertThat(finding.expressions()).containsExactly("Claim.item[2].productOrService");
		}
	}

	@Nested
	class Coverages {

		@Test
		void noInsurance() {
			Claim claim = cleanClaim();
			claim.getInsurance().clear();

			assertThat(only(scrub(claim), ScrubRule.COVERAGE_MISSING).expressions()).containsExactly("Claim.insurance");
		}

		@Test
		void unresolvedCoverage() {
			Claim claim = cleanClaim();
			claim.getInsuranceFirstRep().setCoverage(new Reference("Coverage/gone"));

			assertThat(rules(scrub(claim))).contains("COVERAGE-MISSING");
		}

		@Test
		void storedCoverageResolves() {
			Claim claim = cleanClaim();
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings();
			org.hl7.fhir.r4.model.Coverage stored = coverage(claim).copy();
			stored.setId(new IdType("Coverage", "c1"));
			surroundings.stored.add(stored);
			claim.getInsuranceFirstRep().setCoverage(new Reference("Coverage/c1"));

			assertClean(scrub(claim, surroundings));
		}

		@Test
		void notActive() {
			Claim claim = cleanClaim();
			coverage(claim).setStatus(org.hl7.fhir.r4.model.Coverage.CoverageStatus.CANCELLED);

			assertThat(only(scrub(claim), ScrubRule.COVERAGE_INACTIVE).text()).contains("cancelled");
		}

		@Test
		void dateOfServiceOutsideThePeriod() {
			Claim claim = cleanClaim();
			coverage(claim).getPeriod().setEndElement(new DateTimeType("2024-06-30"));

			assertThat(only(scrub(claim), ScrubRule.COVERAGE_INACTIVE).expressions())
					.containsExactly("Claim.insurance[0].coverage");
		}
	}

	@Nested
	class Duplicates {

		private Claim stored(Claim claim, String id, Claim.ClaimStatus status) {
			Claim other = claim.copy();
			other.setId(new IdType("Claim", id));
			other.setStatus(status);
			return other;
		}

		@Test
		void sameServicesAreADuplicate() {
			Claim claim = cleanClaim();
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings();
			surroundings.otherClaims.add(stored(claim, "earlier", Claim.ClaimStatus.ACTIVE));

			assertThat(only(scrub(claim, surroundings), ScrubRule.DUPLICATE_CLAIM).text()).contains("Claim/earlier");
		}

		@Test
		void cancelledOtherCodesItselfAndReplacementsAreNot() {
			Claim claim = cleanClaim();
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings();
			surroundings.otherClaims.add(stored(claim, "cancelled", Claim.ClaimStatus.CANCELLED));
			surroundings.otherClaims.add(stored(claim, "claim-1", Claim.ClaimStatus.ACTIVE));
			Claim otherCodes = stored(claim, "other-codes", Claim.ClaimStatus.ACTIVE);
			otherCodes.getItem().get(1).getProductOrService().getCodingFirstRep().setCode("96374");
			surroundings.otherClaims.add(otherCodes);
			Claim replaced = stored(claim, "replaced", Claim.ClaimStatus.ACTIVE);
			surroundings.otherClaims.add(replaced);
			claim.addRelated().setClaim(new Reference("Claim/replaced"));

			assertThat(rules(scrub(claim, surroundings))).doesNotContain("DUPLICATE-CLAIM");
		}
	}

	@Nested
	class TimelyFiling {

		@Test
		void pastTheDefaultLimit() {
			Claim claim = atDate(cleanClaim(), "2023-08-01");

			assertThat(only(scrub(claim), ScrubRule.TIMELY_FILING).severity()).isEqualTo(IssueSeverity.ERROR);
		}

		@Test
		void warningWhenFewDaysAreLeft() {
			Claim claim = atDate(cleanClaim(), "2023-10-20");

			ScrubFinding finding = only(scrub(claim), ScrubRule.TIMELY_FILING);
			assertThat(finding.severity()).isEqualTo(IssueSeverity.WARNING);
			assertThat(finding.text()).contains("2024-10-19");
		}

		@Test
		void thePayersLimitApplies() {
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings().rule(filingLimit(180))
					.rule(filingLimit(90));

			assertThat(only(scrub(atDate(cleanClaim(), "2024-06-01"), surroundings), ScrubRule.TIMELY_FILING).fix())
					.contains("90 days", "acme-filing");
			assertThat(rules(scrub(cleanClaim(), surroundings))).doesNotContain("TIMELY-FILING");
		}

		private Claim atDate(Claim claim, String date) {
			claim.getItem().forEach(item -> item.setServiced(new DateType(date)));
			coverage(claim).getPeriod().setStartElement(new DateTimeType("2023-01-01"));
			return claim;
		}
	}

	@Nested
	class PriorAuthorization {

		@Test
		void requiredCodeWithoutAuthorization() {
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings().rule(priorAuth("96372"));

			assertThat(only(scrub(cleanClaim(), surroundings), ScrubRule.PRIOR_AUTH_REQUIRED).expressions())
					.containsExactly("Claim.item[1].productOrService");
		}

		@Test
		void authorizedOrOtherPayer() {
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings().rule(priorAuth("96372"));
			Claim authorized = cleanClaim();
			authorized.getInsuranceFirstRep().addPreAuthRef("AUTH-123");
			assertClean(scrub(authorized, surroundings));

			Claim otherPayer = cleanClaim();
			otherPayer.setInsurer(new Reference("Organization/other-payer"));
			assertThat(rules(scrub(otherPayer, surroundings))).doesNotContain("PRIOR-AUTH-REQUIRED");
		}

		@Test
		void anApprovedAuthorizationOfThePatientCoversTheLineOnlyForItsPayerCodeAndPeriod() {
			LocalDate dos = LocalDate.parse(ScrubFixtures.DOS);
			ScrubFixtures.Surroundings covered = new ScrubFixtures.Surroundings().rule(priorAuth("96372"));
			covered.authorizations.add(new ApprovedAuthorization("SBX1", "#patient", "#payer", Set.of("96372"),
					dos.minusDays(5), dos.plusDays(85)));
			assertClean(scrub(cleanClaim(), covered));

			for (ApprovedAuthorization other : List.of(
					new ApprovedAuthorization("SBX2", "#patient", "#payer", Set.of("99213"), dos, dos),
					new ApprovedAuthorization("SBX3", "#patient", "Organization/other", Set.of("96372"), dos, dos),
					new ApprovedAuthorization("SBX4", "#patient", "#payer", Set.of("96372"), dos.plusDays(1),
							dos.plusDays(90)))) {
				ScrubFixtures.Surroundings notCovered = new ScrubFixtures.Surroundings().rule(priorAuth("96372"));
				notCovered.authorizations.add(other);
				assertThat(rules(scrub(cleanClaim(), notCovered))).as(other.preAuthRef())
						.contains("PRIOR-AUTH-REQUIRED");
			}
		}
	}

	@Nested
	class Amounts {

		@Test
		void totalIsNotTheSumOfTheLines() {
			Claim claim = cleanClaim();
			claim.getTotal().setValue(new BigDecimal("150.00"));

			ScrubFinding finding = only(scrub(claim), ScrubRule.AMOUNT_MISMATCH);
			assertThat(finding.expressions()).containsExactly("Claim.total");
			assertThat(finding.fix()).contains("155.00");
		}

		@Test
		void zeroCharge() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).getNet().setValue(BigDecimal.ZERO);

			assertThat(only(total(claim) == claim ? scrub(claim) : List.of(), ScrubRule.AMOUNT_MISMATCH).expressions())
					.containsExactly("Claim.item[1].net");
		}
	}

	@Nested
	class Dates {

		@Test
		void futureDate() {
			Claim claim = cleanClaim();
			claim.getItem().get(1).setServiced(new DateType("2024-10-05"));
			claim.setCreatedElement(new DateTimeType("2024-10-06"));

			assertThat(only(scrub(claim), ScrubRule.DATE_INVALID).text()).contains("in the future");
		}

		@Test
		void afterTheClaimWasCreatedOrBeforeBirth() {
			Claim claim = cleanClaim();
			claim.setCreatedElement(new DateTimeType("2024-08-10"));
			assertThat(scrub(claim)).extracting(ScrubFinding::rule).containsOnly(ScrubRule.DATE_INVALID).hasSize(2);

			Claim unborn = cleanClaim();
			patient(unborn).setBirthDateElement(new DateType("2024-09-01"));
			assertThat(scrub(unborn)).extracting(ScrubFinding::text).anyMatch(t -> t.contains("before the patient's birth"));
		}
	}

	@Nested
	class PayerRules {

		@Test
		void conditionFiresWithTheRulesOwnId() {
			ScrubFixtures.Surroundings surroundings = new ScrubFixtures.Surroundings().rule(condition(
					"item.where(productOrService.coding.code = '99213').exists() and diagnosis.count() < 3"));

			ScrubFinding finding = only(scrub(cleanClaim(), surroundings), ScrubRule.PAYER_RULE);
			assertThat(finding.severity()).isEqualTo(IssueSeverity.WARNING);
			assertThat(finding.text()).isEqualTo("Acme wants three diagnoses with an office visit.");
			assertThat(finding.ruleCoding().getSystem()).isEqualTo("http://acme.example.org/payer-rules");
			assertThat(finding.ruleCoding().getCode()).isEqualTo("ACME-7");
			OperationOutcome outcome = ScrubOutcomes.outcome(List.of(finding));
			assertThat(outcome.getIssueFirstRep().getDetails().getCoding()).extracting(Coding::getCode)
					.containsExactly("PAYER-RULE", "ACME-7");

			assertThat(rules(scrub(diagnosis(cleanClaim(), "J06.9"), surroundings))).doesNotContain("PAYER-RULE");
		}

		@Test
		void invalidRulesAreRefusedWithEveryReason() {
			Basic basic = condition("item.where(");
			basic.getIdentifier().clear();
			basic.getExtension().removeIf(e -> e.getUrl().equals(OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION));

			PayerRuleReader reader = new PayerRuleReader(ScrubFixtures.FHIR.newFhirPath());
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(basic))
					.isInstanceOfSatisfying(PayerRuleReader.InvalidPayerRuleException.class, e ->
							assertThat(e.problems()).hasSize(3).anyMatch(p -> p.contains("not valid FHIRPath"))
									.anyMatch(p -> p.contains("identifier")).anyMatch(p -> p.contains("severity")));
			Basic months = filingLimit(3);
			((Duration) months.getExtensionByUrl(OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION).getValue()).setCode("mo");
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(months))
					.hasMessageContaining("whole number of days");
		}
	}

	@Nested
	class EditTables {

		@Test
		void datesAfterTheNewestTablesGetAWarning() {
			Claim claim = cleanClaim();
			claim.getItem().forEach(item -> item.setServiced(new DateType("2024-10-02")));
			ScrubSettings later = ScrubSettings.defaults(java.time.Clock.fixed(
					java.time.Instant.parse("2024-10-10T00:00:00Z"), java.time.ZoneOffset.UTC));
			claim.setCreatedElement(new DateTimeType("2024-10-03"));

			List<ScrubFinding> findings = new ClaimScrubber(ScrubFixtures::terminology, later, ScrubFixtures.FHIR)
					.scrub(claim, new ScrubFixtures.Surroundings());

			ScrubFinding finding = only(findings, ScrubRule.EDIT_TABLES_OUTDATED);
			assertThat(finding.severity()).isEqualTo(IssueSeverity.WARNING);
			assertThat(finding.expressions()).isEmpty();
			assertThat(rules(findings)).as("nothing else to fix").containsExactly("EDIT-TABLES-OUTDATED", "CLEAN");
			assertThat(finding.text()).contains("NCCI PTP practitioner edits 2024Q3 does not cover 2024-10-02",
					"MCE diagnosis edits 41.1");
		}

		@Test
		void missingTablesAreSaidNotSilentlySkipped() {
			List<ScrubFinding> findings = new ClaimScrubber(BillingTerminology::starterWith,
					ScrubSettings.defaults(ScrubFixtures.CLOCK), ScrubFixtures.FHIR).scrub(cleanClaim(),
					new ScrubFixtures.Surroundings());

			assertThat(only(findings, ScrubRule.EDIT_TABLES_OUTDATED).text()).contains(
					"NCCI PTP practitioner edits is not loaded", "NCCI MUE practitioner edits is not loaded");
		}
	}

	static Basic payerRule(String type, String id) {
		Basic basic = new Basic();
		basic.addIdentifier().setSystem("http://acme.example.org/payer-rules").setValue(id);
		basic.setSubject(new Reference("#payer"));
		basic.setCode(new CodeableConcept(new Coding(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM, type, null)));
		return basic;
	}

	static Basic condition(String fhirPath) {
		Basic basic = payerRule("condition", "ACME-7");
		basic.addExtension(OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION,
				new Expression().setLanguage("text/fhirpath").setExpression(fhirPath));
		basic.addExtension(OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION, new CodeType("warning"));
		basic.addExtension(OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION,
				new StringType("Acme wants three diagnoses with an office visit."));
		basic.addExtension(OpenRcmIg.PAYER_RULE_FIX_EXTENSION, new StringType("Add the chronic conditions managed."));
		return basic;
	}

	static Basic priorAuth(String code) {
		Basic basic = payerRule("prior-authorization", "acme-auth");
		basic.addExtension(OpenRcmIg.PAYER_RULE_CODE_EXTENSION, new Coding(CPT, code, null));
		return basic;
	}

	static Basic filingLimit(int days) {
		Basic basic = payerRule("filing-limit", "acme-filing");
		Duration limit = new Duration();
		limit.setValue(days).setSystem("http://unitsofmeasure.org").setCode("d").setUnit("days");
		basic.addExtension(OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION, limit);
		return basic;
	}
}
