package org.openrcm.server.x12;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.stream.EDIStreamValidationError;

/** Translates staedi's validation findings into {@link X12ErrorCode}s, for the reader and the writer alike. */
final class X12Faults {

	private X12Faults() {}

	static String message(X12ErrorCode code, String title) {
		return title == null || title.isBlank() ? code.reason() : code.reason() + " (" + title + ")";
	}

	static String title(EDIReference reference) {
		if (reference == null) {
			return null;
		}
		if (reference.getTitle() != null) {
			return reference.getTitle();
		}
		return reference.getReferencedType() != null ? reference.getReferencedType().getTitle() : null;
	}

	static String firstSegment(EDIType loop) {
		if (loop instanceof EDIComplexType complex && !complex.getReferences().isEmpty()) {
			return complex.getReferences().get(0).getReferencedType().getId();
		}
		return null;
	}

	/** A segment-level fault; about an envelope segment it is a fault of that envelope. */
	static X12ErrorCode segmentCode(EDIStreamValidationError type, String segmentId, boolean inTransaction) {
		boolean missing = type == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING
				|| type == EDIStreamValidationError.IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE;
		if ("SE".equals(segmentId) && missing) {
			return X12ErrorCode.TRANSACTION_TRAILER_MISSING;
		}
		if ("GE".equals(segmentId) && missing) {
			return X12ErrorCode.GROUP_TRAILER_MISSING;
		}
		if (isEnvelope(segmentId) && !inTransaction) {
			return X12ErrorCode.INTERCHANGE_CONTENT_INVALID;
		}
		if (!inTransaction && (type == EDIStreamValidationError.SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET
				|| type == EDIStreamValidationError.UNEXPECTED_SEGMENT)) {
			return X12ErrorCode.INTERCHANGE_CONTENT_INVALID;
		}
		return switch (type) {
			case UNEXPECTED_SEGMENT -> X12ErrorCode.UNEXPECTED_SEGMENT;
			case MANDATORY_SEGMENT_MISSING -> X12ErrorCode.REQUIRED_SEGMENT_MISSING;
			case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> X12ErrorCode.LOOP_OVER_MAXIMUM;
			case SEGMENT_EXCEEDS_MAXIMUM_USE -> X12ErrorCode.SEGMENT_OVER_MAXIMUM_USE;
			case SEGMENT_NOT_IN_PROPER_SEQUENCE -> X12ErrorCode.SEGMENT_OUT_OF_SEQUENCE;
			case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT -> X12ErrorCode.UNUSED_SEGMENT_PRESENT;
			case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES -> X12ErrorCode.LOOP_UNDER_MINIMUM;
			case IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE -> X12ErrorCode.SEGMENT_UNDER_MINIMUM_USE;
			case CONDITIONAL_REQUIRED_SEGMENT_MISSING -> X12ErrorCode.CONDITIONAL_SEGMENT_MISSING;
			case SEGMENT_EXCLUSION_CONDITION_VIOLATED -> X12ErrorCode.SEGMENT_EXCLUSION_VIOLATED;
			default -> X12ErrorCode.SEGMENT_NOT_IN_TRANSACTION;
		};
	}

	/** An element-level fault; in an envelope segment it is a fault of that envelope. */
	static X12ErrorCode elementCode(EDIStreamValidationError type, String segmentId) {
		if (type == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
			return switch (String.valueOf(segmentId)) {
				case "IEA" -> X12ErrorCode.INTERCHANGE_CONTROL_NUMBER_MISMATCH;
				case "GE" -> X12ErrorCode.GROUP_CONTROL_NUMBER_MISMATCH;
				default -> X12ErrorCode.TRANSACTION_CONTROL_NUMBER_MISMATCH;
			};
		}
		if (type == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
			return switch (String.valueOf(segmentId)) {
				case "IEA" -> X12ErrorCode.INTERCHANGE_GROUP_COUNT_MISMATCH;
				case "GE" -> X12ErrorCode.GROUP_TRANSACTION_COUNT_MISMATCH;
				default -> X12ErrorCode.TRANSACTION_SEGMENT_COUNT_MISMATCH;
			};
		}
		switch (String.valueOf(segmentId)) {
			case "ISA":
				return X12ErrorCode.INTERCHANGE_HEADER_INVALID;
			case "IEA":
				return X12ErrorCode.INTERCHANGE_TRAILER_INVALID;
			case "GS":
				return X12ErrorCode.GROUP_HEADER_INVALID;
			case "GE":
				return X12ErrorCode.GROUP_TRAILER_INVALID;
			case "ST":
				return X12ErrorCode.TRANSACTION_HEADER_INVALID;
			case "SE":
				return X12ErrorCode.TRANSACTION_TRAILER_INVALID;
			default:
				break;
		}
		return switch (type) {
			case REQUIRED_DATA_ELEMENT_MISSING -> X12ErrorCode.REQUIRED_ELEMENT_MISSING;
			case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> X12ErrorCode.CONDITIONAL_ELEMENT_MISSING;
			case TOO_MANY_DATA_ELEMENTS -> X12ErrorCode.TOO_MANY_ELEMENTS;
			case EXCLUSION_CONDITION_VIOLATED -> X12ErrorCode.EXCLUSION_CONDITION_VIOLATED;
			case TOO_MANY_REPETITIONS -> X12ErrorCode.TOO_MANY_REPETITIONS;
			case TOO_MANY_COMPONENTS -> X12ErrorCode.TOO_MANY_COMPONENTS;
			case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT -> X12ErrorCode.UNUSED_ELEMENT_PRESENT;
			case IMPLEMENTATION_TOO_FEW_REPETITIONS -> X12ErrorCode.TOO_FEW_REPETITIONS;
			case DATA_ELEMENT_TOO_SHORT -> X12ErrorCode.ELEMENT_TOO_SHORT;
			case DATA_ELEMENT_TOO_LONG -> X12ErrorCode.ELEMENT_TOO_LONG;
			case INVALID_CHARACTER_DATA -> X12ErrorCode.INVALID_CHARACTER;
			case INVALID_DATE -> X12ErrorCode.INVALID_DATE;
			case INVALID_TIME -> X12ErrorCode.INVALID_TIME;
			case IMPLEMENTATION_INVALID_CODE_VALUE -> X12ErrorCode.CODE_NOT_USED_IN_IMPLEMENTATION;
			default -> X12ErrorCode.INVALID_CODE_VALUE;
		};
	}

	private static boolean isEnvelope(String segmentId) {
		return switch (String.valueOf(segmentId)) {
			case "ISA", "IEA", "GS", "GE" -> true;
			default -> false;
		};
	}
}
