package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.Test;

/**
 * The codes a 999 fault gets on {@code ClaimResponse.error.code} are part of OpenRCM's API: the rejection work
 * queue and reports group faults by them. The code system holds exactly the codes built here from the 999
 * (005010X231A1) code lists, so a code the server may write is never unknown to a validator, and dropping or
 * adding one is a deliberate change.
 */
class X12AckErrorsTest {

	/** IK304 (element 620), the implementation segment syntax error codes. */
	private static final List<String> SEGMENT_ERRORS =
			List.of("1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9");
	/** IK403 (element 621), the implementation data element syntax error codes. */
	private static final List<String> ELEMENT_ERRORS = List.of(
			"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "I6", "I9", "I10", "I11", "I12", "I13");
	/** IK501 and AK901 values that reject: R, and M, W, X for the security checks. A, E and P are not faults. */
	private static final List<String> REJECTIONS = List.of("R", "M", "W", "X");

	private static final List<String> CODES = Stream.of(
					SEGMENT_ERRORS.stream().map(code -> "IK304-" + code),
					ELEMENT_ERRORS.stream().map(code -> "IK403-" + code),
					REJECTIONS.stream().map(status -> "IK5-" + status),
					REJECTIONS.stream().map(status -> "AK9-" + status))
			.flatMap(codes -> codes)
			.toList();

	@Test
	void theCodeSystemHoldsExactlyTheCodesOfThe999() throws IOException {
		CodeSystem errors = codeSystem();

		assertThat(errors.getUrl()).isEqualTo(OpenRcmIg.X12_999_ERROR_CODE_SYSTEM);
		assertThat(errors.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		assertThat(errors.getCaseSensitive()).isTrue();
		assertThat(errors.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
		assertThat(errors.getConcept())
				.extracting(ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(CODES);
		assertThat(errors.getConcept()).allSatisfy(code -> assertThat(code.hasConcept()).as(code.getCode()).isFalse());
		assertThat(errors.getCount()).isEqualTo(CODES.size());
	}

	@Test
	void theDescriptionSaysHowACodeIsFormed() throws IOException {
		assertThat(codeSystem().getDescription()).contains(
				"005010X231A1",
				"`ClaimResponse.error.code`",
				"`IK304-<code>`",
				"`IK403-<code>`",
				"`IK5-<status>`",
				"`AK9-<status>`",
				"`ClaimResponse.error.itemSequence`",
				"claim-rejection");
	}

	@Test
	void everyCodeIsExplainedForTheBiller() throws IOException {
		for (ConceptDefinitionComponent code : codeSystem().getConcept()) {
			assertThat(code.getDisplay()).as(code.getCode()).isNotBlank().doesNotContain(code.getCode());
			// what the fault is and what the biller does about it: more than a title
			assertThat(code.getDefinition()).as(code.getCode()).isNotBlank().hasSizeGreaterThan(100);
		}
		assertThat(codeSystem().getConcept())
				.extracting(ConceptDefinitionComponent::getDisplay)
				.as("each display tells its code apart")
				.doesNotHaveDuplicates();
	}

	private static CodeSystem codeSystem() throws IOException {
		return ImplementationGuideTest.resourcesOfType(CodeSystem.class).stream()
				.filter(system -> system.getIdElement().getIdPart().equals("x12-999-error"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("CodeSystem/x12-999-error is not in the package"));
	}
}
