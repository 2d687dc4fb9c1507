package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The extensions OpenRCM writes and reads are defined in the package the way the server uses them: where they may
 * appear, what value they carry, how often. Whether they validate where they are used is checked by the examples
 * ({@link ImplementationGuideTest}) and the one-defect fixtures ({@link InvalidResourcesTest}).
 */
class ExtensionDefinitionsTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			service-modifier | ChargeItem Procedure | CodeableConcept Coding | *
			draft-issues     | Claim                | Reference              | 1
			encounter-ended  | Claim                | dateTime               | 1
			claim-drafted    | Claim                | dateTime               | 1
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

	@Test
	void draftIssuesPointsAtAnOperationOutcome() throws IOException {
		assertThat(element(extension("draft-issues"), "Extension.value[x]").getTypeFirstRep().getTargetProfile())
				.extracting(UriType::getValue)
				.containsExactly("http://hl7.org/fhir/StructureDefinition/OperationOutcome");
	}

	@Test
	void theServerFacingConstantsNameTheExtensionsInThePackage() {
		assertThat(List.of(
						OpenRcmIg.SERVICE_MODIFIER_EXTENSION,
						OpenRcmIg.DRAFT_ISSUES_EXTENSION,
						OpenRcmIg.ENCOUNTER_ENDED_EXTENSION,
						OpenRcmIg.CLAIM_DRAFTED_EXTENSION))
				.containsExactly(
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/service-modifier",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/draft-issues",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/encounter-ended",
						OpenRcmIg.CANONICAL_BASE + "/StructureDefinition/claim-drafted");
	}

	@Test
	void everyExtensionInThePackageIsCheckedHere() throws IOException {
		assertThat(ImplementationGuideTest.resourcesOfType(StructureDefinition.class).stream()
						.filter(definition -> "Extension".equals(definition.getType())))
				.extracting(definition -> definition.getIdElement().getIdPart())
				.containsExactlyInAnyOrder("service-modifier", "draft-issues", "encounter-ended", "claim-drafted");
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
