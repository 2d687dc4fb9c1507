package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openrcm.server.OpenRcmApplication;
import org.openrcm.server.support.PackagedServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Keycloak with the shipped realm and an OpenRCM server secured by it (a second Spring context in this JVM
 * on its own data folder, with the issuer configured; the shared context of the other integration tests stays
 * unsecured), with the tenants {@value #TENANT_A} and {@value #TENANT_B} created, plus the client side the tests
 * need: OAuth2 grants against Keycloak (client credentials, authorization code + PKCE through the login form), the
 * admin REST API, and FHIR over HTTP with a bearer token. Shared by the test classes through {@link SecuredStack}.
 *
 * <p>The server accepts a token up to {@value #CLOCK_SKEW_SECONDS} s past its expiry, so a test can watch a short-lived
 * token expire. Before any token is issued the realm gets a signing key made up for this run ({@link #signingKey()},
 * preferred over the realm's own), so a test can give another realm the same key: that realm's tokens then differ
 * from this realm's in their issuer only. Keycloak's log is kept in {@code target/keycloak-logs/}.
 */
final class SmartStack implements ExtensionContext.Store.CloseableResource {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final String TENANT_A = "PRACTICEA";
	static final String TENANT_B = "PRACTICEB";
	static final String REDIRECT = "http://127.0.0.1/callback";
	static final int CLOCK_SKEW_SECONDS = 1;
	static final String INTEGRATION_CLIENT = "openrcm-integration";
	static final String INTEGRATION_SECRET = "integration-secret-change-me";

	/** An answer of the FHIR server. */
	record Response(int status, String body, String location, HttpHeaders headers) {

		/** The first value of a header, or null. */
		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	private final KeycloakServer keycloak;
	private final ConfigurableApplicationContext server;
	private final int port;
	/** Serves the backend client's public key (its JWKS URL) and signs its client assertions. */
	private final TestIssuer backendKeys;
	private final String integrationToken;
	private final String signingKey;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SmartStack(KeycloakServer keycloak, ConfigurableApplicationContext server, int port,
			TestIssuer backendKeys, String integrationToken, String signingKey) {
		this.signingKey = signingKey;
		this.keycloak = keycloak;
		this.server = server;
		this.port = port;
		this.backendKeys = backendKeys;
		this.integrationToken = integrationToken;
	}

	/** Starts Keycloak and the secured server side by side, then creates the two tenants. */
	static SmartStack start() throws Exception {
		TestIssuer backendKeys = new TestIssuer();
		KeycloakServer keycloak = KeycloakServer.start(PackagedServer.freePort(),
				KeycloakServer.logFile("keycloak-smart-it.log").toPath(), backendKeys.jwksUri());
		int port = PackagedServer.freePort();
		// the server does not need Keycloak to start: it reads the issuer's keys on the first token
		ConfigurableApplicationContext server = new SpringApplicationBuilder(OpenRcmApplication.class).run(
				"--server.port=" + port,
				"--openrcm.data-dir=" + Path.of("target", "it-data", "keycloak-smart").toAbsolutePath(),
				"--openrcm.security.issuer=" + keycloak.issuer(),
				"--openrcm.security.audience=openrcm",
				"--openrcm.security.clock-skew=" + CLOCK_SKEW_SECONDS + "s",
				"--openrcm.submission.scheduled=false",
				// the rate limit stays on as in production, with room for the set-up's bursts of one client
				"--openrcm.security.rate-limit.burst=5000",
				"--spring.jmx.enabled=false");
		keycloak.awaitReady();
		String signingKey = importSigningKey(keycloak, KeycloakServer.REALM);
		String integrationToken = clientCredentials(keycloak.tokenEndpoint(), INTEGRATION_CLIENT, INTEGRATION_SECRET,
				"system/*.cruds");
		SmartStack stack = new SmartStack(keycloak, server, port, backendKeys, integrationToken, signingKey);
		for (String tenant : List.of(TENANT_A, TENANT_B)) {
			Parameters parameters = new Parameters();
			parameters.addParameter().setName("name").setValue(new StringType(tenant));
			Response created = stack.post("DEFAULT", "$partition-management-create-partition", parameters,
					integrationToken);
			assertThat(created.status()).as(created.body()).isEqualTo(200);
		}
		return stack;
	}

	/**
	 * Gives the realm a new RSA signing key with a priority above its generated one, and returns the key (PKCS#8,
	 * base64).
	 */
	private static String importSigningKey(KeycloakServer keycloak, String realm)
			throws IOException, InterruptedException, NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
		String realmId = new ObjectMapper().readTree(admin(keycloak, "GET", "/" + realm, null).body())
				.path("id").asText();
		admin(keycloak, "POST", "/" + realm + "/components", signingKeyComponent(realmId, key));
		return key;
	}

	/** The admin API's representation of an imported RSA signing key ({@code rsa} key provider) of a realm. */
	static String signingKeyComponent(String realmId, String privateKey) throws IOException {
		ObjectMapper json = new ObjectMapper();
		var component = json.createObjectNode()
				.put("name", "test-run-rsa")
				.put("providerId", "rsa")
				.put("providerType", "org.keycloak.keys.KeyProvider")
				.put("parentId", realmId);
		var config = component.putObject("config");
		config.putArray("priority").add("500");
		config.putArray("enabled").add("true");
		config.putArray("active").add("true");
		config.putArray("algorithm").add("RS256");
		config.putArray("privateKey").add(privateKey);
		return json.writeValueAsString(component);
	}

	/** The signing key this run gave the realm (PKCS#8, base64), preferred over the realm's own. */
	String signingKey() {
		return signingKey;
	}

	@Override
	public void close() throws InterruptedException {
		server.close();
		keycloak.close();
		backendKeys.close();
	}

	KeycloakServer keycloak() {
		return keycloak;
	}

	ConfigurableApplicationContext server() {
		return server;
	}

	int port() {
		return port;
	}

	TestIssuer backendKeys() {
		return backendKeys;
	}

	/** A token of the EHR integration client with {@code system/*.cruds} in every tenant, for setting data up. */
	String integrationToken() {
		return integrationToken;
	}

	// ---- OAuth2 against Keycloak

	/** A client credentials token of the EHR integration client with the scopes (none asked for when empty). */
	String clientCredentials(String scope) throws IOException, InterruptedException {
		return clientCredentials(INTEGRATION_CLIENT, INTEGRATION_SECRET, scope);
	}

	String clientCredentials(String clientId, String secret, String scope) throws IOException, InterruptedException {
		return clientCredentials(keycloak.tokenEndpoint(), clientId, secret, scope);
	}

	/** A client credentials token from any token endpoint of this Keycloak (another realm's, for instance). */
	static String clientCredentials(String tokenEndpoint, String clientId, String secret, String scope)
			throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_id", clientId);
		form.put("client_secret", secret);
		if (!scope.isEmpty()) {
			form.put("scope", scope);
		}
		return token(tokenEndpoint, form);
	}

	String token(Map<String, String> form) throws IOException, InterruptedException {
		return token(keycloak.tokenEndpoint(), form);
	}

	private static String token(String tokenEndpoint, Map<String, String> form)
			throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new ObjectMapper().readTree(response.body()).path("access_token").asText();
	}

	/**
	 * The authorization code flow with PKCE (S256) as a browser would run it: the authorization request, Keycloak's
	 * login form filled in and posted, the code taken from the redirect, and the code exchanged with its verifier.
	 */
	String authorizationCode(String clientId, String username, String password, String scope)
			throws IOException, InterruptedException, NoSuchAlgorithmException {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String state = Long.toHexString(new SecureRandom().nextLong());
		// cookies by hand: Keycloak marks its session cookies Secure, which the JDK's cookie store keeps off http
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", clientId);
		query.put("redirect_uri", REDIRECT);
		query.put("scope", scope);
		query.put("state", state);
		query.put("code_challenge", challenge);
		query.put("code_challenge_method", "S256");
		query.put("aud", "http://127.0.0.1:" + port + "/fhir/" + TENANT_A);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
				URI.create(keycloak.authorizationEndpoint() + "?" + form(query))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(login.body());
		assertThat(action.find()).as("Keycloak's login form").isTrue();
		String postTo = action.group(1).replace("&amp;", "&");
		String cookies = login.headers().allValues("Set-Cookie").stream()
				.map(cookie -> cookie.split(";", 2)[0])
				.collect(Collectors.joining("; "));
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(postTo))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", cookies)
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
						"credentialId", "")))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		URI redirect = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
		assertThat(redirect.toString()).startsWith(REDIRECT);
		Map<String, String> answer = Arrays.stream(redirect.getRawQuery().split("&"))
				.map(pair -> pair.split("=", 2))
				.collect(Collectors.toMap(pair -> pair[0],
						pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
		assertThat(answer).containsEntry("state", state);
		Map<String, String> exchange = new LinkedHashMap<>();
		exchange.put("grant_type", "authorization_code");
		exchange.put("client_id", clientId);
		exchange.put("redirect_uri", REDIRECT);
		exchange.put("code", answer.get("code"));
		exchange.put("code_verifier", verifier);
		return token(exchange);
	}

	static JsonNode claims(String token) throws IOException {
		return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	static String form(Map<String, String> values) {
		return values.entrySet().stream()
				.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}

	// ---- Keycloak's admin REST API

	/**
	 * Calls the admin REST API ({@code path} below {@code /admin/realms}) as the temporary administrator and
	 * returns the answer, failing on anything but 2xx.
	 */
	HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
		return admin(keycloak, method, path, json);
	}

	private static HttpResponse<String> admin(KeycloakServer keycloak, String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms" + path))
				.header("Authorization", "Bearer " + keycloak.adminToken())
				.header("Content-Type", "application/json")
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json));
		HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response;
	}

	// ---- FHIR over HTTP with a bearer token (none when null)

	Response get(String tenant, String path, String token) {
		return send(HttpRequest.newBuilder(uri(tenant, path)).GET(), token);
	}

	Response post(String tenant, String path, IBaseResource resource, String token) {
		return send(HttpRequest.newBuilder(uri(tenant, path)).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))),
				token);
	}

	Response put(String tenant, String path, IBaseResource resource, String token) {
		return send(HttpRequest.newBuilder(uri(tenant, path)).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))),
				token);
	}

	Response delete(String tenant, String path, String token) {
		return send(HttpRequest.newBuilder(uri(tenant, path)).DELETE(), token);
	}

	URI uri(String tenant, String path) {
		return URI.create(base(tenant) + "/" + path);
	}

	/** The FHIR base URL of a tenant. */
	String base(String tenant) {
		return "http://127.0.0.1:" + port + "/fhir/" + tenant;
	}

	Response send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = http.send(request.header("Accept", "application/fhir+json")
					.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(""), response.headers());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
