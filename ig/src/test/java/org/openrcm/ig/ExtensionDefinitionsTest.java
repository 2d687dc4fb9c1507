package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extensions OpenRCM writes and reads are defined in the package the way the server uses them: where they may
 * appear, what value they carry, how often. Whether they validate where they are used is checked by the examples
 * ({@link ImplementationGuideTest}) and the one-defect fixtures ({@link InvalidResourcesTest}).
 */
class ExtensionDefinitionsTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			service-modifier        | ChargeItem Procedure | CodeableConcept Coding | *
			draft-issues            | Claim                | Reference              | 1
			encounter-ended         | Claim                | dateTime               | 1
			claim-drafted           | Claim                | dateTime               | 1
			scrub-outcome           | Claim                | Reference              | 1
			scrubbed-clean          | Claim                | dateTime               | 1
			payer-rule-condition    | Basic                | Expression             | 1
			payer-rule-severity     | Basic                | code                   | 1
			payer-rule-message      | Basic                | string                 | 1
			payer-rule-fix          | Basic                | string                 | 1
			payer-rule-code         | Basic                | Coding                 | *
			payer-rule-filing-limit | Basic                | Duration               | 1
			claim-sent              | ClaimResponse        | dateTime               | 1
			""")
	void theExtensionIsDefinedAsTheServerUsesIt(String id, String contexts, String valueTypes, String max)
			throws IOException {
		StructureDefinition extension = extension(id);
		String url = OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/" + id;

		assertThat(extension.getUrl()).isEqualTo(url);
		assertThat(extension.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		assertThat(extension.getKind()).isEqualTo(StructureDefinitionKind.COMPLEXTYPE);
		assertThat(extension.getType()).isEqualTo("Extension");
		assertThat(extension.getBaseDefinition()).isEqualTo("http://hl7.org/fhir/StructureDefinition/Extension");
		assertThat(extension.getDerivation()).isEqualTo(TypeDerivationRule.CONSTRAINT);
		assertThat(extension.getContext())
				.allSatisfy(context -> assertThat(context.getType()).isEqualTo(ExtensionContextType.ELEMENT))
				.extracting(StructureDefinition.StructureDefinitionContextComponent::getExpression)
				.containsExactlyInAnyOrderElementsOf(words(contexts));
		assertThat(extension.hasSnapshot()).as("differential only: the server generates the snapshot").isFalse();

		assertThat(element(extension, "Extension").getMax()).isEqualTo(max);
		assertThat(element(extension, "Extension.extension").getMax()).as("a simple extension").isEqualTo("0");
		assertThat(((UriType) element(extension, "Extension.url").getFixed()).getValue()).isEqualTo(url);
		ElementDefinition value = element(extension, "Extension.value[x]");
		assertThat(value.getMin()).as("value required").isEqualTo(1);
		assertThat(value.getType()).extracting(ElementDefinition.TypeRefComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(words(valueTypes));
	}

	@ParameterizedTest
	@ValueSource(strings = {"draft-issues", "scrub-outcome"})
	void theIssueListsPointAtAnOperationOutcome(String id) throws IOException {
		assertThat(element(extension(id), "Extension.value[x]").getTypeFirstRep().getTargetProfile())
				.extracting(UriType::getValue)
				.containsExactly("http://hl7.org/fhir/StructureDefinition/OperationOutcome");
	}

	@Test
	void theScrubOutcomeIsTheOneContainedInTheClaim() throws IOException {
		assertThat(element(extension("scrub-outcome"), "Extension").getConstraint())
				.singleElement()
				.satisfies(constraint -> {
					assertThat(constraint.getKey()).isEqualTo("orcm-scr-1");
					assertThat(constraint.getSeverity()).isEqualTo(ConstraintSeverity.ERROR);
					assertThat(constraint.getExpression()).contains("'#scrub'");
				});
	}

	@Test
	void aPayerRuleConditionIsAFhirPathExpression() throws IOException {
		StructureDefinition condition = extension("payer-rule-condition");

		assertThat(((CodeType) element(condition, "Extension.value[x].language").getFixed()).getValue())
				.isEqualTo("text/fhirpath");
		assertThat(element(condition, "Extension.value[x].expression").getMin()).isEqualTo(1);
	}

	@Test
	void aPayerRuleSeverityIsErrorOrWarning() throws IOException {
		ElementDefinition value = element(extension("payer-rule-severity"), "Extension.value[x]");
		assertThat(value.getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
		assertThat(value.getBinding().getValueSet()).isEqualTo(OpenRcmIg.PAYER_RULE_SEVERITY_VALUE_SET);

		ValueSet severities = ImplementationGuideTest.resourcesOfType(ValueSet.class).stream()
				.filter(valueSet -> valueSet.getUrl().equals(OpenRcmIg.PAYER_RULE_SEVERITY_VALUE_SET))
				.findFirst()
				.orElseThrow();
		assertThat(severities.getCompose().getInclude()).singleElement().satisfies(include -> {
			assertThat(include.getSystem()).isEqualTo("http://hl7.org/fhir/issue-severity");
			assertThat(include.getConcept())
					.extracting(ValueSet.ConceptReferenceComponent::getCode)
					.containsExactly("error", "warning");
		});
	}

	@Test
	void aPayerRuleFilingLimitIsAWholeNumberOfDays() throws IOException {
		StructureDefinition limit = extension("payer-rule-filing-limit");

		assertThat(element(limit, "Extension.value[x].value").getMin()).isEqualTo(1);
		assertThat(((UriType) element(limit, "Extension.value[x].system").getFixed()).getValue())
				.isEqualTo("http://unitsofmeasure.org");
		assertThat(((CodeType) element(limit, "Extension.value[x].code").getFixed()).getValue()).isEqualTo("d");
		assertThat(element(limit, "Extension").getConstraint())
				.extracting(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
				.containsExactly("orcm-prl-1");
	}

	@Test
	void aPayerRuleCodeIsCptOrHcpcs() throws IOException {
		assertThat(element(extension("payer-rule-code"), "Extension").getConstraint())
				.singleElement()
				.satisfies(constraint -> {
					assertThat(constraint.getKey()).isEqualTo("orcm-prc-1");
					assertThat(constraint.getSeverity()).isEqualTo(ConstraintSeverity.ERROR);
					assertThat(constraint.getExpression())
							.contains("http://www.ama-assn.org/go/cpt")
							.contains("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets");
				});
	}

	@Test
	void theServerFacingConstantsNameTheExtensionsInThePackage() {
		assertThat(List.of(
						OpenRcmIg.SERVICE_MODIFIER_EXTENSION,
						OpenRcmIg.DRAFT_ISSUES_EXTENSION,
						OpenRcmIg.ENCOUNTER_ENDED_EXTENSION,
						OpenRcmIg.CLAIM_DRAFTED_EXTENSION,
						OpenRcmIg.SCRUB_OUTCOME_EXTENSION,
						OpenRcmIg.SCRUBBED_CLEAN_EXTENSION,
						OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION,
						OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION,
						OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION,
						OpenRcmIg.PAYER_RULE_FIX_EXTENSION,
						OpenRcmIg.PAYER_RULE_CODE_EXTENSION,
						OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION,
						OpenRcmIg.CLAIM_SENT_EXTENSION))
				.containsExactly(
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/service-modifier",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/draft-issues",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/encounter-ended",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/claim-drafted",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/scrub-outcome",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/scrubbed-clean",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-condition",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-severity",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-message",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-fix",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-code",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/payer-rule-filing-limit",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/claim-sent");
	}

	@Test
	void everyExtensionInThePackageIsCheckedHere() throws IOException {
		assertThat(ImplementationGuideTest.resourcesOfType(StructureDefinition.class).stream()
						.filter(definition -> "Extension".equals(definition.getType())))
				.extracting(definition -> definition.getIdElement().getIdPart())
				.containsExactlyInAnyOrder(
						"service-modifier",
						"draft-issues",
						"encounter-ended",
						"claim-drafted",
						"scrub-outcome",
						"scrubbed-clean",
						"payer-rule-condition",
						"payer-rule-severity",
						"payer-rule-message",
						"payer-rule-fix",
						"payer-rule-code",
						"payer-rule-filing-limit",
						"claim-sent");
	}

	@Test
	void aModifierOutsideCptAndHcpcsIsAWarningNotAnError() throws IOException {
		IBaseResource charge = IgValidation.FHIR.newJsonParser()
				.parseResource(InvalidResourcesTest.read("chargeitem-modifier-local-code.json"));

		List<SingleValidationMessage> messages =
				IgValidation.validate(charge, "http://hl7.org/fhir/StructureDefinition/ChargeItem").getMessages();

		assertThat(messages)
				.noneMatch(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal());
		assertThat(messages).anySatisfy(message -> {
			assertThat(message.getSeverity()).isEqualTo(ResultSeverityEnum.WARNING);
			assertThat(message.getLocationString()).startsWith("ChargeItem.extension[0]");
			assertThat(message.getMessage()).contains("orcm-mod-1");
		});
	}

	private static StructureDefinition extension(String id) throws IOException {
		return ImplementationGuideTest.resourcesOfType(StructureDefinition.class).stream()
				.filter(definition -> definition.getIdElement().getIdPart().equals(id))
				.findFirst()
				.orElseThrow(() -> new AssertionError("StructureDefinition/" + id + " is not in the package"));
	}

	private static ElementDefinition element(StructureDefinition definition, String id) {
		return definition.getDifferential().getElement().stream()
				.filter(element -> element.getId().equals(id))
				.findFirst()
				.orElseThrow(() -> new AssertionError(definition.getId() + " has no differential element " + id));
	}

	private static List<String> words(String text) {
		return Arrays.asList(text.trim().split("\\s+"));
	}
}
