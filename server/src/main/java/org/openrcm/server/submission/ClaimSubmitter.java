package org.openrcm.server.submission;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.scrubbing.ScrubFinding;
import org.openrcm.server.scrubbing.ScrubService;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits a stored claim: checks it may be sent, scrubs it, and queues it for its tenant's clearinghouse with a
 * ClaimResponse of outcome {@code queued}. The claim leaves with the next batch of that clearinghouse
 * ({@link ClaimSender}).
 *
 * <p>A claim is sent once: while a submission of it is queued, sent or accepted, another is refused (409,
 * {@code ORCM-8002}); after a rejection (999, 277CA) or a refusal by the 837 mapping, a corrected claim may be
 * submitted again. A claim with scrub errors is refused (422, {@code ORCM-8003}) with the scrub findings. A cancelled
 * claim is a void (837 frequency code 8) and is sent without scrubbing; drafts, pre-authorizations and claims
 * entered in error are not sent ({@code ORCM-8004}).
 */
final class ClaimSubmitter {

	private static final Logger log = LoggerFactory.getLogger(ClaimSubmitter.class);

	private final ScrubService scrubs;
	private final SubmissionStore store;
	private final SubmissionRecords records;
	private final ClearinghouseConnections connections;
	private final Clock clock;
	/** Serializes the check and the queueing of one claim against a concurrent submit of the same claim. */
	private final Object[] locks = new Object[64];

	ClaimSubmitter(ScrubService scrubs, SubmissionStore store, SubmissionRecords records,
			ClearinghouseConnections connections, Clock clock) {
		this.scrubs = scrubs;
		this.store = store;
		this.records = records;
		this.connections = connections;
		this.clock = clock;
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	/** Submits the stored claim; returns its queued ClaimResponse. */
	ClaimResponse submit(Claim claim, RequestDetails request) {
		String tenant = request.getTenantId();
		String claimId = claim.getIdElement().getIdPart();
		submittable(claim);
		notInFlight(tenant, claim);
		if (claim.getStatus() == Claim.ClaimStatus.ACTIVE) {
			List<ScrubFinding> findings = scrubs.scrub(claim, request);
			if (!ScrubService.clean(findings)) {
				OperationOutcome outcome = scrubs.outcome(findings);
				String message = "Claim/" + claimId + " has scrub errors and was not submitted; correct them and "
						+ "submit again";
				ErrorCode.SUBMIT_SCRUB_ERRORS.addIssue(outcome, IssueSeverity.ERROR, message);
				throw new UnprocessableEntityException(message, outcome);
			}
		}
		String connection = connections.connectionFor(tenant);
		ClaimResponse response;
		long id;
		synchronized (locks[Math.floorMod((tenant + "/" + claimId).hashCode(), locks.length)]) {
			notInFlight(tenant, claim); // again: a concurrent submit of the same claim may have queued it meanwhile
			response = records.queued(claim, connection, request);
			id = store.queue(tenant, claimId, response.getIdElement().getIdPart(), connection,
					claim.getStatus() == Claim.ClaimStatus.CANCELLED, clock.instant());
		}
		log.info("Claim/{} of tenant {} queued for clearinghouse {} (submission {})", claimId, tenant, connection, id);
		return response;
	}

	/**
	 * A claim cancelled after it left is a void (837 frequency 8) of what the payer has: it goes out once more. While
	 * the claim is still queued or being written it is not: correct the claim before it leaves instead.
	 */
	private static boolean isVoid(Claim claim, Submission latest) {
		return claim.getStatus() == Claim.ClaimStatus.CANCELLED && !latest.voids()
				&& latest.state() != SubmissionStore.State.QUEUED
				&& latest.state() != SubmissionStore.State.GENERATED && latest.state() != SubmissionStore.State.REFUSED;
	}

	private void notInFlight(String tenant, Claim claim) {
		String claimId = claim.getIdElement().getIdPart();
		Optional<Submission> latest = store.latest(tenant, claimId);
		if (latest.isPresent() && latest.get().state().inFlight() && !isVoid(claim, latest.get())) {
			Submission existing = latest.get();
			String message = "Claim/" + claimId + " was submitted already (" + existing.state().name().toLowerCase()
					+ " since " + existing.queuedAt() + ", ClaimResponse/" + existing.claimResponseId() + "); a claim "
					+ "is sent again only after a rejection";
			throw new ResourceVersionConflictException(message, ErrorCode.SUBMIT_IN_FLIGHT.outcome(message));
		}
	}

	private static void submittable(Claim claim) {
		String reason = null;
		if (claim.getStatus() == Claim.ClaimStatus.DRAFT) {
			reason = "is a draft; make it active to submit it";
		} else if (claim.getStatus() == Claim.ClaimStatus.ENTEREDINERROR) {
			reason = "was entered in error";
		} else if (claim.getStatus() != Claim.ClaimStatus.ACTIVE && claim.getStatus() != Claim.ClaimStatus.CANCELLED) {
			reason = "has no status active (or cancelled, for a void)";
		} else if (claim.getUse() == Claim.Use.PREAUTHORIZATION || claim.getUse() == Claim.Use.PREDETERMINATION) {
			reason = "is a " + claim.getUse().toCode() + ", which is not sent as an 837";
		}
		if (reason != null) {
			String message = "Claim/" + claim.getIdElement().getIdPart() + " " + reason;
			throw new UnprocessableEntityException(message, ErrorCode.SUBMIT_NOT_SUBMITTABLE.outcome(message));
		}
	}
}
