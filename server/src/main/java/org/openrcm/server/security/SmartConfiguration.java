package org.openrcm.server.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMART App Launch 2.x discovery document ({@code GET /fhir/{tenant}/.well-known/smart-configuration}): where
 * apps authorize and get tokens, what this server supports ({@code capabilities}), PKCE with {@code S256} only, and
 * the scopes it announces.
 */
public final class SmartConfiguration {

	/** What the server and the shipped Keycloak realm support, as SMART names it. */
	static final List<String> CAPABILITIES = List.of("launch-standalone", "client-public",
			"client-confidential-symmetric", "client-confidential-asymmetric", "context-standalone-patient",
			"sso-openid-connect", "permission-offline", "permission-patient", "permission-user", "permission-v1",
			"permission-v2");

	private SmartConfiguration() {}

	/** The document as JSON-ready maps and lists, empty endpoints left out. */
	public static Map<String, Object> document(String issuer, AuthorizationServerEndpoints.Endpoints endpoints,
			List<String> scopes) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		putIfPresent(document, "jwks_uri", endpoints.jwkSet());
		document.put("authorization_endpoint", endpoints.authorization());
		document.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
		document.put("token_endpoint", endpoints.token());
		document.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
		document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		putIfPresent(document, "registration_endpoint", endpoints.registration());
		putIfPresent(document, "introspection_endpoint", endpoints.introspection());
		putIfPresent(document, "revocation_endpoint", endpoints.revocation());
		putIfPresent(document, "userinfo_endpoint", endpoints.userinfo());
		document.put("scopes_supported", scopes);
		document.put("response_types_supported", List.of("code"));
		document.put("capabilities", CAPABILITIES);
		document.put("code_challenge_methods_supported", List.of("S256"));
		return document;
	}

	private static void putIfPresent(Map<String, Object> document, String name, String value) {
		if (value != null && !value.isBlank()) {
			document.put(name, value);
		}
	}
}
