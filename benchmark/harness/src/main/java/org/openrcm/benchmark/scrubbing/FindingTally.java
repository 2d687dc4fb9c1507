package org.openrcm.benchmark.scrubbing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many findings the scrubber returned per claim and of which rules, over a pool of claims: what tells a reader
 * whether a benchmark scrubbed realistic, mostly clean claims or claims that fail early.
 */
public final class FindingTally {

	private static final int BUCKETS = 5; // 0, 1, 2, 3, 4 or more findings

	private final int[] byCount = new int[BUCKETS];
	private final Map<String, int[]> byRule = new TreeMap<>(); // rule → {errors, warnings}
	private int claims;
	private int withErrors;

	/**
	 * One claim's findings.
	 *
	 * @param rules the rule id of each finding, e.g. {@code NCCI-PTP}
	 * @param blocking whether each finding blocks submission (an error), in the same order
	 */
	public void add(List<String> rules, List<Boolean> blocking) {
		claims++;
		byCount[Math.min(rules.size(), BUCKETS - 1)]++;
		boolean error = false;
		for (int i = 0; i < rules.size(); i++) {
			int[] counts = byRule.computeIfAbsent(rules.get(i), r -> new int[2]);
			counts[blocking.get(i) ? 0 : 1]++;
			error |= blocking.get(i);
		}
		withErrors += error ? 1 : 0;
	}

	public int claims() {
		return claims;
	}

	/** Share of the claims without any finding. */
	public double cleanShare() {
		return claims == 0 ? 0 : (double) byCount[0] / claims;
	}

	/** A few lines for the benchmark's output. */
	public String report() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Findings per claim over %,d claims:", claims));
		for (int i = 0; i < BUCKETS; i++) {
			out.append(String.format(Locale.ROOT, " %s: %,d (%.1f%%)%s", i == BUCKETS - 1 ? i + "+" : Integer.toString(i),
					byCount[i], percent(byCount[i]), i < BUCKETS - 1 ? ";" : ""));
		}
		out.append(String.format(Locale.ROOT, "%n  claims with an error (not submittable): %,d (%.1f%%); without any "
				+ "finding: %,d (%.1f%%)%n  findings by rule (errors/warnings):", withErrors, percent(withErrors),
				byCount[0], percent(byCount[0])));
		if (byRule.isEmpty()) {
			out.append(" none");
		}
		byRule.forEach((rule, counts) -> out.append(' ').append(rule).append(' ').append(counts[0]).append('/')
				.append(counts[1]).append(';'));
		return out.toString();
	}

	private double percent(int count) {
		return claims == 0 ? 0 : 100.0 * count / claims;
	}
}
