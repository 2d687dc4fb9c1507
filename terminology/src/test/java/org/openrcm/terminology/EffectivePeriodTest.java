package org.openrcm.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectivePeriodTest {

	@Test
	void fiscalYearRunsFromOctoberFirstToSeptemberThirtieth() {
		EffectivePeriod fy2024 = EffectivePeriod.fiscalYear(2024);

		assertThat(fy2024.start()).isEqualTo(LocalDate.of(2023, 10, 1));
		assertThat(fy2024.end()).isEqualTo(LocalDate.of(2024, 9, 30));
	}

	@ParameterizedTest
	@CsvSource({"1, 2024-01-01, 2024-03-31", "2, 2024-04-01, 2024-06-30", "3, 2024-07-01, 2024-09-30",
			"4, 2024-10-01, 2024-12-31"})
	void quartersAreCalendarQuarters(int quarter, LocalDate start, LocalDate end) {
		assertThat(EffectivePeriod.quarter(2024, quarter)).isEqualTo(new EffectivePeriod(start, end));
	}

	@Test
	void containsBothEndsAndOpenEndsNeverClose() {
		EffectivePeriod q3 = EffectivePeriod.quarter(2024, 3);

		assertThat(q3.contains(LocalDate.of(2024, 7, 1))).isTrue();
		assertThat(q3.contains(LocalDate.of(2024, 9, 30))).isTrue();
		assertThat(q3.contains(LocalDate.of(2024, 10, 1))).isFalse();
		assertThat(q3.contains(LocalDate.of(2024, 6, 30))).isFalse();
		assertThat(new EffectivePeriod(LocalDate.of(1990, 1, 1), null).contains(LocalDate.of(2099, 1, 1))).isTrue();
	}

	@Test
	void rejectsAnEndBeforeTheStart() {
		assertThatThrownBy(() -> new EffectivePeriod(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 31)))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EffectivePeriod.quarter(2024, 5)).isInstanceOf(IllegalArgumentException.class);
	}
}
