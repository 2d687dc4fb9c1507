package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.security.SmartStack.Response;

/**
 * The SMART flows against a real Keycloak with the shipped realm and a server secured by it (the {@link SmartStack}
 * this run shares with {@link LeakMatrixIT}). Client credentials for the EHR integration client, staff of one
 * practice reaching into another,
 * a SMART Backend Services client authenticating with a signed assertion ({@code private_key_jwt}), and a patient
 * app's authorization code + PKCE flow driven through Keycloak's login form.
 */
@ExtendWith(SecuredStack.class)
class KeycloakSmartIT {

	private static final FhirContext FHIR = SmartStack.FHIR;
	private static final String TENANT_A = SmartStack.TENANT_A;
	private static final String TENANT_B = SmartStack.TENANT_B;
	/** The FHIR id the realm's patient user {@code pat} carries in its {@code patient} attribute. */
	private static final String REALM_PATIENT = "kc-patient-1";

	private static SmartStack stack;
	private static KeycloakServer keycloak;
	private static String integrationToken;

	@BeforeAll
	static void start(SmartStack securedStack) {
		stack = securedStack;
		keycloak = stack.keycloak();
		integrationToken = stack.integrationToken();
	}

	// ---- client credentials (EHR integration)

	@Test
	void theIntegrationClientCreatesAndReadsWithItsScopesAndNothingWithout() throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("Integration");
		Response created = post(TENANT_A, "Patient", patient, integrationToken);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = new IdType(created.location()).getIdPart();
		assertThat(get(TENANT_A, "Patient/" + id, integrationToken).status()).isEqualTo(200);

		String readOnly = clientCredentials("system/Patient.rs");
		assertThat(get(TENANT_A, "Patient/" + id, readOnly).status()).isEqualTo(200);
		assertRefused(post(TENANT_A, "Patient", patient, readOnly), 403, ErrorCode.SCOPE_INSUFFICIENT);

		String noResourceScopes = clientCredentials("");
		assertRefused(get(TENANT_A, "Patient/" + id, noResourceScopes), 403, ErrorCode.SCOPE_INSUFFICIENT);
		assertRefused(get(TENANT_A, "Patient/" + id, null), 401, ErrorCode.AUTHENTICATION_REQUIRED);
	}

	@Test
	void operationsNeedTheScopesTheyAreMappedTo() throws Exception {
		String tasks = clientCredentials("system/Task.rs");
		Response patterns = get(TENANT_A, "$denial-patterns", tasks);
		assertThat(patterns.status()).as(patterns.body()).isEqualTo(200);
		assertThat(patterns.body()).contains("\"resourceType\":\"Parameters\"");
		Response ingest = send(HttpRequest.newBuilder(uri(TENANT_A, "$x12-ingest"))
				.header("Content-Type", "application/EDI-X12")
				.POST(HttpRequest.BodyPublishers.ofString("ISA*00*")), tasks);
		assertRefused(ingest, 403, ErrorCode.SCOPE_INSUFFICIENT);
		assertRefused(post(TENANT_A, "$reindex-terminology", new Parameters(), integrationToken), 403,
				ErrorCode.OPERATION_NOT_AUTHORIZABLE);
	}

	// ---- SMART Backend Services (client credentials with a private_key_jwt client assertion)

	@Test
	void aBackendServiceAuthenticatesWithASignedAssertionAndReadsItsPracticeOnly() throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet assertion = new JWTClaimsSet.Builder()
				.issuer("openrcm-backend").subject("openrcm-backend").audience(keycloak.tokenEndpoint())
				.jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(60))).build();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", stack.backendKeys().sign(assertion, JWSAlgorithm.RS384));
		form.put("scope", "system/ExplanationOfBenefit.rs");
		String token = token(form);
		assertThat(claims(token).path("azp").asText()).isEqualTo("openrcm-backend");
		assertThat(get(TENANT_A, "ExplanationOfBenefit", token).status()).isEqualTo(200);
		assertRefused(get(TENANT_B, "ExplanationOfBenefit", token), 403, ErrorCode.TENANT_NOT_ALLOWED);
		assertRefused(get(TENANT_A, "Patient", token), 403, ErrorCode.SCOPE_INSUFFICIENT);

		form.put("client_assertion", stack.backendKeys().sign(new JWTClaimsSet.Builder(assertion)
				.jwtID(UUID.randomUUID().toString()).build(), JWSAlgorithm.RS384) + "x");
		HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(keycloak.tokenEndpoint()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).as("a broken assertion gets no token").isIn(400, 401);
		assertThat(refused.body()).contains("invalid_client").doesNotContain("access_token");
	}

	// ---- staff (authorization code + PKCE on the dashboard client)

	@Test
	void staffOfOnePracticeCannotReachAnother() throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("PracticeB");
		Response created = post(TENANT_B, "Patient", patient, integrationToken);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String inB = new IdType(created.location()).getIdPart();

		String alice = authorizationCode("openrcm-dashboard", "alice", "alice-change-me", "openid user/*.cruds");
		assertThat(claims(alice).path("tenants").toString()).contains(TENANT_A).doesNotContain(TENANT_B);
		assertRefused(get(TENANT_B, "Patient/" + inB, alice), 403, ErrorCode.TENANT_NOT_ALLOWED);
		assertRefused(get(TENANT_B, "Patient?family=PracticeB", alice), 403, ErrorCode.TENANT_NOT_ALLOWED);
		Response ownPractice = get(TENANT_A, "Patient", alice);
		assertThat(ownPractice.status()).as(ownPractice.body()).isEqualTo(200);

		String bob = authorizationCode("openrcm-dashboard", "bob", "bob-change-me", "openid user/Patient.rs");
		assertThat(get(TENANT_B, "Patient/" + inB, bob).status()).isEqualTo(200);
		assertRefused(post(TENANT_B, "Patient", patient, bob), 403, ErrorCode.SCOPE_INSUFFICIENT);
	}

	// ---- a patient app (authorization code + PKCE, launch/patient)

	@Test
	void aPatientAppReadsItsPatientsEobsAndNotAnothers() throws Exception {
		Patient own = new Patient();
		own.setId(REALM_PATIENT);
		own.addName().setFamily("Realm");
		Response stored = put(TENANT_A, "Patient/" + REALM_PATIENT, own, integrationToken);
		assertThat(stored.status()).as(stored.body()).isIn(200, 201);
		Patient other = new Patient();
		other.addName().setFamily("Other");
		String otherId = new IdType(post(TENANT_A, "Patient", other, integrationToken).location()).getIdPart();
		String ownEob = eob(REALM_PATIENT);
		String otherEob = eob(otherId);

		String token = authorizationCode("openrcm-patient-app", "pat", "pat-change-me",
				"openid fhirUser launch/patient patient/ExplanationOfBenefit.rs patient/Patient.rs");
		JsonNode claims = claims(token);
		assertThat(claims.path("patient").asText()).isEqualTo(REALM_PATIENT);
		assertThat(claims.path("fhirUser").asText()).isEqualTo("Patient/" + REALM_PATIENT);

		Response search = get(TENANT_A, "ExplanationOfBenefit", token);
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		Bundle mine = FHIR.newJsonParser().parseResource(Bundle.class, search.body());
		assertThat(mine.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
				.containsExactly(ownEob);
		assertThat(get(TENANT_A, "ExplanationOfBenefit/" + ownEob, token).status()).isEqualTo(200);
		assertThat(get(TENANT_A, "Patient/" + REALM_PATIENT, token).status()).isEqualTo(200);

		assertRefused(get(TENANT_A, "ExplanationOfBenefit/" + otherEob, token), 403, ErrorCode.SCOPE_INSUFFICIENT);
		assertRefused(get(TENANT_A, "Patient/" + otherId, token), 403, ErrorCode.SCOPE_INSUFFICIENT);
		Response others = get(TENANT_A, "ExplanationOfBenefit?patient=Patient/" + otherId, token);
		if (others.status() == 200) {
			assertThat(FHIR.newJsonParser().parseResource(Bundle.class, others.body()).getEntry()).isEmpty();
		} else {
			assertRefused(others, 403, ErrorCode.SCOPE_INSUFFICIENT);
		}
		assertRefused(get(TENANT_B, "ExplanationOfBenefit", token), 403, ErrorCode.TENANT_NOT_ALLOWED);
	}

	@Test
	void theSmartConfigurationAndTheCapabilityStatementPointAtKeycloak() throws IOException {
		Response response = get(TENANT_A, ".well-known/smart-configuration", null);
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = new ObjectMapper().readTree(response.body());
		assertThat(document.path("issuer").asText()).isEqualTo(keycloak.issuer());
		assertThat(document.path("authorization_endpoint").asText()).isEqualTo(keycloak.authorizationEndpoint());
		assertThat(document.path("token_endpoint").asText()).isEqualTo(keycloak.tokenEndpoint());
		assertThat(document.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
		Response metadata = get(TENANT_A, "metadata", null);
		assertThat(metadata.status()).isEqualTo(200);
		var security = FHIR.newJsonParser().parseResource(CapabilityStatement.class, metadata.body())
				.getRestFirstRep().getSecurity();
		assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
		var uris = security.getExtensionByUrl(SmartCapabilityInterceptor.OAUTH_URIS);
		assertThat(uris.getExtensionByUrl("authorize").getValue().primitiveValue())
				.isEqualTo(keycloak.authorizationEndpoint());
		assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(keycloak.tokenEndpoint());
	}

	private String eob(String patientId) {
		ExplanationOfBenefit eob = new ExplanationOfBenefit();
		eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
		eob.setPatient(new Reference("Patient/" + patientId));
		Response created = post(TENANT_A, "ExplanationOfBenefit", eob, integrationToken);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new IdType(created.location()).getIdPart();
	}

	private static void assertRefused(Response response, int status, ErrorCode code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(code.code());
	}

	// ---- OAuth2 against Keycloak

	private static String clientCredentials(String scope) throws IOException, InterruptedException {
		return stack.clientCredentials(scope);
	}

	private static String token(Map<String, String> form) throws IOException, InterruptedException {
		return stack.token(form);
	}

	private static String authorizationCode(String clientId, String username, String password, String scope)
			throws IOException, InterruptedException, NoSuchAlgorithmException {
		return stack.authorizationCode(clientId, username, password, scope);
	}

	private static JsonNode claims(String token) throws IOException {
		return SmartStack.claims(token);
	}

	private static String form(Map<String, String> values) {
		return SmartStack.form(values);
	}

	// ---- FHIR over HTTP with a bearer token

	private Response get(String tenant, String path, String token) {
		return stack.get(tenant, path, token);
	}

	private Response post(String tenant, String path, IBaseResource resource, String token) {
		return stack.post(tenant, path, resource, token);
	}

	private Response put(String tenant, String path, IBaseResource resource, String token) {
		return stack.put(tenant, path, resource, token);
	}

	private static URI uri(String tenant, String path) {
		return stack.uri(tenant, path);
	}

	private Response send(HttpRequest.Builder request, String token) {
		return stack.send(request, token);
	}
}
