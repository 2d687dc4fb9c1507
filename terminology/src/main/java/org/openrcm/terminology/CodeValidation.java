package org.openrcm.terminology;

import java.time.LocalDate;

/**
 * The answer to "may this code be reported for this date of service", as every dated code set gives it.
 *
 * @param system the FHIR code system URL
 * @param code the code as asked (trimmed)
 * @param status whether it is reportable, and if not why
 * @param display the code's display text in the release used, or {@code null} when unknown (or licensed text that
 *                is not loaded, as for CPT)
 * @param version the version of the release that answered, {@code null} when none is loaded
 * @param dateOfService the date asked about
 * @param coverage whether that release is in effect on the date; a warning otherwise, to be passed on
 */
public record CodeValidation(String system, String code, CodeStatus status, String display, String version,
		LocalDate dateOfService, Coverage coverage) {

	/** Whether the code may be reported (the release may still be out of date: check {@link #coverage()}). */
	public boolean reportable() {
		return status.reportable();
	}

	/** A sentence for a person: the status, and the coverage warning when there is one. */
	public String message() {
		String release = version == null ? "no release loaded" : "release " + version;
		String text = switch (status) {
			case VALID -> code + " is valid on " + dateOfService + " (" + release + ")";
			case NOT_BILLABLE -> code + " is a header code in " + release + "; report a more specific code";
			case NOT_YET_EFFECTIVE -> code + " is not yet in effect on " + dateOfService + " (" + release + ")";
			case TERMINATED -> code + " was terminated before " + dateOfService + " (" + release + ")";
			case UNKNOWN -> code + " is not in " + release;
		};
		return switch (coverage) {
			case COVERED -> text;
			case CODE_SET_OLDER_THAN_DATE -> text + "; warning: the code set loaded is older than the date of service "
					+ dateOfService + ", load the release in effect on that date";
			case CODE_SET_NEWER_THAN_DATE -> text + "; warning: the code set loaded is newer than the date of service "
					+ dateOfService + ", load the release in effect on that date";
		};
	}
}
