package org.openrcm.terminology;

/**
 * Whether a code may be reported on a claim for a date of service. The constant names are stable: servers use them
 * as the searchable code of the OperationOutcome issue they raise.
 */
public enum CodeStatus {

	/** In the code set and reportable on the date. */
	VALID(true),

	/** In the code set but a grouping (header) code: a more specific code must be reported (ICD-10-CM). */
	NOT_BILLABLE(false),

	/** In the code set but not yet in effect on the date (e.g. a HCPCS code added after it). */
	NOT_YET_EFFECTIVE(false),

	/** In the code set but terminated (deleted) before the date. */
	TERMINATED(false),

	/** Not in the code set release that applies to the date. */
	UNKNOWN(false);

	private final boolean reportable;

	CodeStatus(boolean reportable) {
		this.reportable = reportable;
	}

	/** Whether the code may be reported on a claim. */
	public boolean reportable() {
		return reportable;
	}
}
