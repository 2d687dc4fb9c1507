package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.testing.Fixtures;

class PtpTableTest {

	static PtpTable sharedLayoutSample() throws IOException {
		PtpTableBuilder builder = new PtpTableBuilder();
		String file = "ncci/ncci_ptp_practitioner-sample.csv";
		new PtpCsvLoader().read(Fixtures.reader(file), Fixtures.name(file), builder);
		return builder.build(NcciQuarter.parse("2024Q3"));
	}

	private static PtpTable cmsLayoutSample() throws IOException {
		PtpTableBuilder builder = new PtpTableBuilder();
		String file = "ncci/ccipra-sample-f1.txt";
		new PtpCmsTextLoader().read(Fixtures.reader(file), Fixtures.name(file), builder);
		return builder.build(NcciQuarter.parse("2024Q3"));
	}

	@ParameterizedTest(name = "{0} then {1} on {2}: {3}")
	@CsvSource({
			"29881, 29877, 2024-08-01, 0",
			"29877, 29881, 2024-08-01, -1",
			"11042, 97597, 2024-08-01, 1",
			"00904, 99497, 2024-08-01, 0",
			"00904, 99497, 2010-06-01, 0",
			"99213, 99211, 2024-08-01, 1",
			"99183, 99355, 2021-06-01, 1",
			"99183, 99355, 2024-08-01, -1",
			"99213, 99214, 2024-08-01, -1",
			"J1100, 96372, 2024-08-01, -1"})
	void answersWhetherAPairIsAnEditOnTheDateAndWithWhichIndicator(String column1, String column2, LocalDate date,
			int indicator) throws IOException {
		PtpTable table = sharedLayoutSample();

		assertThat(table.modifierIndicator(table.codeNumber(column1), table.codeNumber(column2), (int) date.toEpochDay()))
				.isEqualTo(indicator);
		assertThat(table.edit(column1, column2, date).map(e -> e.modifierIndicator().value()).orElse(-1))
				.isEqualTo(indicator);
	}

	@Test
	void aRetroactiveDeletionAnswersOnlyWhenNoRealEditCoversTheDate() throws IOException {
		PtpTable table = sharedLayoutSample();

		PtpEdit retro = table.edit("29881", "29877", LocalDate.of(2001, 6, 1)).orElseThrow();
		assertThat(retro.modifierIndicator()).as("the 0 row has no effective date in this source, so it covers 2001 too")
				.isEqualTo(PtpModifierIndicator.NOT_ALLOWED);
		PtpEdit sedation = table.edit("99183", "99355", LocalDate.of(2000, 1, 1)).orElseThrow();
		assertThat(sedation.modifierIndicator()).isEqualTo(PtpModifierIndicator.ALLOWED);
		assertThat(sedation.deletionDate()).isEqualTo(LocalDate.of(2019, 12, 31));
	}

	@Test
	void describesTheEditFound() throws IOException {
		PtpEdit edit = sharedLayoutSample().edit("11042", "97597", LocalDate.of(2024, 8, 1)).orElseThrow();

		assertThat(edit).isEqualTo(new PtpEdit("11042", "97597", PtpModifierIndicator.ALLOWED, null, null,
				"CPT Manual or CMS manual coding instruction", false));
		assertThat(edit.applies()).isTrue();
	}

	@Test
	void findsAnEditWhicheverOrderTheClaimListsTheCodes() throws IOException {
		PtpTable table = sharedLayoutSample();

		assertThat(table.editBetween("29877", "29881", LocalDate.of(2024, 8, 1)))
				.hasValueSatisfying(edit -> assertThat(edit.column1()).isEqualTo("29881"));
		assertThat(table.editBetween("99214", "99213", LocalDate.of(2024, 8, 1))).isEmpty();
	}

	@Test
	void countsRowsPairsAndCodes() throws IOException {
		PtpTable table = sharedLayoutSample();

		assertThat(table.size()).isEqualTo(12);
		assertThat(table.pairCount()).isEqualTo(6);
		assertThat(table.codes()).containsExactly("00904", "11042", "20610", "29877", "29881", "76942", "97597",
				"99183", "99211", "99213", "99355", "99497");
		assertThat(table.codeNumber("ABCDE")).isEqualTo(-1);
		assertThat(table.codeNumber("bad")).isEqualTo(-1);
	}

	@Test
	void readsTheCmsTextLayoutWithEffectiveDatesAndThePriorTo1996Flag() throws IOException {
		PtpTable table = cmsLayoutSample();

		assertThat(table.size()).isEqualTo(5);
		assertThat(table.edit("20610", "76942", LocalDate.of(2024, 6, 30))).as("effective 2024-07-01").isEmpty();
		assertThat(table.edit("20610", "76942", LocalDate.of(2024, 7, 1))).isPresent();
		assertThat(table.edit("00904", "99497", LocalDate.of(2014, 6, 1))).as("before any of its rows").isEmpty();
		assertThat(table.edit("00904", "99497", LocalDate.of(2015, 1, 1)).orElseThrow().modifierIndicator())
				.isEqualTo(PtpModifierIndicator.NOT_ALLOWED);
		assertThat(table.edit("00904", "99497", LocalDate.of(2019, 12, 31)).orElseThrow().deletionDate())
				.isEqualTo(LocalDate.of(2019, 12, 31));
		assertThat(table.edit("00904", "99497", LocalDate.of(2020, 1, 1)).orElseThrow().effectiveDate())
				.isEqualTo(LocalDate.of(2020, 1, 1));
		assertThat(table.edit("29881", "29877", LocalDate.of(2024, 8, 1)).orElseThrow().priorTo1996()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"ncci/ncci-ptp-bad-indicator.csv => ncci-ptp-bad-indicator.csv:3: modifier indicator '2' is none of 0, 1, 9",
			"ncci/ncci-ptp-bad-code.csv => ncci-ptp-bad-code.csv:3: column_1 '2061' is not a five-character HCPCS/CPT code"})
	void rejectsMalformedCsvRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> new PtpCsvLoader().read(Fixtures.reader(fixture), Fixtures.name(fixture),
				new PtpTableBuilder()))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}

	@Test
	void rejectsMalformedCmsTextNamingFileLineAndReason() {
		assertThatThrownBy(() -> new PtpCmsTextLoader().read(Fixtures.reader("ncci/ccipra-short-row.txt"),
				"ccipra-short-row.txt", new PtpTableBuilder()))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("ccipra-short-row.txt:4: expected 7 tab-separated fields, found 6");
		assertThatThrownBy(() -> new PtpCmsTextLoader().read(Fixtures.reader("ncci/ncci_mue_practitioner-sample.csv"),
				"ncci_mue_practitioner-sample.csv", new PtpTableBuilder()))
				.hasMessage("ncci_mue_practitioner-sample.csv:7: no 'Column 1 / Column 2' header; this is not a CMS PTP"
						+ " edit file");
	}
}
