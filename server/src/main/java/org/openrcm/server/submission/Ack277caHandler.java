package org.openrcm.server.submission;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.submission.SubmissionRecords.Acceptance;
import org.openrcm.server.submission.SubmissionRecords.Fault;
import org.openrcm.server.submission.SubmissionRecords.Rejection;
import org.openrcm.server.submission.SubmissionRecords.Update;
import org.openrcm.server.submission.SubmissionStore.State;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.Ack277caReader;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.ClaimStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.LineStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;

/**
 * Applies a 277CA to the claims it reports on, found by their patient control number (TRN02, our CLM01). An
 * accepted claim moves to {@code ACCEPTED} and its ClaimResponse gets the payer's claim number (REF*1K) and the
 * status in words; a rejected claim is recorded on its ClaimResponse with one error per status (claim level, and per
 * rejected line on that line, matched by REF*FJ, our REF*6R) and opens a rejection Task. Claims neither accepted nor
 * rejected (pending categories) are noted on the ClaimResponse and stay as they are.
 *
 * <p>Statuses are coded in the X12 code systems {@value #CATEGORY_SYSTEM} (STC01-1) with the full
 * category:status:entity triple and its words in the text.
 */
final class Ack277caHandler implements X12TransactionHandler {

	static final String CATEGORY_SYSTEM = "https://x12.org/codes/claim-status-category-codes";

	private final SubmissionStore store;
	private final SubmissionRecords records;
	private final Clock clock;

	Ack277caHandler(SubmissionStore store, SubmissionRecords records, Clock clock) {
		this.store = store;
		this.records = records;
		this.clock = clock;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.CLAIM_ACK_277CA);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		applyAll(file, interchange, group, List.of(transaction), result);
	}

	/**
	 * Applies the 277CAs of a functional group together: their claims' submissions are looked up with a few queries,
	 * their states changed in one database transaction, and their ClaimResponses written in FHIR transactions of many
	 * claims ({@link SubmissionRecords}). The outcome is what applying them one by one, in file order, gives.
	 */
	@Override
	public void applyAll(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			List<X12Transaction> transactions, InboundResult result) {
		List<ClaimStatus> claims = new ArrayList<>();
		List<String> controlNumbers = new ArrayList<>();
		for (X12Transaction transaction : transactions) {
			for (ClaimStatus claim : Ack277caReader.read(transaction).claims()) {
				claims.add(claim);
				controlNumbers.add(transaction.controlNumber());
			}
		}
		Map<String, Submission> sent = store.sentWithPatientControlNumbers(
				claims.stream().map(ClaimStatus::patientControlNumber).toList(), file.tenant());
		Map<Long, State> states = new LinkedHashMap<>();
		List<Update> updates = new ArrayList<>();
		for (int i = 0; i < claims.size(); i++) {
			ClaimStatus claim = claims.get(i);
			Submission submission = sent.get(claim.patientControlNumber());
			if (submission == null) {
				result.note("277CA " + controlNumbers.get(i) + " reports on patient control number "
						+ claim.patientControlNumber() + ", which this server did not send"
						+ (file.tenant() == null ? "" : " for this tenant"));
				continue;
			}
			State state = states.getOrDefault(submission.id(), submission.state());
			if (state == State.ACCEPTED || state == State.REJECTED) {
				continue; // applied before
			}
			String words = String.join("; ", claim.descriptions());
			if (claim.rejected()) {
				states.put(submission.id(), State.REJECTED);
				updates.add(new Rejection(submission, "Rejected by the payer (277CA): " + words, faults(claim)));
			} else if (claim.accepted()) {
				states.put(submission.id(), State.ACCEPTED);
				updates.add(new Acceptance(submission, "Accepted by the payer for adjudication (277CA): " + words,
						claim.payerClaimControlNumber()));
			} else {
				updates.add(new Acceptance(submission, "Acknowledged by the payer (277CA): " + words,
						claim.payerClaimControlNumber()));
			}
		}
		store.states(states, clock.instant());
		records.record(updates, result);
	}

	private static List<Fault> faults(ClaimStatus claim) {
		List<Fault> faults = new ArrayList<>();
		for (Status status : claim.allStatuses()) {
			if (status.rejected()) {
				faults.add(fault(null, status));
			}
		}
		for (LineStatus line : claim.lines()) {
			if (!line.rejected()) {
				continue;
			}
			Integer item = parse(line.lineItemControlNumber());
			line.statuses().stream().flatMap(s -> s.statuses().stream()).filter(Status::rejected)
					.forEach(status -> faults.add(fault(item, status)));
		}
		return faults;
	}

	private static Fault fault(Integer item, Status status) {
		String triple = status.category() + ":" + status.code() + (status.entity().isEmpty() ? ""
				: ":" + status.entity());
		return new Fault(item, new Coding(CATEGORY_SYSTEM, status.category(), null), triple + " "
				+ status.description());
	}

	private static Integer parse(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
		} catch (NumberFormatException e) {
			return null;
		}
	}
}
