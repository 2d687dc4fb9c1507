package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.cpt.CptCodeSetBuilder;
import org.openrcm.terminology.cpt.CptSource;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.testing.SharedTestData;

/** The edit tables over the full shared 2024Q3 files: counts from PROVENANCE.md, pairs a coder knows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NcciSharedDataTest {

	private static final LocalDate AUGUST_2024 = LocalDate.of(2024, 8, 1);

	private Path ptpFile;
	private PtpTable ptp;
	private MueTable mue;
	private AddOnCodeTable addOns;
	private long ptpMillis;

	@BeforeAll
	void load() throws IOException {
		ptpFile = SharedTestData.require("terminology-data/ncci/ncci_ptp_practitioner_2024q3.csv.xz");
		Path mueFile = SharedTestData.require("terminology-data/ncci/ncci_mue_practitioner_2024q3.csv");
		Path aocFile = SharedTestData.require("terminology-data/ncci/ncci_aoc_2024q3.csv");
		long start = System.nanoTime();
		PtpTableBuilder builder = new PtpTableBuilder();
		new PtpCsvLoader().read(CodeSetFiles.openText(ptpFile), ptpFile.getFileName().toString(), builder);
		ptp = builder.build(NcciQuarter.parse("2024Q3"));
		ptpMillis = (System.nanoTime() - start) / 1_000_000;
		mue = new MueLoader().load(CodeSetFiles.openText(mueFile), mueFile.getFileName().toString(),
				NcciQuarter.parse("2024Q3"), "practitioner");
		addOns = new AddOnCodeLoader().load(CodeSetFiles.openText(aocFile), aocFile.getFileName().toString(), "2024Q3");
	}

	@Test
	void ptpTableHasTheRowsAndIndicatorsProvenanceGives() {
		assertThat(ptp.size()).isEqualTo(2_546_017);
		int active = 0;
		Map<Integer, Integer> indicators = new TreeMap<>();
		for (int row = 0; row < ptp.size(); row++) {
			if (ptp.deletion()[row] == PtpTable.ACTIVE) {
				active++;
			}
			indicators.merge(PtpTable.indicatorValue(ptp.indicator()[row]), 1, Integer::sum);
		}
		assertThat(active).isEqualTo(1_669_820);
		assertThat(indicators).containsExactly(Map.entry(0, 739_553), Map.entry(1, 1_707_611), Map.entry(9, 98_853));
		int column1Codes = 0;
		for (int c = 0; c + 1 < ptp.column1Start().length; c++) {
			if (ptp.column1Start()[c + 1] > ptp.column1Start()[c]) {
				column1Codes++;
			}
		}
		assertThat(column1Codes).as("PROVENANCE.md says 12,827; the file has 12,828 distinct column-one codes")
				.isEqualTo(12_828);
		assertThat(ptp.pairCount()).isEqualTo(2_238_466);
	}

	@Test
	void knownPairsAnswerAsCmsPublishesThem() {
		assertThat(ptp.edit("29881", "29877", AUGUST_2024).orElseThrow().modifierIndicator())
				.isEqualTo(PtpModifierIndicator.NOT_ALLOWED);
		assertThat(ptp.edit("11042", "97597", AUGUST_2024).orElseThrow().modifierIndicator())
				.isEqualTo(PtpModifierIndicator.ALLOWED);
		assertThat(ptp.edit("99213", "99211", AUGUST_2024).orElseThrow().rationale())
				.isEqualTo("Misuse of Column Two code with Column One code");
		assertThat(ptp.edit("99183", "99355", AUGUST_2024)).as("deleted 2022-12-31").isEmpty();
		assertThat(ptp.edit("99183", "99355", LocalDate.of(2022, 6, 1))).isPresent();
		assertThat(ptp.editBetween("97597", "11042", AUGUST_2024)).isPresent();
		assertThat(ptp.edit("99213", "99214", AUGUST_2024)).isEmpty();
	}

	@Test
	void ptpTableFitsTheHeapBudgetAndLoadsInTime() {
		long megabytes = ptp.heapBytes() / (1024 * 1024);
		System.out.printf("NCCI PTP 2024Q3: %,d rows parsed from %s in %,d ms; arrays %,d MB%n", ptp.size(),
				ptpFile.getFileName(), ptpMillis, megabytes);
		assertThat(megabytes).isLessThan(150);
	}

	@Test
	void theFullTableRestartsFromItsSnapshotInAFractionOfTheParseTime(@TempDir Path directory) throws IOException {
		SnapshotCache cache = new SnapshotCache(directory);
		String fingerprint = SnapshotCache.fingerprint(ptpFile);
		cache.write(new PtpTableSnapshot(), "2024Q3", fingerprint, ptp);

		long start = System.nanoTime();
		PtpTable restored = cache.read(new PtpTableSnapshot(), "2024Q3", fingerprint).orElseThrow();
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("NCCI PTP snapshot: read %,d rows in %,d ms%n", restored.size(), millis);

		assertThat(restored.deletion()).isEqualTo(ptp.deletion());
		assertThat(restored.column2()).isEqualTo(ptp.column2());
		assertThat(restored.edit("29881", "29877", AUGUST_2024)).isEqualTo(ptp.edit("29881", "29877", AUGUST_2024));
		assertThat(millis).isLessThan(5_000);
	}

	@Test
	void mueTableHasTheCountsProvenanceGives() {
		assertThat(mue.size()).isEqualTo(14_677);
		Map<Integer, Integer> byIndicator = new TreeMap<>();
		for (String code : mue.codes()) {
			byIndicator.merge(mue.adjudicationIndicator(NcciCodes.encode(code)), 1, Integer::sum);
		}
		assertThat(byIndicator).containsEntry(1, 41).containsEntry(2, 5_157).containsEntry(3, 9_479);
		assertThat(mue.edit("J1100").orElseThrow().maximumUnits()).isEqualTo(120);
		assertThat(mue.edit("J1100").orElseThrow().adjudicationIndicator())
				.isEqualTo(MueAdjudicationIndicator.DATE_OF_SERVICE_CLINICAL);
		assertThat(mue.heapBytes()).isLessThan(1024 * 1024);
	}

	@Test
	void addOnTableGroupsTheSharedRows() {
		assertThat(addOns.size()).isEqualTo(668);
		assertThat(addOns.edit("99292").orElseThrow().check(List.of("99291")))
				.isEqualTo(AddOnCodeEdit.Result.PRIMARY_PRESENT);
		assertThat(addOns.edit("0054T").orElseThrow().type()).isEqualTo(2);
	}

	@Test
	void cptCodesKnownFromThePublicFilesCarryNoDescriptors() throws IOException {
		Path pfs = SharedTestData.require("terminology-data/pfs/pfs_rvu_2024_jul.csv.xz");
		CptCodeSet cpt = new CptCodeSetBuilder()
				.addCodes(ptp.codes(), CptSource.NCCI_PTP)
				.addCodes(mue.codes(), CptSource.NCCI_MUE)
				.addCodes(addOns.codes(), CptSource.NCCI_AOC)
				.addPfsRelativeValueFile(CodeSetFiles.openText(pfs), pfs.getFileName().toString())
				.build("2024Q3");

		assertThat(cpt.size()).isEqualTo(13_020);
		assertThat(cpt.contains("99213")).isTrue();
		assertThat(cpt.contains("J1100")).isFalse();
		assertThat(cpt.sources("99213")).contains(CptSource.NCCI_PTP, CptSource.NCCI_MUE, CptSource.PFS_RVU);
		assertThat(cpt.toCodeSystem().getConcept()).allSatisfy(c -> assertThat(c.hasDisplay()).isFalse());
	}
}
