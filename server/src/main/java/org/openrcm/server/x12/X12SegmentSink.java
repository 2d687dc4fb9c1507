package org.openrcm.server.x12;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Where an {@link X12TransactionBody} writes its segments. Values are written as given; the writer validates each
 * segment against the guide's schema as it is completed.
 *
 * <p>A plain value given for a composite data element is written as the composite's first component (the same
 * bytes), so that the composite's other required components are checked too: staedi's writer checks only the value
 * of a composite written as a plain element, while its reader reports the missing components.
 */
public final class X12SegmentSink {

	/** Which data elements of a segment are composites. */
	@FunctionalInterface
	interface Composites {

		/** Whether the segment's data element at this position (1-based) is a composite. */
		boolean isComposite(String segmentId, int position);

		/** No composites (the envelope segments). */
		Composites NONE = (segmentId, position) -> false;
	}

	/** Told of a value that holds a separator or control character, and where it stands in the open segment. */
	@FunctionalInterface
	interface BadCharacter {

		/**
		 * @param value the value as given
		 * @param elementPosition its data element's position (1-based)
		 * @param componentPosition its component's position (1-based) in a composite, else 0
		 */
		void report(String value, int elementPosition, int componentPosition);
	}

	private final EDIStreamWriter writer;
	private final X12Delimiters delimiters;
	private final BadCharacter badCharacter;
	private final Composites composites;
	private int written;

	X12SegmentSink(EDIStreamWriter writer, X12Delimiters delimiters, BadCharacter badCharacter,
			Composites composites) {
		this.writer = writer;
		this.delimiters = delimiters;
		this.badCharacter = badCharacter;
		this.composites = composites;
	}

	/**
	 * A composite element's components, for {@link #segment(String, Object...)}; {@code null} components are empty.
	 */
	public static List<String> composite(String... components) {
		return Arrays.asList(components);
	}

	/**
	 * Writes one segment.
	 *
	 * @param id the segment id, e.g. {@code NM1}
	 * @param elements the data elements in order: a {@link String} for a simple element, or a {@link List} of
	 *     strings (see {@link #composite(String...)}) for a composite; {@code null} or {@code ""} leaves a position
	 *     empty. Empty trailing elements and components are not written.
	 * @throws IllegalArgumentException when an element is neither a string nor a list of strings
	 */
	public X12SegmentSink segment(String id, Object... elements) {
		return write(id, true, elements);
	}

	/** Writes an envelope segment as given: the ISA carries the separators themselves as values. */
	X12SegmentSink envelope(String id, String... elements) {
		return write(id, false, (Object[]) elements);
	}

	private X12SegmentSink write(String id, boolean checkValues, Object... elements) {
		try {
			writer.writeStartSegment(id);
			int position = 0;
			for (Object element : elements) {
				position++;
				if (element == null || element instanceof String) {
					String value = checkValues ? clean((String) element, position, 0)
							: element == null ? "" : (String) element;
					if (value.isEmpty()) {
						writer.writeEmptyElement();
					} else if (checkValues && composites.isComposite(id, position)) {
						writer.writeStartElement().writeComponent(value).endElement();
					} else {
						writer.writeElement(value);
					}
				} else if (element instanceof List<?> components) {
					writer.writeStartElement();
					int componentPosition = 0;
					for (Object component : components) {
						componentPosition++;
						if (component != null && !(component instanceof String)) {
							throw new IllegalArgumentException("component of " + id + " is not a string: " + component);
						}
						String value = clean((String) component, position, componentPosition);
						if (value.isEmpty()) {
							writer.writeEmptyComponent();
						} else {
							writer.writeComponent(value);
						}
					}
					writer.endElement();
				} else {
					throw new IllegalArgumentException("element of " + id + " is neither a string nor a composite: " + element);
				}
			}
			writer.writeEndSegment();
			written++;
			return this;
		} catch (EDIStreamException e) {
			throw new UncheckedIOException(new IOException("X12 writer failed at " + id + ": " + e.getMessage(), e));
		}
	}

	/** The number of segments written so far through this sink. */
	int written() {
		return written;
	}

	/** A value holding a separator would change the structure: it is reported, and written without it. */
	private String clean(String value, int elementPosition, int componentPosition) {
		if (value == null) {
			return "";
		}
		StringBuilder text = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == delimiters.element() || c == delimiters.component() || c == delimiters.repetition()
					|| c == delimiters.segment() || c < ' ') {
				if (text == null) {
					text = new StringBuilder(value.substring(0, i));
					badCharacter.report(value, elementPosition, componentPosition);
				}
				text.append(' ');
			} else if (text != null) {
				text.append(c);
			}
		}
		return text == null ? value : text.toString();
	}
}
