package org.openrcm.server.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openrcm.server.errors.ErrorCode;

/**
 * Writes an OperationOutcome as the body of an answer given before the request reaches HAPI (401 and 403 from the
 * security filters, the SMART configuration's 404), so every refusal reads like the FHIR API's own.
 */
final class OperationOutcomeResponses {

	static final String FHIR_JSON = "application/fhir+json";

	private final FhirContext fhirContext;

	OperationOutcomeResponses(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** Sets the status and writes the outcome (headers already set are kept). */
	void write(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
		response.setStatus(status);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType(FHIR_JSON + ";charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(code.outcome(message)));
		response.getWriter().flush();
	}
}
