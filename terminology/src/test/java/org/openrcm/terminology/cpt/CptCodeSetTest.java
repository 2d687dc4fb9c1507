package org.openrcm.terminology.cpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.testing.Fixtures;

class CptCodeSetTest {

	private static CptCodeSet fromPublicFiles() throws IOException {
		return new CptCodeSetBuilder()
				.addCodes(List.of("99213", "99214", "J1100", "G0008", "0591T"), CptSource.NCCI_PTP)
				.addCodes(List.of("99213", "1036F"), CptSource.NCCI_MUE)
				.addPfsRelativeValueFile(Fixtures.reader("cpt/pfs-rvu-sample.csv"), "pfs-rvu-sample.csv")
				.addModifiers(List.of("25", "59", "GT", "P1"))
				.build("2024Q3");
	}

	@Test
	void keepsOnlyCptSpelledCodesWithTheFilesTheyCameFrom() throws IOException {
		CptCodeSet set = fromPublicFiles();

		assertThat(set.codes()).containsExactly("0591T", "1036F", "99213", "99214");
		assertThat(set.sources("99213")).containsExactly(CptSource.NCCI_PTP, CptSource.NCCI_MUE, CptSource.PFS_RVU);
		assertThat(set.contains("J1100")).as("HCPCS Level II, not CPT").isFalse();
		assertThat(set.modifiers()).containsExactly("25", "59", "P1");
		assertThat(set.descriptor("99213")).isEmpty();
		assertThat(set.hasDescriptors()).isFalse();
	}

	@Test
	void shipsNoDescriptorsAFragmentAndTheAmaNotice() throws IOException {
		CodeSystem cs = fromPublicFiles().toCodeSystem();

		assertThat(cs.getUrl()).isEqualTo("http://www.ama-assn.org/go/cpt");
		assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
		assertThat(cs.getCopyright()).contains("American Medical Association");
		assertThat(cs.getConcept()).hasSize(7).allSatisfy(c -> assertThat(c.hasDisplay()).isFalse());
	}

	@Test
	void aLicenseeFileAddsDescriptorsAndItsCodes() throws IOException {
		CptDescriptors licensed = new CptDescriptorLoader()
				.load(Fixtures.reader("cpt/licensee-descriptors.txt"), "licensee-descriptors.txt", "2024");
		CptCodeSet set = fromPublicFiles().withDescriptors(licensed);

		assertThat(licensed.size()).isEqualTo(4);
		assertThat(set.descriptor("99213")).contains("Licensee descriptor text for 99213");
		assertThat(set.descriptor("1036F")).contains("Licensee descriptor text for 1036F");
		assertThat(set.descriptor("25")).contains("Licensee descriptor text for modifier 25");
		assertThat(set.sources("0591T")).contains(CptSource.LICENSEE, CptSource.NCCI_PTP);
		assertThat(set.validate("99213", LocalDate.of(2024, 8, 1)).display())
				.isEqualTo("Licensee descriptor text for 99213");
		CodeSystem cs = set.toCodeSystem();
		assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
		assertThat(cs.getVersion()).isEqualTo("2024");
	}

	@Test
	void validatesKnownCodesAndModifiers() throws IOException {
		CptCodeSet set = fromPublicFiles();

		assertThat(set.validate("99214", LocalDate.of(2024, 8, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(set.validate("59", LocalDate.of(2024, 8, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(set.validate("99499", LocalDate.of(2024, 8, 1)).status()).isEqualTo(CodeStatus.UNKNOWN);
	}

	@ParameterizedTest
	@CsvSource(delimiterString = " => ", value = {
			"cpt/licensee-duplicate.txt => licensee-duplicate.txt:3: code 99213 appears twice",
			"cpt/licensee-not-cpt.txt => licensee-not-cpt.txt:2: 'J1100' is not a CPT code or modifier"})
	void rejectsMalformedDescriptorFilesNamingFileLineAndReason(String fixture, String message) {
		assertThatThrownBy(() -> new CptDescriptorLoader().load(Fixtures.reader(fixture), Fixtures.name(fixture), "2024"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage(message);
	}
}
