package org.openrcm.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tiny OpenID Connect issuer for fast tests: the JDK's HTTP server on a loopback port serves the discovery
 * document and the JWKS of one RSA key, and tokens are signed with that key (Nimbus). It authorizes nobody; tests
 * mint the tokens they need, including broken ones (another key, expired, wrong issuer or audience).
 */
final class TestIssuer implements AutoCloseable {

	static final String AUDIENCE = "openrcm";

	private final HttpServer server;
	private final RSAKey key;
	private final RSAKey otherKey;
	private final String issuer;

	TestIssuer() {
		try {
			key = new RSAKeyGenerator(2048).keyID("test-key").generate();
			otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
		String jwks = new JWKSet(key.toPublicJWK()).toString();
		String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
				+ "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
				+ "\"revocation_endpoint\":\"" + issuer + "/revoke\"}";
		server.createContext("/realms/test/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
		server.createContext("/realms/test/jwks", exchange -> respond(exchange, jwks));
		server.start();
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	String issuer() {
		return issuer;
	}

	/** The claims of a valid token: this issuer, the audience, valid for five minutes. */
	JWTClaimsSet.Builder claims(String scope, List<String> tenants) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(issuer)
				.audience(List.of(AUDIENCE, "account"))
				.subject("user-" + UUID.randomUUID())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.claim("azp", "test-client")
				.claim("scope", scope)
				.claim("tenants", tenants);
	}

	/** A signed token of the claims. */
	String sign(JWTClaimsSet claims) {
		return sign(claims, key);
	}

	/** A JWT of the claims signed with this issuer's key and the algorithm (a SMART client assertion: RS384). */
	String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
		return sign(claims, key, algorithm);
	}

	/** Where the public key is served (a client's JWKS URL). */
	String jwksUri() {
		return issuer + "/jwks";
	}

	/** A token of the claims signed with a key the JWKS does not hold (same key id). */
	String signWithOtherKey(JWTClaimsSet claims) {
		return sign(claims, otherKey);
	}

	/** A token whose payload was changed after signing (another tenant put in). */
	String tampered(JWTClaimsSet claims, Map<String, Object> changes) {
		String token = sign(claims);
		String[] parts = token.split("\\.");
		JWTClaimsSet.Builder changed = new JWTClaimsSet.Builder(claims);
		changes.forEach(changed::claim);
		String payload = java.util.Base64.getUrlEncoder().withoutPadding()
				.encodeToString(changed.build().toString().getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + payload + "." + parts[2];
	}

	private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
		return sign(claims, signingKey, JWSAlgorithm.RS256);
	}

	private static String sign(JWTClaimsSet claims, RSAKey signingKey, JWSAlgorithm algorithm) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(signingKey.getKeyID())
					.type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(signingKey));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
