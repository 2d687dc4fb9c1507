package org.openrcm.terminology.icd10cm;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.terminology.EffectivePeriod;

/**
 * One ICD-10-CM release. CDC/CMS publish one per federal fiscal year, in effect October 1 through September 30
 * (FY2024: 2023-10-01 .. 2024-09-30), and since FY2023 sometimes an April 1 update in effect April 1 through
 * September 30 of the same fiscal year. A code's validity on a date of service is its presence in the release in
 * effect on that date.
 *
 * @param fiscalYear the fiscal year, e.g. 2024
 * @param aprilUpdate whether this is the April 1 update of that fiscal year
 */
public record Icd10CmRelease(int fiscalYear, boolean aprilUpdate) {

	private static final Pattern VERSION = Pattern.compile("(\\d{4})(-04)?");

	public Icd10CmRelease {
		if (fiscalYear < 2016 || fiscalYear > 2100) {
			throw new IllegalArgumentException("fiscal year " + fiscalYear + " is outside ICD-10-CM's use (2016-)");
		}
	}

	/** The October 1 release of {@code fiscalYear}. */
	public static Icd10CmRelease fiscalYear(int fiscalYear) {
		return new Icd10CmRelease(fiscalYear, false);
	}

	/** The April 1 update of {@code fiscalYear} (in effect April 1 .. September 30 of that year). */
	public static Icd10CmRelease aprilUpdate(int fiscalYear) {
		return new Icd10CmRelease(fiscalYear, true);
	}

	/**
	 * Parses a {@link #version()} string: {@code 2024} or {@code 2024-04}.
	 *
	 * @throws IllegalArgumentException for anything else
	 */
	public static Icd10CmRelease parse(String version) {
		Matcher m = VERSION.matcher(version.trim());
		if (!m.matches()) {
			throw new IllegalArgumentException("'" + version + "' is not an ICD-10-CM version such as 2024 or 2024-04");
		}
		return new Icd10CmRelease(Integer.parseInt(m.group(1)), m.group(2) != null);
	}

	/** The version label used in FHIR ({@code CodeSystem.version}): {@code 2024}, or {@code 2024-04} for the update. */
	public String version() {
		return aprilUpdate ? fiscalYear + "-04" : Integer.toString(fiscalYear);
	}

	/** The dates of service this release is in effect for. */
	public EffectivePeriod period() {
		EffectivePeriod year = EffectivePeriod.fiscalYear(fiscalYear);
		return aprilUpdate ? new EffectivePeriod(LocalDate.of(fiscalYear, Month.APRIL, 1), year.end()) : year;
	}

	@Override
	public String toString() {
		return "ICD-10-CM FY" + fiscalYear + (aprilUpdate ? " April 1 update" : "");
	}
}
