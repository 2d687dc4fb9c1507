package org.openrcm.terminology.pos;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** An immutable, loaded version of the CMS Place of Service code set. */
public final class PlaceOfServiceCodeSet {

	/** The FHIR code system URL CMS and HL7 use for place-of-service codes. */
	public static final String SYSTEM =
			"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";

	/**
	 * The CodeSystem property that says how the Medicare physician fee schedule prices services at the site:
	 * {@code facility} or {@code non-facility}.
	 */
	public static final String PROPERTY_PFS_SITE = "pfs-site";

	private final String version;
	private final Map<String, PlaceOfService> codes;

	PlaceOfServiceCodeSet(String version, Map<String, PlaceOfService> codes) {
		this.version = version;
		this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
	}

	public String version() {
		return version;
	}

	/** The code, or {@code null} if it is not an assigned place of service in this version. */
	public PlaceOfService get(String code) {
		return codes.get(code);
	}

	public boolean contains(String code) {
		return codes.containsKey(code);
	}

	public Collection<PlaceOfService> codes() {
		return codes.values();
	}

	/** This version as a complete FHIR R4 CodeSystem (id {@code place-of-service}). */
	public CodeSystem toCodeSystem() {
		CodeSystem cs = new CodeSystem();
		cs.setId("place-of-service");
		cs.setUrl(SYSTEM);
		cs.setVersion(version);
		cs.setName("CMSPlaceOfServiceCodes");
		cs.setTitle("CMS Place of Service Codes");
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setPublisher("Centers for Medicare & Medicaid Services");
		cs.setDescription("Two-digit codes on professional claims (837P CLM05-1, SV105) for the setting in which a"
				+ " service was provided. Public domain (CMS).");
		cs.setCaseSensitive(true);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addProperty()
				.setCode(PROPERTY_PFS_SITE)
				.setType(CodeSystem.PropertyType.CODE)
				.setDescription("facility or non-facility: which Medicare physician fee schedule rate applies at this site");
		for (PlaceOfService pos : codes.values()) {
			CodeSystem.ConceptDefinitionComponent concept =
					cs.addConcept().setCode(pos.code()).setDisplay(pos.name());
			if (!pos.description().isEmpty()) {
				concept.setDefinition(pos.description());
			}
			if (pos.pfsFacility() != null) {
				concept.addProperty()
						.setCode(PROPERTY_PFS_SITE)
						.setValue(new org.hl7.fhir.r4.model.CodeType(pos.pfsFacility() ? "facility" : "non-facility"));
			}
		}
		cs.setCount(codes.size());
		return cs;
	}
}
