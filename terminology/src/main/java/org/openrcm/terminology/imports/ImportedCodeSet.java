package org.openrcm.terminology.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * One code set the importer loaded.
 *
 * @param kind what it is
 * @param version the release loaded
 * @param files the files it was read from (a PTP quarter may span several)
 * @param value the loaded object: the type {@link CodeSetKind} names for the kind
 * @param count codes, edits or rows loaded
 * @param millis wall-clock time to load it, in milliseconds
 * @param fromSnapshot whether it was read from its binary snapshot instead of the text files
 */
public record ImportedCodeSet(CodeSetKind kind, String version, List<Path> files, Object value, int count, long millis,
		boolean fromSnapshot) {

	public ImportedCodeSet {
		files = List.copyOf(files);
	}

	/** The loaded object as {@code type}. */
	public <T> T value(Class<T> type) {
		return type.cast(value);
	}
}
