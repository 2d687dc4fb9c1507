package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built NPM package: well-formed, complete, every conformance resource in it valid against the core definition
 * of its type, and every example in it valid against its profile.
 */
class ImplementationGuideTest {

	/** Every file of the package, by path inside the tar, read from the bytes the server installs. */
	static Map<String, String> packageFiles() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(OpenRcmIg.packageBytes()))) {
			byte[] header = new byte[512];
			while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
				String prefix = new String(header, 345, 155, StandardCharsets.US_ASCII).replace("\0", "").trim();
				long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
				byte[] content = in.readNBytes((int) size);
				in.readNBytes((int) ((512 - size % 512) % 512));
				files.put(prefix.isEmpty() ? name : prefix + "/" + name, new String(content, StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	static Stream<String> examples() throws IOException {
		return packageFiles().keySet().stream().filter(name -> name.startsWith("package/example/"));
	}

	/** The conformance resources: every JSON file at the top of the package but the manifest and the index. */
	static Stream<String> conformanceResources() throws IOException {
		return packageFiles().keySet().stream()
				.filter(name -> name.matches("package/[^/]+\\.json") && !name.endsWith("package.json")
						&& !name.endsWith(".index.json"));
	}

	/** The conformance resources of one type, parsed from the package. */
	static <T extends Resource> List<T> resourcesOfType(Class<T> type) throws IOException {
		Map<String, String> files = packageFiles();
		return conformanceResources()
				.map(name -> IgValidation.FHIR.newJsonParser().parseResource(files.get(name)))
				.filter(type::isInstance)
				.map(type::cast)
				.toList();
	}

	@ParameterizedTest
	@MethodSource("examples")
	void everyExampleValidatesAgainstItsProfile(String file) throws IOException {
		IBaseResource example = IgValidation.FHIR.newJsonParser().parseResource(packageFiles().get(file));
		String profile = ((Resource) example).getMeta().getProfile().get(0).getValue();

		assertThat(IgValidation.errors(example, profile)).as(file).isEmpty();
	}

	/**
	 * Profiles, extensions, value sets and operation definitions are themselves resources: each must be valid
	 * against the core definition of its type (the invariants of StructureDefinition and OperationDefinition
	 * included), or the server's package installer and other FHIR tools may refuse or misread it.
	 */
	@ParameterizedTest
	@MethodSource("conformanceResources")
	void everyConformanceResourceIsValidAgainstTheCoreDefinitionOfItsType(String file) throws IOException {
		IBaseResource resource = IgValidation.FHIR.newJsonParser().parseResource(packageFiles().get(file));

		assertThat(IgValidation.errors(resource, "http://hl7.org/fhir/StructureDefinition/" + resource.fhirType()))
				.as(file)
				.filteredOn(error -> !validatorCannotCheckExtensionContextOffline(error))
				.isEmpty();
	}

	/**
	 * The HL7 validator (org.hl7.fhir.validation 6.7.9, in HAPI 8.8.0) checks an extension's element context in
	 * each published core version of its version range, by default the version it runs on; for 4.0.1 that list is
	 * "4.0", which it does not take for its own version, so it loads hl7.fhir.r4.core from packages.fhir.org.
	 * Offline (see {@link IgValidation}) it reports this instead of its snapshot check, for any extension (the
	 * core's own too). The contexts are checked where the extensions are used ({@link InvalidResourcesTest}), the
	 * snapshot by {@link #everyStructureDefinitionSnapshotKeepsItsDifferential}.
	 */
	private static boolean validatorCannotCheckExtensionContextOffline(SingleValidationMessage error) {
		return error.getMessage().contains("Unable to resolve package id hl7.fhir.r4.core#null");
	}

	/**
	 * The server's installer and validator generate each StructureDefinition's snapshot from its differential. A
	 * differential element out of order, or on a path the base does not have, is silently left out of the
	 * snapshot: its constraint would never be enforced. Each one must show up in the snapshot as written.
	 */
	@ParameterizedTest
	@MethodSource("structureDefinitions")
	void everyStructureDefinitionSnapshotKeepsItsDifferential(String url) {
		StructureDefinition packaged = (StructureDefinition) IgValidation.SUPPORT.fetchStructureDefinition(url);
		StructureDefinition definition = (StructureDefinition) IgValidation.SUPPORT.generateSnapshot(
				new ValidationSupportContext(IgValidation.SUPPORT), packaged.copy(), url, url, packaged.getName());
		assertThat(definition).as(url).isNotNull();
		assertThat(definition.hasSnapshot()).as(url).isTrue();
		Map<String, ElementDefinition> snapshot = new LinkedHashMap<>();
		definition.getSnapshot().getElement().forEach(element -> snapshot.put(element.getId(), element));

		for (ElementDefinition differential : definition.getDifferential().getElement()) {
			ElementDefinition generated = snapshot.get(differential.getId());
			String where = url + " " + differential.getId();
			assertThat(generated).as(where).isNotNull();
			if (differential.hasShort()) {
				assertThat(generated.getShort()).as(where + " short").isEqualTo(differential.getShort());
			}
			if (differential.hasMin()) {
				assertThat(generated.getMin()).as(where + " min").isEqualTo(differential.getMin());
			}
			if (differential.hasMax()) {
				assertThat(generated.getMax()).as(where + " max").isEqualTo(differential.getMax());
			}
			if (differential.hasFixed()) {
				assertThat(generated.getFixed().equalsDeep(differential.getFixed())).as(where + " fixed").isTrue();
			}
			if (differential.hasPattern()) {
				assertThat(generated.getPattern().equalsDeep(differential.getPattern()))
						.as(where + " pattern")
						.isTrue();
			}
			if (differential.hasType()) {
				assertThat(generated.getType())
						.extracting(ElementDefinition.TypeRefComponent::getCode)
						.as(where + " type")
						.containsExactlyElementsOf(differential.getType().stream()
								.map(ElementDefinition.TypeRefComponent::getCode)
								.toList());
			}
			if (differential.hasBinding()) {
				assertThat(generated.getBinding().getValueSet()).as(where + " binding")
						.isEqualTo(differential.getBinding().getValueSet());
			}
			assertThat(generated.getConstraint())
					.extracting(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
					.as(where + " constraints")
					.containsAll(differential.getConstraint().stream()
							.map(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
							.toList());
		}
	}

	static Stream<String> structureDefinitions() throws IOException {
		return resourcesOfType(StructureDefinition.class).stream().map(StructureDefinition::getUrl);
	}

	@Test
	void thePackageIsAWellFormedFhirNpmPackage() throws IOException {
		Map<String, String> files = packageFiles();
		ObjectMapper json = new ObjectMapper();

		JsonNode manifest = json.readTree(files.get("package/package.json"));
		assertThat(manifest.get("name").asText()).isEqualTo(OpenRcmIg.PACKAGE_NAME);
		assertThat(manifest.get("version").asText()).isEqualTo(OpenRcmIg.PACKAGE_VERSION);
		assertThat(manifest.get("canonical").asText()).isEqualTo(OpenRcmIg.CANONICAL_BASE);
		assertThat(manifest.get("fhirVersions").get(0).asText()).isEqualTo("4.0.1");

		JsonNode index = json.readTree(files.get("package/.index.json"));
		List<String> indexed = index.get("files").findValuesAsText("filename");
		List<String> resources = conformanceResources()
				.map(name -> name.substring("package/".length()))
				.toList();
		assertThat(indexed).containsExactlyInAnyOrderElementsOf(resources);
		for (JsonNode entry : index.get("files")) {
			Resource resource = (Resource) IgValidation.FHIR.newJsonParser()
					.parseResource(files.get("package/" + entry.get("filename").asText()));
			assertThat(resource.fhirType()).isEqualTo(entry.get("resourceType").asText());
			assertThat(resource.getIdElement().getIdPart()).isEqualTo(entry.get("id").asText());
			assertThat(resource.getNamedProperty("url").getValues().get(0).primitiveValue())
					.isEqualTo(entry.get("url").asText())
					.startsWith(OpenRcmIg.CANONICAL_BASE);
			// a resource changed without a new package version would never reach a server that has the old one
			assertThat(resource.getNamedProperty("version").getValues().get(0).primitiveValue())
					.as(entry.get("filename").asText())
					.isEqualTo(entry.get("version").asText())
					.isEqualTo(OpenRcmIg.PACKAGE_VERSION);
		}
	}

	@Test
	void theCanonicalUrlsTheServerUsesAreInThePackage() throws IOException {
		List<String> urls = resourcesOfType(Resource.class).stream()
				.map(resource -> resource.getNamedProperty("url").getValues().get(0).primitiveValue())
				.toList();
		assertThat(urls).contains(
				OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE,
				OpenRcmIg.COVERAGE_PROFILE,
				OpenRcmIg.PAYER_RULE_PROFILE,
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
				OpenRcmIg.CLAIM_SENT_EXTENSION,
				OpenRcmIg.SCRUB_RULE_CODE_SYSTEM,
				OpenRcmIg.SCRUB_RULE_VALUE_SET,
				OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM,
				OpenRcmIg.PAYER_RULE_TYPE_VALUE_SET,
				OpenRcmIg.PAYER_RULE_SEVERITY_VALUE_SET,
				OpenRcmIg.WORK_QUEUE_CODE_SYSTEM,
				OpenRcmIg.WORK_QUEUE_VALUE_SET,
				OpenRcmIg.X12_999_ERROR_CODE_SYSTEM,
				OpenRcmIg.SUGGEST_CODES_OPERATION,
				OpenRcmIg.ENCOUNTER_SUGGEST_CODES_OPERATION,
				OpenRcmIg.DRAFT_CLAIM_OPERATION,
				OpenRcmIg.CLAIM_SCRUB_OPERATION,
				OpenRcmIg.CLAIM_X12_837_OPERATION,
				OpenRcmIg.CLAIM_SUBMIT_OPERATION,
				OpenRcmIg.X12_INGEST_OPERATION,
				OpenRcmIg.CLEARINGHOUSE_EXCHANGE_OPERATION,
				OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM,
				OpenRcmIg.DENIAL_CATEGORY_VALUE_SET,
				OpenRcmIg.WRITE_OFF_REASON_CODE_SYSTEM,
				OpenRcmIg.ADJUDICATION_CATEGORY_CODE_SYSTEM,
				OpenRcmIg.CLAIM_CORRECT_OPERATION,
				OpenRcmIg.CLAIM_APPEAL_OPERATION,
				OpenRcmIg.CLAIM_WRITE_OFF_OPERATION,
				OpenRcmIg.DENIAL_PATTERNS_OPERATION);
	}
}
