package org.openrcm.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The authorization server's endpoints: as configured ({@code openrcm.security.authorization-endpoint},
 * {@code token-endpoint}, {@code jwk-set-uri}), else as the issuer's OpenID configuration
 * ({@code {issuer}/.well-known/openid-configuration}) says. The configuration is read on first use and kept once it
 * was read, so the server starts while the identity server is still starting; until then a lookup fails with an
 * {@link IllegalStateException}.
 */
public class AuthorizationServerEndpoints {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The endpoints SMART apps and this server need. Values may be empty when the issuer does not have them. */
	public record Endpoints(String authorization, String token, String jwkSet, String revocation,
			String introspection, String registration, String userinfo) {}

	private final SecurityProperties properties;
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
	private final ObjectMapper json = new ObjectMapper();
	private final AtomicReference<Endpoints> discovered = new AtomicReference<>();

	public AuthorizationServerEndpoints(SecurityProperties properties) {
		this.properties = properties;
	}

	/** The issuer (without a trailing slash). */
	public String issuer() {
		return properties.issuer().endsWith("/")
				? properties.issuer().substring(0, properties.issuer().length() - 1)
				: properties.issuer();
	}

	/** The endpoints, configured values first. */
	public Endpoints endpoints() {
		boolean configured = !properties.authorizationEndpoint().isBlank() && !properties.tokenEndpoint().isBlank()
				&& !properties.jwkSetUri().isBlank();
		Endpoints fromIssuer = configured ? new Endpoints("", "", "", "", "", "", "") : discover();
		return new Endpoints(
				or(properties.authorizationEndpoint(), fromIssuer.authorization()),
				or(properties.tokenEndpoint(), fromIssuer.token()),
				or(properties.jwkSetUri(), fromIssuer.jwkSet()),
				fromIssuer.revocation(), fromIssuer.introspection(), fromIssuer.registration(), fromIssuer.userinfo());
	}

	private static String or(String configured, String discovered) {
		return configured.isBlank() ? discovered : configured;
	}

	private Endpoints discover() {
		Endpoints known = discovered.get();
		if (known != null) {
			return known;
		}
		URI uri = URI.create(issuer() + "/.well-known/openid-configuration");
		try {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			JsonNode document = json.readTree(response.body());
			String issuer = document.path("issuer").asText("");
			if (!issuer.equals(properties.issuer()) && !issuer.equals(issuer())) {
				throw new IllegalStateException(uri + " names the issuer '" + issuer + "', not '"
						+ properties.issuer() + "'");
			}
			Endpoints endpoints = new Endpoints(
					document.path("authorization_endpoint").asText(""),
					document.path("token_endpoint").asText(""),
					document.path("jwks_uri").asText(""),
					document.path("revocation_endpoint").asText(""),
					document.path("introspection_endpoint").asText(""),
					document.path("registration_endpoint").asText(""),
					document.path("userinfo_endpoint").asText(""));
			discovered.compareAndSet(null, endpoints);
			return endpoints;
		} catch (IOException e) {
			throw new IllegalStateException("the issuer's OpenID configuration could not be read from " + uri, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading " + uri, e);
		}
	}
}
