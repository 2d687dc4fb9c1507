package org.openrcm.ig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenRCM implementation guide: its identity, the canonical URLs of its profiles, extensions and operations, and
 * the FHIR NPM package (built from {@code ig/src/main/fhir}) that the server installs at start-up.
 */
public final class OpenRcmIg {

	/** The NPM package name. */
	public static final String PACKAGE_NAME = "org.openrcm.fhir";
	/** The NPM package version. */
	public static final String PACKAGE_VERSION = "0.2.0";
	/** The canonical base of every OpenRCM conformance resource. */
	public static final String CANONICAL_BASE = "http://openrcm.org/fhir";
	/** A professional Claim with everything a payer needs to accept it as an 837P. */
	public static final String PROFESSIONAL_CLAIM_PROFILE =
			CANONICAL_BASE + "/StructureDefinition/openrcm-professional-claim";
	/** A Coverage a claim can be billed against. */
	public static final String COVERAGE_PROFILE = CANONICAL_BASE + "/StructureDefinition/openrcm-coverage";
	/** ChargeItem / Procedure extension, repeating, valueCodeableConcept or valueCoding: a CPT or HCPCS modifier. */
	public static final String SERVICE_MODIFIER_EXTENSION = CANONICAL_BASE + "/StructureDefinition/service-modifier";
	/** Claim extension, valueReference to the contained OperationOutcome listing a draft claim's issues. */
	public static final String DRAFT_ISSUES_EXTENSION = CANONICAL_BASE + "/StructureDefinition/draft-issues";
	/** Claim extension, valueDateTime: when the billed encounter ended ({@code Encounter.period.end}). */
	public static final String ENCOUNTER_ENDED_EXTENSION = CANONICAL_BASE + "/StructureDefinition/encounter-ended";
	/** Claim extension, valueDateTime: when the claim was drafted from its encounter. */
	public static final String CLAIM_DRAFTED_EXTENSION = CANONICAL_BASE + "/StructureDefinition/claim-drafted";
	/** {@code POST [base]/$suggest-codes}: billing codes for a text. */
	public static final String SUGGEST_CODES_OPERATION = CANONICAL_BASE + "/OperationDefinition/suggest-codes";
	/** {@code POST [base]/Encounter/[id]/$suggest-codes}: billing codes for an encounter. */
	public static final String ENCOUNTER_SUGGEST_CODES_OPERATION =
			CANONICAL_BASE + "/OperationDefinition/encounter-suggest-codes";
	/** {@code POST [base]/Encounter/[id]/$draft-claim}: the draft professional claim of an encounter. */
	public static final String DRAFT_CLAIM_OPERATION = CANONICAL_BASE + "/OperationDefinition/draft-claim";
	/** Where the package (a gzipped tar, FHIR NPM layout) lies on the classpath. */
	public static final String PACKAGE_CLASSPATH_LOCATION = "org/openrcm/ig/openrcm-ig.tgz";

	private OpenRcmIg() {}

	/**
	 * The package bytes.
	 *
	 * @throws IllegalStateException if the package is not on the classpath (the ig module was not built)
	 */
	public static byte[] packageBytes() {
		try (InputStream in = OpenRcmIg.class.getClassLoader().getResourceAsStream(PACKAGE_CLASSPATH_LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(PACKAGE_CLASSPATH_LOCATION + " is not on the classpath; build the ig module");
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
