package org.openrcm.terminology.icd10cm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code or code range cited in parentheses by a tabular note, e.g. {@code (C43.0)}, {@code (C44.0-)},
 * {@code (F10.-)} or {@code (C00-C14)}. A cited code stands for itself and every code under it (the trailing
 * {@code -} says so explicitly; a category cited without it means the same); a range covers the categories from its
 * first to its last code, inclusive, compared character by character at the length they are written.
 *
 * @param from the undotted first code
 * @param to the undotted last code (equal to {@code from} for a single code)
 */
public record Icd10CmCodeReference(String from, String to) {

	private static final String CODE = "[A-Z][0-9][0-9A-Z](?:\\.[0-9A-Z]{1,4})?";
	private static final Pattern PARENTHESES = Pattern.compile("\\(([^()]*)\\)");
	private static final Pattern REFERENCE =
			Pattern.compile("(?<![A-Za-z0-9])(" + CODE + ")(?:(\\.?-)(" + CODE + ")?)?(?![A-Za-z0-9])");

	/** Every code reference in the parentheses of a note's text, in order. */
	public static List<Icd10CmCodeReference> parse(String note) {
		List<Icd10CmCodeReference> references = new ArrayList<>();
		Matcher group = PARENTHESES.matcher(note);
		while (group.find()) {
			Matcher m = REFERENCE.matcher(group.group(1));
			while (m.find()) {
				String from = m.group(1).replace(".", "");
				String to = m.group(3) == null ? from : m.group(3).replace(".", "");
				references.add(new Icd10CmCodeReference(from, to));
			}
		}
		return references;
	}

	/** Whether the (undotted) {@code key} falls under this reference. */
	public boolean covers(String key) {
		if (from.equals(to)) {
			return key.startsWith(from);
		}
		return compareAtLength(key, from) >= 0 && compareAtLength(key, to) <= 0;
	}

	private static int compareAtLength(String key, String bound) {
		String prefix = key.length() > bound.length() ? key.substring(0, bound.length()) : key;
		return prefix.compareTo(bound);
	}
}
