package org.openrcm.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrcm.server.errors.ErrorCode;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /fhir/{tenant}/.well-known/smart-configuration} before the request reaches HAPI (which has no
 * such resource): the {@link SmartConfiguration} document, open to anyone as SMART requires. Without an issuer
 * there is no authorization server to describe: 404 with an OperationOutcome ({@code ORCM-2007}). When the issuer's
 * configuration cannot be read yet: 503.
 */
class SmartConfigurationFilter extends OncePerRequestFilter {

	/** The path under the servlet context. */
	static final Pattern PATH = Pattern.compile("/fhir/[^/]+/\\.well-known/smart-configuration/?");

	private final Optional<AuthorizationServerEndpoints> endpoints;
	private final List<String> scopes;
	private final OperationOutcomeResponses outcomes;
	private final ObjectMapper json = new ObjectMapper();

	SmartConfigurationFilter(Optional<AuthorizationServerEndpoints> endpoints, List<String> scopes,
			OperationOutcomeResponses outcomes) {
		this.endpoints = endpoints;
		this.scopes = List.copyOf(scopes);
		this.outcomes = outcomes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !PATH.matcher(path).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (endpoints.isEmpty()) {
			outcomes.write(response, HttpServletResponse.SC_NOT_FOUND, ErrorCode.SMART_NOT_CONFIGURED,
					"no authorization server is configured (openrcm.security.issuer), so there is no SMART "
							+ "configuration");
			return;
		}
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader("Allow", "GET, HEAD");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		AuthorizationServerEndpoints server = endpoints.get();
		AuthorizationServerEndpoints.Endpoints known;
		try {
			known = server.endpoints();
		} catch (IllegalStateException e) {
			response.setHeader("Retry-After", "10");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"the authorization server's configuration cannot be read yet");
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType("application/json;charset=UTF-8");
		response.setHeader("Cache-Control", "public, max-age=300");
		json.writeValue(response.getOutputStream(), SmartConfiguration.document(server.issuer(), known, scopes));
	}
}
