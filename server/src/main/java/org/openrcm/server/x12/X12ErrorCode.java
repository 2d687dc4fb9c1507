package org.openrcm.server.x12;

/**
 * The reasons an X12 input can be rejected. The {@link #code()} strings are stable: they are stored with rejected
 * files and searched for by support staff. {@link #ackCode()} is the X12 code an acknowledgment carries for the same
 * fault: TA1 interchange note code (TA105), 999 AK905 (group), IK502 (transaction), IK304 (segment) or IK403
 * (element), per {@link #level()}; {@code null} when no acknowledgment code fits.
 */
public enum X12ErrorCode {

	// The input as a whole
	EMPTY_INPUT("X12-EMPTY", X12ErrorLevel.INPUT, null, "the input is empty"),
	NOT_X12("X12-NOT-X12", X12ErrorLevel.INPUT, null, "the input does not start with an X12 ISA interchange header"),
	UNREADABLE("X12-UNREADABLE", X12ErrorLevel.INPUT, "024", "the data cannot be tokenized as X12 from this point on"),
	TRUNCATED("X12-TRUNCATED", X12ErrorLevel.INPUT, "023", "the input ends before the interchange trailer IEA"),
	IO_FAILURE("X12-IO", X12ErrorLevel.INPUT, null, "the input could not be read"),
	INTERNAL("X12-INTERNAL", X12ErrorLevel.INPUT, null, "the X12 parser failed on this input"),

	// Interchange envelope
	INTERCHANGE_HEADER_INVALID("X12-ISA-INVALID", X12ErrorLevel.INTERCHANGE, null, "an ISA element is invalid"),
	INTERCHANGE_TRAILER_INVALID("X12-IEA-INVALID", X12ErrorLevel.INTERCHANGE, null, "an IEA element is invalid"),
	INTERCHANGE_CONTROL_NUMBER_MISMATCH("X12-IEA-CONTROL-NUMBER", X12ErrorLevel.INTERCHANGE, "001",
			"IEA02 does not match the interchange control number in ISA13"),
	INTERCHANGE_GROUP_COUNT_MISMATCH("X12-IEA-GROUP-COUNT", X12ErrorLevel.INTERCHANGE, "021",
			"IEA01 does not match the number of functional groups"),
	INTERCHANGE_CONTENT_INVALID("X12-INTERCHANGE-CONTENT", X12ErrorLevel.INTERCHANGE, "024",
			"a segment appears where the interchange structure does not allow it"),

	// Functional group envelope
	GROUP_HEADER_INVALID("X12-GS-INVALID", X12ErrorLevel.GROUP, null, "a GS element is invalid"),
	GROUP_TRAILER_INVALID("X12-GE-INVALID", X12ErrorLevel.GROUP, null, "a GE element is invalid"),
	GROUP_TRAILER_MISSING("X12-GE-MISSING", X12ErrorLevel.GROUP, "3", "the functional group has no GE trailer"),
	GROUP_CONTROL_NUMBER_MISMATCH("X12-GE-CONTROL-NUMBER", X12ErrorLevel.GROUP, "4",
			"GE02 does not match the group control number in GS06"),
	GROUP_TRANSACTION_COUNT_MISMATCH("X12-GE-TRANSACTION-COUNT", X12ErrorLevel.GROUP, "5",
			"GE01 does not match the number of transaction sets in the group"),

	// Transaction set envelope
	TRANSACTION_NOT_SUPPORTED("X12-TRANSACTION-NOT-SUPPORTED", X12ErrorLevel.TRANSACTION, "1",
			"the transaction set (ST01) is not one this server reads"),
	IMPLEMENTATION_NOT_SUPPORTED("X12-IMPLEMENTATION-NOT-SUPPORTED", X12ErrorLevel.TRANSACTION, "I6",
			"the implementation guide (ST03, else GS08) is not one this server reads for this transaction set"),
	TRANSACTION_HEADER_INVALID("X12-ST-INVALID", X12ErrorLevel.TRANSACTION, "6", "an ST element is invalid"),
	TRANSACTION_TRAILER_INVALID("X12-SE-INVALID", X12ErrorLevel.TRANSACTION, null, "an SE element is invalid"),
	TRANSACTION_TRAILER_MISSING("X12-SE-MISSING", X12ErrorLevel.TRANSACTION, "2", "the transaction set has no SE trailer"),
	TRANSACTION_CONTROL_NUMBER_MISMATCH("X12-SE-CONTROL-NUMBER", X12ErrorLevel.TRANSACTION, "3",
			"SE02 does not match the transaction set control number in ST02"),
	TRANSACTION_SEGMENT_COUNT_MISMATCH("X12-SE-SEGMENT-COUNT", X12ErrorLevel.TRANSACTION, "4",
			"SE01 does not match the number of segments from ST to SE"),
	TRANSACTION_CONTROL_NUMBER_NOT_UNIQUE("X12-ST-CONTROL-NUMBER-DUPLICATE", X12ErrorLevel.TRANSACTION, "23",
			"the transaction set control number (ST02) repeats within the functional group"),

	// Segments inside a transaction set
	SEGMENT_NOT_IN_TRANSACTION("X12-SEGMENT-UNKNOWN", X12ErrorLevel.SEGMENT, "6",
			"the segment is not defined for this transaction set"),
	UNEXPECTED_SEGMENT("X12-SEGMENT-UNEXPECTED", X12ErrorLevel.SEGMENT, "2",
			"the segment is defined for this transaction set but not at this place"),
	REQUIRED_SEGMENT_MISSING("X12-SEGMENT-MISSING", X12ErrorLevel.SEGMENT, "3", "a required segment is missing"),
	LOOP_OVER_MAXIMUM("X12-LOOP-OVER-MAXIMUM", X12ErrorLevel.SEGMENT, "4", "the loop repeats more often than allowed"),
	SEGMENT_OVER_MAXIMUM_USE("X12-SEGMENT-OVER-MAXIMUM", X12ErrorLevel.SEGMENT, "5",
			"the segment repeats more often than allowed"),
	SEGMENT_OUT_OF_SEQUENCE("X12-SEGMENT-SEQUENCE", X12ErrorLevel.SEGMENT, "7",
			"the segment belongs to this loop but is out of order"),
	UNUSED_SEGMENT_PRESENT("X12-SEGMENT-NOT-USED", X12ErrorLevel.SEGMENT, "I4",
			"the implementation guide does not use this segment here (or not with this qualifier)"),
	CONDITIONAL_SEGMENT_MISSING("X12-SEGMENT-CONDITION-MISSING", X12ErrorLevel.SEGMENT, "I6",
			"a segment required by the presence of another is missing"),
	LOOP_UNDER_MINIMUM("X12-LOOP-MISSING", X12ErrorLevel.SEGMENT, "I7",
			"a loop required by the implementation guide is missing or occurs too few times"),
	SEGMENT_UNDER_MINIMUM_USE("X12-SEGMENT-UNDER-MINIMUM", X12ErrorLevel.SEGMENT, "I8",
			"a segment required by the implementation guide is missing or occurs too few times"),
	SEGMENT_EXCLUSION_VIOLATED("X12-SEGMENT-EXCLUSION", X12ErrorLevel.SEGMENT, "I9",
			"the segment must not appear together with another one present"),

	// Data elements inside a transaction set
	REQUIRED_ELEMENT_MISSING("X12-ELEMENT-MISSING", X12ErrorLevel.ELEMENT, "1",
			"a required data element is missing"),
	CONDITIONAL_ELEMENT_MISSING("X12-ELEMENT-CONDITION-MISSING", X12ErrorLevel.ELEMENT, "2",
			"a data element required by the presence of another is missing"),
	TOO_MANY_ELEMENTS("X12-ELEMENT-TOO-MANY", X12ErrorLevel.ELEMENT, "3",
			"the segment has more data elements than defined"),
	ELEMENT_TOO_SHORT("X12-ELEMENT-TOO-SHORT", X12ErrorLevel.ELEMENT, "4",
			"the data element is shorter than its minimum length"),
	ELEMENT_TOO_LONG("X12-ELEMENT-TOO-LONG", X12ErrorLevel.ELEMENT, "5",
			"the data element is longer than its maximum length"),
	INVALID_CHARACTER("X12-ELEMENT-CHARACTER", X12ErrorLevel.ELEMENT, "6",
			"the data element holds characters its type does not allow"),
	INVALID_CODE_VALUE("X12-ELEMENT-CODE", X12ErrorLevel.ELEMENT, "7",
			"the code value is not valid for this data element"),
	INVALID_DATE("X12-ELEMENT-DATE", X12ErrorLevel.ELEMENT, "8", "the value is not a valid date"),
	INVALID_TIME("X12-ELEMENT-TIME", X12ErrorLevel.ELEMENT, "9", "the value is not a valid time"),
	EXCLUSION_CONDITION_VIOLATED("X12-ELEMENT-EXCLUSION", X12ErrorLevel.ELEMENT, "10",
			"the data element must not appear together with another one present"),
	TOO_MANY_REPETITIONS("X12-ELEMENT-REPETITIONS", X12ErrorLevel.ELEMENT, "12", "the data element repeats too often"),
	TOO_MANY_COMPONENTS("X12-ELEMENT-COMPONENTS", X12ErrorLevel.ELEMENT, "13",
			"the data element has more components than defined"),
	CODE_NOT_USED_IN_IMPLEMENTATION("X12-ELEMENT-QUALIFIER", X12ErrorLevel.ELEMENT, "I6",
			"the implementation guide does not allow this code value here"),
	UNUSED_ELEMENT_PRESENT("X12-ELEMENT-NOT-USED", X12ErrorLevel.ELEMENT, "I10",
			"the implementation guide does not use this data element here"),
	TOO_FEW_REPETITIONS("X12-ELEMENT-TOO-FEW-REPETITIONS", X12ErrorLevel.ELEMENT, "I11",
			"the data element repeats fewer times than the implementation guide requires");

	private final String code;
	private final X12ErrorLevel level;
	private final String ackCode;
	private final String reason;

	X12ErrorCode(String code, X12ErrorLevel level, String ackCode, String reason) {
		this.code = code;
		this.level = level;
		this.ackCode = ackCode;
		this.reason = reason;
	}

	/** The stable error code, e.g. {@code X12-SE-SEGMENT-COUNT}. */
	public String code() {
		return code;
	}

	/** Which envelope or structure the fault belongs to. */
	public X12ErrorLevel level() {
		return level;
	}

	/** The X12 acknowledgment code for this fault at its {@link #level()}, or {@code null}. */
	public String ackCode() {
		return ackCode;
	}

	/** A one-line explanation in plain words. */
	public String reason() {
		return reason;
	}
}
