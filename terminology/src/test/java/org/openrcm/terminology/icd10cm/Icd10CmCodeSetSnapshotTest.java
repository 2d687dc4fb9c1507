package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.Snapshots;

class Icd10CmCodeSetSnapshotTest {

	@Test
	void aReleaseReadFromItsSnapshotEqualsTheOriginal() throws IOException {
		String file = "icd10cm/icd10cm_tabular_2024-sample.xml";
		Icd10CmCodeSet original = new Icd10CmTabularLoader().load(Fixtures.stream(file), file).toCodeSet();

		Icd10CmCodeSet restored = Snapshots.roundTrip(new Icd10CmCodeSetSnapshot(), original);

		assertThat(restored.release()).isEqualTo(original.release());
		assertThat(restored.complete()).isEqualTo(original.complete());
		assertThat(restored.codes()).containsExactlyElementsOf(original.codes());
		assertThat(restored.billableDescendants("S72")).containsExactlyElementsOf(original.billableDescendants("S72"));
		assertThat(restored.get("T16.1XXA").section().range()).isEqualTo("T15-T19");
	}
}
