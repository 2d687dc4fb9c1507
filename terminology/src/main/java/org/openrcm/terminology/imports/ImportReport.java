package org.openrcm.terminology.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an import of a folder did.
 *
 * @param loaded the code sets loaded, in the order they were loaded
 * @param failures the files that failed, each with the file, line and reason ({@code CodeSetLoadException} message)
 * @param skipped files that are not a known code-set file
 */
public record ImportReport(List<ImportedCodeSet> loaded, List<Failure> failures, List<Path> skipped) {

	public ImportReport {
		loaded = List.copyOf(loaded);
		failures = List.copyOf(failures);
		skipped = List.copyOf(skipped);
	}

	/** The first loaded code set of a kind. */
	public Optional<ImportedCodeSet> first(CodeSetKind kind) {
		return loaded.stream().filter(set -> set.kind() == kind).findFirst();
	}

	/** Every loaded code set of a kind. */
	public List<ImportedCodeSet> all(CodeSetKind kind) {
		return loaded.stream().filter(set -> set.kind() == kind).toList();
	}

	/**
	 * A file (or group of files) that could not be loaded; the code set's previous version stays in service.
	 *
	 * @param files the files
	 * @param kind what they were taken for
	 * @param message file, line and reason
	 */
	public record Failure(List<Path> files, CodeSetKind kind, String message) {

		public Failure {
			files = List.copyOf(files);
		}
	}
}
