package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import into the server's catalog: a bad file is reported with file, line and reason; nothing is lost. */
class TerminologyServiceTest {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final LocalDate DOS = LocalDate.of(2024, 6, 3);

	@Test
	void aMalformedFileFailsWithFileLineAndReasonAndTheCodeSetInServiceStays(@TempDir Path folder) throws Exception {
		Path icd = Files.createDirectories(folder.resolve("icd10cm"));
		Files.writeString(icd.resolve("icd10cm_order_2024.txt"), String.join("\n",
				"00001 E11     0 Type 2 diabetes mellitus" + " ".repeat(36) + " Type 2 diabetes mellitus",
				"00002 E119    Y Type 2 diabetes mellitus without complications" + " ".repeat(14)
						+ " Type 2 diabetes mellitus without complications"));
		TerminologyService service = new TerminologyService();
		String before = service.get().codeSet(ICD10CM).orElseThrow().versions().toString();
		boolean[] swapped = {false};

		service.importFolder(folder, folder.resolve(".snapshots"), () -> swapped[0] = true);

		assertThat(service.state()).isEqualTo(TerminologyService.State.IMPORTED_WITH_FAILURES);
		@SuppressWarnings("unchecked")
		List<String> failures = (List<String>) service.details().get("failures");
		assertThat(failures).singleElement().asString()
				.contains("icd10cm_order_2024.txt").contains(":2").containsIgnoringCase("billable");
		assertThat(service.get().codeSet(ICD10CM).orElseThrow().versions()).hasToString(before);
		assertThat(service.get().codeSet(ICD10CM).orElseThrow().validate("I10", DOS, null).reportable()).isTrue();
		assertThat(swapped[0]).isTrue();
	}

	@Test
	void aMissingFolderLeavesTheStarterSetInServiceAndSaysWhy(@TempDir Path folder) {
		TerminologyService service = new TerminologyService();

		service.importFolder(folder.resolve("no-such-folder"), folder.resolve(".snapshots"), () -> {});

		assertThat(service.state()).isEqualTo(TerminologyService.State.FAILED);
		assertThat(service.details().get("error")).asString().contains("no-such-folder");
		assertThat(service.get().codeSet(ICD10CM).orElseThrow().validate("I10", DOS, null).reportable()).isTrue();
	}
}
