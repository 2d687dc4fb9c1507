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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.audit.AuditContext;
import org.openrcm.server.audit.AuditEvents;
import org.openrcm.server.audit.AuditInterceptor;
import org.openrcm.server.audit.AuditTrail;
import org.openrcm.server.audit.RefusalAuditor;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail behind the resource server, fast (in-memory FHIR, {@link TestIssuer} tokens): AuditEvents are read
 * only by a token with an AuditEvent scope and the auditor role; refusals (401 before HAPI, 403 in HAPI) are each
 * recorded with their code; AuditEvents cannot be written even by an auditor with write scopes.
 */
@SpringBootTest(classes = AuditorAccessTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditorAccessTest {

	private static final String TENANT = "PRACTICEA";
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final TestIssuer ISSUER = new TestIssuer();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	RecordingTrail trail;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("openrcm.security.issuer", ISSUER::issuer);
		registry.add("openrcm.security.audience", () -> TestIssuer.AUDIENCE);
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	/** An audit trail that keeps what it is given, in memory; flushing has nothing to do. */
	static final class RecordingTrail implements AuditTrail {

		record Recorded(String tenant, AuditEvent event) {}

		final List<Recorded> recorded = new CopyOnWriteArrayList<>();

		@Override
		public void record(String tenant, AuditEvent event) {
			recorded.add(new Recorded(tenant, event));
		}

		@Override
		public int flush() {
			return 0;
		}

		/** The event of the response with this X-Request-ID. */
		Recorded of(String requestId) {
			flush();
			List<Recorded> found = recorded.stream().filter(entry -> entry.event().getEntity().stream()
					.anyMatch(entity -> requestId.equals(entity.getName()))).toList();
			assertThat(found).as("AuditEvents of " + requestId).hasSize(1);
			return found.get(0);
		}
	}

	/** The security feature, the audit interceptor and listener, and an in-memory FHIR server with AuditEvents. */
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
		RecordingTrail trail() {
			return new RecordingTrail();
		}

		@Bean
		RefusalAuditor refusalAuditor(RecordingTrail trail, Clock clock) {
			return new RefusalAuditor(trail, new AuditEvents("openrcm"), clock);
		}

		@Bean
		@Order(2)
		FhirServerContribution audit(RecordingTrail trail, Clock clock) {
			return server -> server.registerInterceptor(new AuditInterceptor(trail, new AuditEvents("openrcm"),
					new AuditContext(), clock, FHIR));
		}

		@Bean
		ServletRegistrationBean<RestfulServer> fhirServlet(ObjectProvider<FhirServerContribution> contributions) {
			RestfulServer server = new RestfulServer(FHIR);
			server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
			server.registerProviders(new HashMapResourceProvider<>(FHIR, Patient.class),
					new HashMapResourceProvider<>(FHIR, AuditEvent.class));
			contributions.orderedStream().forEach(contribution -> contribution.contributeTo(server));
			return new ServletRegistrationBean<>(server, "/fhir/*");
		}
	}

	private record Response(int status, String body, String requestId) {

		String code() {
			return FHIR.newJsonParser().parseResource(OperationOutcome.class, body).getIssueFirstRep().getDetails()
					.getCodingFirstRep().getCode();
		}
	}

	private static String token(String scope, String... roles) {
		return ISSUER.sign(ISSUER.claims(scope, List.of(TENANT))
				.claim("realm_access", Map.of("roles", List.of(roles))).build());
	}

	private String auditorToken;
	private String billerToken;

	@BeforeEach
	void tokens() {
		auditorToken = token("user/AuditEvent.rs", "auditor");
		billerToken = token("user/*.cruds", "biller");
	}

	@Test
	void anAuditorWithAnAuditEventScopeSearchesTheTrail() {
		Response response = get("AuditEvent", auditorToken);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"resourceType\":\"Bundle\"");
		assertThat(trail.of(response.requestId()).event().getSubtypeFirstRep().getCode()).isEqualTo("search-type");
	}

	@Test
	void aBillerWithEveryScopeMayNotReadTheTrail_andTheRefusalIsRecorded() {
		Response search = get("AuditEvent", billerToken);
		assertThat(search.status()).as(search.body()).isEqualTo(403);
		assertThat(search.code()).isEqualTo(ErrorCode.AUDIT_ROLE_REQUIRED.code());
		assertThat(search.body()).doesNotContain("\"resourceType\":\"Bundle\"");
		assertThat(get("AuditEvent/some-id", billerToken).code()).isEqualTo(ErrorCode.AUDIT_ROLE_REQUIRED.code());

		RecordingTrail.Recorded recorded = trail.of(search.requestId());
		assertThat(recorded.tenant()).isEqualTo(TENANT);
		AuditEvent event = recorded.event();
		assertThat(event.getOutcome().toCode()).isEqualTo("4");
		assertThat(event.getOutcomeDesc()).contains(ErrorCode.AUDIT_ROLE_REQUIRED.code());
		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getRequestor()).isTrue();
			assertThat(agent.getWho().getIdentifier().getValue()).isNotBlank().isNotEqualTo("anonymous");
		});
	}

	@Test
	void theAuditorRoleWithoutAnAuditEventScopeIsNotEnough() {
		Response response = get("AuditEvent", token("user/Patient.rs", "auditor"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.code()).isEqualTo(ErrorCode.SCOPE_INSUFFICIENT.code());
	}

	@Test
	void aMissingTokenIsA401ThatIsRecordedUnderItsRequestId() {
		Response response = get("Patient/42", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.requestId()).as("the 401 carries an X-Request-ID").isNotBlank();

		RecordingTrail.Recorded recorded = trail.of(response.requestId());
		assertThat(recorded.tenant()).isEqualTo(TENANT);
		AuditEvent event = recorded.event();
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(event.getOutcome().toCode()).isEqualTo("4");
		assertThat(event.getOutcomeDesc()).startsWith(ErrorCode.AUTHENTICATION_REQUIRED.code());
		assertThat(event.getEntity()).anySatisfy(entity ->
				assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("Patient/42"));
		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getName()).isEqualTo("anonymous");
			assertThat(agent.getNetwork().getAddress()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void aRefusedTokenIsA401ThatIsRecorded() {
		Response response = get("Patient", "not-a-jwt");
		assertThat(response.status()).isEqualTo(401);
		assertThat(trail.of(response.requestId()).event().getOutcomeDesc())
				.startsWith(ErrorCode.TOKEN_INVALID.code());
	}

	@Test
	void evenAnAuditorWithWriteScopesCannotWriteAuditEvents() {
		String token = token("system/*.cruds", "auditor");
		Response created = send(HttpRequest.newBuilder(uri("AuditEvent")).header("Content-Type",
				"application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(
						"{\"resourceType\":\"AuditEvent\"}")), token);
		assertThat(created.status()).as(created.body()).isEqualTo(405);
		assertThat(created.code()).isEqualTo(ErrorCode.AUDIT_IMMUTABLE.code());
		assertThat(trail.of(created.requestId()).event().getOutcomeDesc())
				.contains(ErrorCode.AUDIT_IMMUTABLE.code());
	}

	private Response get(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), token);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + "/fhir/" + TENANT + "/" + path);
	}

	private Response send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = client.send(request.header("Accept", "application/fhir+json").build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("X-Request-ID").orElse(""));
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
