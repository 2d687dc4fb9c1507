package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.testing.Fixtures;

class Icd10CmTabularLoaderTest {

	private static final String SAMPLE = "icd10cm/icd10cm_tabular_2024-sample.xml";

	private final Icd10CmTabularLoader loader = new Icd10CmTabularLoader();

	private Icd10CmTabular sample() throws IOException {
		return loader.load(Fixtures.stream(SAMPLE), Fixtures.name(SAMPLE));
	}

	@Test
	void readsChaptersSectionsAndTheDiagTree() throws IOException {
		Icd10CmTabular tabular = sample();

		assertThat(tabular.release()).isEqualTo(Icd10CmRelease.fiscalYear(2024));
		assertThat(tabular.size()).isEqualTo(16);
		assertThat(tabular.chapters()).containsExactly(new Icd10CmChapter("2", "Neoplasms", "C00-D49"),
				new Icd10CmChapter("19", "Injury, poisoning and certain other consequences of external causes", "S00-T88"));
		assertThat(tabular.sections()).extracting(Icd10CmSection::range)
				.containsExactly("C00-C14", "C43-C44", "C81-C96", "S70-S79", "T15-T19");
		assertThat(tabular.section("C00.1").orElseThrow().title())
				.isEqualTo("Malignant neoplasms of lip, oral cavity and pharynx");
		assertThat(tabular.description("C00.1")).contains("Malignant neoplasm of external lower lip");
		assertThat(tabular.chapter("S72.001A").orElseThrow().number()).isEqualTo("19");
	}

	@Test
	void keepsEachNoteBlockWhereItIsWritten() throws IOException {
		Icd10CmTabular tabular = sample();

		assertThat(tabular.notes("C00.0").inclusionTerms())
				.containsExactly("Malignant neoplasm of upper lip NOS", "Malignant neoplasm of vermilion border of upper lip");
		assertThat(tabular.notes("C00").excludes1()).containsExactly("malignant melanoma of lip (C43.0)",
				"other and unspecified malignant neoplasm of skin of lip (C44.0-)");
		assertThat(tabular.notes("C00").get(Icd10CmNoteKind.USE_ADDITIONAL_CODE))
				.containsExactly("code to identify:", "tobacco use (Z72.0)");
		assertThat(tabular.notes("C46").get(Icd10CmNoteKind.CODE_FIRST))
				.containsExactly("any human immunodeficiency virus [HIV] disease (B20)");
		assertThat(tabular.notes("C00.1").isEmpty()).isTrue();
		assertThat(tabular.notes("Z99.9")).isSameAs(Icd10CmNotes.NONE);
	}

	@Test
	void notesWrittenAtACategoryOrSectionApplyToEveryCodeUnderIt() throws IOException {
		Icd10CmTabular tabular = sample();

		assertThat(tabular.applicableNotes("C00.1", Icd10CmNoteKind.EXCLUDES1))
				.extracting(Icd10CmTabular.InheritedNote::owner).containsOnly("C00");
		assertThat(tabular.applicableNotes("C81.00", Icd10CmNoteKind.EXCLUDES2))
				.containsExactly(new Icd10CmTabular.InheritedNote("C81-C96", "Kaposi's sarcoma of lymph nodes (C46.3)"));
		assertThat(tabular.applicableNotes("C43.0", Icd10CmNoteKind.USE_ADDITIONAL_CODE))
				.containsExactly(new Icd10CmTabular.InheritedNote("chapter 2", "code to identify any functional activity"));
	}

	@ParameterizedTest
	@CsvSource({
			"C00.1, C43.0, C00.1, C43.0, C00",
			"C43.0, C00.0, C00.0, C43.0, C00",
			"C00.0, C44.01, C00.0, C44.01, C00",
			"C81.00, Z85.71, C81.00, Z85.71, C81"})
	void findsExcludes1ConflictsInEitherDirection(String code, String other, String noted, String excluded, String owner)
			throws IOException {
		Excludes1Conflict conflict = sample().excludes1Conflict(code, other).orElseThrow();

		assertThat(conflict.code()).isEqualTo(noted);
		assertThat(conflict.excluded()).isEqualTo(excluded);
		assertThat(conflict.noteOwner()).isEqualTo(owner);
	}

	@Test
	void excludes2AndUnrelatedCodesAreNoConflict() throws IOException {
		assertThat(sample().excludes1Conflict("C81.00", "C46.3")).isEmpty();
		assertThat(sample().excludes1Conflict("C00.1", "C45.0")).isEmpty();
	}

	@Test
	void derivesBillableLeavesAndExpandsSeventhCharacters() throws IOException {
		Icd10CmCodeSet set = sample().toCodeSet();

		assertThat(set.get("C00.1").billable()).isTrue();
		assertThat(set.get("C00").billable()).isFalse();
		assertThat(set.get("S72.001").billable()).as("a 7th character is required").isFalse();
		assertThat(set.get("S72.001A").display())
				.isEqualTo("Fracture of unspecified part of neck of right femur, initial encounter for closed fracture");
		assertThat(set.billableDescendants("S72")).extracting(Icd10CmCode::code)
				.containsExactly("S72.001A", "S72.001D", "S72.001S");
		assertThat(set.get("T16.1XXA").display()).isEqualTo("Foreign body in right ear, initial encounter");
		assertThat(set.get("T16.1XXS").section().range()).isEqualTo("T15-T19");
		assertThat(set.size()).isEqualTo(16 + 3 + 2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"icd10cm/icd10cm_tabular-unclosed.xml|icd10cm_tabular-unclosed.xml:11: malformed XML:",
			"icd10cm/icd10cm_tabular-bad-code.xml|icd10cm_tabular-bad-code.xml:12: <diag> name 'lip' is not an ICD-10-CM code",
			"icd10cm/icd10cm_tabular-wrong-root.xml|icd10cm_tabular-wrong-root.xml:2: root element <ICD10PCS.tabular> is not"
					+ " <ICD10CM.tabular>; this is not an ICD-10-CM tabular file"})
	void rejectsMalformedFilesNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.stream(fixture), Fixtures.name(fixture)))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessageStartingWith(message);
	}
}
