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

/**
 * The rule ids of the claim scrubber are part of OpenRCM's API: work queues, reports and integrations filter on
 * them. The code system holds exactly the rules listed here, so adding, renaming or dropping one fails until it is
 * changed here too, on purpose.
 */
class ScrubRulesTest {

	/** Every rule the scrubber reports, the last two not findings about the claim itself. */
	private static final List<String> RULES = List.of(
			"REQUIRED-ELEMENT",
			"NPI-INVALID",
			"DX-INVALID",
			"DX-NOT-BILLABLE",
			"DX-SEX",
			"DX-AGE",
			"DX-MANIFESTATION-PRIMARY",
			"DX-POINTER",
			"PROC-INVALID",
			"MODIFIER-INVALID",
			"NCCI-PTP",
			"MUE",
			"ADDON-WITHOUT-PRIMARY",
			"POS-INVALID",
			"COVERAGE-MISSING",
			"COVERAGE-INACTIVE",
			"DUPLICATE-CLAIM",
			"TIMELY-FILING",
			"PRIOR-AUTH-REQUIRED",
			"AMOUNT-MISMATCH",
			"DATE-INVALID",
			"PAYER-RULE",
			"CLEAN",
			"EDIT-TABLES-OUTDATED");

	@Test
	void theCodeSystemHoldsExactlyTheRulesTheScrubberReports() throws IOException {
		CodeSystem rules = codeSystem();

		assertThat(rules.getUrl()).isEqualTo(OpenRcmIg.SCRUB_RULE_CODE_SYSTEM);
		assertThat(rules.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		assertThat(rules.getCaseSensitive()).isTrue();
		assertThat(rules.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
		assertThat(rules.getConcept())
				.extracting(ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(RULES);
		assertThat(rules.getConcept()).allSatisfy(rule -> assertThat(rule.hasConcept()).as(rule.getCode()).isFalse());
		assertThat(rules.getCount()).isEqualTo(RULES.size());
	}

	@Test
	void everyRuleIsExplainedForTheBiller() throws IOException {
		for (ConceptDefinitionComponent rule : codeSystem().getConcept()) {
			assertThat(rule.getDisplay()).as(rule.getCode()).isNotBlank();
			// what it checks and what the biller does about it: more than a title
			assertThat(rule.getDefinition()).as(rule.getCode()).isNotBlank().hasSizeGreaterThan(100);
		}
	}

	@Test
	void theValueSetExpandsToEveryRule() throws IOException {
		ValueSet valueSet = ImplementationGuideTest.resourcesOfType(ValueSet.class).stream()
				.filter(candidate -> candidate.getUrl().equals(OpenRcmIg.SCRUB_RULE_VALUE_SET))
				.findFirst()
				.orElseThrow(() -> new AssertionError(OpenRcmIg.SCRUB_RULE_VALUE_SET + " is not in the package"));
		assertThat(codeSystem().getValueSet()).isEqualTo(OpenRcmIg.SCRUB_RULE_VALUE_SET);

		ValueSetExpansionOutcome expansion = IgValidation.SUPPORT.expandValueSet(
				new ValidationSupportContext(IgValidation.SUPPORT), new ValueSetExpansionOptions(), valueSet);

		assertThat(expansion.getError()).isNull();
		assertThat(((ValueSet) expansion.getValueSet()).getExpansion().getContains())
				.allSatisfy(code -> assertThat(code.getSystem()).isEqualTo(OpenRcmIg.SCRUB_RULE_CODE_SYSTEM))
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(RULES);
	}

	private static CodeSystem codeSystem() throws IOException {
		return ImplementationGuideTest.resourcesOfType(CodeSystem.class).stream()
				.filter(system -> system.getIdElement().getIdPart().equals("scrub-rule"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("CodeSystem/scrub-rule is not in the package"));
	}
}
