package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.testing.Fixtures;

class Icd10CmOrderFileLoaderTest {

	private static final String SAMPLE = "icd10cm/icd10cm_order_2024-sample.txt";

	private final Icd10CmOrderFileLoader loader = new Icd10CmOrderFileLoader();

	private Icd10CmCodeSet sample() throws IOException {
		return loader.load(Fixtures.reader(SAMPLE), Fixtures.name(SAMPLE), Icd10CmRelease.fiscalYear(2024));
	}

	@Test
	void readsEveryFixedWidthColumn() throws IOException {
		Icd10CmCodeSet set = sample();

		assertThat(set.size()).isEqualTo(20);
		assertThat(set.billableCount()).isEqualTo(10);
		Icd10CmCode fracture = set.get("S72.001A");
		assertThat(fracture.billable()).isTrue();
		assertThat(fracture.shortDescription()).isEqualTo("Fx unsp part of neck of right femur, init for clos fx");
		assertThat(fracture.longDescription())
				.isEqualTo("Fracture of unspecified part of neck of right femur, initial encounter for closed fracture");
		assertThat(set.get("E11").billable()).isFalse();
		assertThat(set.codes().get(0).code()).isEqualTo("A00");
	}

	@ParameterizedTest
	@CsvSource({"E11.9, E11.9", "e119, E11.9", "E119, E11.9", "' I10 ', I10", "t161xxa, T16.1XXA"})
	void findsCodesWithOrWithoutTheDot(String asked, String found) throws IOException {
		assertThat(sample().get(asked).code()).isEqualTo(found);
	}

	@Test
	void derivesTheHierarchyFromTheCodes() throws IOException {
		Icd10CmCodeSet set = sample();

		assertThat(set.parent("S72.001A").orElseThrow().code()).isEqualTo("S72.001");
		assertThat(set.parent("T16.1XXA").orElseThrow().code()).isEqualTo("T16.1");
		assertThat(set.parent("E11")).isEmpty();
		assertThat(set.children("E11")).extracting(Icd10CmCode::code).containsExactly("E11.6", "E11.9");
		assertThat(set.billableDescendants("E11")).extracting(Icd10CmCode::code).containsExactly("E11.65", "E11.9");
		assertThat(set.billableDescendants("S72")).extracting(Icd10CmCode::code)
				.containsExactly("S72.001A", "S72.001D");
		assertThat(set.billableDescendants("I10")).extracting(Icd10CmCode::code).containsExactly("I10");
		assertThat(set.billableDescendants("J45")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"icd10cm/icd10cm_order-bad-flag.txt|icd10cm_order-bad-flag.txt:3: billable flag 'Y' in column 15 is neither 0 nor 1",
			"icd10cm/icd10cm_order-duplicate.txt|icd10cm_order-duplicate.txt:3: code I10 appears twice",
			"icd10cm/icd10cm_order-bad-code.txt|icd10cm_order-bad-code.txt:2: '1A00' in columns 7-13 is not an ICD-10-CM code",
			"icd10cm/icd10cm-bad-billable.csv|icd10cm-bad-billable.csv:1: order number 'code,' in columns 1-5 is not a number;"
					+ " this is not the fixed-width order-file layout"})
	void rejectsMalformedFilesNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.reader(fixture), Fixtures.name(fixture),
				Icd10CmRelease.fiscalYear(2024)))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}
}
