package org.openrcm.server.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication and SMART on FHIR authorization, under {@code openrcm.security.*}.
 *
 * <p>With no {@code issuer} the server runs in the embedded developer mode: no authentication at all, bound to
 * loopback only, with a warning in the log and in {@code /actuator/health}; the {@code prod} profile refuses to
 * start that way. With an issuer every request to {@code /fhir/**} needs a bearer token (a JWT) from it.
 *
 * @param issuer the OpenID Connect issuer whose access tokens are accepted (its {@code iss}, e.g.
 *               {@code https://id.example.org/realms/openrcm}). Default empty: no authentication.
 * @param audience the audience ({@code aud}) a token must name to be accepted here. Default {@code openrcm}.
 * @param jwkSetUri where the issuer's signing keys are read; empty means "as the issuer's OpenID configuration
 *                  says" ({@code {issuer}/.well-known/openid-configuration}, read on first use). Default empty.
 * @param authorizationEndpoint the authorization endpoint announced to SMART apps; empty means "from the issuer's
 *                              OpenID configuration". Default empty.
 * @param tokenEndpoint the token endpoint announced to SMART apps; empty means "from the issuer's OpenID
 *                      configuration". Default empty.
 * @param tenantsClaim the token claim listing the tenants (practices) the token may act in: an array of tenant
 *                     names, or one name. Default {@code tenants}.
 * @param patientClaim the token claim with the patient id a {@code patient/} scope is narrowed to (SMART launch
 *                     context). Default {@code patient}.
 * @param clockSkew how far a token's {@code exp}/{@code nbf} may be off the server's clock. Default 30s.
 * @param rateLimit the per-client request rate limit ({@code openrcm.security.rate-limit.*}).
 * @param cors which browser origins (SMART apps) may call the API ({@code openrcm.security.cors.*}).
 * @param rolesClaim the token claim with the user's roles, a dotted path into nested claims. Default
 *                   {@code realm_access.roles} (Keycloak's realm roles).
 * @param auditorRole the role that, with a scope granting AuditEvent read or search ({@code user/AuditEvent.rs},
 *                    {@code system/AuditEvent.rs}), reads the audit trail. Default {@code auditor}.
 */
@Validated
@ConfigurationProperties("openrcm.security")
public record SecurityProperties(
		@DefaultValue("") String issuer,
		@DefaultValue("openrcm") @NotBlank String audience,
		@DefaultValue("") String jwkSetUri,
		@DefaultValue("") String authorizationEndpoint,
		@DefaultValue("") String tokenEndpoint,
		@DefaultValue("tenants") @NotBlank String tenantsClaim,
		@DefaultValue("patient") @NotBlank String patientClaim,
		@DefaultValue("30s") Duration clockSkew,
		@DefaultValue @Valid RateLimit rateLimit,
		@DefaultValue @Valid Cors cors,
		@DefaultValue("realm_access.roles") String rolesClaim,
		@DefaultValue("auditor") @NotBlank String auditorRole) {

	/** The property naming the issuer; blank means the open developer mode. */
	public static final String ISSUER_PROPERTY = "openrcm.security.issuer";

	/** Whether tokens are required (an issuer is configured). */
	public boolean enabled() {
		return issuer != null && !issuer.isBlank();
	}

	/** Whether the rate limit applies: as configured, else on with an issuer and off in the open developer mode. */
	public boolean rateLimited() {
		return rateLimit.enabled() == null ? enabled() : rateLimit.enabled();
	}

	/**
	 * A token bucket per client under {@code openrcm.security.rate-limit.*}. The client is the token's {@code azp}
	 * (else {@code client_id}, else {@code sub}) when an issuer is configured, else the remote address. A client
	 * over its rate gets 429 with {@code Retry-After} and an OperationOutcome ({@code ORCM-2120}).
	 *
	 * @param enabled whether to limit at all; unset means "on with an issuer, off in the open developer mode" (so
	 *                local benchmarks are not throttled).
	 * @param requestsPerMinute the sustained rate per client, in requests per minute. Default 1200.
	 * @param burst how many requests a client that was idle may send at once. Default 200.
	 * @param maxClients how many clients are tracked at once (bounded memory); clients beyond share one bucket
	 *                   until idle ones are forgotten. Default 100000.
	 */
	public record RateLimit(
			Boolean enabled,
			@DefaultValue("1200") @Min(1) int requestsPerMinute,
			@DefaultValue("200") @Min(1) int burst,
			@DefaultValue("100000") @Min(1) int maxClients) {}

	/**
	 * Cross-origin access for browser-based SMART apps under {@code openrcm.security.cors.*}, in both modes.
	 * Preflight requests ({@code OPTIONS}) are answered without a token.
	 *
	 * @param allowedOrigins the origins (or origin patterns such as {@code https://*.example.org}) allowed to call
	 *                       the API. Default none: no CORS headers, browsers keep other origins out.
	 * @param allowedMethods the methods allowed. Default GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.
	 * @param allowedHeaders the request headers allowed. Default Authorization, Content-Type, Accept, Prefer,
	 *                       If-Match, If-None-Match, If-None-Exist, If-Modified-Since, X-Request-ID.
	 * @param exposedHeaders the response headers a browser app may read. Default Location, ETag,
	 *                       Content-Location, Last-Modified, X-Request-ID.
	 * @param maxAge how long a browser may cache a preflight answer. Default 1h.
	 */
	public record Cors(
			@DefaultValue List<String> allowedOrigins,
			@DefaultValue({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) List<String> allowedMethods,
			@DefaultValue({"Authorization", "Content-Type", "Accept", "Prefer", "If-Match", "If-None-Match",
				"If-None-Exist", "If-Modified-Since", "X-Request-ID"}) List<String> allowedHeaders,
			@DefaultValue({"Location", "ETag", "Content-Location", "Last-Modified", "X-Request-ID"})
			List<String> exposedHeaders,
			@DefaultValue("1h") Duration maxAge) {}
}
