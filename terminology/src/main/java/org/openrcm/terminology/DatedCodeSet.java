package org.openrcm.terminology;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * One loaded release of a code set whose codes are judged against a date of service (ICD-10-CM, HCPCS Level II).
 * Implementations are immutable.
 */
public interface DatedCodeSet {

	/** The FHIR code system URL. */
	String system();

	/** The release's version label ({@code CodeSystem.version}). */
	String version();

	/** The dates of service the release is in effect for. */
	EffectivePeriod period();

	/** Number of codes in the release. */
	int size();

	/**
	 * Whether {@code code} may be reported for {@code dateOfService}, judged against this release only.
	 *
	 * @param coverage how well this release covers the date, passed through to the result
	 */
	CodeValidation validate(String code, LocalDate dateOfService, Coverage coverage);

	/** The release as a FHIR R4 CodeSystem. */
	CodeSystem toCodeSystem();
}
