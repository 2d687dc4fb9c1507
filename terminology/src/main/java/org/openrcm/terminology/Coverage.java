package org.openrcm.terminology;

/**
 * How well the release that answered a question covers the date of service it was asked about. Anything but
 * {@link #COVERED} is a warning the caller must pass on (e.g. as an OperationOutcome warning): the answer came from
 * the nearest loaded release, never from silence.
 */
public enum Coverage {

	/** A loaded release is in effect on the date of service. */
	COVERED,

	/**
	 * No loaded release is in effect on the date; the answer came from an older release (the newest loaded one, or
	 * the nearest older one when the date falls in a gap between releases). Codes added since may be reported
	 * unknown and codes deleted since may be reported valid.
	 */
	CODE_SET_OLDER_THAN_DATE,

	/**
	 * The date precedes every loaded release; the answer came from the oldest loaded release. Codes added in that
	 * release may be reported valid although they did not exist on the date.
	 */
	CODE_SET_NEWER_THAN_DATE;

	/** Whether the answer needs a warning. */
	public boolean isWarning() {
		return this != COVERED;
	}
}
