package org.openrcm.terminology.nucc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.FhirCodeSystems;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.SharedTestData;

class NuccTaxonomyLoaderTest {

	private static NuccTaxonomyCodeSet sample() throws IOException {
		String file = "nucc/nucc_taxonomy-sample.csv";
		return new NuccTaxonomyLoader().load(Fixtures.reader(file), Fixtures.name(file), "25.1");
	}

	@Test
	void readsNuccColumnsAndLinksSpecializationsToTheirClassification() throws IOException {
		NuccTaxonomyCodeSet set = sample();

		NuccTaxonomy sports = set.get("207qs0010x");
		assertThat(sports.displayName()).isEqualTo("Sports Medicine (Family Medicine) Physician");
		assertThat(sports.classification()).isEqualTo("Family Medicine");
		assertThat(sports.section()).isEqualTo("Individual");
		assertThat(set.parent("207QS0010X").orElseThrow().code()).isEqualTo("207Q00000X");
		assertThat(set.parent("207Q00000X")).isEmpty();
		assertThat(set.parent("261QP2300X")).as("no classification-level code in the file").isEmpty();
		assertThat(set.validate("207Q00000X", LocalDate.of(2025, 8, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(set.validate("207Q00000Y", LocalDate.of(2025, 8, 1)).status()).isEqualTo(CodeStatus.UNKNOWN);
	}

	@Test
	void exportsTheTaxonomyWithItsHierarchy() throws IOException {
		CodeSystem cs = sample().toCodeSystem();

		assertThat(cs.getUrl()).isEqualTo("http://nucc.org/provider-taxonomy");
		assertThat(cs.getVersion()).isEqualTo("25.1");
		assertThat(cs.getConcept().get(2).getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
				.contains(FhirCodeSystems.PARENT + "=207Q00000X", "specialization=Sports Medicine", "section=Individual");
		assertThat(cs.getConcept().get(1).getDefinition()).startsWith("Family Medicine is the medical specialty");
	}

	@Test
	void rejectsAMalformedCodeNamingFileAndLine() {
		assertThatThrownBy(() -> new NuccTaxonomyLoader().load(Fixtures.reader("nucc/nucc-bad-code.csv"), "nucc-bad-code.csv",
				"25.1"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("nucc-bad-code.csv:3: taxonomy code '207Q0000' is not nine letters or digits followed by X");
	}

	@Test
	void loadsTheSharedVersion251() throws IOException {
		Path file = SharedTestData.require("terminology-data/nucc/nucc_taxonomy_251.csv");
		NuccTaxonomyCodeSet set = new NuccTaxonomyLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(),
				"25.1");

		assertThat(set.size()).isEqualTo(883);
		assertThat(set.codes().stream().filter(t -> t.section().equals("Non-Individual")).count()).isEqualTo(185);
		assertThat(set.get("207Q00000X").displayName()).isEqualTo("Family Medicine Physician");
		assertThat(set.get("363L00000X").classification()).isEqualTo("Nurse Practitioner");
		assertThat(set.parent("207QS0010X").orElseThrow().code()).isEqualTo("207Q00000X");
	}
}
