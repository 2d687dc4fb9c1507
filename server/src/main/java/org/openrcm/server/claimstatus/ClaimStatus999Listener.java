package org.openrcm.server.claimstatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.openrcm.server.claimstatus.ClaimStatusStore.Request;
import org.openrcm.server.claimstatus.ClaimStatusStore.Sent;
import org.openrcm.server.claimstatus.ClaimStatusStore.State;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.AckListener;
import org.openrcm.server.submission.AcknowledgedGroup;
import org.openrcm.server.submission.AcknowledgedSet;

/**
 * Applies a 999 to the claim status requests (276s) sent as files: a request whose transaction set the 999 rejects
 * (or whose group it rejects as a whole) gets no 277, so it is recorded as refused with the 999's reasons in words
 * and fails the claim's status trail ({@link ClaimStatusTrail#rejected}, {@code ORCM-7026}). An accepted request keeps
 * waiting for its 277. Only requests still waiting ({@code SENT}) change, so the same 999 applied twice changes
 * nothing the second time; a file posted to a tenant changes only that tenant's requests.
 */
final class ClaimStatus999Listener implements AckListener {

	private final ClaimStatusStore store;
	private final ClaimStatusTrail trail;
	private final Clock clock;

	ClaimStatus999Listener(ClaimStatusStore store, ClaimStatusTrail trail, Clock clock) {
		this.store = store;
		this.trail = trail;
		this.clock = clock;
	}

	@Override
	public boolean acknowledged(AcknowledgedGroup group, InboundResult result) {
		List<Sent> sent = store.inGroup(group.senderId(), group.groupControlNumber());
		if (sent.isEmpty()) {
			return false;
		}
		Instant now = clock.instant();
		for (Sent one : sent) {
			Request request = one.request();
			if (!group.concerns(request.tenant()) || request.state() != State.SENT) {
				continue;
			}
			AcknowledgedSet verdict = group.transactionSet(one.transactionControlNumber());
			if (!verdict.rejected()) {
				continue; // accepted (its 277 is still to come) or not answered by this 999
			}
			String why = "The clearinghouse rejected the 276 (tracking number " + request.trace()
					+ ", transaction set " + one.transactionControlNumber() + " of interchange "
					+ one.interchangeControlNumber() + ") with its " + group.label() + ": " + verdict.reason();
			store.outcome(request.trace(), State.REFUSED, why, now);
			trail.rejected(request.tenant(), request.claimId(), ErrorCode.CLAIM_STATUS_BATCH_REJECTED, why, now,
					result);
		}
		return true;
	}
}
