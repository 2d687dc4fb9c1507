package org.openrcm.benchmark.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gathers the claims of an 837 interchange with one claim per transaction set (as OpenRCM's batch writer makes it)
 * into one transaction set, as many submitters send them: the first set's header (BHT, 1000A submitter, 1000B
 * receiver), then every set's loops from its first HL on (2000A billing provider, 2000B subscriber, 2300 claim, ...),
 * with the hierarchical ids (HL01, and HL02 of the child levels) renumbered to run on through the whole set; SE01
 * counts the segments again and GE01 the one set. Nothing else changes: the claims, their CLM01 and their content
 * are the ones written and validated by the writer.
 */
final class OneTransactionSet {

	private OneTransactionSet() {}

	/** The interchange with its transaction sets merged into the first. */
	static String merge(String interchange) {
		char terminator = interchange.charAt(105);
		String element = String.valueOf(interchange.charAt(3));
		String[] parts = interchange.split(Pattern.quote(String.valueOf(terminator)));
		List<String> segments = new ArrayList<>();
		for (String part : parts) {
			if (!part.strip().isEmpty()) {
				segments.add(part.strip());
			}
		}
		List<String> out = new ArrayList<>();
		String controlNumber = null;
		int hl = 0;
		int inSet = 0;
		boolean first = true;
		boolean header = false;
		Map<String, String> renumbered = new HashMap<>();
		for (String segment : segments) {
			String[] elements = segment.split(Pattern.quote(element), -1);
			switch (elements[0]) {
				case "ST" -> {
					header = true;
					renumbered.clear();
					if (first) {
						controlNumber = elements[2];
						out.add(segment);
						inSet = 1;
					}
				}
				case "SE" -> first = false;
				case "GE" -> {
					out.add("SE" + element + (inSet + 1) + element + controlNumber);
					elements[1] = "1";
					out.add(String.join(element, elements));
				}
				case "HL" -> {
					header = false;
					String id = Integer.toString(++hl);
					renumbered.put(elements[1], id);
					elements[1] = id;
					if (elements.length > 2 && !elements[2].isEmpty()) {
						elements[2] = renumbered.get(elements[2]);
					}
					out.add(String.join(element, elements));
					inSet++;
				}
				default -> {
					if (controlNumber == null || "IEA".equals(elements[0])) {
						out.add(segment);
					} else if (first || !header) {
						out.add(segment);
						inSet++;
					}
				}
			}
		}
		return String.join(String.valueOf(terminator) + "\n", out) + terminator + "\n";
	}
}
