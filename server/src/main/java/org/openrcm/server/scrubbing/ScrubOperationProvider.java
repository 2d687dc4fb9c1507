package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.openrcm.server.errors.ErrorCode;

/**
 * {@code POST [base]/Claim/$scrub} (a Parameters resource with the Claim in {@code resource}, or the Claim itself as
 * the body) and {@code POST [base]/Claim/[id]/$scrub} (the stored claim; no body or an empty Parameters): the scrub
 * findings as an OperationOutcome, 200 even when the claim has errors (the scrub itself succeeded). The first clean
 * scrub of a stored claim is recorded on it ({@code scrubbed-clean}). Defined by the IG's OperationDefinition
 * {@code Claim-scrub}. The body is read here ({@code manualRequest}) because both forms share one operation and the
 * instance form takes no body at all.
 */
final class ScrubOperationProvider {

	private final ScrubService scrubs;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	ScrubOperationProvider(ScrubService scrubs, DaoRegistry daos, FhirContext fhirContext) {
		this.scrubs = scrubs;
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$scrub", type = Claim.class, idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Scrub a claim against the payer edits: an OperationOutcome with one issue per "
			+ "finding, or one 'CLEAN' issue")
	public OperationOutcome scrub(@IdParam(optional = true) IdType id, RequestDetails request) {
		return scrub(id, body(request), request);
	}

	/**
	 * Scrubs the stored claim {@code id}, or the claim in {@code body} (a Parameters with {@code resource}, or a
	 * Claim) when there is no id: also the entry of a batch of scrubs.
	 */
	OperationOutcome scrub(IdType id, IBaseResource body, RequestDetails request) {
		IBaseResource resource = body instanceof Parameters parameters ? resourceParameter(parameters) : body;
		if (id != null && id.hasIdPart()) {
			if (resource != null) {
				throw invalid(ErrorCode.SCRUB_RESOURCE_AT_INSTANCE, "Claim/" + id.getIdPart() + "/$scrub scrubs the "
						+ "stored claim; send no 'resource', or call Claim/$scrub to scrub the claim you send");
			}
			Claim stored = daos.getResourceDao(Claim.class).read(new IdType("Claim", id.getIdPart()), request);
			List<ScrubFinding> findings = scrubs.scrub(stored, request);
			if (ScrubService.clean(findings) && ScrubService.scrubbable(stored) && scrubs.markClean(stored)) {
				daos.getResourceDao(Claim.class).update(stored, request);
			}
			return scrubs.outcome(findings);
		}
		if (!(resource instanceof Claim claim)) {
			throw invalid(ErrorCode.SCRUB_NO_CLAIM, resource == null
					? "Claim/$scrub needs the claim: a Parameters resource with the Claim in parameter 'resource', or "
							+ "the Claim itself as the body"
					: "parameter 'resource' must be a Claim, not " + resource.fhirType());
		}
		return scrubs.outcome(scrubs.scrub(claim, request));
	}

	private IBaseResource body(RequestDetails request) {
		byte[] content = request.loadRequestContents();
		String text = content == null ? "" : new String(content, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return null;
		}
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		try {
			return (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext).parseResource(text);
		} catch (DataFormatException e) {
			throw new InvalidRequestException("The request body is not a FHIR resource: " + e.getMessage());
		}
	}

	private static IBaseResource resourceParameter(Parameters parameters) {
		return parameters.getParameter().stream().filter(p -> "resource".equals(p.getName())).findFirst()
				.map(Parameters.ParametersParameterComponent::getResource).orElse(null);
	}

	private static InvalidRequestException invalid(ErrorCode code, String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(code.outcome(message));
		return exception;
	}
}
