package org.openrcm.server.x12;

import java.util.List;
import java.util.stream.Stream;

/**
 * Everything an {@link X12Reader} found in one input: its interchanges, each with its groups and transaction sets,
 * and every fault at the level it belongs to. A result is produced for any input, however malformed.
 *
 * @param interchanges the interchanges in order, including one cut short by the end of the input or by a fault
 *     that stopped reading
 * @param errors faults of the input as a whole, outside any readable interchange (empty input, no ISA, ...)
 * @param skippedPrefix the number of bytes of non-X12 text skipped before the first ISA (only when the reader was
 *     asked to skip it), else 0
 */
public record X12ReadResult(List<X12Interchange> interchanges, List<X12Error> errors, long skippedPrefix) {

	public X12ReadResult {
		interchanges = List.copyOf(interchanges);
		errors = List.copyOf(errors);
	}

	/** Whether the input was read to its end without any fault. */
	public boolean isValid() {
		return errors.isEmpty() && !interchanges.isEmpty() && interchanges.stream().allMatch(X12Interchange::isValid);
	}

	/** Every transaction set of every group of every interchange, in order. */
	public Stream<X12Transaction> transactions() {
		return interchanges.stream().flatMap(i -> i.groups().stream()).flatMap(g -> g.transactions().stream());
	}

	/** Every fault, at whatever level, in document order per level: input, interchange, group, transaction. */
	public List<X12Error> allErrors() {
		Stream<X12Error> nested = interchanges.stream().flatMap(i -> Stream.concat(i.errors().stream(),
				i.groups().stream().flatMap(g -> Stream.concat(g.errors().stream(),
						g.transactions().stream().flatMap(t -> t.errors().stream())))));
		return Stream.concat(errors.stream(), nested).toList();
	}
}
