package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetVersions;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.CsvReader;
import org.openrcm.terminology.testing.SharedTestData;

/** The loaders over the full shared files: counts from PROVENANCE.md and codes a coder knows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Icd10CmSharedDataTest {

	private Icd10CmCodeSet fy2024;
	private Icd10CmTabular chapter2;

	@BeforeAll
	void load() throws IOException {
		Path order = SharedTestData.require("terminology-data/icd10cm/icd10cm_order_fy2024.csv.xz");
		Path tabular = SharedTestData.require("terminology-data/icd10cm/icd10cm_tabular_fy2025_chapter02.xml");
		fy2024 = new Icd10CmCsvLoader().load(CodeSetFiles.openText(order), order.getFileName().toString(),
				Icd10CmRelease.aprilUpdate(2024));
		chapter2 = new Icd10CmTabularLoader().load(CodeSetFiles.openStream(tabular), tabular.getFileName().toString());
	}

	@Test
	void fy2024OrderFileHasTheCountsProvenanceGives() {
		assertThat(fy2024.size()).isEqualTo(97_296);
		assertThat(fy2024.billableCount()).isEqualTo(74_044);
		assertThat(fy2024.size() - fy2024.billableCount()).isEqualTo(23_252);
		assertThat(fy2024.chapters()).hasSize(22);
	}

	@Test
	void everydayCodesAreWhereACoderExpectsThem() {
		assertThat(fy2024.get("I10").display()).isEqualTo("Essential (primary) hypertension");
		assertThat(fy2024.get("E11.9").billable()).isTrue();
		assertThat(fy2024.get("S72.001A").billable()).isTrue();
		assertThat(fy2024.get("W44.A0XA").billable()).as("added by the April 1, 2024 update").isTrue();
		assertThat(fy2024.get("E11").billable()).isFalse();
		assertThat(fy2024.billableDescendants("E11")).hasSizeGreaterThan(50)
				.extracting(Icd10CmCode::code).contains("E11.9", "E11.65", "E11.21");
		assertThat(fy2024.parent("S72.001A").orElseThrow().code()).isEqualTo("S72.001");
		assertThat(fy2024.get("E11.9").chapter().title()).isEqualTo("Endocrine, nutritional and metabolic diseases");
	}

	@Test
	void fy2025ChapterTwoTabularHasTheCountsProvenanceGivesAndMatchesTheFy2025CodeList() throws IOException {
		assertThat(chapter2.size()).isEqualTo(2_174);
		assertThat(chapter2.release()).isEqualTo(Icd10CmRelease.fiscalYear(2025));
		assertThat(chapter2.chapters()).extracting(Icd10CmChapter::range).containsExactly("C00-D49");
		long blocks = chapter2.sections().stream().filter(s -> !chapter2.notes(s).excludes1().isEmpty()).count();
		for (Icd10CmCode code : chapter2.toCodeSet().codes()) {
			if (!chapter2.notes(code.code()).excludes1().isEmpty()) {
				blocks++;
			}
		}
		assertThat(blocks).as("<excludes1> blocks at diags and sections").isEqualTo(210);

		Path list = SharedTestData.require("terminology-data/icd10cm/icd10cm_fy2025_tabular_codes.csv.xz");
		Map<String, String> chapter2List = new HashMap<>();
		try (CsvReader reader = CodeSetFiles.openCsv(list)) {
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				if (row.get("ChapterID").equals("2")) {
					chapter2List.put(row.get("Code"), row.get("Description"));
				}
			}
		}
		assertThat(chapter2List).hasSize(2_174);
		chapter2List.forEach((code, description) ->
				assertThat(chapter2.description(code)).as(code).contains(description));
	}

	@Test
	void excludes1NotesOfTheRealTabularAreFound() {
		assertThat(chapter2.excludes1Conflict("C00.1", "C43.0")).hasValueSatisfying(conflict -> {
			assertThat(conflict.noteOwner()).isEqualTo("C00");
			assertThat(conflict.note()).isEqualTo("malignant melanoma of lip (C43.0)");
		});
		assertThat(chapter2.excludes1Conflict("C00.1", "C44.01")).isPresent();
		assertThat(chapter2.excludes1Conflict("C00.1", "E11.9")).isEmpty();
	}

	@Test
	void aCodeChangedInFy2025IsJudgedByTheReleaseOfTheDateOfService() {
		CodeSetVersions<Icd10CmCodeSet> versions = CodeSetVersions.<Icd10CmCodeSet>empty(Icd10CmCodeSet.SYSTEM).with(fy2024).with(chapter2.toCodeSet());

		assertThat(versions.validate("C83.39", LocalDate.of(2024, 6, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(versions.validate("C83.39", LocalDate.of(2024, 12, 1)).status())
				.as("FY2025 split C83.39 into C83.390/C83.398").isEqualTo(CodeStatus.NOT_BILLABLE);
		assertThat(versions.validate("C81.0A", LocalDate.of(2024, 6, 1)).status()).isEqualTo(CodeStatus.UNKNOWN);
		assertThat(versions.validate("C81.0A", LocalDate.of(2025, 1, 15)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(versions.validate("C81.0A", LocalDate.of(2026, 1, 15)).coverage())
				.isEqualTo(Coverage.CODE_SET_OLDER_THAN_DATE);
		assertThat(versions.validate("I10", LocalDate.of(2024, 1, 15)).coverage())
				.as("only the April update of FY2024 is loaded").isEqualTo(Coverage.CODE_SET_NEWER_THAN_DATE);
	}

	@Test
	void theWholeReleaseBecomesACodeSystemQuickly() {
		long start = System.nanoTime();
		CodeSystem cs = fy2024.toCodeSystem();
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(cs.getConcept()).hasSize(97_296);
		assertThat(millis).as("building 97k concepts").isLessThan(5_000);
	}
}
