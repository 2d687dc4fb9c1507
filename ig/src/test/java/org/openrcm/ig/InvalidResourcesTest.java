package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture has one defect; validation must fail on it and point at the offending element. */
class InvalidResourcesTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			claim-no-diagnosis.json                | claim    | Claim                   | Claim.diagnosis
			claim-five-pointers.json               | claim    | Claim.item[0]           | Claim.item.diagnosisSequence
			claim-unknown-pos.json                 | claim    | Claim.item[1].location  | place-of-service
			claim-total-mismatch.json              | claim    | Claim                   | orcm-claim-2
			claim-no-focal-insurance.json          | claim    | Claim                   | orcm-claim-1
			claim-zero-units.json                  | claim    | Claim.item[0]           | orcm-claim-5
			claim-line-without-cpt-or-hcpcs.json   | claim    | Claim.item[1]           | orcm-claim-4
			claim-diagnosis-not-icd10cm.json       | claim    | Claim.diagnosis[1]      | orcm-claim-3
			coverage-no-subscriber-id.json         | coverage | Coverage                | Coverage.subscriberId
			coverage-spouse-without-subscriber.json | coverage | Coverage               | orcm-cov-1
			""")
	void theDefectIsAnErrorAtTheOffendingElement(String fixture, String profile, String location, String mentions)
			throws IOException {
		IBaseResource resource = IgValidation.FHIR.newJsonParser().parseResource(read(fixture));

		List<SingleValidationMessage> errors = IgValidation.validate(
						resource,
						profile.equals("claim") ? OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE : OpenRcmIg.COVERAGE_PROFILE)
				.getMessages()
				.stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();

		assertThat(errors)
				.as(fixture)
				.anySatisfy(error -> {
					assertThat(error.getLocationString()).startsWith(location);
					assertThat(error.getMessage()).contains(mentions);
				});
	}

	private static String read(String fixture) throws IOException {
		try (InputStream in = InvalidResourcesTest.class.getResourceAsStream("/fixtures/ig/" + fixture)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
