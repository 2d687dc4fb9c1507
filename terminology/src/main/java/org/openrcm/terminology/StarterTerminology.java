package org.openrcm.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceLoader;

/**
 * The code sets OpenRCM ships so that a fresh server is useful before an operator imports the official files.
 * Their content is public-domain CMS data written into the project's own starter files.
 */
public final class StarterTerminology {

	/** The version stamped on the starter place-of-service list (CMS list as of its last addition, POS 66). */
	public static final String PLACE_OF_SERVICE_VERSION = "2024-08-01";

	private static final String BASE = "org/openrcm/terminology/starter/";

	private StarterTerminology() {}

	/** Every place-of-service code CMS has assigned, as of {@link #PLACE_OF_SERVICE_VERSION}. */
	public static PlaceOfServiceCodeSet placeOfService() {
		String file = BASE + "place-of-service.csv";
		try (InputStream in = StarterTerminology.class.getClassLoader().getResourceAsStream(file)) {
			if (in == null) {
				throw new IllegalStateException("starter file " + file + " is missing from the classpath");
			}
			return new PlaceOfServiceLoader()
					.load(new InputStreamReader(in, StandardCharsets.UTF_8), file, PLACE_OF_SERVICE_VERSION);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The starter code sets as FHIR CodeSystems, ready to store in a FHIR server. */
	public static List<CodeSystem> codeSystems() {
		return List.of(placeOfService().toCodeSystem());
	}
}
