package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpenRcmServerTest
class FhirEndpointIT {

	@LocalServerPort
	int port;

	FhirHttp http;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
	}

	@Test
	void defaultTenantServesTheCapabilityStatementWithTheRevenueCycleTypes() {
		FhirHttp.Response response = http.get("DEFAULT", "metadata");

		assertThat(response.status()).isEqualTo(200);
		CapabilityStatement capabilities = response.resource(CapabilityStatement.class);
		assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
		List<String> types = capabilities.getRestFirstRep().getResource().stream()
				.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.toList();
		assertThat(types).containsAll(ServedResourceTypes.DEFAULT);
		// Only what the product serves is registered, not all 146 R4 types.
		assertThat(types).doesNotContain("MedicinalProduct", "ResearchStudy", "Substance");
	}

	@Test
	void readinessAndLivenessAreUpOnceTheServerServes() {
		FhirHttp.Response readiness = http.getPath("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"fhir\"").contains("\"db\"");

		FhirHttp.Response liveness = http.getPath("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void prometheusMetricsAreExposed() {
		http.get("DEFAULT", "metadata");

		FhirHttp.Response metrics = http.getPath("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections_active");
	}

	@Test
	void openApiDocumentAndSwaggerUiAreServed() {
		FhirHttp.Response apiDocs = http.getPath("/fhir/api-docs");
		assertThat(apiDocs.status()).isEqualTo(200);
		assertThat(apiDocs.body()).startsWith("openapi: ").contains("/Claim");

		FhirHttp.Response swagger = http.getPath("/fhir/swagger-ui/");
		assertThat(swagger.status()).isEqualTo(200);
		assertThat(swagger.body()).containsIgnoringCase("swagger");
	}
}
