package org.openrcm.terminology.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.StarterTerminology;
import org.openrcm.terminology.testing.SharedTestData;

class PlaceOfServiceLoaderTest {

	private final PlaceOfServiceLoader loader = new PlaceOfServiceLoader();

	private static Reader fixture(String name) {
		return new InputStreamReader(
				PlaceOfServiceLoaderTest.class.getResourceAsStream("/fixtures/terminology/pos/" + name),
				StandardCharsets.UTF_8);
	}

	@Test
	void readsCmsLayoutWithFacilityFlagAndSkipsUnassigned() throws IOException {
		PlaceOfServiceCodeSet set = loader.load(fixture("pos-cms-layout.csv"), "pos-cms-layout.csv", "2024-06");

		assertThat(set.codes()).extracting(PlaceOfService::code).containsExactly("11", "21", "99");
		assertThat(set.contains("28")).isFalse();
		assertThat(set.get("11").name()).isEqualTo("Office");
		assertThat(set.get("11").pfsFacility()).isFalse();
		assertThat(set.get("21").pfsFacility()).isTrue();
		assertThat(set.get("11").description()).startsWith("Location, other than a hospital,");
	}

	@Test
	void readsHl7Layout() throws IOException {
		PlaceOfServiceCodeSet set = loader.load(fixture("pos-hl7-layout.csv"), "pos-hl7-layout.csv", "20240502");

		assertThat(set.get("02").name()).isEqualTo("Telehealth Provided Other than in Patient's Home");
		assertThat(set.get("02").pfsFacility()).isNull();
		assertThat(set.version()).isEqualTo("20240502");
	}

	@Test
	void buildsACompleteFhirCodeSystem() throws IOException {
		CodeSystem cs = loader.load(fixture("pos-cms-layout.csv"), "f.csv", "2024-06").toCodeSystem();

		assertThat(cs.getUrl()).isEqualTo(PlaceOfServiceCodeSet.SYSTEM);
		assertThat(cs.getVersion()).isEqualTo("2024-06");
		assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
		assertThat(cs.getCount()).isEqualTo(3);
		CodeSystem.ConceptDefinitionComponent office = cs.getConcept().get(0);
		assertThat(office.getCode()).isEqualTo("11");
		assertThat(office.getDisplay()).isEqualTo("Office");
		assertThat(office.getPropertyFirstRep().getCode()).isEqualTo(PlaceOfServiceCodeSet.PROPERTY_PFS_SITE);
		assertThat(office.getPropertyFirstRep().getValue().primitiveValue()).isEqualTo("non-facility");
	}

	@Test
	void rejectsMalformedFilesNamingFileAndLine() {
		assertThatThrownBy(() -> loader.load(fixture("pos-bad-code.csv"), "pos-bad-code.csv", "x"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("pos-bad-code.csv:3: place-of-service code '1A' is not two digits");
		assertThatThrownBy(() -> loader.load(fixture("pos-duplicate.csv"), "pos-duplicate.csv", "x"))
				.hasMessage("pos-duplicate.csv:3: place-of-service code 11 appears twice");
		assertThatThrownBy(() -> loader.load(fixture("pos-bad-facility.csv"), "pos-bad-facility.csv", "x"))
				.hasMessage("pos-bad-facility.csv:2: pfs_facility_type 'Sometimes' is neither Facility nor Non-Facility");
	}

	@Test
	void starterSetHoldsEveryAssignedCode() {
		PlaceOfServiceCodeSet starter = StarterTerminology.placeOfService();

		assertThat(starter.codes()).hasSize(52);
		assertThat(starter.get("11").name()).isEqualTo("Office");
		assertThat(starter.get("10").name()).isEqualTo("Telehealth Provided in Patient’s Home");
		assertThat(starter.get("66")).isNotNull();
		assertThat(starter.get("23").pfsFacility()).isTrue();
		assertThat(StarterTerminology.codeSystems())
				.anySatisfy(cs -> assertThat(cs.getUrl()).isEqualTo(PlaceOfServiceCodeSet.SYSTEM));
	}

	@Test
	void loadsTheFullSharedFilesAndAgreesWithTheStarterSet() throws IOException {
		Path tho = SharedTestData.require("terminology-data/pos/pos_codes_tho_20240502.csv");
		Path cms = SharedTestData.require("terminology-data/pos/pos_codes_facility_flag_2024.csv");

		PlaceOfServiceCodeSet thoSet = loader.load(CodeSetFiles.openText(tho), tho.getFileName().toString(), "20240502");
		PlaceOfServiceCodeSet cmsSet = loader.load(CodeSetFiles.openText(cms), cms.getFileName().toString(), "2024-06");

		assertThat(thoSet.codes()).hasSize(52);
		assertThat(cmsSet.codes()).allSatisfy(pos -> assertThat(pos.pfsFacility()).isNotNull());
		assertThat(cmsSet.contains("11")).isTrue();
		assertThat(StarterTerminology.placeOfService().codes())
				.extracting(PlaceOfService::code)
				.containsExactlyElementsOf(thoSet.codes().stream().map(PlaceOfService::code).toList());
	}
}
