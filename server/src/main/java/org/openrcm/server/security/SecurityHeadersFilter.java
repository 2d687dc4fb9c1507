package org.openrcm.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of the open developer mode, where Spring Security (which writes the same ones when an
 * issuer is configured) is not running: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy: no-referrer}, {@code Cache-Control: no-store} (FHIR answers hold PHI) and
 * {@code Strict-Transport-Security} on requests that came over TLS.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

	/** HSTS: one year, subdomains included (as Spring Security's default). */
	static final String HSTS = "max-age=31536000 ; includeSubDomains";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
		chain.doFilter(request, response);
	}
}
