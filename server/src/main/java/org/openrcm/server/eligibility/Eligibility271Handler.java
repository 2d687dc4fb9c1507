package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.server.eligibility.EligibilityChecks.Check;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.elig.Eligibility271Reader;
import org.openrcm.server.x12.elig.EligibilityResponse;

/**
 * Applies 271 eligibility responses, whichever way they came (a real-time answer stored through
 * {@code InboundService.ingest}, or a batch file fetched from the clearinghouse): finds the check by the trace number
 * the 271 echoes (TRN*2, else BHT03), writes the check's CoverageEligibilityResponse ({@link EligibilityAnswers}) in
 * the check's tenant, updates the Coverage's status and period when the payer says so, and moves the batch's Task on
 * (once per functional group, not per 271: a batch file answers a thousand checks, and its Task is written once).
 * Applying the same 271 twice writes the same response again. A 271 about a check this server did not send (or, for
 * a file posted by a tenant, another tenant's check) is noted and changes nothing.
 */
final class Eligibility271Handler implements X12TransactionHandler {

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final EligibilityChecks checks;
	private final EligibilityBatches batches;
	private final Clock clock;

	Eligibility271Handler(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks,
			EligibilityBatches batches, Clock clock) {
		this.daos = daos;
		this.tenants = tenants;
		this.checks = checks;
		this.batches = batches;
		this.clock = clock;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.ELIGIBILITY_271);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		applyAll(file, interchange, group, List.of(transaction), result);
	}

	@Override
	public void applyAll(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			List<X12Transaction> transactions, InboundResult result) {
		Map<String, Check> batchesMoved = new LinkedHashMap<>();
		for (X12Transaction transaction : transactions) {
			applyOne(file, transaction, result).filter(check -> check.batch() != null)
					.ifPresent(check -> batchesMoved.putIfAbsent(check.tenant() + "/" + check.batch(), check));
		}
		batchesMoved.values().forEach(check -> batches.progress(check.tenant(), check.batch()));
	}

	/** Applies one 271; the check it answered, if it applied. */
	private Optional<Check> applyOne(InboundFile file, X12Transaction transaction, InboundResult result) {
		EligibilityResponse answer = Eligibility271Reader.read(transaction);
		String trace = answer.traceNumber().orElse(answer.reference());
		Optional<Check> found = trace.isEmpty() ? Optional.empty() : checks.byTrace(trace);
		if (found.isEmpty()) {
			result.note("271 " + transaction.controlNumber() + " answers trace number '" + trace
					+ "', which this server did not send");
			return Optional.empty();
		}
		Check check = found.get();
		if (file.tenant() != null && !file.tenant().equals(check.tenant())) {
			result.note("271 " + transaction.controlNumber() + " answers a check of another tenant; not applied");
			return Optional.empty();
		}
		SystemRequestDetails request = tenants.in(check.tenant());
		CoverageEligibilityRequest inquiry;
		try {
			inquiry = daos.getResourceDao(CoverageEligibilityRequest.class)
					.read(new IdType("CoverageEligibilityRequest", check.requestId()), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			result.note("271 " + transaction.controlNumber() + " answers CoverageEligibilityRequest/"
					+ check.requestId() + ", which is gone; not applied");
			return Optional.empty();
		}
		Reference coverageReference = inquiry.getInsuranceFirstRep().getCoverage();
		Coverage coverage = coverageReference.hasReference()
				&& StoredReferences.resolve(daos, request, coverageReference) instanceof Coverage stored ? stored
						: null;
		CoverageEligibilityResponse response = EligibilityAnswers.answered(EligibilityAnswers.frame(check.responseId(),
				check.trace(), check.requestId(), inquiry, coverage, Date.from(clock.instant())), answer);
		DaoMethodOutcome written = daos.getResourceDao(CoverageEligibilityResponse.class).update(response, request);
		result.changed(check.tenant(), response, Boolean.TRUE.equals(written.getCreated()));
		if (coverage != null) {
			EligibilityAnswers.coverageChange(answer).flatMap(change -> change.apply(coverage)).ifPresent(changed -> {
				daos.getResourceDao(Coverage.class).update(changed, request);
				result.changed(check.tenant(), changed, false);
			});
		}
		checks.state(check.id(), EligibilityChecks.State.ANSWERED, clock.instant());
		return Optional.of(check);
	}
}
