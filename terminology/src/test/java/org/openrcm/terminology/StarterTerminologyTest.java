package org.openrcm.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCode;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCsvLoader;
import org.openrcm.terminology.icd10cm.Icd10CmCode;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCsvLoader;
import org.openrcm.terminology.modifiers.Modifier;
import org.openrcm.terminology.modifiers.ModifierCodeSet;
import org.openrcm.terminology.modifiers.ModifierKind;
import org.openrcm.terminology.modifiers.ModifierLoaderTest;
import org.openrcm.terminology.testing.SharedTestData;

class StarterTerminologyTest {

	@Test
	void shipsCommonDiagnosesWithTheirCategories() {
		Icd10CmCodeSet icd = StarterTerminology.icd10Cm();

		assertThat(icd.complete()).isFalse();
		assertThat(icd.billableCount()).isBetween(500, 700);
		assertThat(icd.get("I10").billable()).isTrue();
		assertThat(icd.get("E11.9").display()).isEqualTo("Type 2 diabetes mellitus without complications");
		assertThat(icd.get("Z00.00")).isNotNull();
		assertThat(icd.get("J06.9")).isNotNull();
		assertThat(icd.parent("E11.65").orElseThrow().code()).isEqualTo("E11");
		assertThat(icd.codes()).filteredOn(code -> code.code().length() == 3 && !code.billable()).isNotEmpty();
		CodeValidation validation = CodeSetVersions.<Icd10CmCodeSet>empty(Icd10CmCodeSet.SYSTEM).with(icd)
				.validate("M54.50", LocalDate.of(2024, 5, 1));
		assertThat(validation.reportable()).isTrue();
	}

	@Test
	void shipsCommonHcpcsCodesAndEveryModifier() {
		HcpcsCodeSet hcpcs = StarterTerminology.hcpcs();
		ModifierCodeSet modifiers = StarterTerminology.modifiers();

		assertThat(hcpcs.size()).isBetween(500, 650);
		assertThat(hcpcs.get("G0439").display()).startsWith("Annual wellness visit");
		assertThat(hcpcs.get("J1100").display()).isEqualTo("Injection, dexamethasone sodium phosphate, 1 mg");
		assertThat(hcpcs.modifiers()).hasSize(377);
		assertThat(modifiers.ofKind(ModifierKind.HCPCS_LEVEL_II)).hasSize(377)
				.allSatisfy(m -> assertThat(m.description()).isNotBlank());
		assertThat(modifiers.ofKind(ModifierKind.CPT)).hasSize(49).allSatisfy(m -> assertThat(m.description()).isNull());
		assertThat(modifiers.get("KX").categories()).contains("General", "Therapy");
	}

	@Test
	void exportsFourCodeSystemsWithFragmentsMarkedAsSuch() {
		assertThat(StarterTerminology.codeSystems())
				.extracting(CodeSystem::getUrl, CodeSystem::getContent)
				.containsExactly(
						tuple(
								"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
								CodeSystem.CodeSystemContentMode.COMPLETE),
						tuple(Icd10CmCodeSet.SYSTEM, CodeSystem.CodeSystemContentMode.FRAGMENT),
						tuple(HcpcsCodeSet.SYSTEM, CodeSystem.CodeSystemContentMode.FRAGMENT),
						tuple(CptCodeSet.SYSTEM, CodeSystem.CodeSystemContentMode.FRAGMENT));
		CodeSystem cpt = StarterTerminology.codeSystems().get(3);
		assertThat(cpt.getConcept()).hasSize(49).allSatisfy(c -> assertThat(c.hasDisplay()).isFalse());
		assertThat(StarterTerminology.codeSystems().get(1).getVersion()).isEqualTo("2024-04");
	}

	@Test
	void starterDiagnosesAgreeWithTheFullFy2024Release() throws IOException {
		Path file = SharedTestData.require("terminology-data/icd10cm/icd10cm_order_fy2024.csv.xz");
		Icd10CmCodeSet full = new Icd10CmCsvLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(),
				StarterTerminology.ICD10CM_RELEASE);

		for (Icd10CmCode code : StarterTerminology.icd10Cm().codes()) {
			Icd10CmCode released = full.get(code.code());
			assertThat(released).as(code.code()).isNotNull();
			assertThat(released.billable()).as(code.code()).isEqualTo(code.billable());
			assertThat(released.longDescription()).as(code.code()).isEqualTo(code.longDescription());
		}
	}

	@Test
	void starterHcpcsAndModifiersAgreeWithTheFullJuly2024Files() throws IOException {
		Path file = SharedTestData.require("terminology-data/hcpcs/hcpcs_level2_2024_jul.csv.xz");
		HcpcsCodeSet full = new HcpcsCsvLoader().load(CodeSetFiles.openText(file), file.getFileName().toString(),
				StarterTerminology.HCPCS_RELEASE);
		HcpcsCodeSet starter = StarterTerminology.hcpcs();
		for (HcpcsCode code : starter.codes()) {
			HcpcsCode released = full.get(code.code());
			assertThat(released).as(code.code()).isNotNull();
			assertThat(released.longDescription()).as(code.code()).isEqualTo(code.longDescription());
			assertThat(released.addDate()).as(code.code()).isEqualTo(code.addDate());
			assertThat(released.terminationDate()).as(code.code()).isEqualTo(code.terminationDate());
			assertThat(released.statusOn(LocalDate.of(2024, 7, 1))).as(code.code()).isEqualTo(CodeStatus.VALID);
		}

		ModifierCodeSet fullModifiers = ModifierLoaderTest.sharedModifiers();
		ModifierCodeSet starterModifiers = StarterTerminology.modifiers();
		for (Modifier modifier : fullModifiers.all()) {
			Modifier shipped = starterModifiers.get(modifier.code());
			assertThat(shipped).as(modifier.code()).isNotNull();
			assertThat(shipped.description()).as(modifier.code()).isEqualTo(modifier.description());
			assertThat(shipped.categories()).as(modifier.code()).containsExactlyInAnyOrderElementsOf(modifier.categories());
		}
	}
}
