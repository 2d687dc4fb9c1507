package org.openrcm.server.claimstatus;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code POST [base]/Claim/[id]/$status}: asks the payer where the stored claim stands (a 276) and answers the
 * claim's status trail, a Task ({@link ClaimStatusTrail}): completed with the payer's answer when the connection has
 * a real-time channel, in progress when the 276 went as a file. See {@link ClaimStatusService} for the errors.
 */
final class ClaimStatusOperationProvider {

	private final ClaimStatusService service;
	private final Clock clock;

	ClaimStatusOperationProvider(ClaimStatusService service, Clock clock) {
		this.service = service;
		this.clock = clock;
	}

	@Operation(name = "$status", type = Claim.class, idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Ask the payer for the claim's status (276/277): the claim's status Task")
	public Task status(@IdParam IdType id, RequestDetails request) {
		return service.request(request.getTenantId(), id.getIdPart(), clock.instant(), "on request");
	}
}
