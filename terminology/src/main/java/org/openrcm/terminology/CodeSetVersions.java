package org.openrcm.terminology;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The loaded releases of one dated code set (ICD-10-CM, HCPCS Level II), answering for a date of service. Immutable;
 * {@link #with} returns a new instance, so a server keeps the current one in an atomic reference and swaps it after
 * a successful load: a failed load leaves the releases in service untouched.
 *
 * <p>The release that applies follows {@link VersionRegistry}'s rules. When no loaded release is in effect on the
 * date, the nearest release answers and the result carries a {@link Coverage} warning — never a silent pass, and
 * never a rejection of every code.
 *
 * @param <T> the release type
 */
public final class CodeSetVersions<T extends DatedCodeSet> {

	private final String system;
	private final VersionRegistry<T> registry;

	private CodeSetVersions(String system, VersionRegistry<T> registry) {
		this.system = system;
		this.registry = registry;
	}

	/** No releases of the code set with this FHIR system URL. */
	public static <T extends DatedCodeSet> CodeSetVersions<T> empty(String system) {
		return new CodeSetVersions<>(system, VersionRegistry.empty());
	}

	public String system() {
		return system;
	}

	/** These releases plus {@code release}, replacing a loaded release with the same version. */
	public CodeSetVersions<T> with(T release) {
		if (!release.system().equals(system)) {
			throw new IllegalArgumentException(release.system() + " is not " + system);
		}
		return new CodeSetVersions<>(system, registry.with(release.version(), release.period(), release));
	}

	/** The loaded releases, oldest first. */
	public List<T> releases() {
		return registry.releases().stream().map(VersionRegistry.Release::value).toList();
	}

	/** The release with this version label. */
	public Optional<T> release(String version) {
		return registry.release(version).map(VersionRegistry.Release::value);
	}

	/** The release that answers for {@code dateOfService} and how well it covers it; empty when none is loaded. */
	public Optional<VersionRegistry.Resolution<T>> resolve(LocalDate dateOfService) {
		return registry.resolve(dateOfService);
	}

	/**
	 * Whether {@code code} may be reported for {@code dateOfService}, judged by the release that applies. With no
	 * release loaded every code is {@link CodeStatus#UNKNOWN} with coverage {@link Coverage#CODE_SET_OLDER_THAN_DATE}.
	 */
	public CodeValidation validate(String code, LocalDate dateOfService) {
		Optional<VersionRegistry.Resolution<T>> resolution = registry.resolve(dateOfService);
		if (resolution.isEmpty()) {
			return new CodeValidation(system, code == null ? "" : code.trim(), CodeStatus.UNKNOWN, null, null,
					dateOfService, Coverage.CODE_SET_OLDER_THAN_DATE);
		}
		return resolution.get().value().validate(code, dateOfService, resolution.get().coverage());
	}
}
