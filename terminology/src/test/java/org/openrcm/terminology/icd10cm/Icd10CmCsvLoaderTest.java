package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.testing.Fixtures;

class Icd10CmCsvLoaderTest {

	private final Icd10CmCsvLoader loader = new Icd10CmCsvLoader();

	@Test
	void readsTheSharedFlattenedLayoutWithChapters() throws IOException {
		String file = "icd10cm/icd10cm-order-shared-layout.csv";
		Icd10CmCodeSet set = loader.load(Fixtures.reader(file), Fixtures.name(file), Icd10CmRelease.aprilUpdate(2024));

		assertThat(set.size()).isEqualTo(6);
		assertThat(set.version()).isEqualTo("2024-04");
		assertThat(set.get("W44.A0XA").billable()).isTrue();
		assertThat(set.get("W44.A0XA").display())
				.isEqualTo("Battery unspecified, entering into or through a natural orifice, initial encounter");
		assertThat(set.get("I10").chapter())
				.isEqualTo(new Icd10CmChapter("9", "Diseases of the circulatory system", "I00-I99"));
		assertThat(set.get("I10").section()).as("the shared file's sections are not tabular sections").isNull();
		assertThat(set.chapters()).extracting(Icd10CmChapter::number).containsExactly("1", "9", "20");
		assertThat(set.parent("W44.A0XA").orElseThrow().code()).isEqualTo("W44.A");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"icd10cm/icd10cm-bad-billable.csv|icd10cm-bad-billable.csv:3: billable flag 'maybe' is neither 1 nor 0",
			"icd10cm/icd10cm-duplicate.csv|icd10cm-duplicate.csv:4: code E11.9 appears twice"})
	void rejectsMalformedRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.reader(fixture), Fixtures.name(fixture),
				Icd10CmRelease.fiscalYear(2024)))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}
}
