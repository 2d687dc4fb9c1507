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
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Protection with an issuer configured, over HTTP (the {@link SmartSecurityTest} pattern: Spring Security and this
 * package in front of an in-memory HAPI server, tokens from a {@link TestIssuer}): the per-client rate limit, CORS
 * for a SMART app's origin (preflight without a token) and the security headers.
 */
@SpringBootTest(classes = ProtectionSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"openrcm.security.rate-limit.requests-per-minute=1",
			"openrcm.security.rate-limit.burst=3",
			"openrcm.security.cors.allowed-origins=https://app.example.org"
		})
class ProtectionSecurityTest {

	static final String TENANT = "PRACTICEA";
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final TestIssuer ISSUER = new TestIssuer();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("openrcm.security.issuer", ISSUER::issuer);
		registry.add("openrcm.security.audience", () -> TestIssuer.AUDIENCE);
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	/** A Spring Boot web application with the security feature and an in-memory FHIR server. */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
		PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
	@EnableConfigurationProperties({SecurityProperties.class, FhirServerProperties.class})
	@Import({ResourceServerConfig.class, SecurityConfig.class})
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

	private String token(String clientId) {
		return ISSUER.sign(ISSUER.claims("system/*.cruds", List.of(TENANT)).claim("azp", clientId).build());
	}

	// ---- rate limit

	@Test
	void aClientOverItsRateGets429WithRetryAfterAndAnOutcome() {
		String token = token("busy-ehr");
		for (int i = 0; i < 3; i++) {
			assertThat(send(get("Patient"), token).statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
		}
		HttpResponse<String> limited = send(get("Patient"), token);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, limited.body());
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.RATE_LIMITED.code());
		assertThat(limited.body()).doesNotContain("\"resourceType\":\"Bundle\"");
	}

	@Test
	void theLimitIsPerClientNotPerToken() {
		for (int i = 0; i < 3; i++) {
			send(get("Patient"), token("batch-client"));
		}
		assertThat(send(get("Patient"), token("batch-client")).statusCode())
				.as("a fresh token of the same client").isEqualTo(429);
		assertThat(send(get("Patient"), token("another-client")).statusCode()).isEqualTo(200);
	}

	// ---- CORS

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("Patient"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://app.example.org")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization,content-type"), null);
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
				.contains("authorization").contains("content-type");
	}

	@Test
	void anAllowedOriginMayReadTheLocationAndEtagHeaders() {
		HttpResponse<String> response = send(get("Patient").header("Origin", "https://app.example.org"),
				token("spa"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
				.contains("Location").contains("ETag").contains("Content-Location").contains("X-Request-ID");
	}

	@Test
	void anotherOriginIsRefused() {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("Patient"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example.com")
				.header("Access-Control-Request-Method", "GET"), null);
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> read = send(get("Patient").header("Origin", "https://evil.example.com"), token("evil"));
		assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(read.body()).doesNotContain("\"resourceType\":\"Bundle\"");
	}

	// ---- security headers

	@Test
	void answersCarryTheSecurityHeaders() {
		for (HttpResponse<String> response : List.of(send(get("Patient"), token("headers")),
				send(get("Patient"), null))) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
			assertThat(response.headers().firstValue("Strict-Transport-Security"))
					.as("HSTS only over TLS").isEmpty();
		}
	}

	// ---- HTTP

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/fhir+json");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + "/fhir/" + TENANT + "/" + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
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
