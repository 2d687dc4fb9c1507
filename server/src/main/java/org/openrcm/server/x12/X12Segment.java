package org.openrcm.server.x12;

import java.util.List;

/**
 * One segment as read, with its place in the transaction set.
 *
 * @param position ordinal in the transaction set (ST = 1), or in the interchange for envelope segments
 * @param id segment id, e.g. {@code NM1}
 * @param loop the implementation guide's loop id the segment belongs to (e.g. {@code 2010AA}), or {@code null}
 *     for the transaction's header segments and envelopes
 * @param elements the data elements in order (trailing empty elements dropped); each element is its list of
 *     repetitions, and each repetition the list of its components (a simple element has one component)
 */
public record X12Segment(int position, String id, String loop, List<List<List<String>>> elements) {

	public X12Segment {
		elements = List.copyOf(elements.stream().map(r -> List.copyOf(r.stream().map(List::copyOf).toList())).toList());
	}

	/** The number of data elements present (up to the last non-empty one). */
	public int size() {
		return elements.size();
	}

	/** The first component of the first repetition of an element (1-based), or {@code ""} when absent. */
	public String element(int position) {
		return component(position, 1);
	}

	/** A component (1-based) of the first repetition of an element (1-based), or {@code ""} when absent. */
	public String component(int position, int component) {
		if (position < 1 || position > elements.size()) {
			return "";
		}
		List<String> components = elements.get(position - 1).get(0);
		return component >= 1 && component <= components.size() ? components.get(component - 1) : "";
	}

	/** Every repetition of an element (1-based), each as its components; empty when absent. */
	public List<List<String>> repetitions(int position) {
		return position >= 1 && position <= elements.size() ? elements.get(position - 1) : List.of();
	}

	/** The segment in X12 form with the {@linkplain X12Delimiters#STANDARD standard separators}, without terminator. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(id);
		for (List<List<String>> element : elements) {
			text.append('*');
			for (int r = 0; r < element.size(); r++) {
				if (r > 0) {
					text.append('^');
				}
				text.append(String.join(":", element.get(r)));
			}
		}
		return text.toString();
	}
}
