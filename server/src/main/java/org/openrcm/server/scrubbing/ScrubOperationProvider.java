package org.openrcm.server.scrubbing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openrcm.server.errors.ErrorCode;

/**
 * {@code POST [base]/Claim/$scrub} (parameter {@code resource}: the Claim) and {@code POST [base]/Claim/[id]/$scrub}
 * (the stored claim): the scrub findings as an OperationOutcome, 200 even when the claim has errors (the scrub
 * itself succeeded). The first clean scrub of a stored claim is recorded on it ({@code scrubbed-clean}). Defined by
 * the IG's OperationDefinition {@code Claim-scrub}.
 */
final class ScrubOperationProvider {

	private final ScrubService scrubs;
	private final DaoRegistry daos;

	ScrubOperationProvider(ScrubService scrubs, DaoRegistry daos) {
		this.scrubs = scrubs;
		this.daos = daos;
	}

	@Operation(name = "$scrub", type = Claim.class, idempotent = false)
	@Description(shortDefinition = "Scrub a claim against the payer edits: an OperationOutcome with one issue per "
			+ "finding, or one 'CLEAN' issue")
	public OperationOutcome scrub(@IdParam(optional = true) IdType id,
			@OperationParam(name = "resource", min = 0, max = 1) IBaseResource resource,
			RequestDetails request) {
		if (id != null && id.hasIdPart()) {
			if (resource != null) {
				throw invalid(ErrorCode.SCRUB_RESOURCE_AT_INSTANCE, "Claim/" + id.getIdPart() + "/$scrub scrubs the "
						+ "stored claim; send no 'resource', or call Claim/$scrub to scrub the claim you send");
			}
			Claim stored = daos.getResourceDao(Claim.class).read(id.toUnqualifiedVersionless().withResourceType("Claim"),
					request);
			List<ScrubFinding> findings = scrubs.scrub(stored, request);
			if (ScrubService.clean(findings) && ScrubService.scrubbable(stored) && scrubs.markClean(stored)) {
				daos.getResourceDao(Claim.class).update(stored, request);
			}
			return scrubs.outcome(findings);
		}
		if (!(resource instanceof Claim claim)) {
			throw invalid(ErrorCode.SCRUB_NO_CLAIM, resource == null
					? "Claim/$scrub needs the claim: a Parameters resource with the Claim in parameter 'resource'"
					: "parameter 'resource' must be a Claim, not " + resource.fhirType());
		}
		return scrubs.outcome(scrubs.scrub(claim, request));
	}

	private static InvalidRequestException invalid(ErrorCode code, String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(code.outcome(message));
		return exception;
	}
}
