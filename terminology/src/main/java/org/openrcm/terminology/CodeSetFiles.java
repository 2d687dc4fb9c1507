package org.openrcm.terminology;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tukaani.xz.XZInputStream;

/** Opens code-set files as UTF-8 text; files ending in {@code .xz} are decompressed on the fly. */
public final class CodeSetFiles {

	private CodeSetFiles() {}

	/** A buffered UTF-8 reader over the file, decompressing {@code .xz}. The caller closes it. */
	public static Reader openText(Path file) throws IOException {
		return new InputStreamReader(openStream(file), StandardCharsets.UTF_8);
	}

	/** A buffered stream over the file, decompressing {@code .xz}. The caller closes it. */
	public static InputStream openStream(Path file) throws IOException {
		InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		if (file.getFileName().toString().endsWith(".xz")) {
			return new BufferedInputStream(new XZInputStream(raw), 1 << 16);
		}
		return raw;
	}

	/** A CSV reader over the file (header row first). */
	public static CsvReader openCsv(Path file) throws IOException {
		return new CsvReader(openText(file), file.getFileName().toString());
	}
}
