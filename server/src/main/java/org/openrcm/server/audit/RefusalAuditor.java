package org.openrcm.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.security.SecurityRefusalListener;

/**
 * Records the refusals the security filters answer before HAPI (401: no token, or a token not accepted) as
 * AuditEvents in the URL's tenant, with the interaction read from the method and path, and gives the response an
 * {@code X-Request-ID} (the request's own when it sent a usable one) that the AuditEvent names.
 */
public final class RefusalAuditor implements SecurityRefusalListener {

	/** The request id header, as HAPI names it. */
	static final String REQUEST_ID = "X-Request-ID";

	private static final Pattern USABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
	private static final String FHIR_PREFIX = "/fhir/";

	private final AuditTrail trail;
	private final AuditEvents events;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	public RefusalAuditor(AuditTrail trail, AuditEvents events, Clock clock) {
		this.trail = trail;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void refused(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code,
			String message) {
		String requestId = request.getHeader(REQUEST_ID);
		if (requestId == null || !USABLE_ID.matcher(requestId).matches()) {
			byte[] bytes = new byte[8];
			random.nextBytes(bytes);
			requestId = HexFormat.of().formatHex(bytes);
		}
		response.setHeader(REQUEST_ID, requestId);
		String path = request.getRequestURI() == null ? "" : request.getRequestURI();
		String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
		if (path.startsWith(contextPath)) {
			path = path.substring(contextPath.length());
		}
		Target target = target(request.getMethod(), path);
		trail.record(target.tenant(), events.rest(new RestAudit(clock.instant(), target.tenant(), target.interaction(),
				target.operation(), AuditInterceptor.action(target.interaction()), status, code.code() + ": "
						+ message, AuditAgent.anonymous(request.getRemoteAddr()),
				target.resource() == null ? List.of() : List.of(target.resource()), List.of(),
				target.interaction().startsWith("search") ? query(target, request.getQueryString()) : null,
				requestId)));
	}

	/** What a refused request aimed at, read from its method and path. */
	record Target(String tenant, String interaction, String operation, String resource, String type) {}

	static Target target(String method, String path) {
		String tenant = null;
		List<String> parts = List.of();
		if (path.startsWith(FHIR_PREFIX)) {
			String[] split = path.substring(FHIR_PREFIX.length()).split("/");
			if (split.length > 0 && !split[0].isEmpty()) {
				tenant = split[0];
				parts = List.of(split).subList(1, split.length).stream().filter(part -> !part.isEmpty()).toList();
			}
		}
		String operation = parts.stream().filter(part -> part.startsWith("$")).findFirst().orElse(null);
		String type = !parts.isEmpty() && !parts.get(0).startsWith("$") && !parts.get(0).startsWith("_")
				? parts.get(0) : null;
		String resource = type != null && parts.size() > 1 && !parts.get(1).startsWith("$")
				&& !parts.get(1).startsWith("_") ? type + "/" + parts.get(1) : null;
		String verb = method == null ? "GET" : method;
		String interaction;
		if (operation != null) {
			interaction = "operation";
		} else {
			interaction = switch (verb) {
				case "POST" -> type == null ? "transaction" : (parts.size() > 1 && "_search".equals(parts.get(1))
						? "search-type" : "create");
				case "PUT" -> "update";
				case "PATCH" -> "patch";
				case "DELETE" -> "delete";
				default -> resource != null ? "read" : type != null ? "search-type" : "search-system";
			};
		}
		return new Target(tenant, interaction, operation, resource, type);
	}

	private static String query(Target target, String queryString) {
		return (target.type() == null ? "" : target.type()) + (queryString == null ? "" : "?" + queryString);
	}
}
