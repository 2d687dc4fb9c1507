package org.openrcm.terminology.x12codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.SharedTestData;

class X12CodeLoaderTest {

	private static Map<X12CodeList, X12CodeSet> sample() throws IOException {
		String file = "x12codes/x12-adjustment-codes-sample.csv";
		return new X12CodeLoader().load(Fixtures.reader(file), Fixtures.name(file), "2024-06-18");
	}

	@Test
	void splitsTheFileIntoItsThreeLists() throws IOException {
		Map<X12CodeList, X12CodeSet> lists = sample();

		assertThat(lists.get(X12CodeList.CARC).size()).isEqualTo(3);
		assertThat(lists.get(X12CodeList.RARC).get("n130").notes()).isEqualTo("(Modified 4/1/07, 7/1/08, 11/1/09)");
		assertThat(lists.get(X12CodeList.CLAIM_ADJUSTMENT_GROUP).get("CO").description())
				.isEqualTo("Contractual Obligations");
		assertThat(lists.get(X12CodeList.CARC).get("45").usage()).startsWith("This adjustment amount cannot equal");
	}

	@ParameterizedTest(name = "CARC {0} on {1}: {2}")
	@CsvSource({"15, 2018-04-30, VALID", "15, 2018-05-01, TERMINATED", "1, 1994-12-31, NOT_YET_EFFECTIVE",
			"45, 2024-08-01, VALID", "999, 2024-08-01, UNKNOWN"})
	void judgesAReasonCodeOnTheAdjudicationDate(String code, LocalDate date, CodeStatus status) throws IOException {
		assertThat(sample().get(X12CodeList.CARC).validate(code, date).status()).isEqualTo(status);
	}

	@Test
	void exportsEachListUnderItsSystemWithDates() throws IOException {
		CodeSystem carc = sample().get(X12CodeList.CARC).toCodeSystem();
		CodeSystem groups = sample().get(X12CodeList.CLAIM_ADJUSTMENT_GROUP).toCodeSystem();

		assertThat(carc.getUrl()).isEqualTo("https://x12.org/codes/claim-adjustment-reason-codes");
		assertThat(carc.getConcept().get(1).getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
				.contains("status=retired", "retirementDate=2018-05-01", "effectiveDate=1995-01-01");
		assertThat(sample().get(X12CodeList.RARC).toCodeSystem().getUrl())
				.isEqualTo("https://x12.org/codes/remittance-advice-remark-codes");
		assertThat(groups.getUrl()).isEqualTo("http://openrcm.org/fhir/CodeSystem/claim-adjustment-group");
		assertThat(groups.getIdentifierFirstRep().getValue()).isEqualTo("https://x12.org/codes/claim-adjustment-group-codes");
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"x12codes/x12-unknown-list.csv => x12-unknown-list.csv:3: list 'CAGC' is none of CARC, RARC, CLAIM_ADJUSTMENT_GROUP",
			"x12codes/x12-duplicate.csv => x12-duplicate.csv:4: CARC code 1 appears twice"})
	void rejectsMalformedRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> new X12CodeLoader().load(Fixtures.reader(fixture), Fixtures.name(fixture), "x"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}

	@Test
	void loadsTheSharedJune2024Lists() throws IOException {
		Path file = SharedTestData.require("terminology-data/x12/x12_adjustment_codes_2024-06.csv");
		Map<X12CodeList, X12CodeSet> lists = new X12CodeLoader().load(CodeSetFiles.openText(file),
				file.getFileName().toString(), "2024-06-18");

		assertThat(lists.get(X12CodeList.CLAIM_ADJUSTMENT_GROUP).size()).isEqualTo(5);
		assertThat(lists.get(X12CodeList.CARC).size()).isEqualTo(405);
		assertThat(lists.get(X12CodeList.RARC).size()).isEqualTo(1_171);
		assertThat(lists.get(X12CodeList.CARC).codes().stream().filter(c -> c.stopDate() != null).count()).isEqualTo(110);
		assertThat(lists.get(X12CodeList.CARC).validate("45", LocalDate.of(2024, 8, 1)).reportable()).isTrue();
		assertThat(lists.get(X12CodeList.CARC).validate("15", LocalDate.of(2024, 8, 1)).status())
				.isEqualTo(CodeStatus.TERMINATED);
		assertThat(lists.get(X12CodeList.CLAIM_ADJUSTMENT_GROUP).codes()).extracting(X12Code::code)
				.containsExactlyInAnyOrder("CO", "CR", "OA", "PI", "PR");
	}
}
