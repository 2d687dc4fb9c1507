package org.openrcm.terminology.x12codes;

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
import org.hl7.fhir.r4.model.Identifier;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.FhirCodeSystems;

/**
 * One X12 code list as of a publication date, deactivated codes included (an 835 for an older adjudication may
 * still carry them). Immutable.
 */
public final class X12CodeSet {

	/** CodeSystem property: X12's usage note. */
	public static final String PROPERTY_USAGE = "usage";
	/** CodeSystem property: when the code's text last changed. */
	public static final String PROPERTY_LAST_MODIFIED = "lastModified";

	private final X12CodeList list;
	private final String version;
	private final Map<String, X12Code> codes;

	X12CodeSet(X12CodeList list, String version, Map<String, X12Code> codes) {
		this.list = list;
		this.version = version;
		this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
	}

	public X12CodeList list() {
		return list;
	}

	/** The list's publication date, e.g. {@code 2024-06-18}. */
	public String version() {
		return version;
	}

	public int size() {
		return codes.size();
	}

	public Collection<X12Code> codes() {
		return codes.values();
	}

	/** The code (any case), or {@code null}. */
	public X12Code get(String code) {
		return code == null ? null : codes.get(code.trim().toUpperCase(Locale.ROOT));
	}

	/**
	 * Whether the code may be used in a transaction dated {@code date} (for an 835, the adjudication date):
	 * {@link CodeStatus#TERMINATED} on or after its stop date, {@link CodeStatus#NOT_YET_EFFECTIVE} before its start.
	 */
	public CodeValidation validate(String code, LocalDate date) {
		String asked = code == null ? "" : code.trim();
		X12Code found = get(asked);
		CodeStatus status = found == null ? CodeStatus.UNKNOWN
				: found.startDate() != null && date.isBefore(found.startDate()) ? CodeStatus.NOT_YET_EFFECTIVE
						: found.stopDate() != null && !date.isBefore(found.stopDate()) ? CodeStatus.TERMINATED
								: CodeStatus.VALID;
		return new CodeValidation(list.system(), asked, status, found == null ? null : found.description(), version,
				date, Coverage.COVERED);
	}

	/**
	 * The list as a FHIR R4 CodeSystem (id e.g. {@code x12-carc}): display = description; properties {@code status},
	 * {@code effectiveDate} (start), {@code retirementDate} (stop), {@code lastModified}, {@code usage}.
	 */
	public CodeSystem toCodeSystem() {
		CodeSystem cs = FhirCodeSystems.newCodeSystem("x12-" + list.name().toLowerCase(Locale.ROOT).replace('_', '-'),
				list.system(), version, list.codeSystemName(), list.title(), "X12",
				list.title() + " as published on " + version + ", deactivated codes included. X12 holds the copyright"
						+ " to its code lists; RARC are maintained by CMS.",
				true);
		if (list == X12CodeList.CLAIM_ADJUSTMENT_GROUP) {
			cs.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(X12CodeList.X12_GROUP_LIST));
		}
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.STATUS);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.EFFECTIVE_DATE);
		FhirCodeSystems.declareStandard(cs, FhirCodeSystems.RETIREMENT_DATE);
		FhirCodeSystems.declare(cs, PROPERTY_LAST_MODIFIED, PropertyType.DATETIME, "When the code's text last changed");
		FhirCodeSystems.declare(cs, PROPERTY_USAGE, PropertyType.STRING, "X12 usage note");
		List<ConceptDefinitionComponent> concepts = new ArrayList<>(codes.size());
		for (X12Code code : codes.values()) {
			ConceptDefinitionComponent concept = new ConceptDefinitionComponent().setCode(code.code())
					.setDisplay(code.description());
			FhirCodeSystems.code(concept, FhirCodeSystems.STATUS, code.stopDate() == null ? "active" : "retired");
			FhirCodeSystems.date(concept, FhirCodeSystems.EFFECTIVE_DATE, code.startDate());
			FhirCodeSystems.date(concept, FhirCodeSystems.RETIREMENT_DATE, code.stopDate());
			FhirCodeSystems.date(concept, PROPERTY_LAST_MODIFIED, code.lastModified());
			FhirCodeSystems.string(concept, PROPERTY_USAGE, code.usage());
			concepts.add(concept);
		}
		cs.setConcept(concepts);
		cs.setCount(concepts.size());
		return cs;
	}
}
