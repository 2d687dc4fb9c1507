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
 * The biller work queues ({@code Task.code}) are part of OpenRCM's API: worklists and reports search Tasks by them.
 * The code system holds exactly the queues listed here, so adding, renaming or dropping one fails until it is
 * changed here too, on purpose.
 */
class WorkQueuesTest {

	/** Every queue the server opens Tasks in. */
	private static final List<String> QUEUES = List.of("claim-rejection", "denial", "remittance-suspense", "underpaid",
			"credit-balance", "appeal", "claim-status");

	@Test
	void theCodeSystemHoldsExactlyTheQueuesTheServerOpensTasksIn() throws IOException {
		CodeSystem queues = codeSystem();

		assertThat(queues.getUrl()).isEqualTo(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM);
		assertThat(queues.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		assertThat(queues.getCaseSensitive()).isTrue();
		assertThat(queues.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
		assertThat(queues.getConcept())
				.extracting(ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(QUEUES);
		assertThat(queues.getConcept())
				.allSatisfy(queue -> assertThat(queue.hasConcept()).as(queue.getCode()).isFalse());
		assertThat(queues.getCount()).isEqualTo(QUEUES.size());
	}

	@Test
	void theDenialQueueSpellsOutTheTaskThePostingWrites() throws IOException {
		// the remittance posting writes exactly this shape and $denial-patterns reads it
		assertThat(queue("denial").getDefinition()).contains(
				"CO-45",
				"`reasonReference` the ClaimResponse",
				OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM,
				"`businessStatus.text`",
				"`restriction.period.end`",
				"`type.text`",
				"`carc`",
				"https://x12.org/codes/claim-adjustment-reason-codes",
				"https://x12.org/codes/claim-adjustment-group-codes",
				"`amount`",
				"`procedure`",
				"`payer`",
				"`item-sequence`",
				"$correct",
				"$appeal",
				"$write-off",
				"$denial-patterns");
		assertThat(queue("remittance-suspense").getDefinition()).contains("835", "not distributed");
		assertThat(queue("underpaid").getDefinition()).contains("allowed amount");
		assertThat(queue("credit-balance").getDefinition()).contains("overpayment", "Refund");
		assertThat(queue("appeal").getDefinition()).contains("$appeal", "Communication", "`level`");
		assertThat(queue("claim-status").getDefinition()).contains("$status", "276", "277", "`note`",
				"`businessStatus`", "https://x12.org/codes/claim-status-category-codes", "`statusReason`");
	}

	@Test
	void everyQueueSaysWhatPutAClaimThereAndWhatToDo() throws IOException {
		for (ConceptDefinitionComponent queue : codeSystem().getConcept()) {
			assertThat(queue.getDisplay()).as(queue.getCode()).isNotBlank();
			assertThat(queue.getDefinition()).as(queue.getCode()).isNotBlank().hasSizeGreaterThan(100);
		}
		assertThat(codeSystem().getConcept()).filteredOn(queue -> queue.getCode().equals("claim-rejection"))
				.singleElement()
				.satisfies(queue -> assertThat(queue.getDefinition())
						.contains("999", "277CA", "837", "reasonReference", "ClaimResponse", "$submit"));
	}

	@Test
	void theValueSetExpandsToEveryQueue() throws IOException {
		ValueSet valueSet = ImplementationGuideTest.resourcesOfType(ValueSet.class).stream()
				.filter(candidate -> candidate.getUrl().equals(OpenRcmIg.WORK_QUEUE_VALUE_SET))
				.findFirst()
				.orElseThrow(() -> new AssertionError(OpenRcmIg.WORK_QUEUE_VALUE_SET + " is not in the package"));
		assertThat(codeSystem().getValueSet()).isEqualTo(OpenRcmIg.WORK_QUEUE_VALUE_SET);

		ValueSetExpansionOutcome expansion = IgValidation.SUPPORT.expandValueSet(
				new ValidationSupportContext(IgValidation.SUPPORT), new ValueSetExpansionOptions(), valueSet);

		assertThat(expansion.getError()).isNull();
		assertThat(((ValueSet) expansion.getValueSet()).getExpansion().getContains())
				.allSatisfy(code -> assertThat(code.getSystem()).isEqualTo(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM))
				.extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(QUEUES);
	}

	private static ConceptDefinitionComponent queue(String code) throws IOException {
		return codeSystem().getConcept().stream().filter(queue -> queue.getCode().equals(code)).findFirst()
				.orElseThrow(() -> new AssertionError("no queue " + code));
	}

	private static CodeSystem codeSystem() throws IOException {
		return ImplementationGuideTest.resourcesOfType(CodeSystem.class).stream()
				.filter(system -> system.getIdElement().getIdPart().equals("work-queue"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("CodeSystem/work-queue is not in the package"));
	}
}
