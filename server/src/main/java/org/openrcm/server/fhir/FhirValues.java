package org.openrcm.server.fhir;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Reading FHIR values the way the billing features need them: a date as a calendar day, a coding by system. */
public final class FhirValues {

	private FhirValues() {}

	/** A date element as the day it names, as recorded; {@code null} when absent or less precise than a day. */
	public static LocalDate day(BaseDateTimeType date) {
		String text = date == null ? null : date.getValueAsString();
		if (text == null || text.length() < 10) {
			return null;
		}
		try {
			return LocalDate.parse(text.substring(0, 10));
		} catch (DateTimeParseException e) {
			return null;
		}
	}

	/** The first coding of a concept in {@code system} that has a code; {@code null} when there is none. */
	public static Coding coding(CodeableConcept concept, String system) {
		for (Coding coding : concept.getCoding()) {
			if (system.equals(coding.getSystem()) && coding.hasCode()) {
				return coding;
			}
		}
		return null;
	}
}
