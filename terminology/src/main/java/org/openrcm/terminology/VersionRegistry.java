package org.openrcm.terminology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The loaded releases of one code set, each with the dates of service it is in effect for, answering "which release
 * applies on date D". Immutable: {@link #with} returns a new registry, so a server can swap registries atomically
 * and a failed load never disturbs the releases in service.
 *
 * <p>Resolution rules, in order:
 * <ol>
 * <li>releases in effect on the date: the one that starts latest wins (an April 1 ICD-10-CM update beats the
 * October release of the same fiscal year) → {@link Coverage#COVERED};</li>
 * <li>the date is after every release: the newest release → {@link Coverage#CODE_SET_OLDER_THAN_DATE};</li>
 * <li>the date falls in a gap between releases: the nearest older release → {@link Coverage#CODE_SET_OLDER_THAN_DATE};</li>
 * <li>the date precedes every release: the oldest release → {@link Coverage#CODE_SET_NEWER_THAN_DATE}.</li>
 * </ol>
 *
 * @param <T> the release type
 */
public final class VersionRegistry<T> {

	private static final Comparator<Release<?>> BY_START =
			Comparator.comparing((Release<?> r) -> r.period().start()).thenComparing(r -> r.period().end(),
					Comparator.nullsLast(Comparator.naturalOrder()));

	private final List<Release<T>> releases;

	private VersionRegistry(List<Release<T>> releases) {
		this.releases = releases;
	}

	/** A registry with no releases. */
	public static <T> VersionRegistry<T> empty() {
		return new VersionRegistry<>(List.of());
	}

	/**
	 * This registry plus one release; a release with the same version string replaces the one already there.
	 *
	 * @param version the release's version label, e.g. {@code 2024}, {@code 2024Q3}
	 * @param period the dates of service the release is in effect for
	 */
	public VersionRegistry<T> with(String version, EffectivePeriod period, T value) {
		List<Release<T>> next = new ArrayList<>(releases.size() + 1);
		for (Release<T> release : releases) {
			if (!release.version().equals(version)) {
				next.add(release);
			}
		}
		next.add(new Release<>(version, period, value));
		next.sort(BY_START);
		return new VersionRegistry<>(Collections.unmodifiableList(next));
	}

	/** The releases, oldest start first. */
	public List<Release<T>> releases() {
		return releases;
	}

	public boolean isEmpty() {
		return releases.isEmpty();
	}

	/** The release with this version label. */
	public Optional<Release<T>> release(String version) {
		return releases.stream().filter(r -> r.version().equals(version)).findFirst();
	}

	/** The release that starts latest, if any. */
	public Optional<Release<T>> newest() {
		return releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(releases.size() - 1));
	}

	/**
	 * The release that answers for {@code dateOfService}, with how well it covers that date; empty only when no
	 * release is loaded at all.
	 */
	public Optional<Resolution<T>> resolve(LocalDate dateOfService) {
		if (releases.isEmpty()) {
			return Optional.empty();
		}
		Release<T> covering = null;
		Release<T> older = null;
		for (Release<T> release : releases) {
			if (release.period().contains(dateOfService)) {
				covering = release;
			} else if (!release.period().start().isAfter(dateOfService)) {
				older = release;
			}
		}
		if (covering != null) {
			return Optional.of(new Resolution<>(covering, Coverage.COVERED));
		}
		if (older != null) {
			return Optional.of(new Resolution<>(older, Coverage.CODE_SET_OLDER_THAN_DATE));
		}
		return Optional.of(new Resolution<>(releases.get(0), Coverage.CODE_SET_NEWER_THAN_DATE));
	}

	/**
	 * One loaded release.
	 *
	 * @param version the version label
	 * @param period the dates of service it is in effect for
	 * @param value the loaded content
	 */
	public record Release<T>(String version, EffectivePeriod period, T value) {}

	/**
	 * The answer to "which release applies on a date".
	 *
	 * @param release the release to use
	 * @param coverage whether it is in effect on the date; anything but {@link Coverage#COVERED} is a warning
	 */
	public record Resolution<T>(Release<T> release, Coverage coverage) {

		public T value() {
			return release.value();
		}

		public String version() {
			return release.version();
		}
	}
}
