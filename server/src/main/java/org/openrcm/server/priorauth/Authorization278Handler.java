package org.openrcm.server.priorauth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.auth.Authorization278Reader;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;
import org.openrcm.server.x12.auth.ReviewAction;

/**
 * Applies 278 responses, from a real-time answer or a batch file, to the ClaimResponse of the request they answer:
 * the request is found by the trace number the response repeats (2000E TRN*2, else BHT03) in the
 * {@link PriorAuthStore}, in its tenant. A pended review's later answer updates the same ClaimResponse, which
 * notifies the tenant's REST-hook Subscriptions on it. A 278 request, or a response to a request this server did
 * not send (or sent from another tenant than the file was posted to), is noted and not applied.
 */
final class Authorization278Handler implements X12TransactionHandler {

	private final PriorAuthStore store;
	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final Clock clock;

	Authorization278Handler(PriorAuthStore store, DaoRegistry daos, TenantRequests tenants, Clock clock) {
		this.store = store;
		this.daos = daos;
		this.tenants = tenants;
		this.clock = clock;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.AUTHORIZATION_278);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		String label = "278 " + transaction.controlNumber();
		if (Authorization278Reader.kindOf(transaction).orElse(null) != Kind.RESPONSE) {
			result.note(label + " is not a 278 response (BHT02 11) and was not applied: this server applies the "
					+ "answers to its own prior authorization requests");
			return;
		}
		AuthorizationReview answer = Authorization278Reader.read(transaction);
		String trace = answer.event().traces().stream().filter(t -> "2".equals(t.type())).map(Trace::number)
				.findFirst().orElse(answer.reference());
		Optional<PriorAuthStore.Request> found = trace == null ? Optional.empty() : store.byTrace(trace);
		if (found.isEmpty() || (file.tenant() != null && !file.tenant().equals(found.get().tenant()))) {
			result.note(label + " answers trace number " + trace + ", which no prior authorization request of "
					+ (file.tenant() == null ? "this server" : "this tenant") + " carries; it was not applied");
			return;
		}
		PriorAuthStore.Request request = found.get();
		RequestDetails tenantRequest = tenants.in(request.tenant());
		ClaimResponse response;
		try {
			response = daos.getResourceDao(ClaimResponse.class)
					.read(new IdType("ClaimResponse", request.claimResponseId()), tenantRequest);
		} catch (ResourceNotFoundException e) {
			result.note(label + ": the ClaimResponse of prior authorization " + trace + " is gone; not applied");
			return;
		}
		PasResponseMapping.apply(response, answer, trace);
		daos.getResourceDao(ClaimResponse.class).update(response, tenantRequest);
		result.changed(request.tenant(), response, false);
		Optional<ReviewAction> action = answer.event().decision() == null ? Optional.empty()
				: answer.event().decision().reviewAction();
		PriorAuthStore.State state = action.isEmpty() ? PriorAuthStore.State.FAILED
				: action.get().pending() ? PriorAuthStore.State.PENDED : PriorAuthStore.State.DECIDED;
		store.state(request.id(), state, answer.event().reference("NT").orElse(null), clock.instant());
	}
}
