package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Icd10CmCodesTest {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource({"E11.9, E119", "e11.9, E119", "' I10 ', I10", "T16.1XXA, T161XXA", "S72001A, S72001A",
			"'E11 .9', ", "1A00, ", "E1, ", "E11.98765, ", "'', "})
	void normalisesTheSpellingsClaimsAndFilesUse(String code, String key) {
		assertThat(Icd10CmCodes.key(code)).isEqualTo(key);
	}

	@ParameterizedTest
	@CsvSource({"E119, E11.9", "I10, I10", "S72001A, S72.001A"})
	void writesTheDotAfterTheCategory(String key, String dotted) {
		assertThat(Icd10CmCodes.dotted(key)).isEqualTo(dotted);
	}
}
