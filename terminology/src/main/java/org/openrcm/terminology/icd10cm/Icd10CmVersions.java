package org.openrcm.terminology.icd10cm;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.VersionRegistry;

/**
 * The loaded ICD-10-CM releases, answering for a date of service. Immutable; {@link #with} returns a new instance
 * (a server keeps the current one in an atomic reference and swaps it after a successful load).
 *
 * <p>A code is valid on a date when it is a billable code of the release in effect on that date (FY N runs
 * October 1 N-1 .. September 30 N; an April 1 update runs April 1 .. September 30 and wins over the October
 * release for those dates). When no loaded release is in effect on the date, the nearest release answers and the
 * result carries a {@link Coverage} warning — never a silent pass and never a rejection of every code.
 */
public final class Icd10CmVersions {

	private final VersionRegistry<Icd10CmCodeSet> registry;

	private Icd10CmVersions(VersionRegistry<Icd10CmCodeSet> registry) {
		this.registry = registry;
	}

	public static Icd10CmVersions empty() {
		return new Icd10CmVersions(VersionRegistry.empty());
	}

	/** These releases plus {@code release} (replacing a release with the same version). */
	public Icd10CmVersions with(Icd10CmCodeSet release) {
		return new Icd10CmVersions(registry.with(release.version(), release.release().period(), release));
	}

	/** The loaded releases, oldest first. */
	public List<Icd10CmCodeSet> releases() {
		return registry.releases().stream().map(VersionRegistry.Release::value).toList();
	}

	/** The release with this version label ({@code 2024}, {@code 2024-04}). */
	public Optional<Icd10CmCodeSet> release(String version) {
		return registry.release(version).map(VersionRegistry.Release::value);
	}

	/** The release that answers for {@code dateOfService} and how well it covers it; empty when none is loaded. */
	public Optional<VersionRegistry.Resolution<Icd10CmCodeSet>> resolve(LocalDate dateOfService) {
		return registry.resolve(dateOfService);
	}

	/**
	 * Whether {@code code} may be reported for {@code dateOfService}: {@link CodeStatus#VALID} for a billable code
	 * of the release that applies, {@link CodeStatus#NOT_BILLABLE} for a header, {@link CodeStatus#UNKNOWN} for a
	 * code absent from it (e.g. deleted in that fiscal year). With no release loaded, every code is UNKNOWN with
	 * coverage {@link Coverage#CODE_SET_OLDER_THAN_DATE}.
	 */
	public CodeValidation validate(String code, LocalDate dateOfService) {
		Optional<VersionRegistry.Resolution<Icd10CmCodeSet>> resolution = registry.resolve(dateOfService);
		if (resolution.isEmpty()) {
			return new CodeValidation(Icd10CmCodeSet.SYSTEM, code == null ? "" : code.trim(), CodeStatus.UNKNOWN, null,
					null, dateOfService, Coverage.CODE_SET_OLDER_THAN_DATE);
		}
		return resolution.get().value().validate(code, dateOfService, resolution.get().coverage());
	}
}
