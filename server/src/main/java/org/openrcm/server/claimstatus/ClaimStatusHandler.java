package org.openrcm.server.claimstatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openrcm.server.claimstatus.ClaimStatusStore.Request;
import org.openrcm.server.claimstatus.ClaimStatusStore.State;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.SentClaims.SentClaim;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.status.ClaimStatus277Reader;
import org.openrcm.server.x12.status.ClaimStatusResponse;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.LineReport;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * Applies 277 claim status responses (005010X212; the 277CA has its own handler) from any inbound file, real-time
 * answers included, to the claims' status trails ({@link ClaimStatusTrail}).
 *
 * <p>A claim report (2200D/E) is matched to its claim by its tracking number (TRN02), which this server's 276 sent;
 * a report with a tracking number this server never sent is matched by the patient control number it echoes
 * (REF*EJ, the CLM01 of the 837), among the tenant's claims when the file was posted to a tenant. Each STC becomes a
 * note in words; a line's statuses are noted with the line. A receiver or provider level status (the payer could not
 * answer, e.g. {@code E0}, {@code E1}) fails the request whose BHT03 its TRN02 echoes. What matches no claim is
 * noted on the file's result, and nothing else of the file is held back.
 */
final class ClaimStatusHandler implements X12TransactionHandler {

	private final ClaimStatusStore store;
	private final ClaimStatusTrail trail;
	private final SentClaims sentClaims;
	private final Clock clock;

	ClaimStatusHandler(ClaimStatusStore store, ClaimStatusTrail trail, SentClaims sentClaims, Clock clock) {
		this.store = store;
		this.trail = trail;
		this.sentClaims = sentClaims;
		this.clock = clock;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.CLAIM_STATUS_277);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		ClaimStatusResponse response = ClaimStatus277Reader.read(transaction);
		Instant now = clock.instant();
		for (Report report : response.reports()) {
			Optional<Request> request = store.byTrace(report.traceNumber())
					.filter(r -> file.tenant() == null || file.tenant().equals(r.tenant()));
			String tenant;
			String claimId;
			if (request.isPresent()) {
				tenant = request.get().tenant();
				claimId = request.get().claimId();
			} else {
				Map<String, SentClaim> sent = report.patientControlNumber().isEmpty() ? Map.of()
						: sentClaims.byPatientControlNumber(List.of(report.patientControlNumber()), file.tenant());
				SentClaim claim = sent.get(report.patientControlNumber());
				if (claim == null) {
					result.note("277 " + transaction.controlNumber() + ": the status of tracking number "
							+ report.traceNumber() + (report.patientControlNumber().isEmpty() ? ""
									: " (patient control number " + report.patientControlNumber() + ")")
							+ " answers no claim status request of this server");
					continue;
				}
				tenant = claim.tenant();
				claimId = claim.claimId();
			}
			StatusDetail latest = report.statuses().isEmpty() ? null : report.statuses().get(0);
			String words = latest == null ? "no status" : latest.words();
			trail.answered(tenant, claimId, latest == null ? "" : latest.category(), words,
					"277 from " + payer(report) + ": " + describe(report), now, result);
			request.ifPresent(r -> store.outcome(r.trace(), State.ANSWERED, words, now));
		}
		for (LevelStatus level : response.levelStatuses()) {
			Optional<Request> request = store.byTrace(level.traceNumber())
					.filter(r -> file.tenant() == null || file.tenant().equals(r.tenant()));
			String words = level.statuses().stream().map(StatusDetail::words).reduce((a, b) -> a + "; " + b)
					.orElse("no status");
			if (request.isEmpty()) {
				result.note("277 " + transaction.controlNumber() + ": the payer could not answer request "
						+ level.traceNumber() + " (" + words + "), which is not a claim status request of this server");
				continue;
			}
			String why = "The payer could not answer the 276" + (level.provider() == null ? ""
					: " for provider " + level.provider().id()) + ": " + words;
			trail.failed(request.get().tenant(), request.get().claimId(), why, now, result);
			store.outcome(request.get().trace(), State.REFUSED, why, now);
		}
	}

	private static String payer(Report report) {
		return report.payer().name().isEmpty() ? "the payer" : report.payer().name();
	}

	/** Every status of the report and of its lines, in words. */
	static String describe(Report report) {
		List<String> parts = new ArrayList<>();
		for (StatusDetail status : report.statuses()) {
			parts.add(status.words());
		}
		if (!report.payerClaimNumber().isEmpty()) {
			parts.add("payer claim number " + report.payerClaimNumber());
		}
		for (LineReport line : report.lines()) {
			String code = line.procedureCode() + (line.modifiers().isEmpty() ? "" : "-" + String.join("-",
					line.modifiers()));
			for (StatusDetail status : line.statuses()) {
				parts.add("line " + code + (line.lineItemControlNumber().isEmpty() ? ""
						: " (" + line.lineItemControlNumber() + ")") + ": " + status.words());
			}
		}
		return String.join("; ", parts);
	}
}
