package org.openrcm.server.x12;

/** ISA15, the interchange usage indicator: whether the receiver processes the interchange as real data. */
public enum X12Usage {
	/** {@code T}: test data, not to be adjudicated. */
	TEST("T"),
	/** {@code P}: production data. */
	PRODUCTION("P");

	private final String code;

	X12Usage(String code) {
		this.code = code;
	}

	/** The ISA15 code. */
	public String code() {
		return code;
	}
}
