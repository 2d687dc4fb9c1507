package org.openrcm.server.priorauth;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;

/**
 * {@code POST [base]/Claim/$inquire}: a PAS inquiry Bundle (its first Claim names the earlier request by identifier)
 * in, the PAS inquiry response Bundle with the request's current ClaimResponse out. See
 * {@link PriorAuthorizations#inquire}.
 */
final class InquireOperationProvider {

	private final PriorAuthorizations priorAuthorizations;
	private final FhirContext fhirContext;

	InquireOperationProvider(PriorAuthorizations priorAuthorizations, FhirContext fhirContext) {
		this.priorAuthorizations = priorAuthorizations;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$inquire", type = Claim.class, idempotent = false, manualRequest = true)
	@Description(shortDefinition = "The current state of a prior authorization request (Da Vinci PAS): a Bundle with "
			+ "its ClaimResponse; a pended or unanswered request is asked about again")
	public Bundle inquire(RequestDetails request) {
		return priorAuthorizations.inquire(PriorAuthorizations.body(parse(fhirContext, request)), request);
	}

	/** The request body as a resource, or {@code null} when there is none. */
	static IBaseResource parse(FhirContext fhirContext, RequestDetails request) {
		byte[] content = request.loadRequestContents();
		String text = content == null ? "" : new String(content, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return null;
		}
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		try {
			return (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext).parseResource(text);
		} catch (DataFormatException e) {
			throw PriorAuthorizations.invalid("The request body is not a FHIR resource: " + e.getMessage());
		}
	}
}
