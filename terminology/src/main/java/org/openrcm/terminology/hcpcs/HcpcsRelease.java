package org.openrcm.terminology.hcpcs;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.openrcm.terminology.EffectivePeriod;

/**
 * One HCPCS Level II release. CMS publishes the annual file for January 1 and quarterly updates for April 1, July 1
 * and October 1 ({@code HCPC2024_JUL_ANWEB}); each file lists every code with its own add, action and termination
 * dates, and is in effect for its quarter.
 *
 * @param effective the first month the release is in effect, e.g. 2024-07 for the July update
 */
public record HcpcsRelease(YearMonth effective) {

	public HcpcsRelease {
		if ((effective.getMonthValue() - 1) % 3 != 0) {
			throw new IllegalArgumentException("HCPCS releases start a quarter (January, April, July, October), not "
					+ effective.getMonth());
		}
	}

	/** Parses a {@link #version()} label such as {@code 2024-07}. */
	public static HcpcsRelease parse(String version) {
		try {
			return new HcpcsRelease(YearMonth.parse(version.trim()));
		} catch (DateTimeParseException e) {
			throw new IllegalArgumentException("'" + version + "' is not a HCPCS release such as 2024-07", e);
		}
	}

	/** {@code CodeSystem.version}: the first month in effect, {@code yyyy-MM}. */
	public String version() {
		return effective.toString();
	}

	/** The quarter the release is in effect for. */
	public EffectivePeriod period() {
		return EffectivePeriod.quarter(effective.getYear(), (effective.getMonthValue() - 1) / 3 + 1);
	}

	@Override
	public String toString() {
		return "HCPCS Level II " + version();
	}
}
