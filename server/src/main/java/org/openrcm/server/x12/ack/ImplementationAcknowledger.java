package org.openrcm.server.x12.ack;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12ErrorCode;
import org.openrcm.server.x12.X12ErrorLevel;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.Context;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * The 999 a receiver owes for a functional group it read: what {@link org.openrcm.server.x12.X12Reader} found in
 * each transaction set, in the 999's terms (005010X231A1).
 *
 * <p>Per transaction set (loop 2000): AK2 echoes ST01, ST02 and ST03. Every segment-level fault becomes an IK3 with
 * the fault's {@linkplain X12ErrorCode#ackCode() acknowledgment code}; the data element faults of one segment share
 * one IK3 (code {@code 8}, "segment has data element errors") with an IK4 each: position, component, data element
 * number, code and a copy of the bad value. IK3 carries the segment's position from ST = 1 and, as IK303, the X12
 * loop id (the implementation guide's loop id cut to its four-digit number: {@code 2010BA} → {@code 2010}); a fault
 * inside a claim (loop 2300 and below) adds the business unit context {@code CTX*CLM01:<patient control number>}
 * (at most 35 characters) so the biller knows which claim to fix. Faults of ST and SE become IK5 codes; a
 * transaction set read with its segments whose last segment is not SE was cut short, and gets IK502 {@code 2}
 * (the reader records the end of the input on the interchange only).
 *
 * <p>IK501: {@code A} without faults; {@code E} when every fault is one the receiver can ignore, i.e. data the guide
 * does not use ({@link X12ErrorCode#UNUSED_SEGMENT_PRESENT} I4, {@link X12ErrorCode#UNUSED_ELEMENT_PRESENT} I10);
 * {@code R} otherwise, and for a transaction set whose guide is not among those the receiver takes (IK502
 * {@code 1}). IK502 to IK506 hold the ST/SE codes, then {@code I5} when every segment and element fault code is
 * an implementation-guide code ({@code I...}) or {@code 5} otherwise.
 *
 * <p>AK9: {@code A} when all transaction sets were accepted without errors noted, {@code E} when all were accepted
 * but some with errors noted, {@code P} when some were rejected, {@code R} when none was accepted or the group
 * envelope itself is at fault (GS/GE: the group's codes in AK905 to AK909, and no transaction set counts as
 * accepted). AK902 is GE01 as sent when it disagrees with the count, else the number of transaction sets.
 *
 * <p>A transaction set whose ST01 or ST02 cannot be echoed (ST02 shorter than 4 or longer than 9 characters) has no
 * AK2; it still counts as received and not accepted.
 */
public final class ImplementationAcknowledger {

	/** Faults the receiver notes without rejecting: data the guide does not use, which it ignores. */
	static final Set<X12ErrorCode> WARNINGS = EnumSet.of(X12ErrorCode.UNUSED_SEGMENT_PRESENT,
			X12ErrorCode.UNUSED_ELEMENT_PRESENT);

	/** The most codes IK5 and AK9 have room for (IK502 to IK506, AK905 to AK909). */
	private static final int MAX_CODES = 5;
	/** The longest CTX01-2 (element 9998). */
	private static final int MAX_CONTEXT = 35;
	/** The longest IK404 (element 724). */
	private static final int MAX_BAD_DATA = 99;

	private ImplementationAcknowledger() {}

	/**
	 * The 999 for one functional group.
	 *
	 * @param group the group as read; its transaction sets' segments (when kept) give the claim context of faults
	 * @param supported the guides whose transaction sets the receiver takes; any other is rejected with IK502
	 *     {@code 1}
	 */
	public static ImplementationAcknowledgment acknowledge(X12FunctionalGroup group, Set<X12Guide> supported) {
		List<TransactionSetResponse> responses = new ArrayList<>();
		int accepted = 0;
		boolean noted = false;
		for (X12Transaction transaction : group.transactions()) {
			TransactionSetResponse response = respond(transaction, supported);
			if (response.accepted()) {
				accepted++;
				noted |= "E".equals(response.status());
			}
			if (echoable(transaction)) {
				responses.add(response);
			}
		}
		int received = group.transactions().size();
		Set<String> groupCodes = new LinkedHashSet<>();
		int included = received;
		for (X12Error error : group.errors()) {
			if (error.code().ackCode() != null) {
				groupCodes.add(error.code().ackCode());
			}
			if (error.code() == X12ErrorCode.GROUP_TRANSACTION_COUNT_MISMATCH && error.data() != null
					&& error.data().matches("\\d{1,6}")) {
				included = Integer.parseInt(error.data());
			}
		}
		String status;
		if (!group.errors().isEmpty() || accepted == 0) {
			status = "R";
			accepted = 0;
		} else if (accepted < received) {
			status = "P";
		} else {
			status = noted ? "E" : "A";
		}
		GroupResponse groupResponse = new GroupResponse(status, included, received, accepted,
				groupCodes.stream().limit(MAX_CODES).toList());
		return new ImplementationAcknowledgment("", group.functionalIdentifier(), group.controlNumber(),
				group.version(), responses, groupResponse);
	}

	/** Whether AK201 and AK202 can carry the transaction set's ST01 and ST02. */
	private static boolean echoable(X12Transaction transaction) {
		return transaction.transactionSetId().matches("[0-9A-Za-z]{3}")
				&& transaction.controlNumber().matches("[0-9A-Za-z]{4,9}");
	}

	/**
	 * The response to one transaction set (loop 2000), as {@link #acknowledge} gives it; whether the group as a whole
	 * stands is not considered here.
	 *
	 * @param transaction the transaction set as read; its segments (when kept) give the claim context of faults
	 * @param supported the guides whose transaction sets the receiver takes
	 */
	public static TransactionSetResponse respond(X12Transaction transaction, Set<X12Guide> supported) {
		Set<String> codes = new LinkedHashSet<>();
		boolean rejected = false;
		if (transaction.guide().isPresent() && !supported.contains(transaction.guide().get())) {
			codes.add(X12ErrorCode.TRANSACTION_NOT_SUPPORTED.ackCode());
			rejected = true;
		}
		Map<String, SegmentFaults> bySegment = new LinkedHashMap<>();
		for (X12Error error : transaction.errors()) {
			rejected |= !WARNINGS.contains(error.code());
			switch (error.level()) {
				case SEGMENT -> bySegment.computeIfAbsent("S" + bySegment.size(), k -> new SegmentFaults(error));
				case ELEMENT -> bySegment.computeIfAbsent("E" + error.segmentPosition() + "|" + error.segmentId(),
						k -> new SegmentFaults(error)).elements.add(error);
				default -> {
					if (error.code().ackCode() != null) {
						codes.add(error.code().ackCode());
					}
				}
			}
		}
		List<X12Segment> segments = transaction.segments();
		if (!segments.isEmpty() && !"SE".equals(segments.get(segments.size() - 1).id())) {
			// cut short by the end of the input: the reader records that on the interchange
			codes.add(X12ErrorCode.TRANSACTION_TRAILER_MISSING.ackCode());
			rejected = true;
		}
		List<SegmentError> segmentErrors = new ArrayList<>();
		boolean standardCode = false;
		for (SegmentFaults faults : bySegment.values().stream()
				.sorted((a, b) -> Integer.compare(a.first.segmentPosition(), b.first.segmentPosition())).toList()) {
			SegmentError segmentError = faults.toSegmentError(transaction);
			if (segmentError == null) {
				standardCode = true;
				continue;
			}
			segmentErrors.add(segmentError);
			// code 8 only says "see the element errors": the element codes decide
			standardCode |= faults.elements.isEmpty() ? !segmentError.errorCode().startsWith("I")
					: segmentError.elementErrors().stream().anyMatch(e -> !e.errorCode().startsWith("I"));
		}
		if (!bySegment.isEmpty() || (rejected && codes.isEmpty())) {
			codes.add(standardCode || segmentErrors.isEmpty() ? "5" : "I5");
		}
		String status = !rejected ? transaction.errors().isEmpty() ? "A" : "E" : "R";
		return new TransactionSetResponse(transaction.transactionSetId(), transaction.controlNumber(),
				transaction.implementationReference(), status,
				"A".equals(status) ? List.of() : codes.stream().limit(MAX_CODES).toList(), segmentErrors);
	}

	/** The faults of one IK3: a segment-level fault, or the element faults of one segment. */
	private static final class SegmentFaults {
		final X12Error first;
		final List<X12Error> elements = new ArrayList<>();

		SegmentFaults(X12Error first) {
			this.first = first;
		}

		/** The IK3 loop, or {@code null} when the fault names no segment the 999 can point at. */
		SegmentError toSegmentError(X12Transaction transaction) {
			String segmentId = first.segmentId();
			if (segmentId == null || !segmentId.matches("[0-9A-Z]{2,3}")) {
				return null;
			}
			String code = first.level() == X12ErrorLevel.SEGMENT ? first.code().ackCode() : "8";
			if (code == null) {
				return null;
			}
			List<ElementError> elementErrors = new ArrayList<>();
			for (X12Error element : elements) {
				if (element.elementPosition() < 1 || element.code().ackCode() == null) {
					continue;
				}
				String reference = element.elementReference() != null && element.elementReference().length() <= 4
						? element.elementReference() : "";
				elementErrors.add(new ElementError(element.elementPosition(), element.componentPosition(), 0,
						reference, element.code().ackCode(), X12Text.clean(element.data(), MAX_BAD_DATA), List.of()));
			}
			List<Context> contexts = claimOf(transaction, first).map(id -> List.of(Context.businessUnit("CLM01", id)))
					.orElse(List.of());
			return new SegmentError(segmentId, Math.max(first.segmentPosition(), 0), loopNumber(first.loop()), code,
					contexts, elementErrors);
		}
	}

	/** IK303: the X12 loop id, which is the guide's loop id without its letters (at most four characters). */
	static String loopNumber(String loop) {
		return loop != null && loop.length() >= 4 && loop.substring(0, 4).chars().allMatch(Character::isDigit)
				? loop.substring(0, 4) : "";
	}

	/** CLM01 of the claim a fault lies in: the last CLM at or before it, when the fault is in loop 2300 or below. */
	private static Optional<String> claimOf(X12Transaction transaction, X12Error error) {
		String loop = error.loop();
		boolean inClaim = "CLM".equals(error.segmentId())
				|| loop != null && (loop.startsWith("23") || loop.startsWith("24"));
		if (!inClaim) {
			return Optional.empty();
		}
		String claimId = null;
		for (X12Segment segment : transaction.segments()) {
			if (segment.position() > error.segmentPosition()) {
				break;
			}
			if ("CLM".equals(segment.id())) {
				claimId = segment.element(1);
			}
		}
		String clean = X12Text.clean(claimId, MAX_CONTEXT);
		return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
	}
}
