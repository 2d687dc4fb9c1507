package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.terminology.snapshot.SnapshotCache;

class PtpTableSnapshotTest {

	@TempDir
	Path directory;

	@Test
	void aTableReadFromItsSnapshotAnswersAsTheOriginal() throws IOException {
		PtpTable original = PtpTableTest.sharedLayoutSample();
		SnapshotCache cache = new SnapshotCache(directory);
		cache.write(new PtpTableSnapshot(), "2024Q3", "fingerprint", original);

		PtpTable restored = cache.read(new PtpTableSnapshot(), "2024Q3", "fingerprint").orElseThrow();

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
