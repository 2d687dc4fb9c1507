package org.openrcm.server.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * The sandbox scenario of a request the clearinghouse turns away in its 999: a 270, 276 or 278 whose subscriber
 * member id (NM1*IL, NM109: 270 loop 2100C, 276 loop 2100D, 278 loop 2010C) starts with {@value #MEMBER_ID_PREFIX}
 * is rejected (IK501 {@code R}, IK502 {@code I5}) with one segment error on that NM1 (IK304 {@code 8}) and one element
 * error on NM109 (IK403 {@code I12}, the value does not match the implementation guide's pattern; IK404 the member
 * id), so it gets no answer; the group's AK9 counts it ({@code P} when others were accepted, {@code R} when none
 * was). Claims (837) are screened by {@link SandboxRules} instead and are not affected.
 */
final class SandboxSyntaxRejections {

	/** Member ids starting with this are rejected in the sandbox's 999. */
	static final String MEMBER_ID_PREFIX = "X12REJ";
	private static final Set<X12Guide> REQUESTS = Set.of(X12Guide.ELIGIBILITY_270, X12Guide.CLAIM_STATUS_276,
			X12Guide.AUTHORIZATION_278);

	private SandboxSyntaxRejections() {}

	/** The segment error this scenario finds in a transaction set, if any. */
	static Optional<SegmentError> fault(X12Transaction transaction) {
		if (transaction.guide().map(g -> !REQUESTS.contains(g)).orElse(true)) {
			return Optional.empty();
		}
		for (X12Segment segment : transaction.segments("NM1")) {
			String memberId = segment.element(9);
			if ("IL".equals(segment.element(1)) && memberId != null && memberId.startsWith(MEMBER_ID_PREFIX)) {
				String loop = segment.loop() != null && segment.loop().length() >= 4 ? segment.loop().substring(0, 4)
						: "";
				return Optional.of(new SegmentError("NM1", segment.position(), loop, "8", List.of(), List.of(
						new ElementError(9, 0, 0, "67", "I12", memberId, List.of()))));
			}
		}
		return Optional.empty();
	}

	/** The 999 of a group with this scenario's rejections applied; the 999 as it was when none applies. */
	static ImplementationAcknowledgment apply(X12FunctionalGroup group, ImplementationAcknowledgment ack) {
		List<TransactionSetResponse> responses = new ArrayList<>();
		int newlyRejected = 0;
		for (TransactionSetResponse response : ack.transactionSets()) {
			X12Transaction transaction = group.transactions().stream()
					.filter(t -> t.controlNumber().equals(response.controlNumber())).findFirst().orElse(null);
			Optional<SegmentError> fault = transaction == null ? Optional.empty() : fault(transaction);
			if (fault.isEmpty() || !response.accepted()) {
				responses.add(response);
				continue;
			}
			newlyRejected++;
			responses.add(new TransactionSetResponse(response.transactionSetId(), response.controlNumber(),
					response.implementationReference(), "R", List.of("I5"), List.of(fault.get())));
		}
		if (newlyRejected == 0) {
			return ack;
		}
		GroupResponse before = ack.groupResponse();
		int accepted = Math.max(0, before.transactionSetsAccepted() - newlyRejected);
		String status = before.rejected() ? before.status() : accepted == 0 ? "R"
				: accepted < before.transactionSetsReceived() ? "P" : before.status();
		return new ImplementationAcknowledgment(ack.controlNumber(), ack.functionalIdentifier(),
				ack.groupControlNumber(), ack.version(), responses, new GroupResponse(status,
						before.transactionSetsIncluded(), before.transactionSetsReceived(), accepted,
						before.errorCodes()));
	}
}
