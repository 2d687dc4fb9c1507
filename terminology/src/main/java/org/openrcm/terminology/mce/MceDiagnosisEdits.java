package org.openrcm.terminology.mce;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.terminology.EffectivePeriod;
import org.openrcm.terminology.icd10cm.Icd10CmCodes;

/**
 * One version of the Medicare Code Editor's diagnosis age, sex and manifestation edits (MCE "Definitions of
 * Medicare Code Edits", Edits 4, 5 and 6), keyed by ICD-10-CM code. Immutable and thread-safe.
 */
public final class MceDiagnosisEdits {

	private static final Pattern VERSION = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?");

	private final String version;
	private final EffectivePeriod period;
	private final Map<String, MceCodeEdits> byKey;
	private final Map<AgeCategory, AgeEdit> categories;

	MceDiagnosisEdits(String version, EffectivePeriod period, Map<String, MceCodeEdits> byKey,
			Map<AgeCategory, AgeEdit> categories) {
		this.version = version;
		this.period = period;
		this.byKey = Collections.unmodifiableMap(byKey);
		this.categories = Collections.unmodifiableMap(new EnumMap<>(categories));
	}

	/**
	 * The dates of service an MCE version is in effect for. MCE major versions follow the fiscal year (v41 = FY2024,
	 * October 1 2023 .. September 30 2024); a {@code .1} minor version is the April 1 update (v41.1 = April 1 ..
	 * September 30 2024).
	 *
	 * @param version e.g. {@code 41.1} or {@code v41}
	 */
	public static EffectivePeriod periodOf(String version) {
		Matcher m = VERSION.matcher(version.trim());
		if (!m.matches()) {
			throw new IllegalArgumentException("'" + version + "' is not an MCE version such as 41.1");
		}
		int fiscalYear = Integer.parseInt(m.group(1)) + 1983;
		EffectivePeriod year = EffectivePeriod.fiscalYear(fiscalYear);
		boolean april = m.group(2) != null && Integer.parseInt(m.group(2)) > 0;
		return april ? new EffectivePeriod(LocalDate.of(fiscalYear, Month.APRIL, 1), year.end()) : year;
	}

	public String version() {
		return version;
	}

	public EffectivePeriod period() {
		return period;
	}

	/** Number of codes with at least one edit. */
	public int size() {
		return byKey.size();
	}

	public Collection<MceCodeEdits> codes() {
		return byKey.values();
	}

	/** The edits on a code (dotted or not); empty when the code has none. */
	public Optional<MceCodeEdits> edits(String code) {
		String key = Icd10CmCodes.key(code);
		return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
	}

	/** The ages an age category covers in this version, as parsed from the file. */
	public Optional<AgeEdit> ageCategory(AgeCategory category) {
		return Optional.ofNullable(categories.get(category));
	}

	/**
	 * The edits {@code code} fails for a patient.
	 *
	 * @param ageInYears the patient's age in completed years on the date of service (0 in the first year)
	 * @param sex the patient's sex, or {@code null} when unknown (then the sex edit is not applied)
	 * @param principal whether the code is the principal (first-listed) diagnosis
	 */
	public List<MceFinding> check(String code, int ageInYears, Sex sex, boolean principal) {
		Optional<MceCodeEdits> found = edits(code);
		if (found.isEmpty()) {
			return List.of();
		}
		MceCodeEdits edits = found.get();
		List<MceFinding> findings = new ArrayList<>(1);
		if (edits.age() != null && !edits.age().allows(ageInYears)) {
			findings.add(new MceFinding(MceFinding.Edit.AGE_CONFLICT, edits.code(), edits.code() + " is a "
					+ edits.age().rule() + " diagnosis; the patient is " + ageInYears));
		}
		if (edits.sex() != null && sex != null && edits.sex() != sex) {
			findings.add(new MceFinding(MceFinding.Edit.SEX_CONFLICT, edits.code(), edits.code() + " is for "
					+ edits.sex().name().toLowerCase(Locale.ROOT) + " patients only"));
		}
		if (edits.manifestation() && principal) {
			findings.add(new MceFinding(MceFinding.Edit.MANIFESTATION_AS_PRINCIPAL, edits.code(), edits.code()
					+ " is a manifestation code and may not be the principal diagnosis; code the underlying condition first"));
		}
		return findings;
	}
}
