package org.openrcm.terminology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyImportTest {

	@TempDir
	Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) throws IOException {
		return TerminologyImport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void reportsEachCodeSetAndEachFailureAndExitsOneOnFailure() throws IOException {
		Files.writeString(folder.resolve("ncci_mue_practitioner_2024q3.csv"),
				"code,mue_value,mue_adjudication_indicator,mue_rationale\nJ1100,120,3,Clinical: Data\n");
		Files.writeString(folder.resolve("ncci_aoc_2024q3.csv"), "primary_code,add_on_code,aoc_edit_type\n99291,99292,4\n");
		Path snapshots = folder.resolve("snapshots");

		int status = run(folder.toString(), "--snapshots", snapshots.toString());

		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(status).isEqualTo(1);
		assertThat(report).containsPattern("NCCI MUE +2024Q3 +1 +\\d+ +ncci_mue_practitioner_2024q3.csv")
				.contains("FAILED NCCI add-on codes: ncci_aoc_2024q3.csv:2: AOC edit type '4' is none of 1, 2, 3")
				.contains("2 code sets loaded, 1 failed, 0 files skipped");
	}

	@Test
	void exitsZeroWhenEverythingLoaded() throws IOException {
		Files.writeString(folder.resolve("nucc_taxonomy_251.csv"), "Code,Grouping,Classification,Specialization\n"
				+ "207Q00000X,Allopathic & Osteopathic Physicians,Family Medicine,\n");

		assertThat(run(folder.toString(), "--no-snapshots")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("NUCC taxonomy").contains("25.1");
	}

	@Test
	void explainsItsUsage() throws IOException {
		assertThat(run()).isEqualTo(2);
		assertThat(run(folder.resolve("missing").toString())).isEqualTo(2);
		assertThat(run(folder.toString(), "--snapshots")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: TerminologyImport FOLDER");
	}
}
