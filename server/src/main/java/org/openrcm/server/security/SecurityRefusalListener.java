package org.openrcm.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openrcm.server.errors.ErrorCode;

/**
 * Told about each request the security filters refuse before it reaches the FHIR server (a 401: no token, or a token
 * that is not accepted), before the refusal's body is written, so that it may add headers (the audit trail sets
 * {@code X-Request-ID}) and record it.
 */
@FunctionalInterface
public interface SecurityRefusalListener {

	/**
	 * @param status the HTTP status of the refusal
	 * @param code the code of the refusal's OperationOutcome
	 * @param message the refusal's message (never the token)
	 */
	void refused(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code,
			String message);
}
