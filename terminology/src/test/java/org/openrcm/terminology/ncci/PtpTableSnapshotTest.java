package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.testing.Snapshots;

class PtpTableSnapshotTest {

	@Test
	void aTableReadFromItsSnapshotAnswersAsTheOriginal() throws IOException {
		PtpTable original = PtpTableTest.sharedLayoutSample();

		PtpTable restored = Snapshots.roundTrip(new PtpTableSnapshot(), original);

		assertThat(restored.quarter()).isEqualTo(original.quarter());
		assertThat(restored.size()).isEqualTo(original.size());
		assertThat(restored.codes()).containsExactlyElementsOf(original.codes());
		for (String first : original.codes()) {
			for (String second : original.codes()) {
				for (LocalDate date : new LocalDate[] {LocalDate.of(2001, 1, 1), LocalDate.of(2021, 6, 1),
						LocalDate.of(2024, 8, 1)}) {
					assertThat(restored.edit(first, second, date)).isEqualTo(original.edit(first, second, date));
				}
			}
		}
	}
}
