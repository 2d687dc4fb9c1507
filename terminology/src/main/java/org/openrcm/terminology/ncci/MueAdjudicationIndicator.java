package org.openrcm.terminology.ncci;

/** The MUE adjudication indicator (MAI): how the unit limit is applied. */
public enum MueAdjudicationIndicator {

	/** MAI 1, "Line Edit": the limit applies to each claim line; lines above it are denied. */
	LINE(1),

	/** MAI 2, "Date of Service Edit: Policy": units of all lines of a date of service are summed; an absolute limit. */
	DATE_OF_SERVICE_POLICY(2),

	/**
	 * MAI 3, "Date of Service Edit: Clinical": units of a date of service are summed; units above the limit may be
	 * paid on appeal with documentation of medical necessity.
	 */
	DATE_OF_SERVICE_CLINICAL(3);

	private final int value;

	MueAdjudicationIndicator(int value) {
		this.value = value;
	}

	/** 1, 2 or 3. */
	public int value() {
		return value;
	}

	/** Whether units are summed over the date of service (MAI 2 and 3) rather than checked per line (MAI 1). */
	public boolean perDateOfService() {
		return this != LINE;
	}

	/** The indicator for CMS's digit, or {@code null}. */
	public static MueAdjudicationIndicator of(int value) {
		return switch (value) {
			case 1 -> LINE;
			case 2 -> DATE_OF_SERVICE_POLICY;
			case 3 -> DATE_OF_SERVICE_CLINICAL;
			default -> null;
		};
	}
}
