package org.openrcm.terminology;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the FHIR R4 CodeSystem resources every code set exports, so that they carry the same metadata and use the
 * HL7 standard concept properties (FHIR R4 CodeSystem "Concept Properties", {@code http://hl7.org/fhir/concept-properties})
 * where one fits.
 * Concepts are written flat, with hierarchy as a {@code parent} property: that keeps 97,000 ICD-10-CM concepts
 * cheap to build and to index.
 */
public final class FhirCodeSystems {

	private static final String STANDARD = "http://hl7.org/fhir/concept-properties#";

	/** Standard property {@code parent} (code): the concept this one is a kind of. */
	public static final String PARENT = "parent";
	/** Standard property {@code notSelectable} (boolean): a grouping (header) concept not to be reported on a claim. */
	public static final String NOT_SELECTABLE = "notSelectable";
	/** Standard property {@code status} (code): {@code active} or {@code retired}. */
	public static final String STATUS = "status";
	/** Standard property {@code effectiveDate} (dateTime): when the concept took effect. */
	public static final String EFFECTIVE_DATE = "effectiveDate";
	/** Standard property {@code retirementDate} (dateTime): the last date the concept may be used. */
	public static final String RETIREMENT_DATE = "retirementDate";

	private FhirCodeSystems() {}

	/**
	 * A CodeSystem with the metadata filled in: status active, case-sensitive, and {@code content} complete or
	 * fragment (a starter subset, or CPT known only from edit files).
	 */
	public static CodeSystem newCodeSystem(String id, String url, String version, String name, String title,
			String publisher, String description, boolean complete) {
		CodeSystem cs = new CodeSystem();
		cs.setId(id);
		cs.setUrl(url);
		cs.setVersion(version);
		cs.setName(name);
		cs.setTitle(title);
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setExperimental(false);
		cs.setPublisher(publisher);
		cs.setDescription(description);
		cs.setCaseSensitive(true);
		cs.setContent(complete ? CodeSystemContentMode.COMPLETE : CodeSystemContentMode.FRAGMENT);
		return cs;
	}

	/** Declares one of the standard properties ({@link #PARENT}, {@link #NOT_SELECTABLE}, ...) on {@code cs}. */
	public static void declareStandard(CodeSystem cs, String code) {
		PropertyType type = switch (code) {
			case PARENT, STATUS -> PropertyType.CODE;
			case NOT_SELECTABLE -> PropertyType.BOOLEAN;
			case EFFECTIVE_DATE, RETIREMENT_DATE -> PropertyType.DATETIME;
			default -> throw new IllegalArgumentException(code + " is not a standard concept property used here");
		};
		String description = switch (code) {
			case PARENT -> "The concept this one is a kind of";
			case NOT_SELECTABLE -> "A grouping (header) concept that is not to be reported on a claim";
			case STATUS -> "active or retired";
			case EFFECTIVE_DATE -> "The first date of service the concept may be reported for";
			default -> "The last date of service the concept may be reported for";
		};
		cs.addProperty().setCode(code).setUri(STANDARD + code).setType(type).setDescription(description);
	}

	/** Declares a property of this code set's own. */
	public static void declare(CodeSystem cs, String code, PropertyType type, String description) {
		cs.addProperty().setCode(code).setType(type).setDescription(description);
	}

	/** Adds a {@code code}-typed property value. Blank values are skipped. */
	public static void code(ConceptDefinitionComponent concept, String property, String value) {
		if (value != null && !value.isEmpty()) {
			concept.addProperty().setCode(property).setValue(new CodeType(value));
		}
	}

	/** Adds a {@code string}-typed property value. Blank values are skipped. */
	public static void string(ConceptDefinitionComponent concept, String property, String value) {
		if (value != null && !value.isEmpty()) {
			concept.addProperty().setCode(property).setValue(new StringType(value));
		}
	}

	public static void bool(ConceptDefinitionComponent concept, String property, boolean value) {
		concept.addProperty().setCode(property).setValue(new BooleanType(value));
	}

	public static void integer(ConceptDefinitionComponent concept, String property, int value) {
		concept.addProperty().setCode(property).setValue(new IntegerType(value));
	}

	/** Adds a {@code dateTime}-typed property value with day precision; {@code null} is skipped. */
	public static void date(ConceptDefinitionComponent concept, String property, LocalDate value) {
		if (value != null) {
			concept.addProperty().setCode(property).setValue(new DateTimeType(value.toString()));
		}
	}
}
