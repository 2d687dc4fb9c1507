package org.openrcm.server.x12;

/**
 * One fault found while reading or writing X12.
 *
 * @param code the stable reason, with its level and acknowledgment code
 * @param segmentPosition the ordinal of the segment at fault, counted from ST = 1 when the fault lies inside a
 *     transaction set, else from ISA = 1 within its interchange; 0 when no segment applies (e.g. an empty input).
 *     For a missing segment or loop it is the position where the absence was noticed (the next segment read).
 * @param segmentId the segment at fault (for a missing loop, the loop's first segment), or {@code null}
 * @param elementPosition the data element position in the segment (1-based), or 0 for a segment-level fault
 * @param componentPosition the component position in a composite (1-based), or 0
 * @param elementReference the X12 data element reference number (e.g. {@code 66}), or {@code null}
 * @param loop the implementation guide's loop id where the fault lies (e.g. {@code 2010BA}; for a missing loop,
 *     that loop), or {@code null} outside any loop
 * @param data a copy of the bad value (at most 99 characters), or {@code null}
 * @param message the reason in words, with the detail at hand (e.g. which segment is missing)
 */
public record X12Error(X12ErrorCode code, int segmentPosition, String segmentId, int elementPosition,
		int componentPosition, String elementReference, String loop, String data, String message) {

	/** The fault's level (shortcut for {@code code().level()}). */
	public X12ErrorLevel level() {
		return code.level();
	}

	/** A fault of the whole input, with no segment to point at. */
	static X12Error ofInput(X12ErrorCode code, String message) {
		return new X12Error(code, 0, null, 0, 0, null, null, null, message);
	}

	/** e.g. {@code X12-ELEMENT-QUALIFIER at NM108 (segment 15, loop 2010BA), value "ZZ": ...}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(code.code());
		if (segmentId != null) {
			text.append(" at ").append(segmentId);
			if (elementPosition > 0) {
				text.append(String.format("%02d", elementPosition));
				if (componentPosition > 0) {
					text.append('-').append(componentPosition);
				}
			}
		}
		if (segmentPosition > 0 || loop != null) {
			text.append(" (");
			if (segmentPosition > 0) {
				text.append("segment ").append(segmentPosition);
			}
			if (loop != null) {
				text.append(segmentPosition > 0 ? ", " : "").append("loop ").append(loop);
			}
			text.append(')');
		}
		if (data != null && !data.isEmpty()) {
			text.append(", value \"").append(data).append('"');
		}
		return text.append(": ").append(message).toString();
	}
}
