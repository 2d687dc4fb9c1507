package org.openrcm.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.openrcm.server.errors.ErrorCode;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-client rate limit ({@code openrcm.security.rate-limit.*}) in front of the FHIR API. It runs after
 * authentication, so a client is who its token says ({@link ClientIdentity}); a client over its rate gets 429 with
 * {@code Retry-After} (seconds) and an OperationOutcome, and its request is not processed.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final ClientRateLimiter limiter;
	private final OperationOutcomeResponses outcomes;

	RateLimitFilter(ClientRateLimiter limiter, OperationOutcomeResponses outcomes) {
		this.limiter = limiter;
		this.outcomes = outcomes;
	}

	/** Only the FHIR API is limited; health probes and the like are not. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/fhir/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("OPTIONS".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		ClientRateLimiter.Decision decision = limiter.tryAcquire(ClientIdentity.of(request));
		if (decision.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = decision.retryAfterSeconds();
		response.setHeader("Retry-After", Long.toString(seconds));
		outcomes.write(response, 429, ErrorCode.RATE_LIMITED, "too many requests from this client "
				+ "(openrcm.security.rate-limit); retry after " + seconds + " s");
	}
}
