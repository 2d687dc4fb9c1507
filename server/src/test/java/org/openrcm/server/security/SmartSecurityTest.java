package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The resource server and the SMART rules over HTTP, fast: Spring Security's filter chain and the authorization
 * interceptors of this package in front of a small in-memory HAPI server (no database), with tokens signed by a
 * {@link TestIssuer}. Each failure case answers 401 or 403 with an OperationOutcome carrying its code, and no data.
 */
@SpringBootTest(classes = SmartSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmartSecurityTest {

	private static final String TENANT_A = "PRACTICEA";
	private static final String TENANT_B = "PRACTICEB";
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
			server.registerProviders(new HashMapResourceProvider<>(FHIR, Patient.class),
					new HashMapResourceProvider<>(FHIR, Claim.class), new ExplanationOfBenefits());
			server.registerProvider(new ServerOperations());
			contributions.orderedStream().forEach(contribution -> contribution.contributeTo(server));
			return new ServletRegistrationBean<>(server, "/fhir/*");
		}
	}

	/** EOBs in memory, searchable by patient (as the compartment narrowing searches them). */
	public static class ExplanationOfBenefits implements IResourceProvider {

		private final Map<String, ExplanationOfBenefit> stored = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public Class<ExplanationOfBenefit> getResourceType() {
			return ExplanationOfBenefit.class;
		}

		@Create
		public MethodOutcome create(@ResourceParam ExplanationOfBenefit eob) {
			String id = String.valueOf(stored.size() + 1000);
			eob.setId(new IdType("ExplanationOfBenefit", id));
			stored.put(id, eob);
			return new MethodOutcome(eob.getIdElement(), true);
		}

		@Read
		public ExplanationOfBenefit read(@IdParam IdType id) {
			ExplanationOfBenefit eob = stored.get(id.getIdPart());
			if (eob == null) {
				throw new ResourceNotFoundException(id);
			}
			return eob;
		}

		@Search
		public List<ExplanationOfBenefit> search(
				@OptionalParam(name = ExplanationOfBenefit.SP_PATIENT) ReferenceParam patient) {
			return stored.values().stream()
					.filter(eob -> patient == null
							|| eob.getPatient().getReferenceElement().getIdPart().equals(patient.getIdPart()))
					.toList();
		}
	}

	/** What the real server has at the system level and on Patient, so that refusals are the interceptor's. */
	public static class ServerOperations {

		@Transaction
		public Bundle transaction(@TransactionParam Bundle bundle) {
			return new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
		}

		@Operation(name = "$reindex")
		public Parameters reindex() {
			return new Parameters();
		}

		@Operation(name = "$everything", type = Patient.class, idempotent = true)
		public Bundle everything(@IdParam IdType id) {
			return new Bundle().setType(Bundle.BundleType.SEARCHSET);
		}
	}

	private record Response(int status, String body, java.net.http.HttpHeaders headers) {

		OperationOutcome outcome() {
			return FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
		}

		String code() {
			return outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
		}
	}

	private static String adminToken;

	@BeforeAll
	static void token() {
		adminToken = ISSUER.sign(ISSUER.claims("system/*.cruds", List.of(TENANT_A, TENANT_B)).build());
	}

	// ---- data: two patients with an EOB each, in tenant A (the in-memory store ignores tenants)

	private String createPatientWithEob(String family) {
		Patient patient = new Patient();
		patient.addName().setFamily(family);
		String patientId = new IdType(header(post(TENANT_A, "Patient", patient, adminToken), "Location"))
				.getIdPart();
		ExplanationOfBenefit eob = new ExplanationOfBenefit();
		eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
		eob.setPatient(new Reference("Patient/" + patientId));
		post(TENANT_A, "ExplanationOfBenefit", eob, adminToken);
		return patientId;
	}

	private static String header(Response response, String name) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue(name).orElseThrow();
	}

	private String patientToken(String patientId) {
		return ISSUER.sign(ISSUER.claims("openid launch/patient patient/ExplanationOfBenefit.rs patient/Patient.rs",
				List.of(TENANT_A)).claim("patient", patientId).build());
	}

	// ---- authentication: 401, a Bearer challenge and an OperationOutcome

	@Test
	void noTokenIs401WithABearerChallengeAndAnOutcome() {
		Response response = get(TENANT_A, "Patient", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Bearer"));
		assertThat(response.code()).isEqualTo(ErrorCode.AUTHENTICATION_REQUIRED.code());
	}

	@Test
	void anExpiredTokenIs401() {
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String token = ISSUER.sign(ISSUER.claims("system/*.cruds", List.of(TENANT_A))
				.issueTime(Date.from(past.minus(Duration.ofMinutes(5)))).expirationTime(Date.from(past)).build());
		assertRefusedToken(get(TENANT_A, "Patient", token), "expired");
	}

	@Test
	void aTokenOfAnotherIssuerIs401() {
		String token = ISSUER.sign(ISSUER.claims("system/*.cruds", List.of(TENANT_A))
				.issuer("http://127.0.0.1:1/realms/other").build());
		assertRefusedToken(get(TENANT_A, "Patient", token), "iss");
	}

	@Test
	void aTokenForAnotherAudienceIs401() {
		String token = ISSUER.sign(ISSUER.claims("system/*.cruds", List.of(TENANT_A))
				.audience("another-api").build());
		assertRefusedToken(get(TENANT_A, "Patient", token), "aud");
	}

	@Test
	void aTamperedTokenIs401() {
		JWTClaimsSet claims = ISSUER.claims("patient/Patient.rs", List.of(TENANT_A)).claim("patient", "1").build();
		String token = ISSUER.tampered(claims, Map.of("scope", "system/*.cruds"));
		assertRefusedToken(get(TENANT_A, "Patient", token), "");
	}

	@Test
	void aTokenSignedWithAnotherKeyIs401() {
		String token = ISSUER.signWithOtherKey(ISSUER.claims("system/*.cruds", List.of(TENANT_A)).build());
		assertRefusedToken(get(TENANT_A, "Patient", token), "");
	}

	@Test
	void garbageInsteadOfATokenIs401() {
		assertRefusedToken(get(TENANT_A, "Patient", "not-a-jwt"), "");
	}

	private static void assertRefusedToken(Response response, String reason) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
		assertThat(response.code()).isEqualTo(ErrorCode.TOKEN_INVALID.code());
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains(reason);
		assertThat(response.body()).doesNotContain("\"resourceType\":\"Bundle\"");
	}

	// ---- authorization: 403 with an OperationOutcome, never data

	@Test
	void aScopeForAnotherTypeDoesNotReadThisOne() {
		String id = createPatientWithEob("Scopeless");
		String token = ISSUER.sign(ISSUER.claims("user/Claim.cruds", List.of(TENANT_A)).build());
		Response read = get(TENANT_A, "Patient/" + id, token);
		assertForbidden(read, ErrorCode.SCOPE_INSUFFICIENT);
		assertForbidden(get(TENANT_A, "ExplanationOfBenefit", token), ErrorCode.SCOPE_INSUFFICIENT);
	}

	@Test
	void readScopesDoNotCreate_createScopesDo() {
		Claim claim = new Claim();
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		String reader = ISSUER.sign(ISSUER.claims("user/Claim.rs", List.of(TENANT_A)).build());
		assertForbidden(post(TENANT_A, "Claim", claim, reader), ErrorCode.SCOPE_INSUFFICIENT);
		String v1Writer = ISSUER.sign(ISSUER.claims("user/Claim.write user/Claim.read", List.of(TENANT_A)).build());
		Response created = post(TENANT_A, "Claim", claim, v1Writer);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = new IdType(created.headers().firstValue("Location").orElseThrow()).getIdPart();
		assertThat(get(TENANT_A, "Claim/" + id, reader).status()).isEqualTo(200);
	}

	@Test
	void searchNeedsS_readNeedsR() {
		String id = createPatientWithEob("Letters");
		String readOnly = ISSUER.sign(ISSUER.claims("user/Patient.r", List.of(TENANT_A)).build());
		assertThat(get(TENANT_A, "Patient/" + id, readOnly).status()).isEqualTo(200);
		assertForbidden(get(TENANT_A, "Patient", readOnly), ErrorCode.SCOPE_INSUFFICIENT);
		String searchOnly = ISSUER.sign(ISSUER.claims("user/Patient.s", List.of(TENANT_A)).build());
		assertThat(get(TENANT_A, "Patient", searchOnly).status()).isEqualTo(200);
		assertForbidden(get(TENANT_A, "Patient/" + id, searchOnly), ErrorCode.SCOPE_INSUFFICIENT);
	}

	@Test
	void anotherTenantIsRefusedEvenWithWildcardScopes() {
		String id = createPatientWithEob("Tenant");
		String staffOfB = ISSUER.sign(ISSUER.claims("user/*.cruds", List.of(TENANT_B)).build());
		assertForbidden(get(TENANT_A, "Patient/" + id, staffOfB), ErrorCode.TENANT_NOT_ALLOWED);
		assertForbidden(get(TENANT_A, "ExplanationOfBenefit", staffOfB), ErrorCode.TENANT_NOT_ALLOWED);
		String noTenants = ISSUER.sign(ISSUER.claims("user/*.cruds", List.of()).build());
		assertForbidden(get(TENANT_A, "Patient/" + id, noTenants), ErrorCode.TENANT_NOT_ALLOWED);
	}

	@Test
	void aPatientReadsItsOwnRecordsAndNotAnotherPatients() {
		String own = createPatientWithEob("Own");
		String other = createPatientWithEob("Other");
		String token = patientToken(own);

		assertThat(get(TENANT_A, "Patient/" + own, token).status()).isEqualTo(200);
		assertForbidden(get(TENANT_A, "Patient/" + other, token), ErrorCode.SCOPE_INSUFFICIENT);

		Bundle mine = bundle(get(TENANT_A, "ExplanationOfBenefit", token));
		assertThat(mine.getEntry()).isNotEmpty().allSatisfy(entry -> assertThat(
				((ExplanationOfBenefit) entry.getResource()).getPatient().getReference()).endsWith("/" + own));

		Response others = get(TENANT_A, "ExplanationOfBenefit?patient=Patient/" + other, token);
		if (others.status() == 200) {
			assertThat(bundle(others).getEntry()).isEmpty();
		} else {
			assertForbidden(others, ErrorCode.SCOPE_INSUFFICIENT);
		}
		String otherEob = bundle(get(TENANT_A, "ExplanationOfBenefit?patient=Patient/" + other, adminToken))
				.getEntryFirstRep().getResource().getIdElement().getIdPart();
		assertForbidden(get(TENANT_A, "ExplanationOfBenefit/" + otherEob, token), ErrorCode.SCOPE_INSUFFICIENT);
	}

	@Test
	void patientScopesWithoutAPatientClaimReadNothing() {
		String id = createPatientWithEob("Claimless");
		String token = ISSUER.sign(ISSUER.claims("patient/*.rs", List.of(TENANT_A)).build());
		assertForbidden(get(TENANT_A, "Patient/" + id, token), ErrorCode.PATIENT_CONTEXT_MISSING);
	}

	@Test
	void aPatientAppCannotCreateOrCallOperations() {
		String own = createPatientWithEob("Operations");
		String token = patientToken(own);
		Claim claim = new Claim();
		assertForbidden(post(TENANT_A, "Claim", claim, token), ErrorCode.SCOPE_INSUFFICIENT);
		assertForbidden(post(TENANT_A, "Patient/" + own + "/$everything", null, token),
				ErrorCode.SCOPE_INSUFFICIENT);
	}

	@Test
	void anOperationNotMappedToScopesIsRefusedToEveryToken() {
		Response response = post(TENANT_A, "$reindex", null, adminToken);
		assertForbidden(response, ErrorCode.OPERATION_NOT_AUTHORIZABLE);
	}

	@Test
	void aTransactionIsCheckedEntryByEntry() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Patient");
		transaction.addEntry().setResource(new Claim()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim");
		String patientsOnly = ISSUER.sign(ISSUER.claims("user/Patient.cruds", List.of(TENANT_A)).build());
		Response response = post(TENANT_A, "", transaction, patientsOnly);
		assertForbidden(response, ErrorCode.SCOPE_INSUFFICIENT);
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("Claim");
	}

	private static void assertForbidden(Response response, ErrorCode code) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.code()).isEqualTo(code.code());
		assertThat(response.body()).doesNotContain("\"resourceType\":\"Patient\"")
				.doesNotContain("\"resourceType\":\"ExplanationOfBenefit\"");
	}

	// ---- discovery: open to anyone

	@Test
	void theSmartConfigurationNamesTheEndpointsAndS256Only() throws IOException {
		Response response = get(TENANT_A, ".well-known/smart-configuration", null);
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = new ObjectMapper().readTree(response.body());
		assertThat(document.path("issuer").asText()).isEqualTo(ISSUER.issuer());
		assertThat(document.path("authorization_endpoint").asText()).isEqualTo(ISSUER.issuer() + "/auth");
		assertThat(document.path("token_endpoint").asText()).isEqualTo(ISSUER.issuer() + "/token");
		assertThat(document.path("jwks_uri").asText()).isEqualTo(ISSUER.issuer() + "/jwks");
		assertThat(texts(document.path("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(texts(document.path("capabilities"))).contains("launch-standalone", "client-public",
				"client-confidential-symmetric", "context-standalone-patient", "permission-v2", "permission-v1",
				"sso-openid-connect");
		assertThat(texts(document.path("scopes_supported"))).contains("openid", "fhirUser", "launch/patient",
				"offline_access", "patient/ExplanationOfBenefit.rs", "user/Claim.cruds", "system/*.rs",
				"user/Claim.write");
		assertThat(texts(document.path("grant_types_supported"))).contains("authorization_code",
				"client_credentials");
	}

	@Test
	void theCapabilityStatementIsOpenAndCarriesTheOauthUris() {
		Response response = get(TENANT_A, "metadata", null);
		assertThat(response.status()).isEqualTo(200);
		CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
				response.body());
		var security = statement.getRestFirstRep().getSecurity();
		assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
		var uris = security.getExtensionByUrl(SmartCapabilityInterceptor.OAUTH_URIS);
		assertThat(uris).isNotNull();
		assertThat(((UriType) uris.getExtensionByUrl("authorize").getValue()).getValue())
				.isEqualTo(ISSUER.issuer() + "/auth");
		assertThat(((UriType) uris.getExtensionByUrl("token").getValue()).getValue())
				.isEqualTo(ISSUER.issuer() + "/token");
	}

	private static List<String> texts(JsonNode array) {
		List<String> values = new java.util.ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}

	private static Bundle bundle(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	// ---- HTTP

	private Response get(String tenant, String path, String token) {
		return send(HttpRequest.newBuilder(uri(tenant, path)).GET(), token);
	}

	private Response post(String tenant, String path, org.hl7.fhir.instance.model.api.IBaseResource body,
			String token) {
		String json = body == null ? "{\"resourceType\":\"Parameters\"}"
				: FHIR.newJsonParser().encodeResourceToString(body);
		return send(HttpRequest.newBuilder(uri(tenant, path)).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(json)), token);
	}

	private URI uri(String tenant, String path) {
		return URI.create("http://127.0.0.1:" + port + "/fhir/" + tenant + (path.isEmpty() ? "" : "/" + path));
	}

	private Response send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = client.send(request.header("Accept", "application/fhir+json").build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(), response.headers());
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
