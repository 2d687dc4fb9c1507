package org.openrcm.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.cpt.CptCodeSetBuilder;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCsvLoader;
import org.openrcm.terminology.hcpcs.HcpcsRelease;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCsvLoader;
import org.openrcm.terminology.icd10cm.Icd10CmRelease;
import org.openrcm.terminology.modifiers.ModifierCodeSet;
import org.openrcm.terminology.modifiers.ModifierLoader;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceLoader;

/**
 * The code sets OpenRCM ships so that a fresh server is useful before an operator imports the official files.
 * Their content is public-domain CMS/CDC data written into the project's own starter files
 * ({@code org/openrcm/terminology/starter/}):
 * <ul>
 * <li>{@code place-of-service.csv}: every assigned place-of-service code;</li>
 * <li>{@code icd10cm-common-2024-04.csv} ({@code code, billable, description}): about 600 of the ICD-10-CM codes
 * most often billed in ambulatory care, with their categories, from the FY2024 April 1 release;</li>
 * <li>{@code hcpcs-common-2024-07.csv} (the HCPCS CSV layout): about 580 commonly billed HCPCS Level II codes of the
 * July 2024 release;</li>
 * <li>{@code hcpcs-modifiers-2024.csv} ({@code modifier, category, description}, one row per category): every
 * HCPCS Level II modifier; {@code cpt-modifier-codes-2024.csv} ({@code modifier, category}): every CPT modifier, codes
 * only (AMA licence).</li>
 * </ul>
 * The subsets are exported with {@code content = fragment} and the id and version of the release they come from, so
 * importing that release replaces them.
 */
public final class StarterTerminology {

	/** The version stamped on the starter place-of-service list (CMS list as of its last addition, POS 66). */
	public static final String PLACE_OF_SERVICE_VERSION = "2024-08-01";
	/** The ICD-10-CM release the starter diagnoses come from. */
	public static final Icd10CmRelease ICD10CM_RELEASE = Icd10CmRelease.aprilUpdate(2024);
	/** The HCPCS release the starter procedure codes come from. */
	public static final HcpcsRelease HCPCS_RELEASE = HcpcsRelease.parse("2024-07");
	/** The modifier lists' publication month. */
	public static final String MODIFIERS_VERSION = "2024-06";

	private static final String BASE = "org/openrcm/terminology/starter/";

	private StarterTerminology() {}

	/** Every place-of-service code CMS has assigned, as of {@link #PLACE_OF_SERVICE_VERSION}. */
	public static PlaceOfServiceCodeSet placeOfService() {
		return read("place-of-service.csv", (in, file) -> new PlaceOfServiceLoader().load(in, file, PLACE_OF_SERVICE_VERSION));
	}

	/** Commonly billed ICD-10-CM codes and their categories (a fragment of {@link #ICD10CM_RELEASE}). */
	public static Icd10CmCodeSet icd10Cm() {
		return read("icd10cm-common-2024-04.csv",
				(in, file) -> new Icd10CmCsvLoader().load(in, file, ICD10CM_RELEASE, false));
	}

	/** Every HCPCS Level II modifier with its CMS description, and every CPT modifier as a bare code. */
	public static ModifierCodeSet modifiers() {
		ModifierLoader loader = new ModifierLoader();
		read("hcpcs-modifiers-2024.csv", loader::addHcpcs);
		read("cpt-modifier-codes-2024.csv", loader::addCpt);
		return loader.build(MODIFIERS_VERSION);
	}

	/** Commonly billed HCPCS Level II codes (a fragment of {@link #HCPCS_RELEASE}) with every HCPCS modifier. */
	public static HcpcsCodeSet hcpcs() {
		HcpcsCodeSet codes = read("hcpcs-common-2024-07.csv",
				(in, file) -> new HcpcsCsvLoader().load(in, file, HCPCS_RELEASE, false));
		return codes.withModifiers(modifiers().hcpcsModifiers());
	}

	/** The CPT modifier codes, without descriptors: the only CPT content OpenRCM ships. */
	public static CptCodeSet cpt() {
		return new CptCodeSetBuilder().addModifiers(modifiers().cptModifiers()).build(MODIFIERS_VERSION);
	}

	/**
	 * The starter code sets as FHIR CodeSystems, ready to store in a FHIR server: place of service (complete),
	 * ICD-10-CM and HCPCS Level II with its modifiers (fragments), CPT modifiers (fragment, codes only).
	 */
	public static List<CodeSystem> codeSystems() {
		return List.of(placeOfService().toCodeSystem(), icd10Cm().toCodeSystem(), hcpcs().toCodeSystem(),
				cpt().toCodeSystem());
	}

	@FunctionalInterface
	private interface Load<T> {
		T load(Reader in, String file) throws IOException;
	}

	private static <T> T read(String name, Load<T> load) {
		String file = BASE + name;
		try (InputStream in = StarterTerminology.class.getClassLoader().getResourceAsStream(file)) {
			if (in == null) {
				throw new IllegalStateException("starter file " + file + " is missing from the classpath");
			}
			return load.load(new InputStreamReader(in, StandardCharsets.UTF_8), file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
