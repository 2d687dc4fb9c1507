package org.openrcm.server.x12;

import java.util.List;
import java.util.Optional;

/**
 * One transaction set (ST to SE) as read.
 *
 * @param transactionSetId ST01, e.g. {@code 837}
 * @param controlNumber ST02
 * @param implementationReference ST03, or GS08 when ST03 is absent
 * @param guide the implementation guide it was validated against; empty when none applies (then only its envelope
 *     was checked, and {@link #errors()} says so)
 * @param segmentCount the number of segments read from ST to SE (or to where the input stopped)
 * @param segments its segments, when the reader was asked to keep them; otherwise empty
 * @param errors every fault inside the transaction set, its ST and SE included, in reading order
 */
public record X12Transaction(String transactionSetId, String controlNumber, String implementationReference,
		Optional<X12Guide> guide, int segmentCount, List<X12Segment> segments, List<X12Error> errors) {

	public X12Transaction {
		segments = List.copyOf(segments);
		errors = List.copyOf(errors);
	}

	/** Whether the transaction set was read without any fault. */
	public boolean isValid() {
		return errors.isEmpty();
	}

	/** The kept segments with this id, in order. */
	public List<X12Segment> segments(String id) {
		return segments.stream().filter(s -> s.id().equals(id)).toList();
	}
}
