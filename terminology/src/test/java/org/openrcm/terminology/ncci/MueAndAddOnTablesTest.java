package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.testing.Fixtures;

class MueAndAddOnTablesTest {

	private static MueTable mue(String fixture) throws IOException {
		return new MueLoader().load(Fixtures.reader(fixture), Fixtures.name(fixture), NcciQuarter.parse("2024Q3"),
				"practitioner");
	}

	private static AddOnCodeTable addOns(String fixture) throws IOException {
		return new AddOnCodeLoader().load(Fixtures.reader(fixture), Fixtures.name(fixture), "2024Q3");
	}

	@ParameterizedTest
	@CsvSource({"ncci/ncci_mue_practitioner-sample.csv", "ncci/MCR_MUE_PractitionerServices-sample.csv"})
	void readsTheSharedAndTheCmsMueLayouts(String fixture) throws IOException {
		MueTable table = mue(fixture);

		assertThat(table.edit("J1100")).contains(new MueEdit("J1100", 120,
				MueAdjudicationIndicator.DATE_OF_SERVICE_CLINICAL, "Clinical: Data"));
		assertThat(table.edit("A4253").orElseThrow().adjudicationIndicator()).isEqualTo(MueAdjudicationIndicator.LINE);
		assertThat(table.edit("g0008").orElseThrow().adjudicationIndicator().perDateOfService()).isTrue();
		assertThat(table.edit("99499")).isEmpty();
		assertThat(table.maximumUnits(NcciCodes.encode("J1100"))).isEqualTo(120);
		assertThat(table.adjudicationIndicator(NcciCodes.encode("J1100"))).isEqualTo(3);
		assertThat(table.maximumUnits(NcciCodes.encode("99499"))).isEqualTo(-1);
		assertThat(table.period().start()).hasToString("2024-07-01");
	}

	@Test
	void unitsAboveTheValueExceedTheEdit() throws IOException {
		MueEdit edit = mue("ncci/ncci_mue_practitioner-sample.csv").edit("99213").orElseThrow();

		assertThat(edit.exceededBy(2)).isFalse();
		assertThat(edit.exceededBy(3)).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"ncci/ncci-mue-bad-indicator.csv => ncci-mue-bad-indicator.csv:3: MUE adjudication indicator '4' is none of 1, 2, 3",
			"ncci/ncci-mue-duplicate.csv => ncci-mue-duplicate.csv:3: code J1100 appears twice"})
	void rejectsMalformedMueRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> mue(fixture)).isInstanceOf(CodeSetLoadException.class).hasMessage(message);
	}

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@CsvSource({
			"99292, 99291, PRIMARY_PRESENT",
			"99292, 99213, PRIMARY_MISSING",
			"0054T, 27447, CONTRACTOR_DEFINED",
			"64727, 64704, PRIMARY_PRESENT",
			"64727, 64999, PRIMARY_MISSING_CONTRACTOR_MAY_ALLOW"})
	void judgesAnAddOnCodeAgainstTheOtherCodesOfTheDay(String addOn, String other, AddOnCodeEdit.Result result)
			throws IOException {
		assertThat(addOns("ncci/ncci_aoc-sample.csv").edit(addOn).orElseThrow().check(List.of(other))).isEqualTo(result);
	}

	@Test
	void groupsPrimariesByAddOnCodeAndLeavesTheContractorPlaceholderOut() throws IOException {
		AddOnCodeTable table = addOns("ncci/ncci_aoc-sample.csv");

		assertThat(table.size()).isEqualTo(4);
		assertThat(table.edit("64727").orElseThrow().primaryCodes()).containsExactlyInAnyOrder("64702", "64704");
		assertThat(table.edit("0054T").orElseThrow().primaryCodes()).isEmpty();
		assertThat(table.isAddOnCode("99291")).isFalse();
		assertThat(table.codes()).contains("99292", "99291", "0054T").doesNotContain("CCCCC");
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"ncci/ncci-aoc-mixed-types.csv => ncci-aoc-mixed-types.csv:3: add-on code 99292 is type 1 on an earlier row"
					+ " and 3 here",
			"ncci/ncci-aoc-type2-primary.csv => ncci-aoc-type2-primary.csv:3: a type 2 edit lists primary code 22551;"
					+ " type 2 primaries are CCCCC (defined by the contractor)"})
	void rejectsInconsistentAddOnRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> addOns(fixture)).isInstanceOf(CodeSetLoadException.class).hasMessage(message);
	}

	@Test
	void codesRoundTripThroughTheirNumbers() {
		assertThat(NcciCodes.decode(NcciCodes.encode("0591T"))).isEqualTo("0591T");
		assertThat(NcciCodes.decode(NcciCodes.encode("j1100"))).isEqualTo("J1100");
		assertThat(NcciCodes.encode("ZZZZZ")).isEqualTo(NcciCodes.CAPACITY - 1);
		assertThat(NcciCodes.encode("J110")).isEqualTo(-1);
		assertThat(NcciCodes.encode("J11.0")).isEqualTo(-1);
	}
}
