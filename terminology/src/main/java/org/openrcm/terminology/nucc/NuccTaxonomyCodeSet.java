package org.openrcm.terminology.nucc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.FhirCodeSystems;

/**
 * One release of the NUCC Health Care Provider Taxonomy (e.g. 25.1, July 2025). A specialization's parent is the
 * classification-level code of the same grouping and classification, when NUCC has one. Immutable.
 */
public final class NuccTaxonomyCodeSet {

	/** The FHIR code system URL for the NUCC taxonomy (HL7 terminology). */
	public static final String SYSTEM = "http://nucc.org/provider-taxonomy";
	/** CodeSystem properties. */
	public static final String PROPERTY_GROUPING = "grouping";
	public static final String PROPERTY_CLASSIFICATION = "classification";
	public static final String PROPERTY_SPECIALIZATION = "specialization";
	public static final String PROPERTY_SECTION = "section";

	private final String version;
	private final Map<String, NuccTaxonomy> codes;
	private final Map<String, String> parents;

	NuccTaxonomyCodeSet(String version, Map<String, NuccTaxonomy> codes) {
		this.version = version;
		this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
		Map<String, String> classificationCodes = new HashMap<>();
		for (NuccTaxonomy t : codes.values()) {
			if (t.specialization().isEmpty()) {
				classificationCodes.put(t.grouping() + "\u0000" + t.classification(), t.code());
			}
		}
		Map<String, String> parentOf = new HashMap<>();
		for (NuccTaxonomy t : codes.values()) {
			String parent = classificationCodes.get(t.grouping() + "\u0000" + t.classification());
			if (!t.specialization().isEmpty() && parent != null) {
				parentOf.put(t.code(), parent);
			}
		}
		this.parents = parentOf;
	}

	/** NUCC's version, e.g. {@code 25.1}. */
	public String version() {
		return version;
	}

	public int size() {
		return codes.size();
	}

	public Collection<NuccTaxonomy> codes() {
		return codes.values();
	}

	/** The taxonomy code (any case), or {@code null}. */
	public NuccTaxonomy get(String code) {
		return code == null ? null : codes.get(code.trim().toUpperCase(Locale.ROOT));
	}

	/** The classification-level code a specialization belongs to. */
	public Optional<NuccTaxonomy> parent(String code) {
		NuccTaxonomy taxonomy = get(code);
		return taxonomy == null ? Optional.empty() : Optional.ofNullable(parents.get(taxonomy.code())).map(codes::get);
	}

	/** Whether the code is in this release (the CSV lists active codes only). */
	public CodeValidation validate(String code, LocalDate date) {
		String asked = code == null ? "" : code.trim();
		NuccTaxonomy found = get(asked);
		return new CodeValidation(SYSTEM, asked, found == null ? CodeStatus.UNKNOWN : CodeStatus.VALID,
				found == null ? null : found.displayName(), version, date, Coverage.COVERED);
	}

	/**
	 * The release as a FHIR R4 CodeSystem (id {@code nucc-provider-taxonomy}): display = NUCC display name,
	 * definition; properties {@code grouping}, {@code classification}, {@code specialization}, {@code section},
	 * {@code parent}.
	 */
	public CodeSystem toCodeSystem() {
		CodeSystem cs = FhirCodeSystems.newCodeSystem("nucc-provider-taxonomy", SYSTEM, version, "NUCCProviderTaxonomy",
				"NUCC Health Care Provider Taxonomy " + version, "National Uniform Claim Committee",
				"The Health Care Provider Taxonomy code set, version " + version
						+ ". Published by the NUCC free of charge for use in health care transactions.",
				true);
		cs.setCopyright("Health Care Provider Taxonomy code set, National Uniform Claim Committee (nucc.org).");
		cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.PARENT);
		FhirCodeSystems.declare(cs, PROPERTY_GROUPING, PropertyType.STRING, "Top-level grouping");
		FhirCodeSystems.declare(cs, PROPERTY_CLASSIFICATION, PropertyType.STRING, "Classification");
		FhirCodeSystems.declare(cs, PROPERTY_SPECIALIZATION, PropertyType.STRING, "Specialization");
		FhirCodeSystems.declare(cs, PROPERTY_SECTION, PropertyType.CODE, "Individual or Non-Individual");
		List<ConceptDefinitionComponent> concepts = new ArrayList<>(codes.size());
		for (NuccTaxonomy t : codes.values()) {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(t.code())
					.setDisplay(t.displayName());
			if (!t.definition().isEmpty()) {
				concept.setDefinition(t.definition());
			}
			FhirCodeSystems.code(concept, FhirCodeSystems.PARENT, parents.get(t.code()));
			FhirCodeSystems.string(concept, PROPERTY_GROUPING, t.grouping());
			FhirCodeSystems.string(concept, PROPERTY_CLASSIFICATION, t.classification());
			FhirCodeSystems.string(concept, PROPERTY_SPECIALIZATION, t.specialization());
			FhirCodeSystems.code(concept, PROPERTY_SECTION, t.section());
			concepts.add(concept);
		}
		cs.setConcept(concepts);
		cs.setCount(concepts.size());
		return cs;
	}
}
