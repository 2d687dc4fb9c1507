package org.openrcm.terminology.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.ImportedCodeSet;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.snapshot.SnapshotCache;

/**
 * The operator's import command: loads every code-set file of a folder, prints one line per code set (kind,
 * version, count, milliseconds, source files) or per failure (file:line: reason), and writes the binary snapshots a
 * server restart reads.
 *
 * <pre>
 * TerminologyImport FOLDER [--snapshots DIR | --no-snapshots]
 * </pre>
 * Snapshots go to {@code FOLDER/.snapshots} unless {@code --snapshots} says otherwise. Exit status: 0 when every
 * recognised file loaded, 1 when any failed, 2 on a usage error.
 */
public final class TerminologyImport {

	private TerminologyImport() {}

	public static void main(String[] args) throws IOException {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the command; returns the exit status. */
	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		Path folder = null;
		Path snapshotDirectory = null;
		boolean snapshots = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--snapshots" -> {
					if (i + 1 == args.length) {
						return usage(err, "--snapshots needs a folder");
					}
					snapshotDirectory = Paths.get(args[++i]);
				}
				case "--no-snapshots" -> snapshots = false;
				default -> {
					if (args[i].startsWith("--") || folder != null) {
						return usage(err, "unknown argument " + args[i]);
					}
					folder = Paths.get(args[i]);
				}
			}
		}
		if (folder == null) {
			return usage(err, "give the folder holding the code-set files");
		}
		if (!Files.isDirectory(folder)) {
			return usage(err, folder + " is not a folder");
		}
		SnapshotCache cache = snapshots ? new SnapshotCache(snapshotDirectory != null ? snapshotDirectory
				: folder.resolve(".snapshots")) : null;
		long start = System.nanoTime();
		ImportReport report = new TerminologyImporter(cache).importFolder(folder);
		long millis = (System.nanoTime() - start) / 1_000_000;

		out.printf(Locale.ROOT, "%-26s %-9s %11s %8s  %s%n", "code set", "version", "count", "ms", "files");
		for (ImportedCodeSet set : report.loaded()) {
			out.printf(Locale.ROOT, "%-26s %-9s %,11d %,8d  %s%s%n", set.kind().label(), set.version(), set.count(),
					set.millis(), String.join(", ", set.files().stream().map(p -> p.getFileName().toString()).toList()),
					set.fromSnapshot() ? " (from snapshot)" : "");
		}
		for (ImportReport.Failure failure : report.failures()) {
			out.printf(Locale.ROOT, "FAILED %s: %s%n", failure.kind().label(), failure.message());
		}
		for (Path skipped : report.skipped()) {
			out.printf(Locale.ROOT, "skipped %s: not a known code-set file%n", folder.relativize(skipped));
		}
		out.printf(Locale.ROOT, "%d code sets loaded, %d failed, %d files skipped in %,d ms%s%n", report.loaded().size(),
				report.failures().size(), report.skipped().size(), millis,
				cache == null ? "" : "; snapshots in " + cache.directory());
		return report.failures().isEmpty() ? 0 : 1;
	}

	private static int usage(PrintStream err, String problem) {
		err.println(problem);
		err.println("usage: TerminologyImport FOLDER [--snapshots DIR | --no-snapshots]");
		return 2;
	}
}
