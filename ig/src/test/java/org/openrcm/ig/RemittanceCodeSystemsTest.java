package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The code systems of remittance work are part of OpenRCM's API: denial Tasks carry a denial category, write-offs a
 * reason, ClaimResponses the {@code remark} adjudication category, and worklists and reports filter on them. Each
 * holds exactly the codes listed here, so adding, renaming or dropping one fails until it is changed here too.
 */
class RemittanceCodeSystemsTest {

	/** The denial categories, as the server's {@code DenialCategory} enum has them. */
	private static final List<String> DENIAL_CATEGORIES = List.of("eligibility", "authorization", "coding",
			"medical-necessity", "timely-filing", "duplicate", "missing-information", "contractual",
			"patient-responsibility", "other");

	private static final List<String> WRITE_OFF_REASONS = List.of("small-balance", "timely-filing", "contractual",
			"bad-debt", "charity", "administrative", "non-covered", "other");

	@Test
	void denialCategories() throws IOException {
		CodeSystem categories = codeSystem(OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM);

		assertComplete(categories, DENIAL_CATEGORIES);
		assertThat(categories.getValueSet()).isEqualTo(OpenRcmIg.DENIAL_CATEGORY_VALUE_SET);
		// what a biller does about each kind is said, with a real reason code for it
		assertThat(concept(categories, "authorization").getDefinition()).contains("197");
		assertThat(concept(categories, "timely-filing").getDefinition()).contains("29", "`timely-filing`");
		assertThat(concept(categories, "contractual").getDefinition()).contains("CO-45", "not worked");
		assertThat(concept(categories, "patient-responsibility").getDefinition()).contains("PR-1", "not worked");
	}

	@Test
	void writeOffReasons() throws IOException {
		CodeSystem reasons = codeSystem(OpenRcmIg.WRITE_OFF_REASON_CODE_SYSTEM);

		assertComplete(reasons, WRITE_OFF_REASONS);
		assertThat(reasons.getValueSet()).isEqualTo(OpenRcmIg.CANONICAL_BASE + "/ValueSet/write-off-reason");
	}

	@Test
	void theRemarkAdjudicationCategoryNamesTheRarcSystem() throws IOException {
		CodeSystem categories = codeSystem(OpenRcmIg.ADJUDICATION_CATEGORY_CODE_SYSTEM);

		assertComplete(categories, List.of("remark"));
		assertThat(concept(categories, "remark").getDefinition())
				.contains("RARC", "https://x12.org/codes/remittance-advice-remark-codes");
	}

	@ParameterizedTest
	@CsvSource({
		"http://openrcm.org/fhir/ValueSet/denial-category, http://openrcm.org/fhir/CodeSystem/denial-category, 10",
		"http://openrcm.org/fhir/ValueSet/write-off-reason, http://openrcm.org/fhir/CodeSystem/write-off-reason, 8"
	})
	void eachValueSetExpandsToEveryCodeOfItsSystem(String valueSetUrl, String system, int codes) throws IOException {
		ValueSet valueSet = ImplementationGuideTest.resourcesOfType(ValueSet.class).stream()
				.filter(candidate -> candidate.getUrl().equals(valueSetUrl))
				.findFirst()
				.orElseThrow(() -> new AssertionError(valueSetUrl + " is not in the package"));

		ValueSetExpansionOutcome expansion = IgValidation.SUPPORT.expandValueSet(
				new ValidationSupportContext(IgValidation.SUPPORT), new ValueSetExpansionOptions(), valueSet);

		assertThat(expansion.getError()).isNull();
		assertThat(((ValueSet) expansion.getValueSet()).getExpansion().getContains())
				.hasSize(codes)
				.allSatisfy(code -> assertThat(code.getSystem()).isEqualTo(system))
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(codeSystem(system).getConcept().stream()
						.map(ConceptDefinitionComponent::getCode).toList());
	}

	private static void assertComplete(CodeSystem codeSystem, List<String> codes) {
		assertThat(codeSystem.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		assertThat(codeSystem.getCaseSensitive()).isTrue();
		assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
		assertThat(codeSystem.getConcept()).extracting(ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(codes);
		assertThat(codeSystem.getCount()).isEqualTo(codes.size());
		for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
			assertThat(concept.getDisplay()).as(concept.getCode()).isNotBlank();
			assertThat(concept.getDefinition()).as(concept.getCode()).isNotBlank();
		}
	}

	private static ConceptDefinitionComponent concept(CodeSystem codeSystem, String code) {
		return codeSystem.getConcept().stream().filter(concept -> concept.getCode().equals(code)).findFirst()
				.orElseThrow(() -> new AssertionError(code + " is not in " + codeSystem.getUrl()));
	}

	private static CodeSystem codeSystem(String url) throws IOException {
		return ImplementationGuideTest.resourcesOfType(CodeSystem.class).stream()
				.filter(system -> system.getUrl().equals(url))
				.findFirst()
				.orElseThrow(() -> new AssertionError(url + " is not in the package"));
	}
}
