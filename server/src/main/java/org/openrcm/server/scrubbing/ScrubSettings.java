package org.openrcm.server.scrubbing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The thresholds and data the scrub rules judge by; none is a literal in a rule.
 *
 * @param clock today's date for future dates and timely filing
 * @param defaultFilingLimitDays days after the date of service a payer without a {@code filing-limit} rule accepts
 *                               a claim
 * @param filingWarningDays a warning is raised when fewer days than this are left before the filing limit
 * @param maxDiagnoses diagnoses an 837P carries (HI segment)
 * @param maxPointers diagnosis pointers of one service line (SV107)
 * @param ncciAssociatedModifiers modifiers that let a PTP pair of modifier indicator 1 through
 * @param modifierRestrictions per modifier, the code ranges it may be reported with
 */
public record ScrubSettings(Clock clock, int defaultFilingLimitDays, int filingWarningDays, int maxDiagnoses,
		int maxPointers, Set<String> ncciAssociatedModifiers, Map<String, List<CodeRange>> modifierRestrictions) {

	private static final String NCCI_MODIFIERS = "org/openrcm/server/scrubbing/ncci-associated-modifiers.csv";
	private static final String MODIFIER_RESTRICTIONS = "org/openrcm/server/scrubbing/modifier-restrictions.csv";

	public ScrubSettings {
		ncciAssociatedModifiers = Set.copyOf(ncciAssociatedModifiers);
		modifierRestrictions = Map.copyOf(modifierRestrictions);
	}

	/** The given limits with the modifier data OpenRCM ships. */
	public static ScrubSettings of(Clock clock, int defaultFilingLimitDays, int filingWarningDays, int maxDiagnoses,
			int maxPointers) {
		Set<String> ncci = new LinkedHashSet<>();
		for (String[] row : rows(NCCI_MODIFIERS)) {
			ncci.add(row[0].toUpperCase(Locale.ROOT));
		}
		Map<String, List<CodeRange>> restrictions = new HashMap<>();
		for (String[] row : rows(MODIFIER_RESTRICTIONS)) {
			restrictions.computeIfAbsent(row[0].toUpperCase(Locale.ROOT), m -> new ArrayList<>())
					.add(new CodeRange(row[1], row[2], row[3]));
		}
		restrictions.replaceAll((modifier, ranges) -> List.copyOf(ranges));
		return new ScrubSettings(clock, defaultFilingLimitDays, filingWarningDays, maxDiagnoses, maxPointers, ncci,
				restrictions);
	}

	/** The 837P limits and a 365-day filing limit (Medicare's), with a 30-day warning. */
	public static ScrubSettings defaults(Clock clock) {
		return of(clock, 365, 30, 12, 4);
	}

	private static List<String[]> rows(String resource) {
		try (InputStream in = ScrubSettings.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the classpath");
			}
			List<String[]> rows = new ArrayList<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					rows.add(line.split(",", 4));
				}
			}
			return rows;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Codes from {@code first} to {@code last} inclusive.
	 *
	 * @param description the codes in words, for the message
	 */
	public record CodeRange(String first, String last, String description) {

		boolean contains(String code) {
			return code.length() == first.length() && code.compareTo(first) >= 0 && code.compareTo(last) <= 0;
		}
	}
}
