package org.openrcm.terminology.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.testing.Fixtures;

class TerminologyImporterTest {

	/** Fixture → the name a publisher would give the file. */
	static final Map<String, String> FOLDER = Map.ofEntries(
			Map.entry("icd10cm/icd10cm_order_2024-sample.txt", "icd10cm_order_2024.txt"),
			Map.entry("icd10cm/icd10cm-order-shared-layout.csv", "icd10cm_order_april_2024.csv"),
			Map.entry("icd10cm/icd10cm_tabular_2024-sample.xml", "icd10cm_tabular_2024.xml"),
			Map.entry("icd10cm/icd10cm_order-bad-flag.txt", "icd10cm_order_2023.txt"),
			Map.entry("hcpcs/HCPC2024_JUL_ANWEB_sample.txt", "HCPC2024_JUL_ANWEB_06202024.txt"),
			Map.entry("ncci/ccipra-sample-f1.txt", "ccipra-v302r0-f1.txt"),
			Map.entry("ncci/ncci_ptp_practitioner-sample.csv", "ncci_ptp_practitioner_2024q2.csv"),
			Map.entry("ncci/MCR_MUE_PractitionerServices-sample.csv", "MCR_MUE_PractitionerServices_Eff_07-01-2024.csv"),
			Map.entry("ncci/ncci_aoc-sample.csv", "ncci_aoc_2024q3.csv"),
			Map.entry("mce/mce_v41_1-sample.csv", "mce_v41_1_dx_code_edits.csv"),
			Map.entry("x12codes/x12-adjustment-codes-sample.csv", "x12_adjustment_codes_2024-06.csv"),
			Map.entry("nucc/nucc_taxonomy-sample.csv", "nucc_taxonomy_251.csv"),
			Map.entry("modifiers/hcpcs-modifiers.csv", "hcpcs_level2_modifiers_2024.csv"),
			Map.entry("modifiers/cpt-modifiers.csv", "cpt_modifier_codes_2024.csv"),
			Map.entry("cpt/licensee-descriptors.txt", "cpt_descriptors_2024.txt"),
			Map.entry("cpt/pfs-rvu-sample.csv", "pfs_rvu_2024_jul.csv"));

	@TempDir
	Path folder;

	/** Copies the fixtures into {@code target} under publisher-style names, plus a file that is no code set. */
	static void populate(Path target) throws IOException {
		for (Map.Entry<String, String> file : FOLDER.entrySet()) {
			try (InputStream in = Fixtures.stream(file.getKey())) {
				Files.copy(in, target.resolve(file.getValue()));
			}
		}
		Files.writeString(target.resolve("README.txt"), "downloaded from cms.gov\n");
	}

	@ParameterizedTest(name = "{1} -> {2} {3}")
	@CsvSource({
			"icd10cm/icd10cm_order_2024-sample.txt, icd10cm_order_2024.txt, ICD10CM_ORDER_FILE, 2024",
			"icd10cm/icd10cm-order-shared-layout.csv, icd10cm_order_april_2024.csv, ICD10CM_CSV, 2024-04",
			"icd10cm/icd10cm_tabular_2024-sample.xml, icd10cm_tabular_2024.xml, ICD10CM_TABULAR, ",
			"hcpcs/HCPC2024_JUL_ANWEB_sample.txt, HCPC2024_JUL_ANWEB_06202024.txt, HCPCS_RECORD_FILE, 2024-07",
			"hcpcs/hcpcs-sample.csv, hcpcs_level2_2024_oct.csv, HCPCS_CSV, 2024-10",
			"ncci/ccipra-sample-f1.txt, ccipra-v321r0-f1.txt, NCCI_PTP, 2026Q2",
			"ncci/ncci_ptp_practitioner-sample.csv, ncci_ptp_practitioner_2024q3.csv.txt, NCCI_PTP, 2024Q3",
			"ncci/MCR_MUE_PractitionerServices-sample.csv, MCR_MUE_PractitionerServices_Eff_10-01-2024.csv, NCCI_MUE, 2024Q4",
			"ncci/ncci_mue_practitioner-sample.csv, ncci_mue_practitioner_2024q3.csv, NCCI_MUE, 2024Q3",
			"ncci/ncci_aoc-sample.csv, ncci_aoc_2024q3.csv, NCCI_AOC, 2024Q3",
			"mce/mce_v41_1-sample.csv, mce_v41_1_dx_code_edits.csv, MCE_DIAGNOSIS_EDITS, 41.1",
			"x12codes/x12-adjustment-codes-sample.csv, x12_adjustment_codes_2024-06.csv, X12_ADJUSTMENT_CODES, 2024-06",
			"nucc/nucc_taxonomy-sample.csv, nucc_taxonomy_251.csv, NUCC_TAXONOMY, 25.1",
			"modifiers/hcpcs-modifiers.csv, hcpcs_modifiers_2024.csv, HCPCS_MODIFIERS, 2024",
			"modifiers/hcpcs-modifiers-groups.csv, modifiers_additional_2024.csv, HCPCS_MODIFIER_GROUPS, 2024",
			"modifiers/cpt-modifiers.csv, cpt_modifiers_2024.csv, CPT_MODIFIERS, 2024",
			"cpt/pfs-rvu-sample.csv, pfs_rvu_2024_jul.csv, PFS_RVU, 2024",
			"cpt/licensee-descriptors.txt, cpt_descriptors_2024.txt, CPT_DESCRIPTORS, 2024",
			"pos/pos-cms-layout.csv, pos_codes_20240502.csv, PLACE_OF_SERVICE, 20240502"})
	void recognisesEachFileByContentAndItsReleaseByName(String fixture, String name, CodeSetKind kind, String version)
			throws IOException {
		Path file = folder.resolve(name);
		try (InputStream in = Fixtures.stream(fixture)) {
			Files.copy(in, file);
		}

		DetectedFile detected = new CodeSetFileDetector().detect(file).orElseThrow();

		assertThat(detected.kind()).isEqualTo(kind);
		assertThat(detected.version()).isEqualTo(version);
	}

	@Test
	void leavesUnknownFilesAlone() throws IOException {
		Path notes = folder.resolve("notes.csv");
		Files.writeString(notes, "name,comment\nx,y\n");

		assertThat(new CodeSetFileDetector().detect(notes)).isEmpty();
	}

	@Test
	void loadsAFolderReportingFailuresWithFileLineAndReason() throws IOException {
		populate(folder);

		ImportReport report = new TerminologyImporter(null).importFolder(folder);

		assertThat(report.failures()).singleElement().satisfies(failure -> {
			assertThat(failure.kind()).isEqualTo(CodeSetKind.ICD10CM_ORDER_FILE);
			assertThat(failure.message())
					.isEqualTo("icd10cm_order_2023.txt:3: billable flag 'Y' in column 15 is neither 0 nor 1");
		});
		assertThat(report.skipped()).extracting(p -> p.getFileName().toString()).containsExactly("README.txt");
		assertThat(report.all(CodeSetKind.ICD10CM_ORDER_FILE)).singleElement()
				.satisfies(set -> assertThat(set.value(Icd10CmCodeSet.class).get("E11.9").billable()).isTrue());
		assertThat(report.first(CodeSetKind.ICD10CM_CSV).orElseThrow().version()).isEqualTo("2024-04");
		assertThat(report.first(CodeSetKind.HCPCS_RECORD_FILE).orElseThrow().value(HcpcsCodeSet.class).modifiers())
				.hasSize(3);
		assertThat(report.all(CodeSetKind.NCCI_PTP)).extracting(ImportedCodeSet::version)
				.containsExactlyInAnyOrder("2024Q2", "2024Q3");
		assertThat(report.first(CodeSetKind.MODIFIERS).orElseThrow().count()).isEqualTo(7);
		CptCodeSet cpt = report.first(CodeSetKind.CPT).orElseThrow().value(CptCodeSet.class);
		assertThat(cpt.contains("99213")).isTrue();
		assertThat(cpt.descriptor("99213")).contains("Licensee descriptor text for 99213");
		assertThat(cpt.modifiers()).contains("25", "59");
	}

	@Test
	void theFilesOfOneNcciQuarterMakeOneTableAndSnapshotsServeTheNextImport() throws IOException {
		try (InputStream in = Fixtures.stream("ncci/ccipra-sample-f1.txt")) {
			Files.copy(in, folder.resolve("ccipra-v302r0-f1.txt"));
		}
		try (InputStream in = Fixtures.stream("icd10cm/icd10cm_order_2024-sample.txt")) {
			Files.copy(in, folder.resolve("icd10cm_order_2024.txt"));
		}
		Files.writeString(folder.resolve("ccipra-v302r0-f2.txt"), "Column 1\tColumn 2\t*=in existence prior to 1996"
				+ "\tEffective Date\tDeletion Date *=no data\tModifier\tPTP Edit Rationale\n"
				+ "99213\t99211\t\t20200101\t*\t1\tMisuse of Column Two code with Column One code\n");
		SnapshotCache cache = new SnapshotCache(folder.resolve(".snapshots"));

		ImportReport first = new TerminologyImporter(cache).importFolder(folder);
		ImportReport second = new TerminologyImporter(cache).importFolder(folder);

		ImportedCodeSet table = first.first(CodeSetKind.NCCI_PTP).orElseThrow();
		assertThat(table.files()).hasSize(2);
		assertThat(table.count()).isEqualTo(6);
		assertThat(table.fromSnapshot()).isFalse();
		ImportedCodeSet restored = second.first(CodeSetKind.NCCI_PTP).orElseThrow();
		assertThat(restored.fromSnapshot()).isTrue();
		assertThat(restored.value(PtpTable.class).edit("99213", "99211", LocalDate.of(2024, 8, 1))).isPresent();
		assertThat(second.first(CodeSetKind.ICD10CM_ORDER_FILE).orElseThrow().fromSnapshot()).isTrue();
		assertThat(second.first(CodeSetKind.ICD10CM_ORDER_FILE).orElseThrow().value(Icd10CmCodeSet.class).get("I10"))
				.isEqualTo(first.first(CodeSetKind.ICD10CM_ORDER_FILE).orElseThrow().value(Icd10CmCodeSet.class).get("I10"));
		assertThat(second.skipped()).as("the snapshot folder is not read as code-set files").isEmpty();
	}
}
