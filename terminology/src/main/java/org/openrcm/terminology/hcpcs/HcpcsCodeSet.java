package org.openrcm.terminology.hcpcs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * One HCPCS Level II release: the procedure codes with their dates and Medicare attributes, and the HCPCS Level II
 * modifiers when the source has them (the record file does; the shared CSV does not). Immutable.
 */
public final class HcpcsCodeSet implements DatedCodeSet {

	/** The FHIR code system URL for HCPCS Level II (HL7 terminology). */
	public static final String SYSTEM = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	/** CodeSystem property: {@code procedure} or {@code modifier}. */
	public static final String PROPERTY_KIND = "kind";
	/** CodeSystem property: the 28-character short descriptor. */
	public static final String PROPERTY_SHORT_DESCRIPTION = "shortDescription";
	/** CodeSystem property: Medicare coverage code. */
	public static final String PROPERTY_COVERAGE = "coverageCode";
	/** CodeSystem property: Berenson-Eggers type of service. */
	public static final String PROPERTY_BETOS = "betos";
	/** CodeSystem property: Medicare pricing indicator (repeats). */
	public static final String PROPERTY_PRICING = "pricingIndicator";
	/** CodeSystem property: the change made in this release. */
	public static final String PROPERTY_ACTION = "actionCode";

	private final HcpcsRelease release;
	private final boolean complete;
	private final Map<String, HcpcsCode> codes;
	private final List<HcpcsModifier> modifiers;

	HcpcsCodeSet(HcpcsRelease release, boolean complete, Map<String, HcpcsCode> codes, List<HcpcsModifier> modifiers) {
		this.release = release;
		this.complete = complete;
		this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
		this.modifiers = List.copyOf(modifiers);
	}

	/** The same codes with {@code modifiers} as this release's HCPCS Level II modifiers. */
	public HcpcsCodeSet withModifiers(Collection<HcpcsModifier> modifiers) {
		return new HcpcsCodeSet(release, complete, codes, List.copyOf(modifiers));
	}

	public HcpcsRelease release() {
		return release;
	}

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public String version() {
		return release.version();
	}

	@Override
	public EffectivePeriod period() {
		return release.period();
	}

	/** Number of procedure codes (modifiers not counted). */
	@Override
	public int size() {
		return codes.size();
	}

	/** Whether this is the whole release ({@code false} for the starter subset). */
	public boolean complete() {
		return complete;
	}

	public Collection<HcpcsCode> codes() {
		return codes.values();
	}

	/** The HCPCS Level II modifiers of this release (empty when the source had none). */
	public List<HcpcsModifier> modifiers() {
		return modifiers;
	}

	/** The procedure code (any case), or {@code null}. */
	public HcpcsCode get(String code) {
		return code == null ? null : codes.get(code.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * {@link CodeStatus#VALID} when the code is in this release and in effect on the date (add date ≤ date ≤
	 * termination date), {@link CodeStatus#NOT_YET_EFFECTIVE} / {@link CodeStatus#TERMINATED} when its own dates
	 * exclude the date, {@link CodeStatus#UNKNOWN} when it is not in this release.
	 */
	@Override
	public CodeValidation validate(String code, LocalDate dateOfService, Coverage coverage) {
		String asked = code == null ? "" : code.trim();
		HcpcsCode found = get(asked);
		CodeStatus status = found == null ? CodeStatus.UNKNOWN : found.statusOn(dateOfService);
		return new CodeValidation(SYSTEM, asked, status, found == null ? null : found.display(), version(),
				dateOfService, coverage);
	}

	/**
	 * This release as a FHIR R4 CodeSystem (id {@code hcpcs-<version>}): one concept per procedure code (display =
	 * long descriptor) with {@code status}, {@code effectiveDate} (add date), {@code retirementDate} (termination
	 * date), {@code shortDescription}, {@code coverageCode}, {@code betos}, {@code pricingIndicator},
	 * {@code actionCode}; then one concept per modifier with {@code kind = modifier}.
	 */
	@Override
	public CodeSystem toCodeSystem() {
		CodeSystem cs = FhirCodeSystems.newCodeSystem("hcpcs-" + version(), SYSTEM, version(), "HCPCSLevelII",
				"HCPCS Level II " + version(), "Centers for Medicare & Medicaid Services",
				"Healthcare Common Procedure Coding System Level II codes and modifiers, release " + version()
						+ ", in effect for dates of service " + period() + ". Public domain (CMS).",
				complete);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.STATUS);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.EFFECTIVE_DATE);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.RETIREMENT_DATE);
		FhirCodeSystems.declare(cs, PROPERTY_KIND, PropertyType.CODE, "procedure or modifier");
		FhirCodeSystems.declare(cs, PROPERTY_SHORT_DESCRIPTION, PropertyType.STRING, "28-character short descriptor");
		FhirCodeSystems.declare(cs, PROPERTY_COVERAGE, PropertyType.CODE, "Medicare coverage code (C, D, I, M, S)");
		FhirCodeSystems.declare(cs, PROPERTY_BETOS, PropertyType.CODE, "Berenson-Eggers type of service");
		FhirCodeSystems.declare(cs, PROPERTY_PRICING, PropertyType.CODE, "Medicare Part B pricing indicator");
		FhirCodeSystems.declare(cs, PROPERTY_ACTION, PropertyType.CODE, "Change made in this release");
		List<ConceptDefinitionComponent> concepts = new ArrayList<>(codes.size() + modifiers.size());
		for (HcpcsCode code : codes.values()) {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(code.code())
					.setDisplay(code.display());
			FhirCodeSystems.code(concept, PROPERTY_KIND, "procedure");
			boolean retired = code.terminationDate() != null && code.terminationDate().isBefore(period().start());
			FhirCodeSystems.code(concept, FhirCodeSystems.STATUS, retired ? "retired" : "active");
			FhirCodeSystems.date(concept, FhirCodeSystems.EFFECTIVE_DATE, code.addDate());
			FhirCodeSystems.date(concept, FhirCodeSystems.RETIREMENT_DATE, code.terminationDate());
			FhirCodeSystems.string(concept, PROPERTY_SHORT_DESCRIPTION, code.shortDescription());
			FhirCodeSystems.code(concept, PROPERTY_COVERAGE, code.coverageCode());
			FhirCodeSystems.code(concept, PROPERTY_BETOS, code.betos());
			code.pricingIndicators().forEach(p -> FhirCodeSystems.code(concept, PROPERTY_PRICING, p));
			FhirCodeSystems.code(concept, PROPERTY_ACTION, code.actionCode());
			concepts.add(concept);
		}
		for (HcpcsModifier modifier : modifiers) {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(modifier.code())
					.setDisplay(modifier.description());
			FhirCodeSystems.code(concept, PROPERTY_KIND, "modifier");
			FhirCodeSystems.date(concept, FhirCodeSystems.EFFECTIVE_DATE, modifier.addDate());
			FhirCodeSystems.date(concept, FhirCodeSystems.RETIREMENT_DATE, modifier.terminationDate());
			concepts.add(concept);
		}
		cs.setConcept(concepts);
		cs.setCount(concepts.size());
		return cs;
	}
}
