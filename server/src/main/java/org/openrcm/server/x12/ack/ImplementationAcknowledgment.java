package org.openrcm.server.x12.ack;

import java.util.List;
import java.util.Optional;

/**
 * One 999 implementation acknowledgment (005010X231A1): the receiver's syntax verdict on one functional group it
 * received, per transaction set and for the group as a whole. A transaction set the 999 accepts has passed the
 * X12 and implementation-guide checks only; whether each claim in it goes to adjudication is the 277CA's answer.
 *
 * @param controlNumber ST02 of the 999 itself, as read; ignored when written (the writer numbers it)
 * @param functionalIdentifier AK101, the acknowledged group's GS01 (e.g. {@code HC} for claims)
 * @param groupControlNumber AK102, the acknowledged group's GS06
 * @param version AK103, the acknowledged group's GS08 (e.g. {@code 005010X222A1}); empty when absent
 * @param transactionSets one response per acknowledged transaction set (loop 2000), in order
 * @param groupResponse AK9, the verdict on the group
 */
public record ImplementationAcknowledgment(String controlNumber, String functionalIdentifier,
		String groupControlNumber, String version, List<TransactionSetResponse> transactionSets,
		GroupResponse groupResponse) {

	public ImplementationAcknowledgment {
		controlNumber = nonNull(controlNumber);
		functionalIdentifier = nonNull(functionalIdentifier);
		groupControlNumber = nonNull(groupControlNumber);
		version = nonNull(version);
		transactionSets = List.copyOf(transactionSets);
		groupResponse = groupResponse == null ? GroupResponse.ABSENT : groupResponse;
	}

	/** The response to the transaction set with this control number (ST02 as sent), if the 999 has one. */
	public Optional<TransactionSetResponse> transactionSet(String controlNumber) {
		return transactionSets.stream().filter(t -> t.controlNumber().equals(controlNumber)).findFirst();
	}

	/**
	 * Whether the transaction set with this control number (ST02 as sent) was accepted ({@code A} or {@code E}) and
	 * the group not rejected as a whole. False when the 999 does not mention it.
	 */
	public boolean accepted(String controlNumber) {
		return !groupResponse.rejected() && transactionSet(controlNumber).map(TransactionSetResponse::accepted)
				.orElse(false);
	}

	/**
	 * The response to one transaction set: loop 2000 (AK2, the IK3/IK4 error loops, IK5).
	 *
	 * @param transactionSetId AK201, the acknowledged ST01 (e.g. {@code 837})
	 * @param controlNumber AK202, the acknowledged ST02
	 * @param implementationReference AK203, the acknowledged ST03; empty when absent
	 * @param status IK501: {@code A} accepted, {@code E} accepted with errors noted, {@code R} rejected, {@code M},
	 *     {@code W}, {@code X} rejected for security reasons (see {@link ImplementationAckCodes#transactionSetStatus})
	 * @param errorCodes IK502 to IK506, why it was rejected or noted (see
	 *     {@link ImplementationAckCodes#transactionSetError})
	 * @param segmentErrors the segments at fault (loop 2100), in order
	 */
	public record TransactionSetResponse(String transactionSetId, String controlNumber, String implementationReference,
			String status, List<String> errorCodes, List<SegmentError> segmentErrors) {

		public TransactionSetResponse {
			transactionSetId = nonNull(transactionSetId);
			controlNumber = nonNull(controlNumber);
			implementationReference = nonNull(implementationReference);
			status = nonNull(status);
			errorCodes = List.copyOf(errorCodes);
			segmentErrors = List.copyOf(segmentErrors);
		}

		/** Whether the receiver took the transaction set: IK501 {@code A} or {@code E}. */
		public boolean accepted() {
			return "A".equals(status) || "E".equals(status);
		}

		/** IK501 in words, e.g. {@code "R (rejected)"}. */
		public String statusDescription() {
			return ImplementationAckCodes.describe(status, ImplementationAckCodes.transactionSetStatus(status));
		}

		/** IK502 to IK506 in words, in order. */
		public List<String> errorDescriptions() {
			return errorCodes.stream()
					.map(c -> ImplementationAckCodes.describe(c, ImplementationAckCodes.transactionSetError(c)))
					.toList();
		}
	}

	/**
	 * A segment at fault: loop 2100 (IK3, its CTX segments, the IK4 loops).
	 *
	 * @param segmentId IK301, e.g. {@code NM1}
	 * @param position IK302, the segment's ordinal in the transaction set (ST = 1); for a missing segment, where its
	 *     absence was noticed; 0 when unreadable
	 * @param loopId IK303, the X12 loop id the segment sits in (e.g. {@code 2010}, at most four characters); empty
	 *     when absent
	 * @param errorCode IK304 (see {@link ImplementationAckCodes#segmentError})
	 * @param contexts the CTX segments of the 2100 loop: the business unit (e.g. {@code CLM01} and the claim's patient
	 *     control number) and any situational trigger
	 * @param elementErrors the data elements at fault in this segment (loop 2110), in order
	 */
	public record SegmentError(String segmentId, int position, String loopId, String errorCode,
			List<Context> contexts, List<ElementError> elementErrors) {

		public SegmentError {
			segmentId = nonNull(segmentId);
			loopId = nonNull(loopId);
			errorCode = nonNull(errorCode);
			contexts = List.copyOf(contexts);
			elementErrors = List.copyOf(elementErrors);
		}

		/** IK304 in words, e.g. {@code "3 (a required segment is missing)"}. */
		public String errorDescription() {
			return ImplementationAckCodes.describe(errorCode, ImplementationAckCodes.segmentError(errorCode));
		}

		/**
		 * The claim the segment belongs to, as the business unit context names it ({@code CTX*CLM01:<patient control
		 * number>}); empty when the 999 does not say.
		 */
		public Optional<String> claimId() {
			return contexts.stream().filter(c -> "CLM01".equals(c.name()) && !c.reference().isEmpty())
					.map(Context::reference).findFirst();
		}
	}

	/**
	 * A data element at fault: loop 2110 (IK4 and its CTX segments).
	 *
	 * @param elementPosition IK401-1, the element's position in the segment (1-based)
	 * @param componentPosition IK401-2, the component's position in a composite (1-based), or 0
	 * @param repetition IK401-3, the repetition of a repeating element (1-based), or 0
	 * @param elementReference IK402, the X12 data element reference number (e.g. {@code 66}); empty when absent
	 * @param errorCode IK403 (see {@link ImplementationAckCodes#elementError})
	 * @param badData IK404, a copy of the value at fault; empty when absent
	 * @param contexts the element's CTX segments
	 */
	public record ElementError(int elementPosition, int componentPosition, int repetition, String elementReference,
			String errorCode, String badData, List<Context> contexts) {

		public ElementError {
			elementReference = nonNull(elementReference);
			errorCode = nonNull(errorCode);
			badData = nonNull(badData);
			contexts = List.copyOf(contexts);
		}

		/** IK403 in words, e.g. {@code "7 (the code value is not valid for this data element)"}. */
		public String errorDescription() {
			return ImplementationAckCodes.describe(errorCode, ImplementationAckCodes.elementError(errorCode));
		}
	}

	/**
	 * One CTX segment: where in the business data, or under which situation, a fault lies.
	 *
	 * @param name CTX01-1, the context name ({@code SITUATIONAL TRIGGER}) or business unit (e.g. {@code CLM01})
	 * @param reference CTX01-2, the business unit's value (e.g. the patient control number); empty when absent
	 * @param segmentId CTX02, the segment that triggered the situational rule; empty when absent
	 * @param segmentPosition CTX03, that segment's ordinal in the transaction set, or 0
	 * @param loopId CTX04; empty when absent
	 * @param elementPosition CTX05-1, or 0
	 * @param componentPosition CTX05-2, or 0
	 * @param elementReference CTX06-1, the data element reference number; empty when absent
	 */
	public record Context(String name, String reference, String segmentId, int segmentPosition, String loopId,
			int elementPosition, int componentPosition, String elementReference) {

		public Context {
			name = nonNull(name);
			reference = nonNull(reference);
			segmentId = nonNull(segmentId);
			loopId = nonNull(loopId);
			elementReference = nonNull(elementReference);
		}

		/** A business unit context, e.g. {@code CLM01} and the claim's patient control number. */
		public static Context businessUnit(String name, String reference) {
			return new Context(name, reference, "", 0, "", 0, 0, "");
		}
	}

	/**
	 * The verdict on the functional group: AK9.
	 *
	 * @param status AK901: {@code A} accepted, {@code E} accepted with errors noted, {@code P} partly accepted,
	 *     {@code R} rejected, {@code M}, {@code W}, {@code X} rejected for security reasons (see
	 *     {@link ImplementationAckCodes#groupStatus}); empty when the 999 has no AK9
	 * @param transactionSetsIncluded AK902, the number of transaction sets GE01 declared
	 * @param transactionSetsReceived AK903, the number the receiver found
	 * @param transactionSetsAccepted AK904, the number it accepted
	 * @param errorCodes AK905 to AK909 (see {@link ImplementationAckCodes#groupError})
	 */
	public record GroupResponse(String status, int transactionSetsIncluded, int transactionSetsReceived,
			int transactionSetsAccepted, List<String> errorCodes) {

		static final GroupResponse ABSENT = new GroupResponse("", 0, 0, 0, List.of());

		public GroupResponse {
			status = nonNull(status);
			errorCodes = List.copyOf(errorCodes);
		}

		/** Whether the whole group was turned away: AK901 {@code R}, {@code M}, {@code W} or {@code X}. */
		public boolean rejected() {
			return switch (status) {
				case "R", "M", "W", "X" -> true;
				default -> false;
			};
		}

		/** AK901 in words, e.g. {@code "P (partly accepted: ...)"}. */
		public String statusDescription() {
			return ImplementationAckCodes.describe(status, ImplementationAckCodes.groupStatus(status));
		}

		/** AK905 to AK909 in words, in order. */
		public List<String> errorDescriptions() {
			return errorCodes.stream()
					.map(c -> ImplementationAckCodes.describe(c, ImplementationAckCodes.groupError(c))).toList();
		}
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}
}
