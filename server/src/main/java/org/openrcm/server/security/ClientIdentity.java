package org.openrcm.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.ClassUtils;

/**
 * Who a request comes from, for per-client limits: the OAuth2 client of its token ({@code azp}, else
 * {@code client_id}, else the subject) when the resource server authenticated it, else its remote address.
 */
final class ClientIdentity {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", ClientIdentity.class.getClassLoader());

	private ClientIdentity() {}

	/** {@code client:<id>} for a token's client, {@code address:<ip>} otherwise. */
	static String of(HttpServletRequest request) {
		if (SECURITY_PRESENT) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
				for (String claim : new String[] {"azp", "client_id", "sub"}) {
					String value = jwt.getClaimAsString(claim);
					if (value != null && !value.isBlank()) {
						return "client:" + value;
					}
				}
			}
		}
		return "address:" + request.getRemoteAddr();
	}
}
