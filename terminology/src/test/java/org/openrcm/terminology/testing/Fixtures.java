package org.openrcm.terminology.testing;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The project's own small code-set files under {@code src/test/resources/fixtures/terminology/}. */
public final class Fixtures {

	private Fixtures() {}

	/** The fixture as a stream, e.g. {@code stream("icd10cm/icd10cm_tabular_2024-sample.xml")}. */
	public static InputStream stream(String path) {
		InputStream in = Fixtures.class.getResourceAsStream("/fixtures/terminology/" + path);
		if (in == null) {
			throw new IllegalArgumentException("fixture " + path + " is missing");
		}
		return in;
	}

	/** The fixture as UTF-8 text. */
	public static Reader reader(String path) {
		return new InputStreamReader(stream(path), StandardCharsets.UTF_8);
	}

	/** The fixture as a file path (for loaders that take files). */
	public static Path path(String path) {
		URL url = Fixtures.class.getResource("/fixtures/terminology/" + path);
		if (url == null) {
			throw new IllegalArgumentException("fixture " + path + " is missing");
		}
		try {
			return Paths.get(url.toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The file name part of a fixture path, as the loaders name the file in messages. */
	public static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
