package org.openrcm.server.x12;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Whether the write-time validation of {@link X12InterchangeWriter} lets through anything the read-back would refuse:
 * a valid transaction set is varied into many faulty ones, one fault each, and each variant is written by a writer
 * without read-back. A variant the write-time validation refuses is fine; one it lets through is then read back
 * through {@link X12Reader}, and any fault found there is a gap, reported with the variant.
 *
 * <p>The variants of each segment (ST and SE are the writer's): dropped, repeated, moved one place down, moved to
 * the end, and given one element too many; of each element and component: emptied, a two-letter code no guide uses
 * ({@code ZZ}), one character, 81 characters (longer than any element of these guides allows), a letter in a number
 * and a date that does not exist ({@code 20241301}).
 */
public final class X12WriteValidation {

	/** What varying one transaction set found. */
	public record Report(int variants, int refusedWhileWriting, List<String> gaps) {}

	private final X12Schemas schemas;
	private final Clock clock;
	private final X12Reader reader;

	public X12WriteValidation(X12Schemas schemas, Clock clock) {
		this.schemas = schemas;
		this.clock = clock;
		this.reader = new X12Reader(schemas);
	}

	/** The transaction sets of an interchange as read, each as its segments between ST and SE. */
	public List<List<X12Segment>> bodies(byte[] interchange) {
		X12ReadResult read = reader.read(interchange, X12Reader.Options.DEFAULT.keepingSegments());
		if (!read.allErrors().isEmpty()) {
			throw new IllegalArgumentException("not a valid interchange: " + read.allErrors());
		}
		return read.transactions().map(t -> t.segments().stream()
				.filter(s -> !s.id().equals("ST") && !s.id().equals("SE")).toList()).toList();
	}

	/** Writes every variant of the transaction set (segments between ST and SE, valid as they are). */
	public Report vary(X12Envelope envelope, X12Guide guide, List<X12Segment> body) {
		List<String> gaps = new ArrayList<>();
		int variants = 0;
		int refused = 0;
		if (!write(envelope, guide, body.stream().map(X12WriteValidation::fields).toList()).isEmpty()) {
			throw new IllegalArgumentException("the transaction set is not valid to begin with");
		}
		for (Variant variant : variants(body)) {
			variants++;
			X12InterchangeWriter writer = new X12InterchangeWriter(schemas, new InMemoryControlNumbers(), clock, false);
			WrittenInterchange written;
			try {
				written = writer.write(envelope, guide, List.of(out -> writeAll(out, variant.segments())));
			} catch (X12ValidationException expected) {
				refused++;
				continue;
			}
			List<X12Error> found = reader.read(written.bytes(), X12Reader.Options.DEFAULT).allErrors();
			if (!found.isEmpty()) {
				gaps.add(variant.description() + ": written without a fault, read back with " + found);
			}
		}
		return new Report(variants, refused, gaps);
	}

	private List<X12Error> write(X12Envelope envelope, X12Guide guide, List<List<Object>> segments) {
		try {
			new X12InterchangeWriter(schemas, new InMemoryControlNumbers(), clock, true).write(envelope, guide,
					List.of(out -> writeAll(out, segments)));
			return List.of();
		} catch (X12ValidationException e) {
			return e.errors();
		}
	}

	private static void writeAll(X12SegmentSink out, List<List<Object>> segments) {
		for (List<Object> segment : segments) {
			out.segment((String) segment.get(0), segment.subList(1, segment.size()).toArray());
		}
	}

	/** A segment as the sink takes it: its id, then a string per simple element and a list per composite. */
	private static List<Object> fields(X12Segment segment) {
		List<Object> fields = new ArrayList<>();
		fields.add(segment.id());
		for (List<List<String>> element : segment.elements()) {
			if (element.size() > 1) {
				throw new IllegalArgumentException("repeated elements are not varied: " + segment);
			}
			List<String> components = element.get(0);
			fields.add(components.size() == 1 ? components.get(0) : new ArrayList<>(components));
		}
		return fields;
	}

	private record Variant(String description, List<List<Object>> segments) {}

	private static final List<String> VALUES = List.of("", "ZZ", "1", "X".repeat(81), "12A", "20241301");

	private static List<Variant> variants(List<X12Segment> body) {
		List<List<Object>> segments = body.stream().map(X12WriteValidation::fields).toList();
		List<Variant> variants = new ArrayList<>();
		for (int i = 0; i < segments.size(); i++) {
			int at = i;
			String name = segments.get(i).get(0) + " (segment " + (i + 2) + ")";
			variants.add(new Variant(name + " dropped", change(segments, list -> {
				list.remove(at);
				return list;
			})));
			variants.add(new Variant(name + " repeated", change(segments, list -> {
				list.add(at + 1, copy(list.get(at)));
				return list;
			})));
			if (i + 1 < segments.size()) {
				variants.add(new Variant(name + " moved down one", change(segments, list -> {
					list.add(at + 1, list.remove(at));
					return list;
				})));
				variants.add(new Variant(name + " moved to the end", change(segments, list -> {
					list.add(list.remove(at));
					return list;
				})));
			}
			variants.add(new Variant(name + " with an element too many", change(segments, list -> {
				list.get(at).add("X");
				return list;
			})));
			List<Object> segment = segments.get(i);
			for (int e = 1; e < segment.size(); e++) {
				int element = e;
				if (segment.get(e) instanceof List<?> components) {
					for (int c = 0; c < components.size(); c++) {
						int component = c;
						for (String value : VALUES) {
							variants.add(new Variant(name + " element " + e + "-" + (c + 1) + " = '" + value + "'",
									change(segments, list -> {
										@SuppressWarnings("unchecked")
										List<String> composite = (List<String>) list.get(at).get(element);
										composite.set(component, value);
										return list;
									})));
						}
					}
				} else {
					for (String value : VALUES) {
						variants.add(new Variant(name + " element " + e + " = '" + value + "'", change(segments, list -> {
							list.get(at).set(element, value);
							return list;
						})));
					}
				}
			}
		}
		return variants;
	}

	private static List<List<Object>> change(List<List<Object>> segments, UnaryOperator<List<List<Object>>> change) {
		List<List<Object>> copy = new ArrayList<>(segments.size());
		segments.forEach(segment -> copy.add(copy(segment)));
		return change.apply(copy);
	}

	private static List<Object> copy(List<Object> segment) {
		List<Object> copy = new ArrayList<>(segment.size());
		for (Object field : segment) {
			copy.add(field instanceof List<?> components ? new ArrayList<>(components) : field);
		}
		return copy;
	}
}
