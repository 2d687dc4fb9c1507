package org.openrcm.server.security;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
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
		@DefaultValue("realm_access.roles") String rolesClaim,
		@DefaultValue("auditor") @NotBlank String auditorRole) {

	/** The property naming the issuer; blank means the open developer mode. */
	public static final String ISSUER_PROPERTY = "openrcm.security.issuer";

	/** Whether tokens are required (an issuer is configured). */
	public boolean enabled() {
		return issuer != null && !issuer.isBlank();
	}
}
