package org.openrcm.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The {@link SmartAccess} of the request being served, from the JWT Spring Security validated for it; read once per
 * request and kept in the request's user data for the other hooks of the same request.
 */
class SmartAccessResolver {

	private static final String USER_DATA_KEY = SmartAccessResolver.class.getName();

	private final SecurityProperties properties;

	SmartAccessResolver(SecurityProperties properties) {
		this.properties = properties;
	}

	/** The role that reads the audit trail ({@code openrcm.security.auditor-role}). */
	String auditorRole() {
		return properties.auditorRole();
	}

	/** The token's access, or empty when the request carries no validated token (an anonymous metadata read). */
	Optional<SmartAccess> resolve(RequestDetails request) {
		Object cached = request.getUserData().get(USER_DATA_KEY);
		if (cached instanceof SmartAccess access) {
			return Optional.of(access);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken jwt)) {
			return Optional.empty();
		}
		SmartAccess access = SmartAccess.fromClaims(jwt.getToken().getClaims(), properties.tenantsClaim(),
				properties.patientClaim(), properties.rolesClaim());
		request.getUserData().put(USER_DATA_KEY, access);
		return Optional.of(access);
	}
}
