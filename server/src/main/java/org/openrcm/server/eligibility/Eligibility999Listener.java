package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.IdType;
import org.openrcm.server.eligibility.EligibilityChecks.Check;
import org.openrcm.server.eligibility.EligibilityChecks.Sent;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.AckListener;
import org.openrcm.server.submission.AcknowledgedGroup;
import org.openrcm.server.submission.AcknowledgedSet;
import org.openrcm.server.submission.TenantRequests;

/**
 * Applies a 999 to the eligibility checks of a batch file (270s): a check whose transaction set the 999 rejects (or
 * whose group it rejects as a whole) gets no 271, so it fails with {@code ORCM-7017}: its CoverageEligibilityResponse
 * is stored with outcome {@code error} and the 999's reasons in words, and its {@code $eligibility-batch} Task counts
 * it as failed (with a {@code failure} output) and completes when no check is left waiting. Accepted checks keep
 * waiting for their 271. Only checks still waiting ({@code SENT}) change, so the same 999 applied twice changes
 * nothing the second time; a file posted to a tenant changes only that tenant's checks.
 */
final class Eligibility999Listener implements AckListener {

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final EligibilityChecks checks;
	private final EligibilityBatches batches;
	private final Clock clock;

	Eligibility999Listener(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks,
			EligibilityBatches batches, Clock clock) {
		this.daos = daos;
		this.tenants = tenants;
		this.checks = checks;
		this.batches = batches;
		this.clock = clock;
	}

	@Override
	public boolean acknowledged(AcknowledgedGroup group, InboundResult result) {
		List<Sent> sent = checks.inGroup(group.senderId(), group.groupControlNumber());
		if (sent.isEmpty()) {
			return false;
		}
		Map<String, List<String>> failuresByBatch = new LinkedHashMap<>();
		Map<String, Check> batchesMoved = new LinkedHashMap<>();
		for (Sent one : sent) {
			Check check = one.check();
			if (!group.concerns(check.tenant()) || check.state() != EligibilityChecks.State.SENT) {
				continue;
			}
			AcknowledgedSet verdict = group.transactionSet(one.transactionControlNumber());
			if (!verdict.rejected()) {
				continue; // accepted (its 271 is still to come) or not answered by this 999
			}
			String message = "The clearinghouse rejected the 270 (transaction set " + one.transactionControlNumber()
					+ " of interchange " + one.interchangeControlNumber() + ") with its " + group.label() + ": "
					+ verdict.reason();
			CoverageEligibilityResponse failed = fail(check, message, result);
			checks.state(check.id(), EligibilityChecks.State.FAILED, clock.instant());
			if (check.batch() != null) {
				String coverage = failed.getInsuranceFirstRep().getCoverage().getReference();
				failuresByBatch.computeIfAbsent(check.tenant() + "/" + check.batch(), k -> new ArrayList<>())
						.add((coverage == null ? "CoverageEligibilityRequest/" + check.requestId() : coverage) + ": "
								+ ErrorCode.ELIGIBILITY_BATCH_REJECTED.code() + " " + message);
				batchesMoved.putIfAbsent(check.tenant() + "/" + check.batch(), check);
			}
		}
		batchesMoved.forEach((key, check) -> batches.failed(check.tenant(), check.batch(), failuresByBatch.get(key)));
		return true;
	}

	/** Stores the check's response as failed: the queued response as stored, else a new one from the request. */
	private CoverageEligibilityResponse fail(Check check, String message, InboundResult result) {
		SystemRequestDetails request = tenants.in(check.tenant());
		IFhirResourceDao<CoverageEligibilityResponse> dao = daos.getResourceDao(CoverageEligibilityResponse.class);
		CoverageEligibilityResponse response;
		boolean created = false;
		try {
			response = dao.read(new IdType("CoverageEligibilityResponse", check.responseId()), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			CoverageEligibilityRequest inquiry = daos.getResourceDao(CoverageEligibilityRequest.class)
					.read(new IdType("CoverageEligibilityRequest", check.requestId()), request);
			response = EligibilityAnswers.frame(check.responseId(), check.trace(), check.requestId(), inquiry, null,
					Date.from(clock.instant()));
			created = true;
		}
		EligibilityAnswers.failed(response, ErrorCode.ELIGIBILITY_BATCH_REJECTED, message);
		response.setId(response.getIdElement().toUnqualifiedVersionless());
		dao.update(response, request);
		result.changed(check.tenant(), response, created);
		return response;
	}
}
