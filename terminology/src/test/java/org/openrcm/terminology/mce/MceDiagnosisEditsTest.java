package org.openrcm.terminology.mce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.EffectivePeriod;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.SharedTestData;

class MceDiagnosisEditsTest {

	private final MceDiagnosisEditsLoader loader = new MceDiagnosisEditsLoader();

	private MceDiagnosisEdits sample() throws IOException {
		String file = "mce/mce_v41_1-sample.csv";
		return loader.load(Fixtures.reader(file), Fixtures.name(file), "41.1");
	}

	@Test
	void takesTheAgeRangesFromTheRuleText() throws IOException {
		MceDiagnosisEdits edits = sample();

		assertThat(edits.ageCategory(AgeCategory.NEWBORN).orElseThrow()).extracting(AgeEdit::minimumAge, AgeEdit::maximumAge)
				.containsExactly(0, 0);
		assertThat(edits.ageCategory(AgeCategory.PEDIATRIC).orElseThrow().maximumAge()).isEqualTo(17);
		assertThat(edits.ageCategory(AgeCategory.MATERNITY).orElseThrow()).extracting(AgeEdit::minimumAge, AgeEdit::maximumAge)
				.containsExactly(9, 64);
		assertThat(edits.ageCategory(AgeCategory.ADULT).orElseThrow()).extracting(AgeEdit::minimumAge, AgeEdit::maximumAge)
				.containsExactly(15, 124);
	}

	@Test
	void groupsEveryEditOfACode() throws IOException {
		MceCodeEdits pregnancy = sample().edits("O0900").orElseThrow();

		assertThat(pregnancy.code()).isEqualTo("O09.00");
		assertThat(pregnancy.sex()).isEqualTo(Sex.FEMALE);
		assertThat(pregnancy.age().category()).isEqualTo(AgeCategory.MATERNITY);
		assertThat(pregnancy.manifestation()).isFalse();
		assertThat(sample().edits("F02.80").orElseThrow().manifestation()).isTrue();
		assertThat(sample().edits("I10")).isEmpty();
		assertThat(sample().size()).isEqualTo(5);
	}

	@ParameterizedTest(name = "{0}, age {1}, {2}, principal {3} -> {4}")
	@CsvSource({
			"A33, 0, MALE, true, ''",
			"A33, 1, MALE, true, AGE_CONFLICT",
			"A48.51, 17, FEMALE, true, ''",
			"A48.51, 18, FEMALE, true, AGE_CONFLICT",
			"O09.00, 30, FEMALE, true, ''",
			"O09.00, 8, FEMALE, true, AGE_CONFLICT",
			"O09.00, 65, MALE, true, AGE_CONFLICT SEX_CONFLICT",
			"N40.0, 70, FEMALE, true, SEX_CONFLICT",
			"N40.0, 14, MALE, false, AGE_CONFLICT",
			"F02.80, 80, FEMALE, true, MANIFESTATION_AS_PRINCIPAL",
			"F02.80, 80, FEMALE, false, ''",
			"I10, 50, MALE, true, ''"})
	void flagsAgeSexAndManifestationConflicts(String code, int age, Sex sex, boolean principal, String expected)
			throws IOException {
		String found = sample().check(code, age, sex, principal).stream().map(f -> f.edit().name())
				.collect(Collectors.joining(" "));

		assertThat(found).isEqualTo(expected);
	}

	@Test
	void anUnknownSexSkipsTheSexEditOnly() throws IOException {
		assertThat(sample().check("N40.0", 14, null, false)).extracting(MceFinding::edit)
				.containsExactly(MceFinding.Edit.AGE_CONFLICT);
		assertThat(sample().check("N40.0", 70, Sex.FEMALE, false).get(0).message())
				.isEqualTo("N40.0 is for male patients only");
	}

	@Test
	void versionsFollowTheFiscalYearWithPointOneTheAprilUpdate() {
		assertThat(MceDiagnosisEdits.periodOf("41.1"))
				.isEqualTo(new EffectivePeriod(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 30)));
		assertThat(MceDiagnosisEdits.periodOf("v41")).isEqualTo(EffectivePeriod.fiscalYear(2024));
		assertThat(MceDiagnosisEdits.periodOf("42.0")).isEqualTo(EffectivePeriod.fiscalYear(2025));
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"mce/mce-bad-age-rule.csv => mce-bad-age-rule.csv:3: Age edit rule 'Infants (under 2)' is not"
					+ " '<Newborn|Pediatric|Maternity|Adult> (Ages n-m)'",
			"mce/mce-inconsistent-ages.csv => mce-inconsistent-ages.csv:3: Age edit rule 'Maternity (Ages 12-55)' gives other"
					+ " ages than 'Maternity (Ages 9-64)' for the same category",
			"mce/mce-bad-group.csv => mce-bad-group.csv:3: edit_group 'Procedure' is none of Age, Sex, Other"})
	void rejectsMalformedRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.reader(fixture), Fixtures.name(fixture), "41.1"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}

	@Test
	void loadsTheSharedMceV41Point1File() throws IOException {
		Path file = SharedTestData.require("terminology-data/icd10cm/mce_v41_1_dx_code_edits_fy2024.csv");
		MceDiagnosisEdits edits = loader.load(CodeSetFiles.openText(file), file.getFileName().toString(), "41.1");

		Map<String, Long> byRule = edits.codes().stream().collect(Collectors.groupingBy(e -> e.age() == null ? "none"
				: e.age().category().name(), Collectors.counting()));
		assertThat(byRule).containsEntry("MATERNITY", 2_543L).containsEntry("ADULT", 854L)
				.containsEntry("PEDIATRIC", 125L).containsEntry("NEWBORN", 42L);
		assertThat(edits.codes().stream().filter(e -> e.sex() == Sex.FEMALE).count()).isEqualTo(3_431);
		assertThat(edits.codes().stream().filter(e -> e.sex() == Sex.MALE).count()).isEqualTo(529);
		assertThat(edits.codes().stream().filter(MceCodeEdits::manifestation).count()).isEqualTo(422);
		assertThat(edits.size()).isEqualTo(5_343);
		assertThat(edits.ageCategory(AgeCategory.MATERNITY).orElseThrow().minimumAge()).isEqualTo(9);
		assertThat(edits.check("Z3A.01", 30, Sex.MALE, false)).extracting(MceFinding::edit)
				.containsExactly(MceFinding.Edit.SEX_CONFLICT);
		assertThat(edits.check("Z00.110", 0, Sex.FEMALE, true)).isEmpty();
	}
}
