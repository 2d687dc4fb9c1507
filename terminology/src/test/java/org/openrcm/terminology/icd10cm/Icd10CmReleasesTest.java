package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.terminology.CodeSetVersions;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;

class Icd10CmReleasesTest {

	private static Icd10CmCodeSet release(Icd10CmRelease release, String rows) throws IOException {
		return new Icd10CmCsvLoader().load(new StringReader("code,billable,description\n" + rows), "test.csv", release);
	}

	/** FY2023 has U07.0 (deleted in FY2024 for the test) and M54.5 billable; FY2024 splits M54.5 and adds Z91.A. */
	private static CodeSetVersions<Icd10CmCodeSet> versions() throws IOException {
		return CodeSetVersions.<Icd10CmCodeSet>empty(Icd10CmCodeSet.SYSTEM)
				.with(release(Icd10CmRelease.fiscalYear(2023), """
						M54.5,1,Low back pain
						U07.0,1,Vaping-related disorder
						I10,1,Essential (primary) hypertension
						"""))
				.with(release(Icd10CmRelease.fiscalYear(2024), """
						M54.5,0,Low back pain
						M54.50,1,"Low back pain, unspecified"
						I10,1,Essential (primary) hypertension
						"""))
				.with(release(Icd10CmRelease.aprilUpdate(2024), """
						M54.5,0,Low back pain
						M54.50,1,"Low back pain, unspecified"
						I10,1,Essential (primary) hypertension
						Z91.A,0,Caregiver's noncompliance with patient's medical treatment and regimen
						"""));
	}

	@ParameterizedTest(name = "{0} on {1}: {2} from {3}, {4}")
	@CsvSource({
			"M54.5, 2022-12-01, VALID, 2023, COVERED",
			"M54.5, 2023-10-01, NOT_BILLABLE, 2024, COVERED",
			"M54.50, 2023-09-30, UNKNOWN, 2023, COVERED",
			"U07.0, 2023-09-30, VALID, 2023, COVERED",
			"U07.0, 2023-10-01, UNKNOWN, 2024, COVERED",
			"Z91.A, 2024-03-31, UNKNOWN, 2024, COVERED",
			"Z91.A, 2024-04-01, NOT_BILLABLE, 2024-04, COVERED",
			"I10, 2025-02-01, VALID, 2024-04, CODE_SET_OLDER_THAN_DATE",
			"M54.50, 2025-02-01, VALID, 2024-04, CODE_SET_OLDER_THAN_DATE",
			"I10, 2021-06-01, VALID, 2023, CODE_SET_NEWER_THAN_DATE",
			"X99.9, 2025-02-01, UNKNOWN, 2024-04, CODE_SET_OLDER_THAN_DATE"})
	void judgesACodeByTheReleaseInEffectOnTheDateOfService(String code, LocalDate date, CodeStatus status,
			String version, Coverage coverage) throws IOException {
		CodeValidation result = versions().validate(code, date);

		assertThat(result.status()).isEqualTo(status);
		assertThat(result.version()).isEqualTo(version);
		assertThat(result.coverage()).isEqualTo(coverage);
		assertThat(result.system()).isEqualTo(Icd10CmCodeSet.SYSTEM);
	}

	@Test
	void aDateAfterEveryReleaseStillAnswersButWarns() throws IOException {
		CodeValidation result = versions().validate("I10", LocalDate.of(2025, 2, 1));

		assertThat(result.reportable()).isTrue();
		assertThat(result.display()).isEqualTo("Essential (primary) hypertension");
		assertThat(result.message()).isEqualTo("I10 is valid on 2025-02-01 (release 2024-04); warning: the code set"
				+ " loaded is older than the date of service 2025-02-01, load the release in effect on that date");
	}

	@Test
	void withNothingLoadedEveryCodeIsUnknownWithAWarningRatherThanAnError() {
		CodeValidation result = CodeSetVersions.empty(Icd10CmCodeSet.SYSTEM).validate("I10", LocalDate.of(2024, 5, 1));

		assertThat(result.status()).isEqualTo(CodeStatus.UNKNOWN);
		assertThat(result.coverage().isWarning()).isTrue();
		assertThat(result.version()).isNull();
	}

	@Test
	void releasesAreListedOldestFirstAndFoundByVersion() throws IOException {
		CodeSetVersions<Icd10CmCodeSet> versions = versions();

		assertThat(versions.releases()).extracting(Icd10CmCodeSet::version).containsExactly("2023", "2024", "2024-04");
		assertThat(versions.release("2024-04").orElseThrow().contains("Z91.A")).isTrue();
		assertThat(Icd10CmRelease.parse("2024-04")).isEqualTo(Icd10CmRelease.aprilUpdate(2024));
		assertThat(Icd10CmRelease.aprilUpdate(2024).period().start()).isEqualTo(LocalDate.of(2024, 4, 1));
	}
}
