package org.openrcm.terminology.cpt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.FhirCodeSystems;

/**
 * The CPT codes OpenRCM knows without an AMA licence: the codes CMS's public NCCI and fee-schedule files carry, and
 * the CPT modifier codes, all without descriptors. A licensee may attach their own descriptors
 * ({@link #withDescriptors}); then the descriptor file's codes join the set and the CodeSystem is complete.
 * Immutable.
 *
 * <p>Licence position: CPT is © American Medical Association. OpenRCM ships bare codes only, as CMS does in its edit
 * files, with the AMA notice ({@link #AMA_NOTICE}); descriptors are never shipped.
 */
public final class CptCodeSet {

	/** The FHIR code system URL for CPT (HL7 terminology). */
	public static final String SYSTEM = "http://www.ama-assn.org/go/cpt";
	/** The notice CMS prints on files carrying CPT codes; keep it with any display of CPT codes. */
	public static final String AMA_NOTICE = "CPT codes, descriptions and other data only are copyright American Medical"
			+ " Association. All Rights Reserved. Applicable FARS/DFARS apply.";
	/** CodeSystem property: {@code procedure} or {@code modifier}. */
	public static final String PROPERTY_KIND = "kind";
	/** CodeSystem property: the public file(s) the code was seen in (repeats). */
	public static final String PROPERTY_SOURCE = "source";

	private final String version;
	private final Map<String, Set<CptSource>> codes;
	private final List<String> modifiers;
	private final CptDescriptors descriptors;

	CptCodeSet(String version, Map<String, Set<CptSource>> codes, List<String> modifiers, CptDescriptors descriptors) {
		this.version = version;
		this.codes = Collections.unmodifiableMap(new TreeMap<>(codes));
		this.modifiers = List.copyOf(modifiers);
		this.descriptors = descriptors;
	}

	/**
	 * These codes with a licensee's descriptors attached; codes only the descriptor file lists are added (source
	 * {@link CptSource#LICENSEE}) and modifiers it describes are kept.
	 */
	public CptCodeSet withDescriptors(CptDescriptors licensed) {
		Map<String, Set<CptSource>> merged = new TreeMap<>(codes);
		List<String> mergedModifiers = new ArrayList<>(modifiers);
		for (String code : licensed.all().keySet()) {
			if (CptCodes.isCode(code)) {
				Set<CptSource> sources = EnumSet.of(CptSource.LICENSEE);
				sources.addAll(codes.getOrDefault(code, Set.of()));
				merged.put(code, Collections.unmodifiableSet(sources));
			} else if (!mergedModifiers.contains(code)) {
				mergedModifiers.add(code);
			}
		}
		return new CptCodeSet(version, merged, mergedModifiers, licensed);
	}

	/** The version label, e.g. the NCCI quarter the codes were collected from ({@code 2024Q3}). */
	public String version() {
		return version;
	}

	/** Number of procedure codes. */
	public int size() {
		return codes.size();
	}

	/** Every procedure code, in code order. */
	public Set<String> codes() {
		return codes.keySet();
	}

	/** The CPT modifier codes. */
	public List<String> modifiers() {
		return modifiers;
	}

	public boolean contains(String code) {
		return code != null && codes.containsKey(code.trim().toUpperCase(Locale.ROOT));
	}

	/** The public files the code was seen in; empty for an unknown code. */
	public Set<CptSource> sources(String code) {
		return code == null ? Set.of() : codes.getOrDefault(code.trim().toUpperCase(Locale.ROOT), Set.of());
	}

	/** Whether a licensee's descriptors are loaded (then the set is taken as complete). */
	public boolean hasDescriptors() {
		return descriptors != null;
	}

	/** The licensee's descriptor of a code or modifier, when descriptors are loaded. */
	public Optional<String> descriptor(String code) {
		return descriptors == null || code == null ? Optional.empty()
				: descriptors.descriptor(code.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * {@link CodeStatus#VALID} for a known code or modifier. For an unknown code: {@link CodeStatus#UNKNOWN}, which
	 * is only conclusive when {@link #hasDescriptors()} (the public files do not list every CPT code). CPT codes
	 * carry no dates in these sources, so the date only passes through.
	 */
	public CodeValidation validate(String code, LocalDate dateOfService) {
		String asked = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
		boolean known = codes.containsKey(asked) || modifiers.contains(asked);
		return new CodeValidation(SYSTEM, asked, known ? CodeStatus.VALID : CodeStatus.UNKNOWN,
				descriptor(asked).orElse(null), version, dateOfService, Coverage.COVERED);
	}

	/**
	 * The codes as a FHIR R4 CodeSystem (id {@code cpt-<version>}): {@code content = fragment} and no displays
	 * unless a licensee's descriptors are loaded (then {@code complete} with their descriptors); AMA notice as
	 * {@code copyright}; properties {@code kind} and {@code source}.
	 */
	public CodeSystem toCodeSystem() {
		CodeSystem cs = FhirCodeSystems.newCodeSystem("cpt-" + version, SYSTEM, descriptors == null ? version
				: descriptors.version(), "CPT", "Current Procedural Terminology (CPT) codes",
				"American Medical Association",
				descriptors == null
						? "CPT codes known from CMS's public NCCI and fee-schedule files, without descriptors (AMA licence)."
						: "CPT codes with the descriptors of this installation's licensed AMA data file.",
				descriptors != null);
		cs.setCopyright(AMA_NOTICE);
		FhirCodeSystems.declare(cs, PROPERTY_KIND, PropertyType.CODE, "procedure or modifier");
		FhirCodeSystems.declare(cs, PROPERTY_SOURCE, PropertyType.CODE, "The public file(s) the code appears in");
		List<ConceptDefinitionComponent> concepts = new ArrayList<>(codes.size() + modifiers.size());
		codes.forEach((code, sources) -> {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(code);
			descriptor(code).ifPresent(concept::setDisplay);
			FhirCodeSystems.code(concept, PROPERTY_KIND, "procedure");
			sources.forEach(s -> FhirCodeSystems.code(concept, PROPERTY_SOURCE, s.name().toLowerCase(Locale.ROOT)));
			concepts.add(concept);
		});
		for (String modifier : modifiers) {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(modifier);
			descriptor(modifier).ifPresent(concept::setDisplay);
			FhirCodeSystems.code(concept, PROPERTY_KIND, "modifier");
			concepts.add(concept);
		}
		cs.setConcept(concepts);
		cs.setCount(concepts.size());
		return cs;
	}
}
