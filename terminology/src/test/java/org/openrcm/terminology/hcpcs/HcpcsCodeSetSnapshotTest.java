package org.openrcm.terminology.hcpcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.Snapshots;

class HcpcsCodeSetSnapshotTest {

	@Test
	void aReleaseReadFromItsSnapshotEqualsTheOriginal() throws IOException {
		String file = "hcpcs/HCPC2024_JUL_ANWEB_sample.txt";
		HcpcsCodeSet original = new HcpcsRecordFileLoader().load(Fixtures.reader(file), file, HcpcsRelease.parse("2024-07"));

		HcpcsCodeSet restored = Snapshots.roundTrip(new HcpcsCodeSetSnapshot(), original);

		assertThat(restored.release()).isEqualTo(original.release());
		assertThat(restored.codes()).containsExactlyElementsOf(original.codes());
		assertThat(restored.modifiers()).containsExactlyElementsOf(original.modifiers());
	}
}
