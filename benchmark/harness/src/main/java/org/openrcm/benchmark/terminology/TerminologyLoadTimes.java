package org.openrcm.benchmark.terminology;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.openrcm.terminology.imports.CodeSetFileDetector;
import org.openrcm.terminology.imports.CodeSetKind;
import org.openrcm.terminology.imports.DetectedFile;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.ImportedCodeSet;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.snapshot.SnapshotCache;

/**
 * Plain timings (not JMH) of loading what the claim scrubber needs — ICD-10-CM, HCPCS, NCCI PTP and MUE, MCE — from
 * the shared files through {@link TerminologyImporter}, the path a server takes. First a full load from the text
 * files into an empty snapshot folder (so the snapshots are written), with the heap the edit tables take; then a
 * fresh JVM that loads the same files again, now from their snapshots, as a restarting server does.
 *
 * <pre>
 * java -cp benchmark/harness/target/openrcm-benchmarks.jar -Dopenrcm.shared-data=../shared \
 *     org.openrcm.benchmark.terminology.TerminologyLoadTimes [--snapshots DIR]
 * </pre>
 * The snapshot folder (default {@code $TMPDIR/openrcm-terminology-snapshots}) is emptied first.
 */
public final class TerminologyLoadTimes {

	private static final List<String> FILES = List.of("icd10cm/icd10cm_order_fy2024.csv.xz",
			"hcpcs/hcpcs_level2_2024_jul.csv.xz", "ncci/ncci_ptp_practitioner_2024q3.csv.xz",
			"ncci/ncci_mue_practitioner_2024q3.csv", "icd10cm/mce_v41_1_dx_code_edits_fy2024.csv");

	private TerminologyLoadTimes() {}

	public static void main(String[] args) throws Exception {
		Path snapshots = Paths.get(System.getProperty("java.io.tmpdir"), "openrcm-terminology-snapshots");
		boolean restart = false;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--snapshots") && i + 1 < args.length) {
				snapshots = Paths.get(args[++i]);
			} else if (args[i].equals("--restart")) {
				restart = true;
			}
		}
		if (restart) {
			load("Restart in a fresh JVM, from the snapshots:", snapshots);
			return;
		}
		clear(snapshots);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = usedAfterGc(memory);
		ImportReport report = load("Full load from the shared text files (" + SharedData.root() + "):", snapshots);
		long after = usedAfterGc(memory);
		PtpTable ptp = report.first(CodeSetKind.NCCI_PTP).orElseThrow().value(PtpTable.class);
		MueTable mue = report.first(CodeSetKind.NCCI_MUE).orElseThrow().value(MueTable.class);
		System.out.printf(Locale.ROOT, "Heap: PTP table arrays %,d MB, MUE arrays %,d KB; used heap after GC grew by %,d MB"
				+ " for all five sets%n", ptp.heapBytes() / (1 << 20), mue.heapBytes() / 1024, (after - before) / (1 << 20));
		try (Stream<Path> files = Files.list(snapshots)) {
			for (Path file : files.sorted().toList()) {
				System.out.printf(Locale.ROOT, "  snapshot %-45s %,7d KB%n", file.getFileName(), Files.size(file) / 1024);
			}
		}
		restartInFreshJvm(snapshots);
	}

	private static ImportReport load(String title, Path snapshots) throws IOException {
		System.out.println(title);
		CodeSetFileDetector detector = new CodeSetFileDetector();
		List<DetectedFile> files = new ArrayList<>();
		for (String file : FILES) {
			files.add(detector.detect(SharedData.file(file)).orElseThrow());
		}
		long start = System.nanoTime();
		ImportReport report = new TerminologyImporter(new SnapshotCache(snapshots)).load(files, List.of());
		long millis = (System.nanoTime() - start) / 1_000_000;
		for (ImportedCodeSet set : report.loaded()) {
			System.out.printf(Locale.ROOT, "  %-22s %-8s %,10d entries %,7d ms%s%n", set.kind().label(), set.version(),
					set.count(), set.millis(), set.fromSnapshot() ? "  (snapshot)" : "");
		}
		report.failures().forEach(failure -> System.out.println("  FAILED " + failure.message()));
		System.out.printf(Locale.ROOT, "  total %,d ms%n", millis);
		return report;
	}

	private static void restartInFreshJvm(Path snapshots) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Dopenrcm.shared-data=" + SharedData.root());
		command.add(TerminologyLoadTimes.class.getName());
		command.add("--restart");
		command.add("--snapshots");
		command.add(snapshots.toString());
		long start = System.nanoTime();
		int status = new ProcessBuilder(command).inheritIO().start().waitFor();
		System.out.printf(Locale.ROOT, "Restart process wall time including JVM start: %,d ms (exit %d)%n",
				(System.nanoTime() - start) / 1_000_000, status);
	}

	private static void clear(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}
}
