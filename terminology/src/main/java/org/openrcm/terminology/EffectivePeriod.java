package org.openrcm.terminology;

import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;

/**
 * The dates of service a code-set release (or a single code or edit) applies to: from {@code start} through
 * {@code end}, both inclusive. An open end ({@code null}) means "until further notice".
 *
 * @param start the first date of service covered
 * @param end the last date of service covered, or {@code null} when open-ended
 */
public record EffectivePeriod(LocalDate start, LocalDate end) {

	public EffectivePeriod {
		Objects.requireNonNull(start, "start");
		if (end != null && end.isBefore(start)) {
			throw new IllegalArgumentException("period ends (" + end + ") before it starts (" + start + ")");
		}
	}

	/**
	 * The US federal fiscal year {@code fiscalYear}: October 1 of the year before through September 30. ICD-10-CM
	 * releases and the MCE follow it (FY2024 runs 2023-10-01 .. 2024-09-30).
	 */
	public static EffectivePeriod fiscalYear(int fiscalYear) {
		return new EffectivePeriod(LocalDate.of(fiscalYear - 1, Month.OCTOBER, 1), LocalDate.of(fiscalYear, Month.SEPTEMBER, 30));
	}

	/** Calendar quarter {@code quarter} (1-4) of {@code year}, the unit of the CMS NCCI and HCPCS quarterly releases. */
	public static EffectivePeriod quarter(int year, int quarter) {
		if (quarter < 1 || quarter > 4) {
			throw new IllegalArgumentException("quarter " + quarter + " is not 1-4");
		}
		LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
		return new EffectivePeriod(start, start.plusMonths(3).minusDays(1));
	}

	/** Whether {@code date} lies within the period (both ends inclusive). */
	public boolean contains(LocalDate date) {
		return !date.isBefore(start) && (end == null || !date.isAfter(end));
	}

	@Override
	public String toString() {
		return start + ".." + (end == null ? "" : end.toString());
	}
}
