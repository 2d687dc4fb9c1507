package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.server.errors.ErrorCode;

/**
 * {@code POST [base]/CoverageEligibilityRequest/$submit} (a request in parameter {@code resource}, stored first),
 * {@code POST [base]/CoverageEligibilityRequest/[id]/$submit} (the stored request), and
 * {@code POST [base]/$eligibility-batch}. Parameter names follow the IG's OperationDefinitions
 * {@code CoverageEligibilityRequest-submit} and {@code eligibility-batch}.
 */
final class EligibilityOperationProvider {

	private final EligibilityService service;
	private final EligibilityBatches batches;
	private final DaoRegistry daos;

	EligibilityOperationProvider(EligibilityService service, EligibilityBatches batches, DaoRegistry daos) {
		this.service = service;
		this.batches = batches;
		this.daos = daos;
	}

	@Operation(name = "$submit", type = CoverageEligibilityRequest.class, idempotent = false)
	@Description(shortDefinition = "Check a patient's eligibility with the payer (270/271): the stored "
			+ "CoverageEligibilityResponse, with the payer's answer, an error outcome, or queued")
	public CoverageEligibilityResponse submit(@IdParam(optional = true) IdType id,
			@OperationParam(name = "resource", min = 0, max = 1) CoverageEligibilityRequest resource,
			RequestDetails request) {
		CoverageEligibilityRequest stored;
		EligibilityRequests.Parties parties = null;
		if (id != null && id.hasIdPart()) {
			stored = daos.getResourceDao(CoverageEligibilityRequest.class)
					.read(new IdType("CoverageEligibilityRequest", id.getIdPart()), request);
		} else {
			if (resource == null) {
				throw invalid(ErrorCode.ELIGIBILITY_NO_REQUEST, "CoverageEligibilityRequest/$submit needs the request"
						+ " in parameter 'resource'; to check a stored request, call"
						+ " CoverageEligibilityRequest/[id]/$submit");
			}
			try {
				parties = service.validate(resource, request);
			} catch (EligibilityProblem e) {
				throw refused(e);
			}
			boolean ownId = resource.getIdElement().hasIdPart()
					&& !resource.getIdElement().getValue().startsWith("urn:");
			var requests = daos.getResourceDao(CoverageEligibilityRequest.class);
			DaoMethodOutcome outcome = ownId ? requests.update(resource, request) : requests.create(resource, request);
			stored = outcome.getResource() instanceof CoverageEligibilityRequest written ? written
					: requests.read(((IdType) outcome.getId()).toUnqualifiedVersionless(), request);
		}
		try {
			return service.submit(request.getTenantId(), stored, parties, request);
		} catch (EligibilityProblem e) {
			throw refused(e);
		}
	}

	@Operation(name = "$eligibility-batch", idempotent = false)
	@Description(shortDefinition = "Check the eligibility of every patient seen in a date range (or of the coverages "
			+ "named) in the background: a Task whose output reports progress")
	public Task batch(@OperationParam(name = "start", min = 0, max = 1) DateType start,
			@OperationParam(name = "end", min = 0, max = 1) DateType end,
			@OperationParam(name = "coverage", min = 0, max = OperationParam.MAX_UNLIMITED) List<Reference> coverages,
			@OperationParam(name = "provider", min = 0, max = 1) Reference provider, RequestDetails request) {
		try {
			return batches.start(request.getTenantId(), day(start), day(end), coverages == null ? List.of() : coverages,
					provider != null && provider.hasReference() ? provider : null, request);
		} catch (EligibilityProblem e) {
			throw refused(e);
		}
	}

	private static LocalDate day(DateType date) {
		return date == null ? null : EligibilityRequests.day(date);
	}

	private static BaseServerResponseException refused(EligibilityProblem problem) {
		BaseServerResponseException exception = problem.code() == ErrorCode.ELIGIBILITY_BATCH_INVALID
				? new InvalidRequestException(problem.getMessage())
				: new UnprocessableEntityException(problem.getMessage());
		exception.setOperationOutcome(problem.outcome());
		return exception;
	}

	private static InvalidRequestException invalid(ErrorCode code, String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(code.outcome(message));
		return exception;
	}
}
