package org.openrcm.server.submission;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.submission.SubmissionRecords.Fault;
import org.openrcm.server.submission.SubmissionRecords.Rejection;
import org.openrcm.server.submission.SubmissionStore.Batch;
import org.openrcm.server.submission.SubmissionStore.State;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.Ack999Reader;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * Applies a 999 to the claims of the interchange it acknowledges. The 999 names the functional group (AK102, our
 * GS06) and each transaction set (AK202, our ST02); with one claim per transaction set, that is one claim each. An
 * accepted transaction set ({@code A}, {@code E}) moves its claim to {@code ACKNOWLEDGED}; the payer's 277CA says
 * next whether it goes to adjudication. A rejected one ({@code R}, {@code M}, {@code W}, {@code X}, or a group
 * rejected as a whole) is recorded on the claim's ClaimResponse with one error per segment and element at fault,
 * on the claim line (2400 loop) it lies in, and opens a rejection Task.
 *
 * <p>Faults are coded in the IG's CodeSystem {@code x12-999-error} as {@code IK304-<code>} (segment),
 * {@code IK403-<code>} (element), {@code IK5-<status>} (a transaction set rejected without a located fault) and
 * {@code AK9-<status>} (the whole group rejected), with the acknowledgment's words in the text ({@link AckFault}).
 *
 * <p>A 999 whose group holds no claims this server sent (a batch of 270s, 276s or 278s) is offered to the
 * {@link AckListener}s of those features, in order; what no listener knows is noted as not sent by this server.
 */
final class Ack999Handler implements X12TransactionHandler {

	static final String ERROR_SYSTEM = OpenRcmIg.X12_999_ERROR_CODE_SYSTEM;

	private final SubmissionStore store;
	private final SubmissionRecords records;
	private final X12Reader reader;
	private final Clock clock;
	/** Asked for when a 999 names no claim batch: the features' listeners, which may depend on the inbound side. */
	private final Supplier<List<AckListener>> listeners;

	/**
	 * @param listeners the features that send other batch files (270, 276, 278), asked in order about a 999 whose
	 *     group holds no claims
	 */
	Ack999Handler(SubmissionStore store, SubmissionRecords records, X12Reader reader, Clock clock,
			Supplier<List<AckListener>> listeners) {
		this.store = store;
		this.records = records;
		this.reader = reader;
		this.clock = clock;
		this.listeners = listeners;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.ACK_999);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		ImplementationAcknowledgment ack = Ack999Reader.read(transaction);
		// the 999 answers our interchange, so it is addressed to us: its receiver is the sender of the 837
		Optional<Batch> found = store.batchOfGroup(interchange.receiverId(), ack.groupControlNumber());
		if (found.isEmpty()) {
			AcknowledgedGroup acknowledged = new AcknowledgedGroup(file, interchange.receiverId(),
					interchange.controlNumber(), ack);
			for (AckListener listener : listeners.get()) {
				if (listener.acknowledged(acknowledged, result)) {
					return;
				}
			}
			result.note("999 " + transaction.controlNumber() + " acknowledges functional group "
					+ ack.groupControlNumber() + " of " + interchange.receiverId() + ", which this server did not send");
			return;
		}
		Batch batch = found.get();
		Map<String, X12Transaction> sentTransactions = null;
		Map<Long, State> states = new LinkedHashMap<>();
		List<Rejection> rejections = new ArrayList<>();
		for (Submission submission : store.inBatch(batch.id())) {
			if (file.tenant() != null && !file.tenant().equals(submission.tenant())) {
				continue; // posted to one tenant: only its claims are touched
			}
			Optional<TransactionSetResponse> response = ack.transactionSet(submission.transactionControlNumber());
			if (response.isEmpty() && !ack.groupResponse().rejected()) {
				continue; // not in this 999 (a 999 may answer part of a group)
			}
			if (submission.state() != State.SENT && submission.state() != State.GENERATED) {
				continue; // applied before
			}
			if (ack.accepted(submission.transactionControlNumber())) {
				states.put(submission.id(), State.ACKNOWLEDGED);
				continue;
			}
			if (sentTransactions == null) {
				sentTransactions = transactions(batch);
			}
			List<Fault> faults = faults(ack, response.orElse(null),
					sentTransactions.get(submission.transactionControlNumber()));
			states.put(submission.id(), State.REJECTED);
			rejections.add(new Rejection(submission, "Rejected by the clearinghouse (999 of interchange "
					+ interchange.controlNumber() + ")", faults));
		}
		// the claims of a batch change state together, and their ClaimResponses in FHIR transactions of many
		store.states(states, clock.instant());
		records.rejected(rejections, result);
	}

	private static List<Fault> faults(ImplementationAcknowledgment ack, TransactionSetResponse response,
			X12Transaction sent) {
		return AckFault.of(ack, response).stream().map(f -> new Fault(f.segmentPosition() > 0
				? itemAt(sent, f.segmentPosition()) : null, new Coding(ERROR_SYSTEM, f.code(), null), f.text()))
				.toList();
	}

	/** The transaction sets of the interchange as sent, by ST02, with their segments. */
	private Map<String, X12Transaction> transactions(Batch batch) {
		Map<String, X12Transaction> byNumber = new HashMap<>();
		reader.read(batch.content().getBytes(StandardCharsets.UTF_8), X12Reader.Options.DEFAULT.keepingSegments())
				.transactions().forEach(t -> byNumber.put(t.controlNumber(), t));
		return byNumber;
	}

	/**
	 * The claim line (its {@code sequence}, sent in REF*6R, else the LX number) a segment position of the sent
	 * transaction set lies in, or null when it lies before the first service line.
	 */
	static Integer itemAt(X12Transaction sent, int position) {
		if (sent == null || position < 1) {
			return null;
		}
		Integer item = null;
		boolean inLine = false;
		for (X12Segment segment : sent.segments()) {
			if ("LX".equals(segment.id())) {
				if (segment.position() > position) {
					break;
				}
				item = parse(segment.element(1));
				inLine = true;
			} else if (inLine && "REF".equals(segment.id()) && "6R".equals(segment.element(1))) {
				Integer sequence = parse(segment.element(2));
				item = sequence == null ? item : sequence;
				inLine = false;
			}
		}
		return item;
	}

	private static Integer parse(String value) {
		try {
			return value == null ? null : Integer.valueOf(value.trim());
		} catch (NumberFormatException e) {
			return null;
		}
	}
}
