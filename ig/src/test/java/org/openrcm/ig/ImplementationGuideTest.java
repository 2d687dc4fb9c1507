package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
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
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built NPM package: well-formed, complete, and every example in it valid against its profile. */
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

	@ParameterizedTest
	@MethodSource("examples")
	void everyExampleValidatesAgainstItsProfile(String file) throws IOException {
		IBaseResource example = IgValidation.FHIR.newJsonParser().parseResource(packageFiles().get(file));
		String profile = ((Resource) example).getMeta().getProfile().get(0).getValue();

		ValidationResult result = IgValidation.validate(example, profile);

		List<SingleValidationMessage> errors = result.getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		assertThat(errors).as(file).isEmpty();
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
		List<String> resources = files.keySet().stream()
				.filter(name -> name.matches("package/[^/]+\\.json") && !name.endsWith("package.json")
						&& !name.endsWith(".index.json"))
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
		}
	}

	@Test
	void theProfilesTheServerUsesAreInThePackage() throws IOException {
		String all = String.join("\n", packageFiles().values());
		assertThat(all).contains("\"url\": \"" + OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE + "\"")
				.contains("\"url\": \"" + OpenRcmIg.COVERAGE_PROFILE + "\"");
	}
}
