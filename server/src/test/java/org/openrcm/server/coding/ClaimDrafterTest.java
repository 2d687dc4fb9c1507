package org.openrcm.server.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;

class ClaimDrafterTest {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String SNOMED = "http://snomed.info/sct";

	static final Instant NOW = Instant.parse("2024-06-18T14:05:00Z");
	final ClaimDrafter drafter = new ClaimDrafter(Clock.fixed(NOW, ZoneId.of("America/Chicago")), "11");

	// --- the encounter's resources, built the way an EHR records them ---------------------------------------------

	final Encounter encounter = encounter();
	final List<Coverage> coverages = new ArrayList<>(List.of(coverage("cov1", null, "2024-01-01")));
	final List<Condition> conditions = new ArrayList<>();
	final List<Procedure> procedures = new ArrayList<>();
	final List<ChargeItem> charges = new ArrayList<>();
	final List<Location> locations = new ArrayList<>();
	final List<ChargeItemDefinition> fees = new ArrayList<>();

	static Encounter encounter() {
		Encounter encounter = new Encounter()
				.setStatus(Encounter.EncounterStatus.FINISHED)
				.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
				.setSubject(new Reference("Patient/p1"))
				.setPeriod(new Period()
						.setStartElement(new DateTimeType("2024-06-17T09:30:00-05:00"))
						.setEndElement(new DateTimeType("2024-06-17T09:55:00-05:00")))
				.setServiceProvider(new Reference("Organization/clinic"));
		encounter.addParticipant().setIndividual(new Reference("Practitioner/dr1"));
		encounter.setId("Encounter/e1");
		return encounter;
	}

	static Coverage coverage(String id, Integer order, String start) {
		Coverage coverage = new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setBeneficiary(new Reference("Patient/p1"))
				.setPeriod(new Period().setStartElement(new DateTimeType(start)))
				.addPayor(new Reference("Organization/payer-" + id));
		if (order != null) {
			coverage.setOrder(order);
		}
		coverage.setId("Coverage/" + id);
		return coverage;
	}

	Condition condition(String id, String system, String code) {
		Condition condition = new Condition()
				.setCode(new CodeableConcept(new Coding(system, code, null)))
				.setSubject(new Reference("Patient/p1"))
				.setEncounter(new Reference("Encounter/e1"));
		condition.setId("Condition/" + id);
		conditions.add(condition);
		return condition;
	}

	Procedure procedure(String id, String system, String code) {
		Procedure procedure = new Procedure()
				.setStatus(Procedure.ProcedureStatus.COMPLETED)
				.setCode(new CodeableConcept(new Coding(system, code, null)))
				.setSubject(new Reference("Patient/p1"))
				.setEncounter(new Reference("Encounter/e1"));
		procedure.setId("Procedure/" + id);
		procedures.add(procedure);
		return procedure;
	}

	ChargeItem charge(String id, String system, String code) {
		ChargeItem charge = new ChargeItem()
				.setStatus(ChargeItem.ChargeItemStatus.BILLABLE)
				.setCode(new CodeableConcept(new Coding(system, code, null)))
				.setSubject(new Reference("Patient/p1"))
				.setContext(new Reference("Encounter/e1"));
		charge.setId("ChargeItem/" + id);
		charges.add(charge);
		return charge;
	}

	Claim draft() {
		return drafter.draft(new ClaimDrafter.Sources(encounter, coverages, conditions, procedures, charges, locations,
				FeeSchedule.of(fees)));
	}

	static List<String> diagnosisCodes(Claim claim) {
		return claim.getDiagnosis().stream()
				.map(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
				.toList();
	}

	static List<Integer> pointers(Claim.ItemComponent item) {
		return item.getDiagnosisSequence().stream().map(p -> p.getValue()).toList();
	}

	static List<String> issueCodes(Claim claim) {
		return ClaimDrafter.issuesOf(claim)
				.map(o -> o.getIssue().stream().map(i -> i.getDetails().getCodingFirstRep().getCode()).toList())
				.orElse(List.of());
	}

	static OperationOutcome.OperationOutcomeIssueComponent issue(Claim claim, ErrorCode code) {
		return ClaimDrafter.issuesOf(claim).orElseThrow().getIssue().stream()
				.filter(i -> code.code().equals(i.getDetails().getCodingFirstRep().getCode()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no issue " + code.code() + " in " + issueCodes(claim)));
	}

	// --- the claim header --------------------------------------------------------------------------------------------

	@Test
	void aCompleteEncounterGivesADraftProfessionalClaimWithItsParties() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213").addReasonReference(new Reference("Condition/c1"));
		charges.add((ChargeItem) new ChargeItem()
				.setStatus(ChargeItem.ChargeItemStatus.BILLABLE)
				.setCode(new CodeableConcept(new Coding(CPT, "99213", null)))
				.setContext(new Reference("Encounter/e1"))
				.addService(new Reference("Procedure/p1"))
				.setPriceOverride(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"))
				.setId("ChargeItem/ch1"));

		Claim claim = draft();

		assertThat(claim.getStatus()).isEqualTo(Claim.ClaimStatus.DRAFT);
		assertThat(claim.getUse()).isEqualTo(Claim.Use.CLAIM);
		assertThat(claim.getType().getCodingFirstRep().getSystem())
				.isEqualTo("http://terminology.hl7.org/CodeSystem/claim-type");
		assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("professional");
		assertThat(claim.getPriority().getCodingFirstRep().getCode()).isEqualTo("normal");
		assertThat(claim.getCreated()).isEqualTo(Date.from(NOW));
		assertThat(claim.getIdentifierFirstRep().getSystem()).isEqualTo("http://openrcm.org/fhir/sid/draft-claim");
		assertThat(claim.getIdentifierFirstRep().getValue()).isEqualTo("e1");
		assertThat(claim.getPatient().getReference()).isEqualTo("Patient/p1");
		assertThat(claim.getProvider().getReference()).isEqualTo("Organization/clinic");
		assertThat(claim.getInsurance()).singleElement().satisfies(insurance -> {
			assertThat(insurance.getSequence()).isEqualTo(1);
			assertThat(insurance.getFocal()).isTrue();
			assertThat(insurance.getCoverage().getReference()).isEqualTo("Coverage/cov1");
		});
		assertThat(claim.getInsurer().getReference()).isEqualTo("Organization/payer-cov1");
		assertThat(claim.getCareTeam()).singleElement().satisfies(member -> {
			assertThat(member.getSequence()).isEqualTo(1);
			assertThat(member.getProvider().getReference()).isEqualTo("Practitioner/dr1");
			assertThat(member.getRole().getCodingFirstRep().getSystem())
					.isEqualTo("http://terminology.hl7.org/CodeSystem/claimcareteamrole");
			assertThat(member.getRole().getCodingFirstRep().getCode()).isEqualTo("primary");
		});
		// the charge is the billing record of the procedure: one line, not two
		assertThat(claim.getItem()).singleElement().satisfies(item -> {
			assertThat(item.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("99213");
			assertThat(item.getCareTeamSequence()).extracting(s -> s.getValue()).containsExactly(1);
			assertThat(pointers(item)).containsExactly(1);
			assertThat(item.getNet().getValue()).isEqualByComparingTo("125.00");
			assertThat(item.getEncounterFirstRep().getReference()).isEqualTo("Encounter/e1");
		});
		assertThat(claim.getTotal().getValue()).isEqualByComparingTo("125.00");
		assertThat(claim.getTotal().getCurrency()).isEqualTo("USD");
		assertThat(ClaimDrafter.issuesOf(claim)).isEmpty();
		assertThat(claim.getExtensionByUrl(ClaimDrafter.DRAFT_ISSUES)).isNull();
	}

	@Test
	void anEncounterWithoutASubjectPatientIsRefusedWithAStableCode() {
		encounter.setSubject(null);
		assertThatThrownBy(this::draft)
				.isInstanceOf(UnprocessableEntityException.class)
				.satisfies(e -> {
					OperationOutcome outcome = (OperationOutcome) ((UnprocessableEntityException) e).getOperationOutcome();
					assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
							.isEqualTo("ORCM-4001");
				});

		encounter.setSubject(new Reference("Group/g1"));
		assertThatThrownBy(this::draft).isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("ORCM-4001");
	}

	// --- diagnoses ---------------------------------------------------------------------------------------------------

	@Test
	void diagnosesComeInEncounterRankOrderThenAsRecordedIcd10CmOnlyWithoutDuplicates() {
		condition("c1", ICD10CM, "E11.9");
		condition("c2", SNOMED, "38341003");
		condition("c3", ICD10CM, "I10");
		condition("c4", ICD10CM, "e119"); // E11.9 again, written another way
		condition("c5", ICD10CM, "J06.9");
		Condition other = new Condition().setCode(new CodeableConcept(new Coding(ICD10CM, "Z79.4", null)));
		other.setId("Condition/c6"); // named by Encounter.diagnosis only
		conditions.add(other);
		encounter.addDiagnosis().setCondition(new Reference("Condition/c5")).setRank(2);
		encounter.addDiagnosis().setCondition(new Reference("Condition/c6"));
		encounter.addDiagnosis().setCondition(new Reference("Condition/c3")).setRank(1);

		Claim claim = draft();

		assertThat(diagnosisCodes(claim)).containsExactly("I10", "J06.9", "Z79.4", "E11.9");
		assertThat(claim.getDiagnosis()).extracting(d -> d.getSequence()).containsExactly(1, 2, 3, 4);
		assertThat(claim.getDiagnosis()).allSatisfy(d ->
				assertThat(d.getDiagnosisCodeableConcept().getCoding()).singleElement()
						.satisfies(c -> assertThat(c.getSystem()).isEqualTo(ICD10CM)));
		assertThat(issue(claim, ErrorCode.DRAFT_DIAGNOSIS_NOT_ICD10CM).getDiagnostics()).contains("Condition/c2");
	}

	@Test
	void refutedAndErroneousConditionsAreNotDiagnoses() {
		condition("c1", ICD10CM, "E11.9").setVerificationStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
		condition("c2", ICD10CM, "I10");

		assertThat(diagnosisCodes(draft())).containsExactly("I10");
	}

	@Test
	void atMostTwelveDiagnosesAndTheRestAreNamedInAWarning() {
		for (int i = 0; i < 14; i++) {
			condition("c" + i, ICD10CM, "Z00.0" + i);
		}

		Claim claim = draft();

		assertThat(claim.getDiagnosis()).hasSize(12);
		assertThat(issue(claim, ErrorCode.DRAFT_TOO_MANY_DIAGNOSES).getDiagnostics())
				.contains("Z00.012", "Z00.013");
	}

	@Test
	void noIcd10CmDiagnosisIsAWarningAndLinesGetNoPointers() {
		condition("c1", SNOMED, "44054006");
		procedure("p1", CPT, "99213");

		Claim claim = draft();

		assertThat(claim.getDiagnosis()).isEmpty();
		assertThat(claim.getItemFirstRep().getDiagnosisSequence()).isEmpty();
		assertThat(issueCodes(claim)).contains("ORCM-4105").doesNotContain("ORCM-4112");
	}

	// --- pointers ----------------------------------------------------------------------------------------------------

	@Test
	void pointersFollowTheServicesReasonsByConditionAndByCode() {
		condition("c1", ICD10CM, "E11.9");
		condition("c2", ICD10CM, "I10");
		condition("c3", ICD10CM, "E78.5");
		procedure("p1", CPT, "99214")
				.addReasonReference(new Reference("Condition/c3"))
				.addReasonCode(new CodeableConcept(new Coding(ICD10CM, "I10", null)));
		procedure("p2", CPT, "93000").addReasonReference(new Reference("Condition/not-on-claim"))
				.addReasonCode(new CodeableConcept(new Coding(ICD10CM, "i10", null)));
		charge("ch1", HCPCS, "G0008").addReason(new CodeableConcept(new Coding(ICD10CM, "E11.9", null)));

		Claim claim = draft();

		assertThat(claim.getItem()).extracting(i -> i.getProductOrService().getCodingFirstRep().getCode())
				.containsExactly("99214", "93000", "G0008");
		assertThat(pointers(claim.getItem().get(0))).containsExactly(3, 2);
		assertThat(pointers(claim.getItem().get(1))).containsExactly(2);
		assertThat(pointers(claim.getItem().get(2))).containsExactly(1);
		assertThat(issueCodes(claim)).doesNotContain("ORCM-4112");
	}

	@Test
	void aServiceWithoutReasonsPointsAtTheFirstFourDiagnosesAndSaysSo() {
		for (String code : List.of("E11.9", "I10", "E78.5", "Z79.4", "J45.909")) {
			condition(code, ICD10CM, code);
		}
		procedure("p1", CPT, "99214");

		Claim claim = draft();

		assertThat(pointers(claim.getItemFirstRep())).containsExactly(1, 2, 3, 4);
		OperationOutcome.OperationOutcomeIssueComponent defaulted = issue(claim, ErrorCode.DRAFT_POINTERS_DEFAULTED);
		assertThat(defaulted.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
		assertThat(defaulted.getExpression()).extracting(e -> e.getValue())
				.containsExactly("Claim.item[0].diagnosisSequence");
	}

	// --- lines: codes, modifiers, units, dates -----------------------------------------------------------------------

	@Test
	void onlyCptAndHcpcsServicesAreBilledAndTheRestAreNamed() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", SNOMED, "386053000");
		procedure("p2", CPT, "82947").setStatus(Procedure.ProcedureStatus.NOTDONE);
		procedure("p3", HCPCS, "G0439");
		charge("ch1", CPT, "36415").setStatus(ChargeItem.ChargeItemStatus.NOTBILLABLE);

		Claim claim = draft();

		assertThat(claim.getItem()).singleElement()
				.satisfies(i -> assertThat(i.getProductOrService().getCodingFirstRep().getSystem()).isEqualTo(HCPCS));
		assertThat(issue(claim, ErrorCode.DRAFT_SERVICE_NOT_CPT_OR_HCPCS).getDiagnostics()).contains("Procedure/p1");
	}

	@Test
	void noBillableServiceIsAWarning() {
		condition("c1", ICD10CM, "E11.9");

		Claim claim = draft();

		assertThat(claim.getItem()).isEmpty();
		assertThat(claim.hasTotal()).isFalse();
		assertThat(issueCodes(claim)).contains("ORCM-4109");
	}

	@Test
	void unitsComeFromTheChargeQuantityElseOneAndTheUnitPriceFromItsTotalPrice() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213");
		charge("ch1", HCPCS, "J1815")
				.setQuantity(new Quantity(3))
				.setPriceOverride(new Money().setValue(new BigDecimal("10.00")).setCurrency("USD"));
		charge("ch2", CPT, "36415").setQuantity(new Quantity(0));

		Claim claim = draft();

		Claim.ItemComponent office = claim.getItem().get(0);
		Claim.ItemComponent insulin = claim.getItem().get(1);
		Claim.ItemComponent draw = claim.getItem().get(2);
		assertThat(office.getQuantity().getValue()).isEqualByComparingTo("1");
		assertThat(insulin.getQuantity().getValue()).isEqualByComparingTo("3");
		assertThat(insulin.getNet().getValue()).isEqualByComparingTo("10.00");
		assertThat(insulin.getUnitPrice().getValue()).isEqualByComparingTo("3.33");
		assertThat(draw.getQuantity().getValue()).isEqualByComparingTo("1");
		// total = the one known net; the two lines without a price are named
		assertThat(claim.getTotal().getValue()).isEqualByComparingTo("10.00");
		assertThat(office.hasNet()).isFalse();
		assertThat(ClaimDrafter.issuesOf(claim).orElseThrow().getIssue())
				.filteredOn(i -> "ORCM-4111".equals(i.getDetails().getCodingFirstRep().getCode()))
				.extracting(i -> i.getExpression().get(0).getValue())
				.containsExactly("Claim.item[0].net", "Claim.item[2].net");
	}

	ChargeItemDefinition fee(String system, String code, String amount, String start, String end) {
		ChargeItemDefinition definition = new ChargeItemDefinition()
				.setStatus(Enumerations.PublicationStatus.ACTIVE)
				.setCode(new CodeableConcept(new Coding(system, code, null)));
		if (start != null || end != null) {
			Period period = new Period();
			if (start != null) {
				period.setStartElement(new DateTimeType(start));
			}
			if (end != null) {
				period.setEndElement(new DateTimeType(end));
			}
			definition.setEffectivePeriod(period);
		}
		definition.addPropertyGroup().addPriceComponent()
				.setType(ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.BASE)
				.setAmount(new Money().setValue(new BigDecimal(amount)).setCurrency("USD"));
		definition.setId("ChargeItemDefinition/" + code + "-" + start);
		fees.add(definition);
		return definition;
	}

	@Test
	void theFeeSchedulePricesWhatTheEhrLeftUnpriced() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213");
		charge("ch1", HCPCS, "J1815").setQuantity(new Quantity(3));
		charge("ch2", CPT, "36415").setPriceOverride(new Money().setValue(new BigDecimal("9.00")).setCurrency("USD"));
		fee(CPT, "99213", "110.00", null, "2023-12-31");
		fee(CPT, "99213", "125.00", "2024-01-01", null);
		fee(HCPCS, "J1815", "4.50", null, null);
		fee(CPT, "36415", "12.00", null, null);
		fee(CPT, "99214", "180.00", null, null).setStatus(Enumerations.PublicationStatus.RETIRED);

		Claim claim = draft();

		assertThat(claim.getItem()).extracting(i -> i.getNet().getValue().toPlainString())
				.containsExactly("125.00", "13.50", "9.00");
		assertThat(claim.getItem().get(1).getUnitPrice().getValue()).isEqualByComparingTo("4.50");
		assertThat(claim.getTotal().getValue()).isEqualByComparingTo("147.50");
		assertThat(issueCodes(claim)).doesNotContain("ORCM-4111");
	}

	@Test
	void aRetiredOrOutOfPeriodFeeIsNoPrice() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99214");
		procedure("p2", CPT, "99213");
		fee(CPT, "99214", "180.00", null, null).setStatus(Enumerations.PublicationStatus.RETIRED);
		fee(CPT, "99213", "110.00", null, "2023-12-31");

		Claim claim = draft();

		assertThat(claim.getItem()).allSatisfy(item -> assertThat(item.hasNet()).isFalse());
		assertThat(issueCodes(claim)).contains("ORCM-4111");
	}

	@Test
	void modifiersComeFromTheServiceModifierExtensionAtMostFour() {
		condition("c1", ICD10CM, "E11.9");
		Procedure visit = procedure("p1", CPT, "99213");
		visit.addExtension(ClaimDrafter.SERVICE_MODIFIER, new CodeableConcept(new Coding(CPT, "25", null)));
		ChargeItem injection = charge("ch1", CPT, "96372");
		for (String modifier : List.of("59", "XS", "RT", "LT", "76")) {
			injection.addExtension(ClaimDrafter.SERVICE_MODIFIER, new Coding(HCPCS, modifier, null));
		}

		Claim claim = draft();

		assertThat(claim.getItem().get(0).getModifier()).extracting(m -> m.getCodingFirstRep().getCode())
				.containsExactly("25");
		assertThat(claim.getItem().get(1).getModifier()).extracting(m -> m.getCodingFirstRep().getCode())
				.containsExactly("59", "XS", "RT", "LT");
		assertThat(issueCodes(claim)).contains("ORCM-4113");
	}

	@Test
	void theServiceDateIsWhenItWasPerformedAsRecordedElseTheEncounterStart() {
		condition("c1", ICD10CM, "E11.9");
		// late evening in Chicago is the next day in UTC: the recorded calendar date counts
		procedure("p1", CPT, "99213").setPerformed(new DateTimeType("2024-06-16T23:30:00-05:00"));
		procedure("p2", CPT, "93000").setPerformed(new Period().setStartElement(new DateTimeType("2024-06-15")));
		procedure("p3", CPT, "36415");
		charge("ch1", HCPCS, "G0008").setOccurrence(new DateTimeType("2024-06-14"));

		Claim claim = draft();

		assertThat(claim.getItem()).extracting(i -> i.getServicedDateType().getValueAsString())
				.containsExactly("2024-06-16", "2024-06-15", "2024-06-17", "2024-06-14");
	}

	// --- place of service --------------------------------------------------------------------------------------------

	@Test
	void placeOfServiceComesFromTheEncounterLocationType() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213");
		Location clinic = new Location().addType(new CodeableConcept()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "HOSP", null))
				.addCoding(new Coding(POS, "22", "On Campus-Outpatient Hospital")));
		clinic.setId("Location/l1");
		locations.add(clinic);
		encounter.addLocation().setLocation(new Reference("Location/l1"));

		Claim claim = draft();

		assertThat(claim.getItemFirstRep().getLocationCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(POS);
		assertThat(claim.getItemFirstRep().getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("22");
		assertThat(claim.getFacility().getReference()).isEqualTo("Location/l1");
	}

	@Test
	void anAmbulatoryEncounterWithoutAPlaceOfServiceLocationDefaultsToOffice() {
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213");
		Location room = new Location().setName("Exam room 3");
		room.setId("Location/room3");
		locations.add(room);
		encounter.addLocation().setLocation(new Reference("Location/room3"));

		Claim claim = draft();

		Coding pos = claim.getItemFirstRep().getLocationCodeableConcept().getCodingFirstRep();
		assertThat(pos.getSystem()).isEqualTo(POS);
		assertThat(pos.getCode()).isEqualTo("11");
		assertThat(issueCodes(claim)).doesNotContain("ORCM-4110");

		ClaimDrafter hospitalBased = new ClaimDrafter(Clock.fixed(NOW, ZoneId.of("UTC")), "22");
		Claim other = hospitalBased.draft(
				new ClaimDrafter.Sources(encounter, coverages, conditions, procedures, charges, locations,
				FeeSchedule.of(fees)));
		assertThat(other.getItemFirstRep().getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("22");
	}

	@Test
	void aNonAmbulatoryEncounterWithoutAPlaceOfServiceLocationIsAWarning() {
		encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"));
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99223");

		Claim claim = draft();

		assertThat(claim.getItemFirstRep().hasLocation()).isFalse();
		assertThat(issueCodes(claim)).contains("ORCM-4110");
	}

	// --- coverage ----------------------------------------------------------------------------------------------------

	@Test
	void theCoverageIsTheActiveOneInEffectByOrderThenNewest() {
		coverages.clear();
		coverages.add(coverage("old", null, "2020-01-01"));
		coverages.add(coverage("new", null, "2024-01-01"));
		assertThat(draft().getInsuranceFirstRep().getCoverage().getReference()).isEqualTo("Coverage/new");

		coverages.add(coverage("primary", 1, "2019-01-01"));
		coverages.add(coverage("secondary", 2, "2024-03-01"));
		assertThat(draft().getInsuranceFirstRep().getCoverage().getReference()).isEqualTo("Coverage/primary");

		coverages.get(2).setStatus(Coverage.CoverageStatus.CANCELLED);
		coverages.get(2).getPeriod().setEndElement(new DateTimeType("2023-12-31"));
		assertThat(draft().getInsuranceFirstRep().getCoverage().getReference()).isEqualTo("Coverage/secondary");
	}

	@Test
	void aCoverageNotInEffectOnTheDateOfServiceIsUsedWithAWarningWhenItIsTheOnlyOne() {
		coverages.clear();
		coverages.add(coverage("ended", null, "2023-01-01"));
		coverages.get(0).getPeriod().setEndElement(new DateTimeType("2023-12-31"));

		Claim claim = draft();

		assertThat(claim.getInsuranceFirstRep().getCoverage().getReference()).isEqualTo("Coverage/ended");
		assertThat(issueCodes(claim)).contains("ORCM-4102");
	}

	@Test
	void withoutAnActiveCoverageTheClaimIsStillDraftedWithoutInsuranceAndWithAWarning() {
		coverages.clear();
		Coverage cancelled = coverage("cancelled", null, "2024-01-01").setStatus(Coverage.CoverageStatus.CANCELLED);
		coverages.add(cancelled);
		condition("c1", ICD10CM, "E11.9");
		procedure("p1", CPT, "99213");

		Claim claim = draft();

		assertThat(claim.getStatus()).isEqualTo(Claim.ClaimStatus.DRAFT);
		assertThat(claim.getInsurance()).isEmpty();
		assertThat(claim.hasInsurer()).isFalse();
		OperationOutcome.OperationOutcomeIssueComponent noCoverage = issue(claim, ErrorCode.DRAFT_NO_COVERAGE);
		assertThat(noCoverage.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
		assertThat(noCoverage.getDiagnostics()).startsWith("ORCM-4101: ");
		assertThat(noCoverage.getExpression()).extracting(e -> e.getValue()).containsExactly("Claim.insurance");
		assertThat(claim.getItem()).hasSize(1);
	}

	@Test
	void theInsurerIsSetOnlyWhenThePayorIsAnOrganization() {
		coverages.get(0).getPayor().clear();
		coverages.get(0).addPayor(new Reference("Patient/p1"));

		Claim claim = draft();

		assertThat(claim.getInsuranceFirstRep().getCoverage().getReference()).isEqualTo("Coverage/cov1");
		assertThat(claim.hasInsurer()).isFalse();
	}

	// --- care team and billing provider ------------------------------------------------------------------------------

	@Test
	void theRenderingProviderIsThePrimaryPerformerWhenTheEncounterSaysWhoThatIs() {
		encounter.getParticipant().clear();
		encounter.addParticipant().setIndividual(new Reference("RelatedPerson/r1"));
		encounter.addParticipant().setIndividual(new Reference("Practitioner/nurse"));
		encounter.addParticipant().setIndividual(new Reference("Practitioner/dr2"))
				.addType(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", null)));

		assertThat(draft().getCareTeamFirstRep().getProvider().getReference()).isEqualTo("Practitioner/dr2");
	}

	@Test
	void missingProvidersAreWarnings() {
		encounter.setServiceProvider(null);
		encounter.getParticipant().clear();

		Claim claim = draft();

		assertThat(claim.hasProvider()).isFalse();
		assertThat(claim.getCareTeam()).isEmpty();
		assertThat(issueCodes(claim)).contains("ORCM-4103", "ORCM-4104");
	}

	// --- timing extensions and the issues' form ----------------------------------------------------------------------

	@Test
	void theClaimRecordsWhenTheEncounterEndedAndWhenItWasDrafted() {
		Claim claim = draft();

		DateTimeType ended = (DateTimeType) claim.getExtensionByUrl(
				"http://openrcm.org/fhir/StructureDefinition/encounter-ended").getValue();
		DateTimeType drafted = (DateTimeType) claim.getExtensionByUrl(
				"http://openrcm.org/fhir/StructureDefinition/claim-drafted").getValue();
		assertThat(ended.getValueAsString()).isEqualTo("2024-06-17T09:55:00-05:00");
		assertThat(drafted.getValue()).isEqualTo(Date.from(NOW));
		assertThat(drafted.getValueAsString()).isEqualTo("2024-06-18T09:05:00-05:00");
	}

	@Test
	void anEncounterWithoutAnEndIsAWarningAndHasNoEndedExtension() {
		encounter.getPeriod().setEndElement(null);

		Claim claim = draft();

		assertThat(claim.getExtensionByUrl(ClaimDrafter.ENCOUNTER_ENDED)).isNull();
		assertThat(claim.getExtensionByUrl(ClaimDrafter.CLAIM_DRAFTED)).isNotNull();
		assertThat(issueCodes(claim)).contains("ORCM-4114");
	}

	@Test
	void theIssuesSurviveTheWireAsAContainedOperationOutcomeTheClaimReferences() {
		coverages.clear();
		FhirContext fhir = FhirContext.forR4Cached();

		String json = fhir.newJsonParser().encodeResourceToString(draft());
		Claim read = fhir.newJsonParser().parseResource(Claim.class, json);

		assertThat(read.getExtensionByUrl(ClaimDrafter.DRAFT_ISSUES).getValue())
				.isInstanceOfSatisfying(Reference.class, r -> assertThat(r.getReference()).isEqualTo("#draft-issues"));
		assertThat(issueCodes(read)).contains("ORCM-4101");
	}
}
