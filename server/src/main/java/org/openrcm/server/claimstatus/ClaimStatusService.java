package org.openrcm.server.claimstatus;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.server.claims.TenantClaimSources;
import org.openrcm.server.claimstatus.ClaimStatusStore.State;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundProcessor.Outcome;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.SentClaims.Submission;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.status.ClaimStatus276Writer;
import org.openrcm.server.x12.status.ClaimStatusRequest;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a payer where a claim stands: builds the claim's 276 ({@link ClaimStatusInquiries}), records it
 * ({@link ClaimStatusStore}) and on the claim's status trail ({@link ClaimStatusTrail}), and sends it through the
 * tenant's clearinghouse connection: on its real-time channel when it has one, else as a file
 * ({@code <submitter id>-<ISA13>.276}) on its batch channel.
 *
 * <p>A real-time answer is stored and applied like any inbound file ({@link InboundService#ingest}, posted to the
 * claim's tenant), so the 277 handler ({@link ClaimStatusHandler}) records it on the trail before the call returns.
 * No answer within the connection's timeout, an endpoint that cannot be reached and a refusal are recorded on the
 * trail and in the request's row, and answered with 504, 503 or 502 ({@code ORCM-7023}..{@code 7025}); so is a 277
 * in which the payer says it cannot answer (a receiver or provider level {@code E0}, {@code E1}, ...: 502). The
 * caller never waits beyond the connection's timeout. A file's 277 comes back through the inbox later; a 999
 * rejecting the file fails the request on the trail ({@link ClaimStatus999Listener}, {@code ORCM-7026}).
 */
final class ClaimStatusService {

	private static final Logger log = LoggerFactory.getLogger(ClaimStatusService.class);

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final SentClaims sentClaims;
	private final ClearinghouseConnections connections;
	private final ClaimStatus276Writer writer;
	private final InboundService inbound;
	private final ClaimStatusStore store;
	private final ClaimStatusTrail trail;

	ClaimStatusService(DaoRegistry daos, TenantRequests tenants, SentClaims sentClaims,
			ClearinghouseConnections connections, X12InterchangeWriter writer, InboundService inbound,
			ClaimStatusStore store, ClaimStatusTrail trail) {
		this.daos = daos;
		this.tenants = tenants;
		this.sentClaims = sentClaims;
		this.connections = connections;
		this.writer = new ClaimStatus276Writer(writer);
		this.inbound = inbound;
		this.store = store;
		this.trail = trail;
	}

	/**
	 * Asks about one claim now.
	 *
	 * @param tenant the claim's tenant
	 * @param claimId the claim
	 * @param now the moment recorded as the request's time (the follow-up schedule passes its own)
	 * @param why what asks: {@code "on request"} or {@code "follow-up"}, for the trail
	 * @return the claim's status Task after the request (and, in real time, its answer)
	 * @throws ResourceNotFoundException (404, {@code ORCM-7020}) when there is no such claim in the tenant
	 * @throws UnprocessableEntityException (422) when the claim was never sent ({@code ORCM-7021}) or misses what a
	 *     276 needs ({@code ORCM-7022})
	 * @throws BaseServerResponseException 504, 503 or 502 ({@code ORCM-7023}, {@code 7024}, {@code 7025}) when no
	 *     answer came; the trail records it
	 */
	Task request(String tenant, String claimId, Instant now, String why) {
		RequestDetails request = tenants.in(tenant);
		Claim claim = claim(request, claimId);
		Submission submission = sentClaims.latest(tenant, claimId).filter(s -> s.sentAt() != null)
				.filter(s -> s.patientControlNumber() != null).orElseThrow(() -> unprocessable(
						ErrorCode.CLAIM_STATUS_NOT_SENT, "Claim/" + claimId + " was never sent to a payer, so there is "
								+ "no status to ask for; submit it first (Claim/" + claimId + "/$submit)"));
		String connection = submission.connection();
		ClearinghouseProperties clearinghouse = connections.properties(connection);
		String trace = UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
		Inquiry inquiry;
		try {
			inquiry = ClaimStatusInquiries.inquiry(claim, new TenantClaimSources(daos, request), clearinghouse, trace,
					submission.patientControlNumber());
		} catch (ClaimStatusInquiries.Missing e) {
			throw unprocessable(ErrorCode.CLAIM_STATUS_MISSING_DATA, "Claim/" + claimId + " cannot be asked about: "
					+ e.getMessage());
		}
		WrittenInterchange written;
		try {
			written = writer.write(clearinghouse.envelope(), List.of(new ClaimStatusRequest("", trace,
					LocalDateTime.ofInstant(now, ZoneOffset.UTC), List.of(inquiry))));
		} catch (X12ValidationException e) {
			throw unprocessable(ErrorCode.CLAIM_STATUS_MISSING_DATA, "Claim/" + claimId + " cannot be asked about: "
					+ "its 276 breaks the guide: " + e.getMessage());
		}
		Optional<RealTimeChannel> realTime = connections.realTime(connection);
		store.sent(tenant, claimId, trace, connection, realTime.isPresent(), now);
		String asked = "276 sent " + why + (realTime.isPresent() ? " in real time" : " as a file") + " to "
				+ connection + " (tracking number " + trace + ", interchange " + written.interchangeControlNumber()
				+ (inquiry.payerClaimNumber().isEmpty() ? "" : ", payer claim number " + inquiry.payerClaimNumber())
				+ ", patient control number " + inquiry.patientControlNumber() + ")";
		trail.asked(tenant, claimId, claim.getPatient(), asked, now);
		if (realTime.isPresent()) {
			return exchange(realTime.get(), tenant, claimId, trace, written, now);
		}
		String fileName = clearinghouse.submitterId().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
				+ written.interchangeControlNumber() + ".276";
		// recorded first, so that a 999 rejecting the file finds the request however soon it comes
		store.sentIn(trace, clearinghouse.envelope().senderId(), written.interchangeControlNumber(),
				written.groupControlNumber(), written.transactionControlNumbers().get(0));
		try {
			connections.channel(connection).upload(fileName, written.bytes());
		} catch (IOException | RuntimeException e) {
			String failed = "The 276 could not be sent to " + connection + ": " + e.getMessage();
			store.outcome(trace, State.UNAVAILABLE, failed, now);
			trail.failed(tenant, claimId, failed, now, null);
			throw failure(503, ErrorCode.CLAIM_STATUS_UNAVAILABLE, failed);
		}
		log.info("Claim status request {} for Claim/{} of tenant {} sent as {} to {}", trace, claimId, tenant,
				fileName, connection);
		return trail.read(tenant, claimId);
	}

	private Task exchange(RealTimeChannel channel, String tenant, String claimId, String trace,
			WrittenInterchange written, Instant now) {
		RealTimeAnswer answer;
		try {
			answer = channel.exchange(X12Guide.CLAIM_STATUS_276, written.bytes());
		} catch (RealTimeException e) {
			State state = switch (e.kind()) {
				case TIMEOUT -> State.TIMEOUT;
				case UNAVAILABLE -> State.UNAVAILABLE;
				case REFUSED -> State.REFUSED;
			};
			String why = switch (e.kind()) {
				case TIMEOUT -> "No answer to the 276 within the real-time timeout: ";
				case UNAVAILABLE -> "The payer or clearinghouse is not available: ";
				case REFUSED -> "The real-time endpoint refused the 276: ";
			} + e.getMessage();
			store.outcome(trace, state, why, now);
			trail.failed(tenant, claimId, why, now, null);
			throw switch (e.kind()) {
				case TIMEOUT -> failure(504, ErrorCode.CLAIM_STATUS_TIMEOUT, why);
				case UNAVAILABLE -> failure(503, ErrorCode.CLAIM_STATUS_UNAVAILABLE, why);
				case REFUSED -> failure(502, ErrorCode.CLAIM_STATUS_REFUSED, why);
			};
		}
		String name = "claim-status-" + trace + (answer.acknowledgmentOnly() ? ".999" : ".277");
		InboundService.Ingested ingested = inbound.ingest(tenant, name, answer.payload());
		Optional<Outcome> outcome = ingested.outcome();
		if (answer.acknowledgmentOnly() || outcome.map(Outcome::rejected).orElse(false)) {
			String why = answer.acknowledgmentOnly()
					? "The clearinghouse refused the 276 with a 999 (stored as inbound file " + name + ")"
					: "The payer's answer could not be read: " + outcome.get().reason();
			store.outcome(trace, State.REFUSED, why, now);
			trail.failed(tenant, claimId, why, now, null);
			throw failure(502, ErrorCode.CLAIM_STATUS_REFUSED, why);
		}
		Optional<ClaimStatusStore.Request> row = store.byTrace(trace);
		if (row.isPresent() && row.get().state() == State.SENT) {
			String why = "The payer's answer (stored as inbound file " + name + ") did not answer the 276";
			store.outcome(trace, State.REFUSED, why, now);
			trail.failed(tenant, claimId, why, now, null);
			throw failure(502, ErrorCode.CLAIM_STATUS_REFUSED, why);
		}
		if (row.isPresent() && row.get().state() != State.ANSWERED) {
			// the 277 said no answer is possible (E0, E1, ...): the handler recorded it on the trail
			throw failure(502, ErrorCode.CLAIM_STATUS_REFUSED, row.get().detail());
		}
		return trail.read(tenant, claimId);
	}

	private Claim claim(RequestDetails request, String claimId) {
		try {
			return daos.getResourceDao(Claim.class).read(new IdType("Claim", claimId), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			String message = "Claim/" + claimId + " is not known in this tenant";
			ResourceNotFoundException notFound = new ResourceNotFoundException(message);
			notFound.setOperationOutcome(ErrorCode.CLAIM_STATUS_UNKNOWN_CLAIM.outcome(message));
			throw notFound;
		}
	}

	private static UnprocessableEntityException unprocessable(ErrorCode code, String message) {
		return new UnprocessableEntityException(message, code.outcome(message));
	}

	private static BaseServerResponseException failure(int status, ErrorCode code, String message) {
		UnclassifiedServerFailureException failure = new UnclassifiedServerFailureException(status, message);
		failure.setOperationOutcome(code.outcome(message));
		return failure;
	}
}
