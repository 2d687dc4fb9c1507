package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * $lookup, $validate-code and $expand answers over every shared code set, imported the way the server imports its
 * folder (the HTTP layer is covered by TerminologyOperationsIT on small fixtures).
 */
class FullCodeSetsTest {

	static final LocalDate DOS = LocalDate.of(2024, 8, 15);
	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String CARC = "https://x12.org/codes/claim-adjustment-reason-codes";
	static final String RARC = "https://x12.org/codes/remittance-advice-remark-codes";
	static final String NUCC = "http://nucc.org/provider-taxonomy";

	static ImportReport report;
	static CodeSetValidationSupport support;
	static CodeSearchIndex index;

	@BeforeAll
	static void importEverything(@TempDir Path snapshots) throws IOException {
		report = new TerminologyImporter(new SnapshotCache(snapshots))
				.importFolder(SharedTestData.require("terminology-data"));
		TerminologyCatalog catalog = TerminologyCatalog.starter().with(report);
		support = new CodeSetValidationSupport(FhirContext.forR4Cached(), () -> catalog, Clock.systemUTC());
		index = CodeSearchIndex.build(catalog);
	}

	@AfterAll
	static void close() {
		if (index != null) {
			index.close();
		}
	}

	@Test
	void everySharedCodeSetLoads() {
		assertThat(report.failures()).isEmpty();
	}

	@Test
	void icd10cm() {
		LookupCodeResult e119 = support.lookup(ICD10CM, "E11.9", DOS);
		assertThat(e119.getCodeDisplay()).isEqualTo("Type 2 diabetes mellitus without complications");
		assertThat(e119.getCodeSystemVersion()).isEqualTo("2024");
		assertThat(support.validate(ICD10CM, "E11.9", null, DOS).isOk()).isTrue();
		assertThat(support.validate(ICD10CM, "E11", null, DOS).getMessage()).contains("header code");
		assertThat(support.validate(ICD10CM, "E11.99", null, DOS).isOk()).isFalse();
	}

	@Test
	void hcpcsWithTerminationDatesAndModifiers() {
		assertThat(support.validate(HCPCS, "G0008", null, DOS).isOk()).isTrue();
		CodeValidationResult terminated = support.validate(HCPCS, "A4397", null, DOS);
		assertThat(terminated.isOk()).isFalse();
		assertThat(terminated.getMessage()).contains("terminated");
		assertThat(support.validate(HCPCS, "A4397", null, LocalDate.of(2021, 6, 1)).getMessage())
				.contains("A4397"); // answered by the 2024 file, with a warning that it is newer than the date
		assertThat(support.lookup(HCPCS, "GT", DOS).isFound()).isTrue();
	}

	@Test
	void cptCodesWithoutAmaText() {
		LookupCodeResult officeVisit = support.lookup(CPT, "99213", DOS);
		assertThat(officeVisit.isFound()).isTrue();
		assertThat(officeVisit.getCodeDisplay()).isNull();
		assertThat(support.validate(CPT, "25", null, DOS).isOk()).isTrue();
	}

	@Test
	void placeOfServiceX12AndTaxonomy() {
		assertThat(support.lookup(POS, "11", DOS).getCodeDisplay()).isEqualTo("Office");
		assertThat(support.validate(CARC, "45", null, DOS).isOk()).isTrue();
		assertThat(support.validate(CARC, "15", null, DOS).isOk()).isFalse(); // stopped 2018-05-01
		assertThat(support.validate(RARC, "N130", null, DOS).isOk()).isTrue();
		assertThat(support.lookup(NUCC, "207Q00000X", DOS).getCodeDisplay()).contains("Family Medicine");
	}

	@Test
	void expandFiltersTheFullIcd10cm() {
		CodeSearchIndex.Page page = index.expand(ICD10CM, "diabetes kidney", 0, 100);

		assertThat(page.total()).isBetween(5L, 100L);
		assertThat(page.hits()).extracting(CodeSearchIndex.Hit::code).contains("E11.22");
		assertThat(page.hits()).allSatisfy(hit -> assertThat(hit.display().toLowerCase())
				.contains("diabet").contains("kidney"));
		assertThat(index.expand(ICD10CM, null, 0, 10).total()).isEqualTo(97_296);
	}
}
