package org.openrcm.terminology.hcpcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.testing.Fixtures;

class HcpcsRecordFileLoaderTest {

	private static final String SAMPLE = "hcpcs/HCPC2024_JUL_ANWEB_sample.txt";

	private final HcpcsRecordFileLoader loader = new HcpcsRecordFileLoader();

	private HcpcsCodeSet sample() throws IOException {
		return loader.load(Fixtures.reader(SAMPLE), Fixtures.name(SAMPLE), HcpcsRelease.parse("2024-07"));
	}

	@Test
	void readsProcedureRecordsAtTheirLayoutPositions() throws IOException {
		HcpcsCodeSet set = sample();

		assertThat(set.size()).isEqualTo(7);
		HcpcsCode crutches = set.get("E0114");
		assertThat(crutches.longDescription())
				.isEqualTo("Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips");
		assertThat(crutches.shortDescription()).isEqualTo("Crutch underarm pair no wood");
		assertThat(crutches.pricingIndicators()).containsExactly("32");
		assertThat(crutches.multiplePricingIndicator()).isEqualTo("A");
		assertThat(crutches.cimReferences()).containsExactly("60-9");
		assertThat(crutches.mcmReferences()).containsExactly("2100.1");
		assertThat(crutches.coverageCode()).isEqualTo("D");
		assertThat(crutches.betos()).isEqualTo("D1E");
		assertThat(crutches.typesOfService()).containsExactly("A", "P", "R");
		assertThat(crutches.addDate()).isEqualTo(LocalDate.of(1986, 1, 1));
		assertThat(crutches.actionEffectiveDate()).isEqualTo(LocalDate.of(1997, 1, 1));
		assertThat(crutches.terminationDate()).isNull();
		assertThat(crutches.actionCode()).isEqualTo("N");
		HcpcsCode unclassified = set.get("c9399");
		assertThat(unclassified.statute()).isEqualTo("621MMA");
		assertThat(unclassified.ascGroup()).isEqualTo("YY");
		assertThat(unclassified.ascEffectiveDate()).isEqualTo(LocalDate.of(2008, 1, 1));
		assertThat(set.get("G2211").longDescription()).endsWith("office/outpatient evaluation and management visit,"
				+ " new or established)");
		assertThat(set.get("G0436").crossReferences()).containsExactly("99406", "99407");
	}

	@Test
	void readsModifierRecordsWithTheirContinuations() throws IOException {
		HcpcsCodeSet set = sample();

		assertThat(set.modifiers()).extracting(HcpcsModifier::code).containsExactly("GT", "LT", "AD");
		assertThat(set.modifiers().get(2).description())
				.isEqualTo("Medical supervision by a physician: more than four concurrent anesthesia procedures");
		assertThat(set.modifiers().get(0).addDate()).isEqualTo(LocalDate.of(2002, 1, 1));
		assertThat(set.get("GT")).as("modifiers are not procedure codes").isNull();
	}

	@ParameterizedTest(name = "{0} on {1}: {2}")
	@CsvSource({
			"G0436, 2016-09-30, VALID",
			"G0436, 2016-10-01, TERMINATED",
			"G2211, 2020-12-31, NOT_YET_EFFECTIVE",
			"G2211, 2024-08-15, VALID",
			"J1100, 2024-08-15, VALID",
			"J9999, 2024-08-15, UNKNOWN"})
	void judgesEachCodeByItsOwnDates(String code, LocalDate date, CodeStatus status) throws IOException {
		assertThat(sample().validate(code, date, Coverage.COVERED).status()).isEqualTo(status);
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"hcpcs/HCPC2024_JUL_ANWEB_bad-record-id.txt => HCPC2024_JUL_ANWEB_bad-record-id.txt:6: record identification"
					+ " code '5' in column 11 is none of 3, 4, 7, 8; this is not the HCPCS record layout",
			"hcpcs/HCPC2024_JUL_ANWEB_orphan-continuation.txt => HCPC2024_JUL_ANWEB_orphan-continuation.txt:3:"
					+ " continuation record of E0114 does not follow its first record",
			"hcpcs/HCPC2024_JUL_ANWEB_bad-date.txt => HCPC2024_JUL_ANWEB_bad-date.txt:2: code added date '19941341'"
					+ " is not a date written YYYYMMDD"})
	void rejectsMalformedRecordsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.reader(fixture), Fixtures.name(fixture), HcpcsRelease.parse("2024-07")))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}
}
