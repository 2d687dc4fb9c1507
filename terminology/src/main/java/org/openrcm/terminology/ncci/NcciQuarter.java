package org.openrcm.terminology.ncci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.terminology.EffectivePeriod;

/**
 * A quarterly NCCI release (PTP and MUE tables are republished each calendar quarter, effective January 1, April 1,
 * July 1 and October 1).
 *
 * @param year the calendar year
 * @param quarter 1-4
 */
public record NcciQuarter(int year, int quarter) {

	private static final Pattern LABEL = Pattern.compile("(\\d{4})\\s*[Qq]([1-4])");

	public NcciQuarter {
		if (quarter < 1 || quarter > 4) {
			throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
		}
	}

	/** Parses {@code 2024Q3} (case-insensitive). */
	public static NcciQuarter parse(String label) {
		Matcher m = LABEL.matcher(label.trim());
		if (!m.matches()) {
			throw new IllegalArgumentException("'" + label + "' is not an NCCI quarter such as 2024Q3");
		}
		return new NcciQuarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
	}

	/** {@code 2024Q3}. */
	public String label() {
		return year + "Q" + quarter;
	}

	/** The dates of service the release is in effect for. */
	public EffectivePeriod period() {
		return EffectivePeriod.quarter(year, quarter);
	}

	@Override
	public String toString() {
		return label();
	}
}
