package org.openrcm.benchmark.terminology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCsvLoader;
import org.openrcm.terminology.hcpcs.HcpcsRelease;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCsvLoader;
import org.openrcm.terminology.icd10cm.Icd10CmRelease;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.mce.MceDiagnosisEditsLoader;
import org.openrcm.terminology.ncci.MueLoader;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.NcciQuarter;
import org.openrcm.terminology.ncci.PtpCsvLoader;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.ncci.PtpTableBuilder;

/**
 * The shared 2024 code-set files the terminology benchmarks load. The folder is the system property
 * {@code openrcm.shared-data}, else the environment variable {@code OPENRCM_SHARED_DATA}, else {@code ../shared}
 * (relative to the working directory); files are under its {@code terminology-data/}.
 */
public final class SharedData {

	/** A date of service inside the shared files' quarter (NCCI 2024Q3, HCPCS July 2024, ICD-10-CM FY2024). */
	static final LocalDate DATE_OF_SERVICE = LocalDate.of(2024, 8, 15);
	static final NcciQuarter QUARTER = NcciQuarter.parse("2024Q3");

	private SharedData() {}

	public static Path root() {
		String configured = System.getProperty("openrcm.shared-data");
		if (configured == null || configured.isBlank()) {
			configured = System.getenv("OPENRCM_SHARED_DATA");
		}
		return Paths.get(configured == null || configured.isBlank() ? "../shared" : configured).toAbsolutePath().normalize();
	}

	/** The folder {@code terminology-data/}, as a server's {@code openrcm.terminology.import-dir}; fails when absent. */
	public static Path terminologyFolder() {
		Path folder = root().resolve("terminology-data");
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException(folder + " is absent; set -Dopenrcm.shared-data or OPENRCM_SHARED_DATA");
		}
		return folder;
	}

	/** A file under {@code terminology-data/}; fails with the path when it is absent. */
	static Path file(String relative) {
		Path path = root().resolve("terminology-data").resolve(relative);
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException(path + " is absent; set -Dopenrcm.shared-data or OPENRCM_SHARED_DATA");
		}
		return path;
	}

	static Path ptpFile() {
		return file("ncci/ncci_ptp_practitioner_2024q3.csv.xz");
	}

	static PtpTable ptp() throws IOException {
		PtpTableBuilder builder = new PtpTableBuilder();
		Path file = ptpFile();
		new PtpCsvLoader().read(CodeSetFiles.openText(file), file.getFileName().toString(), builder);
		return builder.build(QUARTER);
	}

	static MueTable mue() throws IOException {
		Path file = file("ncci/ncci_mue_practitioner_2024q3.csv");
		return new MueLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(), QUARTER, "practitioner");
	}

	static Icd10CmCodeSet icd10Cm() throws IOException {
		Path file = file("icd10cm/icd10cm_order_fy2024.csv.xz");
		return new Icd10CmCsvLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(),
				Icd10CmRelease.aprilUpdate(2024));
	}

	static HcpcsCodeSet hcpcs() throws IOException {
		Path file = file("hcpcs/hcpcs_level2_2024_jul.csv.xz");
		return new HcpcsCsvLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(),
				HcpcsRelease.parse("2024-07"));
	}

	static MceDiagnosisEdits mce() throws IOException {
		Path file = file("icd10cm/mce_v41_1_dx_code_edits_fy2024.csv");
		return new MceDiagnosisEditsLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(), "41.1");
	}
}
