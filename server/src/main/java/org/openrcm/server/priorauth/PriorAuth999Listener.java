package org.openrcm.server.priorauth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.priorauth.PriorAuthStore.Sent;
import org.openrcm.server.submission.AckListener;
import org.openrcm.server.submission.AcknowledgedGroup;
import org.openrcm.server.submission.AcknowledgedSet;
import org.openrcm.server.submission.TenantRequests;

/**
 * Applies a 999 to the prior authorization requests (278s) sent as batch files: a request whose transaction set the
 * 999 rejects (or whose group it rejects as a whole) gets no 278 response, so its ClaimResponse is stored with outcome
 * {@code error} and a disposition giving {@code ORCM-7048} and the 999's reasons in words, and the request counts as
 * unanswered ({@code Claim/$inquire} sends it again). An accepted request keeps waiting for its answer. Only requests
 * still waiting ({@code SENT}) change, so the same 999 applied twice changes nothing the second time; a file posted
 * to a tenant changes only that tenant's requests.
 */
final class PriorAuth999Listener implements AckListener {

	private final PriorAuthStore store;
	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final Clock clock;

	PriorAuth999Listener(PriorAuthStore store, DaoRegistry daos, TenantRequests tenants, Clock clock) {
		this.store = store;
		this.daos = daos;
		this.tenants = tenants;
		this.clock = clock;
	}

	@Override
	public boolean acknowledged(AcknowledgedGroup group, InboundResult result) {
		List<Sent> sent = store.inGroup(group.senderId(), group.groupControlNumber());
		if (sent.isEmpty()) {
			return false;
		}
		for (Sent one : sent) {
			PriorAuthStore.Request request = one.request();
			if (!group.concerns(request.tenant()) || request.state() != PriorAuthStore.State.SENT) {
				continue;
			}
			AcknowledgedSet verdict = group.transactionSet(one.transactionControlNumber());
			if (!verdict.rejected()) {
				continue; // accepted (its 278 response is still to come) or not answered by this 999
			}
			String why = ErrorCode.PRIOR_AUTH_BATCH_REJECTED.code() + ": the clearinghouse rejected the 278 "
					+ "(transaction set " + one.transactionControlNumber() + " of interchange "
					+ one.interchangeControlNumber() + ") with its " + group.label() + ": " + verdict.reason()
					+ ". Ask again with Claim/$inquire or submit the request anew.";
			RequestDetails tenantRequest = tenants.in(request.tenant());
			try {
				ClaimResponse response = daos.getResourceDao(ClaimResponse.class)
						.read(new IdType("ClaimResponse", request.claimResponseId()), tenantRequest);
				PasResponseMapping.failed(response, why);
				daos.getResourceDao(ClaimResponse.class).update(response, tenantRequest);
				result.changed(request.tenant(), response, false);
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				result.note(group.label() + " rejects prior authorization " + request.trace() + ", whose ClaimResponse/"
						+ request.claimResponseId() + " is gone");
			}
			store.state(request.id(), PriorAuthStore.State.UNANSWERED, null, clock.instant());
		}
		return true;
	}
}
