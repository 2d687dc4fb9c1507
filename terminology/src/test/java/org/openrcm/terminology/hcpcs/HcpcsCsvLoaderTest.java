package org.openrcm.terminology.hcpcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeSetVersions;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.EffectivePeriod;
import org.openrcm.terminology.FhirCodeSystems;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.SharedTestData;

class HcpcsCsvLoaderTest {

	private final HcpcsCsvLoader loader = new HcpcsCsvLoader();

	private HcpcsCodeSet sample() throws IOException {
		String file = "hcpcs/hcpcs-sample.csv";
		return loader.load(Fixtures.reader(file), Fixtures.name(file), HcpcsRelease.parse("2024-07"));
	}

	@Test
	void readsTheSharedCsvLayoutLikeTheRecordFile() throws IOException {
		HcpcsCodeSet csv = sample();
		String file = "hcpcs/HCPC2024_JUL_ANWEB_sample.txt";
		HcpcsCodeSet records = new HcpcsRecordFileLoader().load(Fixtures.reader(file), file, HcpcsRelease.parse("2024-07"));

		for (String code : new String[] {"A0426", "E0114", "G0436", "G2211"}) {
			assertThat(csv.get(code)).as(code).isEqualTo(records.get(code));
		}
		assertThat(csv.get("G0436").crossReferences()).containsExactly("99406", "99407");
		assertThat(csv.get("G0436").terminationDate()).isEqualTo(LocalDate.of(2016, 9, 30));
	}

	@Test
	void aQuarterlyReleaseIsInEffectForItsQuarter() {
		HcpcsRelease july = HcpcsRelease.parse("2024-07");

		assertThat(july.effective()).isEqualTo(YearMonth.of(2024, 7));
		assertThat(july.period()).isEqualTo(EffectivePeriod.quarter(2024, 3));
	}

	@Test
	void theReleaseForTheDateAnswersAndTheCodesOwnDatesDecide() throws IOException {
		CodeSetVersions<HcpcsCodeSet> versions = CodeSetVersions.<HcpcsCodeSet>empty(HcpcsCodeSet.SYSTEM).with(sample());

		assertThat(versions.validate("G2211", LocalDate.of(2024, 8, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(versions.validate("G0436", LocalDate.of(2024, 8, 1)).status()).isEqualTo(CodeStatus.TERMINATED);
		assertThat(versions.validate("G2211", LocalDate.of(2025, 2, 1)).coverage())
				.isEqualTo(Coverage.CODE_SET_OLDER_THAN_DATE);
		assertThat(versions.validate("G0436", LocalDate.of(2024, 8, 1)).display()).startsWith("Smoking and tobacco");
	}

	@Test
	void exportsCodesWithDatesStatusAndModifiers() throws IOException {
		CodeSystem cs = sample().withModifiers(List.of(new HcpcsModifier("LT", "Left side", "", null, null)))
				.toCodeSystem();

		assertThat(cs.getUrl()).isEqualTo("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");
		assertThat(cs.getVersion()).isEqualTo("2024-07");
		assertThat(cs.getCount()).isEqualTo(6);
		ConceptDefinitionComponent g0436 = cs.getConcept().stream().filter(c -> c.getCode().equals("G0436")).findFirst()
				.orElseThrow();
		assertThat(value(g0436, FhirCodeSystems.STATUS)).isEqualTo("retired");
		assertThat(value(g0436, FhirCodeSystems.RETIREMENT_DATE)).isEqualTo("2016-09-30");
		assertThat(value(g0436, FhirCodeSystems.EFFECTIVE_DATE)).isEqualTo("2011-01-01");
		assertThat(value(cs.getConcept().get(2), FhirCodeSystems.STATUS)).isEqualTo("active");
		ConceptDefinitionComponent lt = cs.getConcept().get(5);
		assertThat(lt.getCode()).isEqualTo("LT");
		assertThat(value(lt, HcpcsCodeSet.PROPERTY_KIND)).isEqualTo("modifier");
	}

	private static String value(ConceptDefinitionComponent concept, String property) {
		return concept.getProperty().stream().filter(p -> p.getCode().equals(property)).findFirst()
				.map(p -> p.getValue().primitiveValue()).orElse(null);
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"hcpcs/hcpcs-bad-code.csv => hcpcs-bad-code.csv:3: '99213' is not a HCPCS Level II code (a letter and four digits)",
			"hcpcs/hcpcs-bad-date.csv => hcpcs-bad-date.csv:3: termination_date '2016-09-31' is not a date"})
	void rejectsMalformedRowsNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> loader.load(Fixtures.reader(fixture), Fixtures.name(fixture), HcpcsRelease.parse("2024-07")))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}

	@Test
	void loadsTheSharedJuly2024File() throws IOException {
		Path file = SharedTestData.require("terminology-data/hcpcs/hcpcs_level2_2024_jul.csv.xz");
		HcpcsCodeSet set = loader.load(CodeSetFiles.openText(file), file.getFileName().toString(),
				HcpcsRelease.parse("2024-07"));

		assertThat(set.size()).isEqualTo(8_033);
		assertThat(set.codes().stream().filter(c -> c.terminationDate() != null).count()).isEqualTo(1_058);
		assertThat(set.codes().stream().filter(c -> c.shortDescription().isEmpty()).count()).isEqualTo(57);
		assertThat(set.get("J1100").display()).isEqualTo("Injection, dexamethasone sodium phosphate, 1 mg");
		assertThat(set.get("J1100").typesOfService()).containsExactly("1", "P");
		assertThat(set.get("E0114").typesOfService()).containsExactly("A", "P", "R");
		assertThat(set.validate("G0008", LocalDate.of(2024, 8, 1), Coverage.COVERED).reportable()).isTrue();
		assertThat(set.codes()).allSatisfy(c -> assertThat(c.addDate()).isNotNull());
	}
}
