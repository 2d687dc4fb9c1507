package org.openrcm.terminology.modifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsModifier;
import org.openrcm.terminology.testing.Fixtures;
import org.openrcm.terminology.testing.SharedTestData;

public class ModifierLoaderTest {

	private static ModifierCodeSet sample() throws IOException {
		return new ModifierLoader()
				.addHcpcs(Fixtures.reader("modifiers/hcpcs-modifiers.csv"), "hcpcs-modifiers.csv")
				.addHcpcsGroups(Fixtures.reader("modifiers/hcpcs-modifiers-groups.csv"), "hcpcs-modifiers-groups.csv")
				.addCpt(Fixtures.reader("modifiers/cpt-modifiers.csv"), "cpt-modifiers.csv")
				.build("2024-06");
	}

	@Test
	void mergesTheHcpcsListsAndKeepsCptModifiersAsBareCodes() throws IOException {
		ModifierCodeSet set = sample();

		assertThat(set.ofKind(ModifierKind.HCPCS_LEVEL_II)).extracting(Modifier::code)
				.containsExactly("GT", "KX", "LT", "TC", "RH");
		assertThat(set.get("kx").categories()).containsExactly("General", "Therapy");
		assertThat(set.get("GT").categories()).containsExactly("Telehealth");
		assertThat(set.get("RH").description()).isEqualTo("Residence to hospital");
		assertThat(set.get("TC").information()).startsWith("Under certain circumstances");
		assertThat(set.get("R")).as("ambulance origin letters are not modifiers").isNull();
		assertThat(set.cptModifiers()).containsExactly("25", "59", "P1");
		assertThat(set.get("25").description()).isNull();
		assertThat(set.get("25").kind().system()).isEqualTo(CptCodeSet.SYSTEM);
		assertThat(set.get("LT").kind().system()).isEqualTo(HcpcsCodeSet.SYSTEM);
	}

	@Test
	void validatesAgainstTheModifierKindAndDates() throws IOException {
		ModifierCodeSet set = new ModifierLoader()
				.addHcpcs(Fixtures.reader("modifiers/hcpcs-modifiers.csv"), "hcpcs-modifiers.csv")
				.addHcpcsRecords(List.of(new HcpcsModifier("GT", "Via interactive audio and video telecommunication systems",
						"Interactive telecommunication", LocalDate.of(2002, 1, 1), null)))
				.build("2024-07");

		assertThat(set.validate("GT", LocalDate.of(2024, 6, 1)).status()).isEqualTo(CodeStatus.VALID);
		assertThat(set.validate("GT", LocalDate.of(2001, 1, 1)).status()).isEqualTo(CodeStatus.NOT_YET_EFFECTIVE);
		assertThat(set.validate("ZZ", LocalDate.of(2024, 6, 1)).status()).isEqualTo(CodeStatus.UNKNOWN);
		assertThat(set.get("GT").categories()).containsExactly("Telehealth");
	}

	@Test
	void rejectsMalformedFilesNamingFileLineAndReason() {
		assertThatThrownBy(() -> new ModifierLoader().addHcpcs(Fixtures.reader("modifiers/modifiers-bad-code.csv"),
				"modifiers-bad-code.csv"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("modifiers-bad-code.csv:3: modifier 'LTX' is not two letters or digits");
		assertThatThrownBy(() -> new ModifierLoader().addCpt(Fixtures.reader("modifiers/cpt-modifiers-bad.csv"),
				"cpt-modifiers-bad.csv"))
				.hasMessage("cpt-modifiers-bad.csv:3: modifier 'GT' is not a CPT modifier (two digits, P1-P6 or nP)");
		assertThatThrownBy(() -> new ModifierLoader()
				.addHcpcs(Fixtures.reader("modifiers/hcpcs-modifiers-with-cpt-code.csv"), "hcpcs-modifiers-with-cpt-code.csv")
				.addCpt(Fixtures.reader("modifiers/cpt-modifiers.csv"), "cpt-modifiers.csv"))
				.hasMessage("cpt-modifiers.csv:2: modifier 25 is already a HCPCS_LEVEL_II modifier");
	}

	/** The three shared modifier lists, merged. */
	public static ModifierCodeSet sharedModifiers() throws IOException {
		Path main = SharedTestData.require("terminology-data/modifiers/hcpcs_level2_modifiers_2024.csv");
		Path groups = SharedTestData.require("terminology-data/modifiers/hcpcs_level2_modifiers_additional_2024.csv");
		Path cpt = SharedTestData.require("terminology-data/modifiers/cpt_modifier_codes_no_descriptions.csv");
		return new ModifierLoader()
				.addHcpcs(CodeSetFiles.openText(main), main.getFileName().toString())
				.addHcpcsGroups(CodeSetFiles.openText(groups), groups.getFileName().toString())
				.addCpt(CodeSetFiles.openText(cpt), cpt.getFileName().toString())
				.build("2024-06");
	}

	@Test
	void loadsTheSharedModifierLists() throws IOException {
		ModifierCodeSet set = sharedModifiers();

		assertThat(set.ofKind(ModifierKind.HCPCS_LEVEL_II)).hasSize(377);
		assertThat(set.ofKind(ModifierKind.CPT)).hasSize(49);
		assertThat(set.get("LT").description()).startsWith("Left side");
		assertThat(set.get("GT").categories()).contains("Telehealth");
		assertThat(set.cptModifiers()).contains("25", "59", "P1", "1P");
		assertThat(set.ofKind(ModifierKind.CPT)).allSatisfy(m -> assertThat(m.description()).isNull());
	}
}
