package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.snapshot.SnapshotCache;

/** The billing code sets behind $lookup and $validate-code, without Spring: starter set plus two fixture releases. */
class CodeSetValidationSupportTest {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final LocalDate IN_FY2024 = LocalDate.of(2024, 6, 3);
	static final LocalDate IN_FY2025 = LocalDate.of(2025, 2, 10);

	static CodeSetValidationSupport starter;
	static CodeSetValidationSupport imported;

	@BeforeAll
	static void load(@TempDir Path snapshots) throws Exception {
		Clock today = Clock.fixed(IN_FY2025.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
		TerminologyCatalog catalog = TerminologyCatalog.starter();
		starter = new CodeSetValidationSupport(FhirContext.forR4Cached(), () -> catalog, today);
		TerminologyCatalog withFixtures =
				catalog.with(new TerminologyImporter(new SnapshotCache(snapshots)).importFolder(importFolder()));
		imported = new CodeSetValidationSupport(FhirContext.forR4Cached(), () -> withFixtures, today);
	}

	static Path importFolder() throws URISyntaxException {
		return Path.of(CodeSetValidationSupportTest.class.getResource("/terminology-import").toURI());
	}

	@Test
	void aCodeDeletedInFy2025IsValidFor2024AndInvalidFor2025DatesOfService() {
		assertThat(imported.validate(ICD10CM, "K52.1", null, IN_FY2024).isOk()).isTrue();

		CodeValidationResult in2025 = imported.validate(ICD10CM, "K52.1", null, IN_FY2025);
		assertThat(in2025.isOk()).isFalse();
		assertThat(in2025.getSeverity()).isEqualTo(IssueSeverity.ERROR);
		assertThat(in2025.getMessage()).contains("K52.1").contains("2025");
		assertThat(imported.validate(ICD10CM, "K52.21", null, IN_FY2025).isOk()).isTrue();
		assertThat(imported.validate(ICD10CM, "K52.21", null, IN_FY2024).isOk()).isFalse();
	}

	@Test
	void aHeaderCodeIsFoundButNotValidForAClaim() {
		LookupCodeResult lookup = imported.lookup(ICD10CM, "E11", IN_FY2025);
		assertThat(lookup.isFound()).isTrue();
		assertThat(lookup.getCodeDisplay()).isEqualTo("Type 2 diabetes mellitus");
		assertThat(lookup.getProperties())
				.anySatisfy(p -> assertThat(p.getPropertyName()).isEqualTo("billable"));

		CodeValidationResult validation = imported.validate(ICD10CM, "E11", null, IN_FY2025);
		assertThat(validation.isOk()).isFalse();
		assertThat(validation.getMessage()).contains("header code");
	}

	@Test
	void aDateAfterEveryReleaseIsAnsweredByTheNewestWithAWarning() {
		CodeValidationResult result = imported.validate(ICD10CM, "I10", null, LocalDate.of(2026, 11, 2));

		assertThat(result.isOk()).isTrue();
		assertThat(result.getCodeSystemVersion()).isEqualTo("2025");
		assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
		assertThat(result.getMessage()).contains("older than the date of service");
	}

	@Test
	void aVersionChoosesTheRelease() {
		assertThat(imported.validate(ICD10CM + "|2024", "K52.1", null, IN_FY2025).isOk()).isTrue();
		assertThat(imported.validate(ICD10CM + "|2025", "K52.1", null, IN_FY2024).isOk()).isFalse();

		CodeValidationResult notLoaded = imported.validate(ICD10CM + "|2019", "I10", null, IN_FY2025);
		assertThat(notLoaded.isOk()).isFalse();
		assertThat(notLoaded.getMessage()).contains("version 2019 is not loaded").contains("2024, 2025");
	}

	@Test
	void aCompleteImportRetiresTheStarterFragment() {
		// J45.909 is in the starter set, not in the fixture releases
		assertThat(starter.validate(ICD10CM, "J45.909", null, IN_FY2024).isOk()).isTrue();
		assertThat(imported.validate(ICD10CM, "J45.909", null, IN_FY2024).isOk()).isFalse();
	}

	@Test
	void theStarterSetAnswersForHcpcsModifiersAndPlaceOfService() {
		assertThat(starter.lookup(HCPCS, "G0008", IN_FY2024).getCodeDisplay()).containsIgnoringCase("influenza");
		assertThat(starter.validate(HCPCS, "GT", null, IN_FY2024).isOk()).isTrue();
		assertThat(starter.validate(CPT, "25", null, IN_FY2024).isOk()).isTrue();
		assertThat(starter.validate(CPT, "25", null, IN_FY2024).getDisplay()).isNull(); // no AMA text shipped
		assertThat(starter.lookup(POS, "11", IN_FY2024).getCodeDisplay()).isEqualTo("Office");
		assertThat(starter.validate(POS, "1X", null, IN_FY2024).isOk()).isFalse();
		assertThat(starter.lookup(POS, "1X", IN_FY2024).isFound()).isFalse();
	}

	@Test
	void aWrongDisplayIsAWarningNotARejection() {
		CodeValidationResult result = imported.validate(ICD10CM, "I10", "High blood pressure", IN_FY2025);

		assertThat(result.isOk()).isTrue();
		assertThat(result.getSeverity()).isEqualTo(IssueSeverity.WARNING);
		assertThat(result.getMessage()).contains("Essential (primary) hypertension");
	}

	@Test
	void otherSystemsAreLeftToTheRestOfTheChain() {
		assertThat(imported.handles("http://loinc.org")).isFalse();
		assertThat(imported.validate("http://loinc.org", "1234-5", null, IN_FY2025)).isNull();
		assertThat(imported.lookup("http://snomed.info/sct", "38341003", IN_FY2025)).isNull();
	}
}
