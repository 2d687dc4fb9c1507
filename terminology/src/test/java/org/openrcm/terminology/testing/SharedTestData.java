package org.openrcm.terminology.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the public code sets and X12 samples that live beside the project ({@code ../shared}), never inside it.
 *
 * <p>The location comes from the system property {@code openrcm.shared-data}, else the environment variable
 * {@code OPENRCM_SHARED_DATA}, else {@code ../shared} relative to the working directory. When a file is absent the
 * calling test is skipped with a message saying so — unless {@code openrcm.require-shared-data=true} (or env
 * {@code OPENRCM_REQUIRE_SHARED_DATA=true}), which CI sets, and then the test fails instead.
 */
public final class SharedTestData {

	private SharedTestData() {}

	/** The shared-data root as configured (it may not exist). */
	public static Path root() {
		String configured = System.getProperty("openrcm.shared-data");
		if (configured == null || configured.isBlank()) {
			configured = System.getenv("OPENRCM_SHARED_DATA");
		}
		if (configured == null || configured.isBlank()) {
			configured = "../shared";
		}
		return Paths.get(configured).toAbsolutePath().normalize();
	}

	/**
	 * A file or folder under the shared-data root, e.g. {@code terminology-data/pos/pos_codes_tho_20240502.csv}.
	 * Skips (or, when shared data is required, fails) the calling test if it is absent.
	 */
	public static Path require(String relativePath) {
		Path path = root().resolve(relativePath);
		if (!Files.exists(path)) {
			String message = "shared data file " + path + " is absent (set openrcm.shared-data or OPENRCM_SHARED_DATA)";
			if (required()) {
				fail(message);
			}
			Assumptions.abort(message);
		}
		return path;
	}

	private static boolean required() {
		return Boolean.parseBoolean(System.getProperty("openrcm.require-shared-data"))
				|| Boolean.parseBoolean(System.getenv("OPENRCM_REQUIRE_SHARED_DATA"));
	}
}
