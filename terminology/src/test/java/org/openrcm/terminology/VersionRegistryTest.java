package org.openrcm.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRegistryTest {

	private final VersionRegistry<String> registry = VersionRegistry.<String>empty()
			.with("2022", EffectivePeriod.fiscalYear(2022), "fy2022")
			.with("2024", EffectivePeriod.fiscalYear(2024), "fy2024")
			.with("2024-04", new EffectivePeriod(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 30)), "fy2024-april");

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource({
			"2021-10-01, 2022, COVERED",
			"2023-11-15, 2024, COVERED",
			"2024-03-31, 2024, COVERED",
			"2024-04-01, 2024-04, COVERED",
			"2024-09-30, 2024-04, COVERED",
			"2025-03-01, 2024-04, CODE_SET_OLDER_THAN_DATE",
			"2023-01-15, 2022, CODE_SET_OLDER_THAN_DATE",
			"2019-06-30, 2022, CODE_SET_NEWER_THAN_DATE"})
	void picksTheReleaseInEffectOrTheNearestWithAWarning(LocalDate date, String version, Coverage coverage) {
		VersionRegistry.Resolution<String> resolution = registry.resolve(date).orElseThrow();

		assertThat(resolution.version()).isEqualTo(version);
		assertThat(resolution.coverage()).isEqualTo(coverage);
		assertThat(resolution.coverage().isWarning()).isEqualTo(coverage != Coverage.COVERED);
	}

	@Test
	void reloadingAVersionReplacesItAndLeavesTheOriginalRegistryAlone() {
		VersionRegistry<String> reloaded = registry.with("2024", EffectivePeriod.fiscalYear(2024), "fy2024-corrected");

		assertThat(reloaded.releases()).hasSize(3);
		assertThat(reloaded.release("2024").orElseThrow().value()).isEqualTo("fy2024-corrected");
		assertThat(registry.release("2024").orElseThrow().value()).isEqualTo("fy2024");
		assertThat(reloaded.newest().orElseThrow().version()).isEqualTo("2024-04");
	}

	@Test
	void anEmptyRegistryResolvesNothing() {
		assertThat(VersionRegistry.empty().resolve(LocalDate.of(2024, 1, 1))).isEmpty();
		assertThat(VersionRegistry.empty().newest()).isEmpty();
	}
}
