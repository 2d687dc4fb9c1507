package org.openrcm.server.denials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.scrubbing.ScrubRule;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * What a biller would check about the classification of 835 adjustments: the category each common reason code lands
 * in, how the group code changes it, the scrub rule that would have caught it, what is worked as a denial and what
 * is not, and that the shipped data and the IG's code system agree with the code.
 */
class DenialClassifierTest {

	private static final DenialClassifier CLASSIFIER = DenialClassifier.standard();

	/** The reason codes the remittance posting is expected to meet most; each must be in the data. */
	private static final List<String> COMMON_CARCS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
			"15", "16", "18", "22", "23", "24", "26", "27", "29", "31", "32", "33", "39", "40", "45", "49", "50", "51",
			"54", "55", "56", "58", "59", "96", "97", "109", "119", "129", "146", "149", "150", "151", "167", "170",
			"171", "176", "177", "181", "182", "183", "185", "197", "198", "199", "200", "204", "226", "227", "234",
			"236", "242", "252", "253", "A1", "B7", "B9", "B11", "B15", "B16");

	@ParameterizedTest(name = "{0}-{1} is {2}")
	@CsvSource({
		"CO, 27,  eligibility,            VERIFY_ELIGIBILITY",
		"CO, 109, eligibility,            VERIFY_ELIGIBILITY",
		"CO, 197, authorization,          OBTAIN_AUTHORIZATION",
		"CO, 4,   coding,                 CORRECT_AND_RESUBMIT",
		"CO, 236, coding,                 CORRECT_AND_RESUBMIT",
		"CO, 50,  medical-necessity,      APPEAL",
		"CO, 29,  timely-filing,          APPEAL",
		"OA, 18,  duplicate,              WRITE_OFF",
		"CO, 16,  missing-information,    CORRECT_AND_RESUBMIT",
		"CO, 252, missing-information,    APPEAL",
		"CO, 45,  contractual,            WRITE_OFF",
		"CO, 253, contractual,            WRITE_OFF",
		"PR, 2,   patient-responsibility, BILL_PATIENT",
		"CO, 185, other,                  CORRECT_AND_RESUBMIT"
	})
	void eachCategoryHasACommonReasonCode(String group, String carc, String category, NextAction action) {
		DenialClassification classification = CLASSIFIER.classify(group, carc);

		assertThat(classification.category().code()).isEqualTo(category);
		assertThat(classification.nextAction()).isEqualTo(action);
		assertThat(classification.group()).isEqualTo(group);
		assertThat(classification.carc()).isEqualTo(carc);
		assertThat(classification.reason()).isNotBlank();
	}

	@Test
	void everyCategoryIsReachedByAReasonCodeInTheData() {
		Set<DenialCategory> reached = CLASSIFIER.reasonCodes().values().stream()
				.map(DenialClassifier.CodeRow::category).collect(Collectors.toSet());

		assertThat(reached).containsExactlyInAnyOrder(DenialCategory.values());
	}

	@Test
	void aContractualWriteOffIsNotADenialToWork() {
		DenialClassification co45 = CLASSIFIER.classify("CO", "45");

		assertThat(co45.category()).isEqualTo(DenialCategory.CONTRACTUAL);
		assertThat(co45.actionable()).isFalse();
		assertThat(co45.nextAction()).isEqualTo(NextAction.WRITE_OFF);
		assertThat(co45.scrubRule()).isNull();
	}

	@ParameterizedTest(name = "PR-{0} goes on the patient's statement")
	@CsvSource({"1", "2", "3"})
	void deductibleCoinsuranceAndCopayAreBilledToThePatientNotWorked(String carc) {
		DenialClassification classification = CLASSIFIER.classify("PR", carc);

		assertThat(classification.category()).isEqualTo(DenialCategory.PATIENT_RESPONSIBILITY);
		assertThat(classification.nextAction()).isEqualTo(NextAction.BILL_PATIENT);
		assertThat(classification.actionable()).isFalse();
		assertThat(classification.scrubRule()).isNull();
	}

	@Test
	void theGroupCodeChangesTheMeaningOfTheSameReason() {
		// non-covered: the provider's loss unless worked under CO, the patient's bill under PR (e.g. a signed ABN)
		DenialClassification providerLiable = CLASSIFIER.classify("CO", "50");
		DenialClassification patientLiable = CLASSIFIER.classify("PR", "50");
		assertThat(providerLiable.category()).isEqualTo(DenialCategory.MEDICAL_NECESSITY);
		assertThat(providerLiable.actionable()).isTrue();
		assertThat(patientLiable.category()).isEqualTo(DenialCategory.PATIENT_RESPONSIBILITY);
		assertThat(patientLiable.nextAction()).isEqualTo(NextAction.BILL_PATIENT);
		assertThat(patientLiable.actionable()).isFalse();

		// a cost share the payer put on the provider (a crossover's CO-2) may not be billed to the patient
		DenialClassification co2 = CLASSIFIER.classify("CO", "2");
		assertThat(co2.category()).isEqualTo(DenialCategory.CONTRACTUAL);
		assertThat(co2.nextAction()).isEqualTo(NextAction.WRITE_OFF);
		assertThat(co2.actionable()).isFalse();

		// under OA it is information only
		DenialClassification oa1 = CLASSIFIER.classify("OA", "1");
		assertThat(oa1.actionable()).isFalse();
		assertThat(oa1.nextAction()).isEqualTo(NextAction.NONE);

		// a correction or reversal is bookkeeping, whatever its reason
		DenialClassification cr = CLASSIFIER.classify("CR", "197");
		assertThat(cr.actionable()).isFalse();
		assertThat(cr.nextAction()).isEqualTo(NextAction.NONE);

		// the prior payer's share on a secondary remittance is not worked
		assertThat(CLASSIFIER.classify("OA", "23").actionable()).isFalse();
	}

	@Test
	void aMissingAuthorizationIsOneThePriorAuthorizationRuleCatches() {
		DenialClassification classification = CLASSIFIER.classify("CO", "197");

		assertThat(classification.category()).isEqualTo(DenialCategory.AUTHORIZATION);
		assertThat(classification.scrubRule()).isEqualTo(ScrubRule.PRIOR_AUTH_REQUIRED);
		assertThat(classification.actionable()).isTrue();
		assertThat(classification.nextAction()).isEqualTo(NextAction.OBTAIN_AUTHORIZATION);
	}

	@Test
	void lateFilingIsOneTheTimelyFilingRuleCatches() {
		DenialClassification classification = CLASSIFIER.classify("CO", "29");

		assertThat(classification.category()).isEqualTo(DenialCategory.TIMELY_FILING);
		assertThat(classification.scrubRule()).isEqualTo(ScrubRule.TIMELY_FILING);
		assertThat(classification.actionable()).isTrue();
	}

	@Test
	void aDuplicateIsOneTheDuplicateClaimRuleCatches() {
		DenialClassification classification = CLASSIFIER.classify("CO", "18");

		assertThat(classification.category()).isEqualTo(DenialCategory.DUPLICATE);
		assertThat(classification.scrubRule()).isEqualTo(ScrubRule.DUPLICATE_CLAIM);
		assertThat(classification.actionable()).isTrue();
	}

	@Test
	void aBundledServiceIsACodingDenialTheNcciRuleCatches() {
		DenialClassification classification = CLASSIFIER.classify("CO", "97");

		assertThat(classification.category()).isEqualTo(DenialCategory.CODING);
		assertThat(classification.scrubRule()).isEqualTo(ScrubRule.NCCI_PTP);
		assertThat(classification.nextAction()).isEqualTo(NextAction.CORRECT_AND_RESUBMIT);
		assertThat(classification.actionable()).isTrue();
	}

	@ParameterizedTest(name = "{0}-{1} catches as {2}")
	@CsvSource({
		"CO, 26,  COVERAGE-INACTIVE",
		"CO, 146, DX-INVALID",
		"CO, 181, PROC-INVALID",
		"CO, 182, MODIFIER-INVALID",
		"CO, 5,   POS-INVALID",
		"CO, 10,  DX-SEX",
		"CO, 9,   DX-AGE",
		"CO, 151, MUE",
		"CO, B15, ADDON-WITHOUT-PRIMARY",
		"CO, 207, NPI-INVALID"
	})
	void reasonsAScrubRuleChecksAreLinkedToIt(String group, String carc, String rule) {
		assertThat(CLASSIFIER.classify(group, carc).scrubRule().code()).isEqualTo(rule);
	}

	@Test
	void aRemarkCodeRefinesAGeneralReasonCode() {
		DenialClassification missingEob = CLASSIFIER.classify("CO", "16", List.of("N4"));
		assertThat(missingEob.category()).isEqualTo(DenialCategory.MISSING_INFORMATION);
		assertThat(missingEob.remark()).isEqualTo("N4");
		assertThat(missingEob.scrubRule()).isNull();
		assertThat(missingEob.actionable()).isTrue();
		assertThat(missingEob.reason()).contains("N4");

		DenialClassification missingDocs = CLASSIFIER.classify("CO", "16", List.of("N706"));
		assertThat(missingDocs.category()).isEqualTo(DenialCategory.MISSING_INFORMATION);
		assertThat(missingDocs.nextAction()).isEqualTo(NextAction.APPEAL);

		DenialClassification badCode = CLASSIFIER.classify("CO", "16", List.of("M51"));
		assertThat(badCode.category()).isEqualTo(DenialCategory.CODING);
		assertThat(badCode.scrubRule()).isEqualTo(ScrubRule.PROC_INVALID);

		DenialClassification ineligible = CLASSIFIER.classify("CO", "96", List.of("N30"));
		assertThat(ineligible.category()).isEqualTo(DenialCategory.ELIGIBILITY);
		assertThat(ineligible.nextAction()).isEqualTo(NextAction.VERIFY_ELIGIBILITY);

		// the first remark OpenRCM knows decides; unknown ones are passed over
		assertThat(CLASSIFIER.classify("CO", "A1", List.of("ZZ1", "M51", "N30")).remark()).isEqualTo("M51");
	}

	@Test
	void aRemarkDoesNotOverrideASpecificReasonCode() {
		DenialClassification classification = CLASSIFIER.classify("CO", "50", List.of("M51"));

		assertThat(classification.category()).isEqualTo(DenialCategory.MEDICAL_NECESSITY);
		assertThat(classification.remark()).isNull();
	}

	@Test
	void aGeneralReasonWithoutAKnownRemarkKeepsItsOwnMeaning() {
		DenialClassification classification = CLASSIFIER.classify("CO", "16", List.of("ZZ1"));

		assertThat(classification.category()).isEqualTo(DenialCategory.MISSING_INFORMATION);
		assertThat(classification.scrubRule()).isEqualTo(ScrubRule.REQUIRED_ELEMENT);
		assertThat(classification.remark()).isNull();
	}

	@Test
	void anUnknownReasonCodeIsOtherAndWorked() {
		DenialClassification classification = CLASSIFIER.classify("CO", "999");

		assertThat(classification.category()).isEqualTo(DenialCategory.OTHER);
		assertThat(classification.actionable()).isTrue();
		assertThat(classification.nextAction()).isEqualTo(NextAction.NONE);
		assertThat(classification.scrubRule()).isNull();
		assertThat(classification.reason()).contains("999");
		// a remark it knows still says what it is
		assertThat(CLASSIFIER.classify("CO", "999", List.of("N30")).category()).isEqualTo(DenialCategory.ELIGIBILITY);
		// and under PR it is the patient's like any other
		assertThat(CLASSIFIER.classify("PR", "999").actionable()).isFalse();
	}

	@Test
	void codesAreReadAsTheRemittanceWritesThem() {
		assertThat(CLASSIFIER.classify(" co ", " b15 ", Arrays.asList(null, " n4 ")))
				.satisfies(classification -> {
					assertThat(classification.group()).isEqualTo("CO");
					assertThat(classification.carc()).isEqualTo("B15");
					assertThat(classification.category()).isEqualTo(DenialCategory.CODING);
				});
		assertThat(CLASSIFIER.classify(null, "45", null).category()).isEqualTo(DenialCategory.CONTRACTUAL);
		assertThatThrownBy(() -> CLASSIFIER.classify("CO", " ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everyRowOfTheDataParsesAndTheCommonCodesAreThere() {
		List<DenialClassifier.CodeRow> reasons = DenialClassifier.read(DenialClassifier.REASON_CODES, true);
		List<DenialClassifier.CodeRow> remarks = DenialClassifier.read(DenialClassifier.REMARK_CODES, false);

		assertThat(reasons).hasSizeGreaterThan(COMMON_CARCS.size());
		assertThat(reasons).extracting(DenialClassifier.CodeRow::code).doesNotHaveDuplicates()
				.containsAll(COMMON_CARCS);
		assertThat(remarks).extracting(DenialClassifier.CodeRow::code).doesNotHaveDuplicates()
				.contains("N30", "M51", "N4", "N706");
		assertThat(reasons).allSatisfy(row -> assertThat(row.description()).as(row.code()).hasSizeLessThan(90));
		// only general reason codes are refined by remarks
		assertThat(reasons).filteredOn(DenialClassifier.CodeRow::refinable)
				.extracting(DenialClassifier.CodeRow::code)
				.containsExactlyInAnyOrder("16", "96", "129", "226", "227", "A1");
		// the patient's share is billed to the patient; only those codes say so
		assertThat(reasons).filteredOn(row -> row.category() == DenialCategory.PATIENT_RESPONSIBILITY)
				.allSatisfy(row -> assertThat(row.action()).isEqualTo(NextAction.BILL_PATIENT));
	}

	@Test
	void everyCategoryIsACodeOfTheIgCodeSystemWithTheSameWords() throws IOException {
		NpmPackage ig = NpmPackage.fromPackage(new ByteArrayInputStream(OpenRcmIg.packageBytes()));
		CodeSystem codeSystem;
		try (InputStream in = ig.load("package", "CodeSystem-denial-category.json")) {
			codeSystem = FhirContext.forR4Cached().newJsonParser().parseResource(CodeSystem.class, in);
		}
		Map<String, String> displays = new HashMap<>();
		for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
			displays.put(concept.getCode(), concept.getDisplay());
		}

		assertThat(codeSystem.getUrl()).isEqualTo(DenialCategory.SYSTEM);
		assertThat(displays).hasSize(DenialCategory.values().length);
		for (DenialCategory category : DenialCategory.values()) {
			assertThat(displays).containsEntry(category.code(), category.display());
		}
	}

	/**
	 * Every code in the data is a real X12 code: checked against the published CARC/RARC list in the shared data.
	 * CARC 15 is deactivated but still met on older payers' remittances.
	 */
	@Test
	void everyCodeInTheDataIsAPublishedCode() throws IOException {
		Path published = SharedTestData.require("terminology-data/x12/x12_adjustment_codes_2024-06.csv");
		// list,code,description,usage,notes,start_date,last_modified,stop_date: one code a line, the first two
		// fields never quoted, the last (a date) empty unless the code is deactivated
		Map<String, Set<String>> codes = new HashMap<>();
		Map<String, Set<String>> deactivated = new HashMap<>();
		List<String> lines = Files.readAllLines(published);
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split(",", 3);
			codes.computeIfAbsent(fields[0], list -> new HashSet<>()).add(fields[1]);
			if (!line.endsWith(",")) {
				deactivated.computeIfAbsent(fields[0], list -> new HashSet<>()).add(fields[1]);
			}
		}

		assertThat(CLASSIFIER.reasonCodes().keySet()).allSatisfy(code -> assertThat(codes.get("CARC")).contains(code));
		assertThat(CLASSIFIER.remarkCodes().keySet()).allSatisfy(code -> assertThat(codes.get("RARC")).contains(code));
		assertThat(CLASSIFIER.reasonCodes().keySet()).filteredOn(deactivated.get("CARC")::contains)
				.containsExactly("15");
		assertThat(CLASSIFIER.remarkCodes().keySet()).filteredOn(code -> deactivated.getOrDefault("RARC", Set.of())
				.contains(code)).isEmpty();
	}
}
