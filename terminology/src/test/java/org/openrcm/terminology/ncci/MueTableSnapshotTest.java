package org.openrcm.terminology.ncci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.Snapshots;

class MueTableSnapshotTest {

	@Test
	void aTableReadFromItsSnapshotAnswersAsTheOriginal() throws IOException {
		String file = "ncci/ncci_mue_practitioner-sample.csv";
		MueTable original = new MueLoader().load(Fixtures.reader(file), file, NcciQuarter.parse("2024Q3"), "practitioner");

		MueTable restored = Snapshots.roundTrip(new MueTableSnapshot(), original);

		assertThat(restored.quarter()).isEqualTo(original.quarter());
		assertThat(restored.serviceType()).isEqualTo("practitioner");
		assertThat(restored.codes()).containsExactlyElementsOf(original.codes());
		for (String code : original.codes()) {
			assertThat(restored.edit(code)).isEqualTo(original.edit(code));
		}
	}
}
