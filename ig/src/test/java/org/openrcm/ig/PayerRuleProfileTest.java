package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Payer rules are data: a tenant writes them through the FHIR API and the scrubber reads them on the next scrub. The
 * {@code payer-rule} profile must accept each kind of rule as the examples write it, and refuse, at the element that
 * is wrong, a rule the scrubber could not apply.
 */
class PayerRuleProfileTest {

	/** The three examples, one per rule type. */
	private static final List<String> EXAMPLES = List.of(
			"package/example/Basic-example-payer-rule-condition.json",
			"package/example/Basic-example-payer-rule-prior-auth.json",
			"package/example/Basic-example-payer-rule-filing-limit.json");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			payer-rule-condition-without-condition.json    | Basic               | orcm-pr-1
			payer-rule-prior-auth-without-codes.json       | Basic               | orcm-pr-2
			payer-rule-filing-limit-in-months.json         | Basic               | orcm-pr-3
			payer-rule-prior-auth-with-filing-limit.json   | Basic               | orcm-pr-4
			payer-rule-subject-a-patient.json              | Basic               | orcm-pr-5
			payer-rule-no-identifier.json                  | Basic               | Basic.identifier: minimum required
			payer-rule-identifier-without-system.json      | Basic.identifier[0] | Basic.identifier.system: minimum
			payer-rule-identifier-without-value.json       | Basic.identifier[0] | Basic.identifier.value: minimum
			payer-rule-no-subject.json                     | Basic               | Basic.subject: minimum required
			payer-rule-unknown-type.json                   | Basic.code          | ValueSet/payer-rule-type
			payer-rule-severity-information.json           | Basic.extension[1]  | ValueSet/payer-rule-severity
			payer-rule-condition-in-cql.json               | Basic.extension[0]  | fixed to 'text/fhirpath'
			payer-rule-filing-limit-fraction-of-a-day.json | Basic.extension[0]  | orcm-prl-1
			payer-rule-code-not-cpt-or-hcpcs.json          | Basic.extension[1]  | orcm-prc-1
			""")
	void theDefectIsAnErrorAtTheOffendingElement(String fixture, String location, String mentions) throws IOException {
		IBaseResource rule = IgValidation.FHIR.newJsonParser().parseResource(InvalidResourcesTest.read(fixture));

		List<SingleValidationMessage> errors = IgValidation.errors(rule, OpenRcmIg.PAYER_RULE_PROFILE);

		assertThat(errors)
				.as(fixture)
				.anySatisfy(error -> {
					assertThat(error.getLocationString()).startsWith(location);
					assertThat(error.getMessage()).contains(mentions);
				});
	}

	@Test
	void theExamplesShowEveryRuleTypeAndConform() throws IOException {
		List<Basic> rules = examples();

		assertThat(rules)
				.extracting(rule -> rule.getCode().getCodingFirstRep().getCode())
				.containsExactlyInAnyOrderElementsOf(ruleTypes());
		for (Basic rule : rules) {
			assertThat(rule.getMeta().getProfile())
					.extracting(CanonicalType::getValue)
					.containsExactly(OpenRcmIg.PAYER_RULE_PROFILE);
			assertThat(IgValidation.errors(rule, OpenRcmIg.PAYER_RULE_PROFILE)).as(rule.getId()).isEmpty();
		}
	}

	@Test
	void theRuleTypesAreTheThreeTheScrubberApplies() throws IOException {
		assertThat(ruleTypes()).containsExactly("condition", "prior-authorization", "filing-limit");

		ValueSet types = ImplementationGuideTest.resourcesOfType(ValueSet.class).stream()
				.filter(valueSet -> valueSet.getUrl().equals(OpenRcmIg.PAYER_RULE_TYPE_VALUE_SET))
				.findFirst()
				.orElseThrow();
		assertThat(types.getCompose().getInclude()).singleElement().satisfies(include -> {
			assertThat(include.getSystem()).isEqualTo(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM);
			assertThat(include.hasConcept() || include.hasFilter()).as("every code of the system").isFalse();
		});
	}

	@Test
	void theProfileRequiresWhatTheScrubberReads() throws IOException {
		StructureDefinition profile = profile();
		assertThat(profile.getType()).isEqualTo("Basic");
		assertThat(profile.getBaseDefinition()).isEqualTo("http://hl7.org/fhir/StructureDefinition/Basic");

		assertThat(cardinality(element(profile, "Basic.identifier"))).isEqualTo("1..1");
		assertThat(element(profile, "Basic.identifier.system").getMin()).isEqualTo(1);
		assertThat(element(profile, "Basic.identifier.value").getMin()).isEqualTo(1);
		assertThat(cardinality(element(profile, "Basic.code.coding"))).isEqualTo("1..1");
		assertThat(element(profile, "Basic.code").getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
		assertThat(element(profile, "Basic.code").getBinding().getValueSet())
				.isEqualTo(OpenRcmIg.PAYER_RULE_TYPE_VALUE_SET);
		ElementDefinition subject = element(profile, "Basic.subject");
		assertThat(subject.getMin()).isEqualTo(1);
		assertThat(subject.getTypeFirstRep().getTargetProfile())
				.extracting(CanonicalType::getValue)
				.containsExactly("http://hl7.org/fhir/StructureDefinition/Organization");

		assertThat(element(profile, "Basic").getConstraint())
				.allSatisfy(constraint -> assertThat(constraint.getSeverity()).isEqualTo(ConstraintSeverity.ERROR))
				.extracting(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
				.containsExactly("orcm-pr-1", "orcm-pr-2", "orcm-pr-3", "orcm-pr-4", "orcm-pr-5");

		Map<String, String> slices = new LinkedHashMap<>();
		profile.getDifferential().getElement().stream()
				.filter(element -> element.getPath().equals("Basic.extension") && element.hasSliceName())
				.forEach(slice -> slices.put(
						slice.getTypeFirstRep().getProfile().get(0).getValue(), cardinality(slice)));
		assertThat(slices).containsExactlyInAnyOrderEntriesOf(Map.of(
				OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION, "0..1",
				OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION, "0..1",
				OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION, "0..1",
				OpenRcmIg.PAYER_RULE_FIX_EXTENSION, "0..1",
				OpenRcmIg.PAYER_RULE_CODE_EXTENSION, "0..*",
				OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION, "0..1"));
	}

	/**
	 * The example claim was scrubbed against the example condition rule: its PAYER-RULE issue carries the rule's
	 * identifier as a second coding, the rule's severity, its message as the text and its fix as the diagnostics.
	 */
	@Test
	void aPayerRuleFindingCarriesTheRulesIdentifierAndWords() throws IOException {
		Basic rule = example("package/example/Basic-example-payer-rule-condition.json");
		Claim claim = IgValidation.FHIR.newJsonParser().parseResource(Claim.class,
				ImplementationGuideTest.packageFiles().get("package/example/Claim-example-scrubbed.json"));
		OperationOutcome outcome = (OperationOutcome) claim.getContained().stream()
				.filter(resource -> resource.getIdElement().getIdPart().equals("scrub"))
				.findFirst()
				.orElseThrow();

		OperationOutcomeIssueComponent finding = outcome.getIssue().stream()
				.filter(issue -> issue.getDetails().getCoding().get(0).getCode().equals("PAYER-RULE"))
				.findFirst()
				.orElseThrow();

		assertThat(finding.getDetails().getCoding())
				.extracting(Coding::getSystem, Coding::getCode)
				.containsExactly(
						tuple(OpenRcmIg.SCRUB_RULE_CODE_SYSTEM, "PAYER-RULE"),
						tuple(rule.getIdentifierFirstRep().getSystem(), rule.getIdentifierFirstRep().getValue()));
		assertThat(finding.getSeverity().toCode()).isEqualTo(value(rule, OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION));
		assertThat(finding.getDetails().getText()).isEqualTo(value(rule, OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION));
		assertThat(finding.getDiagnostics()).isEqualTo(value(rule, OpenRcmIg.PAYER_RULE_FIX_EXTENSION));
		assertThat(claim.getInsurer().getReference()).isEqualTo(rule.getSubject().getReference());
	}

	private static List<Basic> examples() throws IOException {
		List<Basic> rules = new ArrayList<>();
		for (String file : EXAMPLES) {
			rules.add(example(file));
		}
		return rules;
	}

	private static Basic example(String file) throws IOException {
		String json = ImplementationGuideTest.packageFiles().get(file);
		assertThat(json).as(file + " in the package").isNotNull();
		return IgValidation.FHIR.newJsonParser().parseResource(Basic.class, json);
	}

	private static List<String> ruleTypes() throws IOException {
		return ImplementationGuideTest.resourcesOfType(CodeSystem.class).stream()
				.filter(system -> system.getUrl().equals(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM))
				.findFirst()
				.orElseThrow(() -> new AssertionError(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM + " is not in the package"))
				.getConcept().stream()
				.map(CodeSystem.ConceptDefinitionComponent::getCode)
				.toList();
	}

	private static StructureDefinition profile() throws IOException {
		return ImplementationGuideTest.resourcesOfType(StructureDefinition.class).stream()
				.filter(definition -> definition.getUrl().equals(OpenRcmIg.PAYER_RULE_PROFILE))
				.findFirst()
				.orElseThrow(() -> new AssertionError(OpenRcmIg.PAYER_RULE_PROFILE + " is not in the package"));
	}

	private static ElementDefinition element(StructureDefinition definition, String id) {
		return definition.getDifferential().getElement().stream()
				.filter(element -> element.getId().equals(id))
				.findFirst()
				.orElseThrow(() -> new AssertionError(definition.getId() + " has no differential element " + id));
	}

	private static String cardinality(ElementDefinition element) {
		return element.getMin() + ".." + element.getMax();
	}

	private static String value(Basic rule, String extension) {
		return ((PrimitiveType<?>) rule.getExtensionByUrl(extension).getValue()).getValueAsString();
	}
}
