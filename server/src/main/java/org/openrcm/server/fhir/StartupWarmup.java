package org.openrcm.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the FHIR R4 core definitions (StructureDefinitions, SearchParameters, CodeSystems, ValueSets) on a
 * background thread while Spring builds the application on the main one. HAPI keeps one parsed copy of them per
 * JVM and FHIR version, and several start-up steps (search-parameter extraction, the validation chain) need them;
 * parsing them in parallel takes their few seconds of CPU off the critical path. Spring Boot's own
 * {@code BackgroundPreinitializer} does the same for its libraries.
 */
public final class StartupWarmup {

	private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

	private StartupWarmup() {}

	/** Starts the warm-up on a daemon thread; failures only cost the time they would have saved. */
	public static void start() {
		Thread thread = new Thread(StartupWarmup::run, "openrcm-warmup");
		thread.setDaemon(true);
		thread.setPriority(Thread.NORM_PRIORITY - 1);
		thread.start();
	}

	private static void run() {
		long start = System.nanoTime();
		try {
			FhirContext r4 = FhirContext.forR4Cached();
			for (String type : ServedResourceTypes.DEFAULT) {
				r4.getResourceDefinition(type);
			}
			DefaultProfileValidationSupport core = new DefaultProfileValidationSupport(r4);
			core.fetchAllStructureDefinitions();
			core.fetchAllSearchParameters();
			core.fetchAllConformanceResources();
			log.debug("FHIR core definitions parsed in {} ms", (System.nanoTime() - start) / 1_000_000);
		} catch (RuntimeException e) {
			log.debug("start-up warm-up failed; the definitions will be parsed on first use", e);
		}
	}
}
