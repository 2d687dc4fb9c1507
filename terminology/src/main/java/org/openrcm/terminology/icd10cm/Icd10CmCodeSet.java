package org.openrcm.terminology.icd10cm;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.DatedCodeSet;
import org.openrcm.terminology.EffectivePeriod;
import org.openrcm.terminology.FhirCodeSystems;

/**
 * One loaded ICD-10-CM release: every code (headers and billable leaves) in tabular order, with the hierarchy
 * derived from the codes themselves (the parent of {@code S00.00XA} is the longest shorter code present,
 * {@code S00.00}). Immutable and safe to share between threads.
 */
public final class Icd10CmCodeSet implements DatedCodeSet {

	/** The FHIR code system URL for ICD-10-CM (HL7 terminology). */
	public static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm";
	/** CodeSystem property: whether the code is valid for HIPAA-covered transactions. */
	public static final String PROPERTY_BILLABLE = "billable";
	/** CodeSystem property: the tabular chapter number. */
	public static final String PROPERTY_CHAPTER = "chapter";
	/** CodeSystem property: the tabular section range, e.g. {@code C00-C14}. */
	public static final String PROPERTY_SECTION = "section";
	/** CodeSystem property: the abbreviated title. */
	public static final String PROPERTY_SHORT_DESCRIPTION = "shortDescription";

	private final Icd10CmRelease release;
	private final boolean complete;
	private final Icd10CmCode[] codes;
	private final Map<String, Integer> byKey;
	private final int[] parents;
	private final int[] childStart;
	private final int[] children;
	private final int billableCount;

	private Icd10CmCodeSet(Icd10CmRelease release, boolean complete, List<Icd10CmCode> list) {
		this.release = release;
		this.complete = complete;
		this.codes = list.toArray(new Icd10CmCode[0]);
		this.byKey = new HashMap<>(codes.length * 2);
		int billable = 0;
		for (int i = 0; i < codes.length; i++) {
			byKey.put(Icd10CmCodes.key(codes[i].code()), i);
			if (codes[i].billable()) {
				billable++;
			}
		}
		this.billableCount = billable;
		this.parents = new int[codes.length];
		int[] childCount = new int[codes.length + 1];
		for (int i = 0; i < codes.length; i++) {
			String key = Icd10CmCodes.key(codes[i].code());
			int parent = -1;
			for (int length = key.length() - 1; length >= 3 && parent < 0; length--) {
				Integer candidate = byKey.get(key.substring(0, length));
				parent = candidate == null ? -1 : candidate;
			}
			parents[i] = parent;
			if (parent >= 0) {
				childCount[parent + 1]++;
			}
		}
		for (int i = 0; i < codes.length; i++) {
			childCount[i + 1] += childCount[i];
		}
		this.childStart = childCount;
		this.children = new int[codes.length];
		int[] fill = Arrays.copyOf(childStart, codes.length);
		for (int i = 0; i < codes.length; i++) {
			if (parents[i] >= 0) {
				children[fill[parents[i]]++] = i;
			}
		}
	}

	/** Collects codes in file order; rejects a second entry for the same code. */
	static final class Builder {
		private final Icd10CmRelease release;
		private final boolean complete;
		private final List<Icd10CmCode> codes = new ArrayList<>();
		private final Map<String, Boolean> seen = new HashMap<>();

		Builder(Icd10CmRelease release, boolean complete) {
			this.release = release;
			this.complete = complete;
		}

		/** Adds a code; {@code false} if the code is already there. */
		boolean add(Icd10CmCode code) {
			if (seen.putIfAbsent(Icd10CmCodes.key(code.code()), Boolean.TRUE) != null) {
				return false;
			}
			codes.add(code);
			return true;
		}

		int size() {
			return codes.size();
		}

		Icd10CmCodeSet build() {
			return new Icd10CmCodeSet(release, complete, codes);
		}
	}

	public Icd10CmRelease release() {
		return release;
	}

	@Override
	public String system() {
		return SYSTEM;
	}

	/** {@code CodeSystem.version}: {@code 2024} or {@code 2024-04}. */
	@Override
	public String version() {
		return release.version();
	}

	@Override
	public EffectivePeriod period() {
		return release.period();
	}

	/** Whether this is the whole release ({@code false} for the starter subset). */
	public boolean complete() {
		return complete;
	}

	/** Number of codes, headers included. */
	@Override
	public int size() {
		return codes.length;
	}

	/** Number of billable (HIPAA-valid) codes. */
	public int billableCount() {
		return billableCount;
	}

	/** Every code, in tabular order. */
	public List<Icd10CmCode> codes() {
		return Collections.unmodifiableList(Arrays.asList(codes));
	}

	/** The code, dotted or not, any case; {@code null} when it is not in this release. */
	public Icd10CmCode get(String code) {
		int index = indexOf(code);
		return index < 0 ? null : codes[index];
	}

	public boolean contains(String code) {
		return indexOf(code) >= 0;
	}

	/** The code's parent (the longest shorter code in this release), if any. */
	public Optional<Icd10CmCode> parent(String code) {
		int index = indexOf(code);
		return index < 0 || parents[index] < 0 ? Optional.empty() : Optional.of(codes[parents[index]]);
	}

	/** The code's direct children in tabular order; empty for a leaf or an unknown code. */
	public List<Icd10CmCode> children(String code) {
		int index = indexOf(code);
		if (index < 0) {
			return List.of();
		}
		List<Icd10CmCode> result = new ArrayList<>(childStart[index + 1] - childStart[index]);
		for (int i = childStart[index]; i < childStart[index + 1]; i++) {
			result.add(codes[children[i]]);
		}
		return result;
	}

	/**
	 * The billable codes at or under {@code code}, in tabular order: the codes a coder may choose from when a
	 * header was given. A billable code yields itself.
	 */
	public List<Icd10CmCode> billableDescendants(String code) {
		int index = indexOf(code);
		if (index < 0) {
			return List.of();
		}
		List<Icd10CmCode> result = new ArrayList<>();
		collectBillable(index, result);
		return result;
	}

	private void collectBillable(int index, List<Icd10CmCode> result) {
		if (codes[index].billable()) {
			result.add(codes[index]);
		}
		for (int i = childStart[index]; i < childStart[index + 1]; i++) {
			collectBillable(children[i], result);
		}
	}

	/**
	 * {@link CodeStatus#VALID} for a billable code of this release, {@link CodeStatus#NOT_BILLABLE} for a header,
	 * {@link CodeStatus#UNKNOWN} for a code absent from it (e.g. deleted in this fiscal year).
	 */
	@Override
	public CodeValidation validate(String code, LocalDate dateOfService, Coverage coverage) {
		String asked = code == null ? "" : code.trim();
		Icd10CmCode found = get(asked);
		CodeStatus status = found == null ? CodeStatus.UNKNOWN
				: found.billable() ? CodeStatus.VALID : CodeStatus.NOT_BILLABLE;
		return new CodeValidation(SYSTEM, asked, status, found == null ? null : found.display(), version(),
				dateOfService, coverage);
	}

	/** The chapters that occur in this release, in tabular order (empty when the source had none). */
	public List<Icd10CmChapter> chapters() {
		LinkedHashSet<Icd10CmChapter> chapters = new LinkedHashSet<>();
		for (Icd10CmCode code : codes) {
			if (code.chapter() != null) {
				chapters.add(code.chapter());
			}
		}
		return List.copyOf(chapters);
	}

	private int indexOf(String code) {
		String key = Icd10CmCodes.key(code);
		if (key == null) {
			return -1;
		}
		Integer index = byKey.get(key);
		return index == null ? -1 : index;
	}

	/**
	 * This release as a FHIR R4 CodeSystem (id {@code icd-10-cm-<version>}): flat concepts in tabular order, display
	 * = long description, hierarchy as the {@code parent} property; properties {@code billable},
	 * {@code notSelectable} (headers only), {@code shortDescription}, {@code chapter}, {@code section}.
	 */
	@Override
	public CodeSystem toCodeSystem() {
		CodeSystem cs = FhirCodeSystems.newCodeSystem("icd-10-cm-" + version(), SYSTEM, version(), "ICD10CM",
				"ICD-10-CM " + release,
				"National Center for Health Statistics (NCHS), CDC",
				"International Classification of Diseases, Tenth Revision, Clinical Modification, " + release
						+ ", in effect for dates of service " + release.period() + ". Public domain (CDC/NCHS, with"
						+ " WHO's permission for the ICD-10 content it adapts).",
				complete);
		cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.PARENT);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.NOT_SELECTABLE);
		FhirCodeSystems.declare(cs, PROPERTY_BILLABLE, PropertyType.BOOLEAN,
				"Valid for HIPAA-covered transactions (a billable leaf code)");
		FhirCodeSystems.declare(cs, PROPERTY_SHORT_DESCRIPTION, PropertyType.STRING, "Abbreviated title");
		FhirCodeSystems.declare(cs, PROPERTY_CHAPTER, PropertyType.STRING, "Tabular list chapter number");
		FhirCodeSystems.declare(cs, PROPERTY_SECTION, PropertyType.STRING, "Tabular list section (category range)");
		List<ConceptDefinitionComponent> concepts = new ArrayList<>(codes.length);
		for (int i = 0; i < codes.length; i++) {
			Icd10CmCode code = codes[i];
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(code.code())
					.setDisplay(code.display());
			if (parents[i] >= 0) {
				FhirCodeSystems.code(concept, FhirCodeSystems.PARENT, codes[parents[i]].code());
			}
			FhirCodeSystems.bool(concept, PROPERTY_BILLABLE, code.billable());
			if (!code.billable()) {
				FhirCodeSystems.bool(concept, FhirCodeSystems.NOT_SELECTABLE, true);
			}
			FhirCodeSystems.string(concept, PROPERTY_SHORT_DESCRIPTION, code.shortDescription());
			if (code.chapter() != null) {
				FhirCodeSystems.string(concept, PROPERTY_CHAPTER, code.chapter().number());
			}
			if (code.section() != null) {
				FhirCodeSystems.string(concept, PROPERTY_SECTION, code.section().range());
			}
			concepts.add(concept);
		}
		cs.setConcept(concepts);
		cs.setCount(codes.length);
		return cs;
	}
}
