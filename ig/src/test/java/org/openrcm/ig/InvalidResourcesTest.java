package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each fixture has one defect; validation must fail on it and point at the offending element. The profile is
 * {@code claim} (the 837P-ready claim), {@code coverage}, or a resource type for the core definition of that type
 * (extensions are checked wherever they are used).
 */
class InvalidResourcesTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			claim-no-diagnosis.json                      | claim         | Claim                       | Claim.diagnosis
			claim-five-pointers.json                     | claim         | Claim.item[0]               | Claim.item.diagnosisSequence
			claim-unknown-pos.json                       | claim         | Claim.item[1].location      | place-of-service
			claim-total-mismatch.json                    | claim         | Claim                       | orcm-claim-2
			claim-no-focal-insurance.json                | claim         | Claim                       | orcm-claim-1
			claim-zero-units.json                        | claim         | Claim.item[0]               | orcm-claim-5
			claim-line-without-cpt-or-hcpcs.json         | claim         | Claim.item[1]               | orcm-claim-4
			claim-diagnosis-not-icd10cm.json             | claim         | Claim.diagnosis[1]          | orcm-claim-3
			coverage-no-subscriber-id.json               | coverage      | Coverage                    | Coverage.subscriberId
			coverage-spouse-without-subscriber.json      | coverage      | Coverage                    | orcm-cov-1
			claim-encounter-ended-not-a-datetime.json    | claim         | Claim.extension[0]          | dateTime
			claim-draft-issues-not-contained.json        | claim         | Claim.extension[2]          | orcm-dri-1
			claim-scrub-outcome-not-contained.json       | claim         | Claim.extension[0]          | orcm-scr-1
			chargeitem-modifier-as-string.json           | ChargeItem    | ChargeItem.extension[0]     | CodeableConcept
			procedure-with-claim-drafted.json            | Procedure     | Procedure                   | claim-drafted is not allowed
			claimresponse-claim-sent-not-a-datetime.json | ClaimResponse | ClaimResponse.extension[0]  | dateTime
			claim-with-claim-sent.json                   | Claim         | Claim                       | claim-sent is not allowed
			claimresponse-unknown-999-error.json         | ClaimResponse | ClaimResponse.error[1].code | IK403-11
			task-unknown-work-queue.json                 | Task          | Task.code                   | denials
			""")
	void theDefectIsAnErrorAtTheOffendingElement(String fixture, String profile, String location, String mentions)
			throws IOException {
		IBaseResource resource = IgValidation.FHIR.newJsonParser().parseResource(read(fixture));

		List<SingleValidationMessage> errors = IgValidation.errors(resource, profileUrl(profile));

		assertThat(errors)
				.as(fixture)
				.anySatisfy(error -> {
					assertThat(error.getLocationString()).startsWith(location);
					assertThat(error.getMessage()).contains(mentions);
				});
	}

	private static String profileUrl(String profile) {
		return switch (profile) {
			case "claim" -> OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE;
			case "coverage" -> OpenRcmIg.COVERAGE_PROFILE;
			default -> "http://hl7.org/fhir/StructureDefinition/" + profile;
		};
	}

	static String read(String fixture) throws IOException {
		try (InputStream in = InvalidResourcesTest.class.getResourceAsStream("/fixtures/ig/" + fixture)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
