package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Protection in the open developer mode (no issuer, so no Spring Security), over HTTP against an in-memory HAPI
 * server: the security headers and CORS come from this package's servlet filters, and the rate limit is off by
 * default so local benchmarks are not throttled.
 */
@SpringBootTest(classes = OpenModeProtectionTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "openrcm.security.cors.allowed-origins=http://localhost:*")
class OpenModeProtectionTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	/** A Spring Boot web application with the security feature and an in-memory FHIR server, no issuer. */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
		PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class})
	@EnableConfigurationProperties({SecurityProperties.class, FhirServerProperties.class})
	@Import(SecurityConfig.class)
	static class App {

		@Bean
		FhirContext fhirContext() {
			return FHIR;
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		ServletRegistrationBean<RestfulServer> fhirServlet(ObjectProvider<FhirServerContribution> contributions) {
			RestfulServer server = new RestfulServer(FHIR);
			server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
			server.registerProviders(new HashMapResourceProvider<>(FHIR, Patient.class));
			contributions.orderedStream().forEach(contribution -> contribution.contributeTo(server));
			return new ServletRegistrationBean<>(server, "/fhir/*");
		}
	}

	@Test
	void answersCarryTheSecurityHeaders() {
		HttpResponse<String> response = send(get("Patient"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).as("HSTS only over TLS").isEmpty();
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnswered() {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("Patient"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "http://localhost:3000")
				.header("Access-Control-Request-Method", "PUT")
				.header("Access-Control-Request-Headers", "authorization,if-match"));
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
		HttpResponse<String> read = send(get("Patient").header("Origin", "http://localhost:3000"));
		assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag");
	}

	@Test
	void anotherOriginGetsNoCorsHeaders() {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("Patient"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://elsewhere.example.com")
				.header("Access-Control-Request-Method", "GET"));
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void thereIsNoRateLimitByDefault() {
		for (int i = 0; i < 260; i++) {
			assertThat(send(get("metadata")).statusCode()).as("request %d", i + 1).isEqualTo(200);
		}
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/fhir+json");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + "/fhir/DEFAULT/" + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
