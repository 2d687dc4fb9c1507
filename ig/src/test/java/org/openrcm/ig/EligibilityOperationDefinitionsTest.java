package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.junit.jupiter.api.Test;

/**
 * The contract of the eligibility operations ({@code CoverageEligibilityRequest/$submit}, {@code $eligibility-batch})
 * and the AAA reject reason code system: each parses strictly and declares exactly the parameters the server's
 * operation provider takes, and the descriptions spell out the calls, outcomes and error codes an integration
 * handles.
 */
class EligibilityOperationDefinitionsTest {

	@Test
	void coverageEligibilityRequestSubmit() throws IOException {
		OperationDefinition operation = operation("CoverageEligibilityRequest-submit");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.COVERAGE_ELIGIBILITY_SUBMIT_OPERATION);
		assertThat(operation.getCode()).isEqualTo("submit");
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("CoverageEligibilityRequest");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isTrue();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactly(
				"in resource CoverageEligibilityRequest 0..1",
				"out return CoverageEligibilityResponse 1..1");
		assertThat(operation.getDescription()).contains("POST [base]/CoverageEligibilityRequest/$submit",
				"POST [base]/CoverageEligibilityRequest/{id}/$submit", "005010X279A1", "real-time", "timeout",
				"queued", "inforce", OpenRcmIg.X12_AAA_REJECT_REASON_CODE_SYSTEM, OpenRcmIg.ELIGIBILITY_TRACE_SYSTEM,
				"usedMoney", "cancelled", "200", "400", "404", "422");
		for (int code = 7001; code <= 7014; code++) {
			if (code <= 7007 || code >= 7010) {
				assertThat(operation.getDescription()).contains("ORCM-" + code);
			}
		}
	}

	@Test
	void eligibilityBatch() throws IOException {
		OperationDefinition operation = operation("eligibility-batch");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.ELIGIBILITY_BATCH_OPERATION);
		assertThat(operation.getCode()).isEqualTo("eligibility-batch");
		assertThat(operation.getSystem()).isTrue();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).isEmpty();
		assertThat(signature(operation)).containsExactly(
				"in start date 0..1",
				"in end date 0..1",
				"in coverage Reference 0..*",
				"in provider Reference 0..1",
				"out return Task 1..1");
		assertThat(operation.getDescription()).contains("POST [base]/$eligibility-batch", "`total`", "`checked`",
				"`failed`", "`failure`", "`response`", "completed", "ORCM-7015", "ORCM-7016",
				"openrcm.eligibility.batch-max-checks");
	}

	@Test
	void aaaRejectReasons() throws IOException {
		String json = ImplementationGuideTest.packageFiles().get("package/CodeSystem-x12-aaa-reject-reason.json");
		CodeSystem codes = IgValidation.FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
				.parseResource(CodeSystem.class, json);

		assertThat(codes.getUrl()).isEqualTo(OpenRcmIg.X12_AAA_REJECT_REASON_CODE_SYSTEM);
		assertThat(codes.getCount()).isEqualTo(codes.getConcept().size());
		assertThat(codes.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.contains("42", "75", "50", "72", "73", "58").doesNotHaveDuplicates();
		assertThat(codes.getConcept()).filteredOn(c -> c.getCode().equals("75")).singleElement()
				.satisfies(c -> assertThat(c.getDisplay()).isEqualTo("Subscriber or insured not found"));
	}

	private static OperationDefinition operation(String id) throws IOException {
		String json = ImplementationGuideTest.packageFiles().get("package/OperationDefinition-" + id + ".json");
		assertThat(json).as("OperationDefinition-" + id + ".json in the package").isNotNull();
		return IgValidation.FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
				.parseResource(OperationDefinition.class, json);
	}

	private static List<String> signature(OperationDefinition operation) {
		List<String> lines = new ArrayList<>();
		for (OperationDefinitionParameterComponent parameter : operation.getParameter()) {
			lines.add(String.join(" ", parameter.getUse().toCode(), parameter.getName(),
					parameter.hasType() ? parameter.getType() : "-", parameter.getMin() + ".." + parameter.getMax()));
		}
		return lines;
	}
}
