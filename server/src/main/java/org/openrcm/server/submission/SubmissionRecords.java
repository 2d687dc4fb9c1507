package org.openrcm.server.submission;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.SubmissionStore.Submission;

/**
 * The FHIR side of a submission: the ClaimResponse that follows a claim from the queue to the payer's acknowledgment,
 * and the Task that puts a rejected claim in front of a biller.
 *
 * <p>The ClaimResponse ({@code use} claim, {@code request} the claim) starts with {@code outcome} {@code queued}. When
 * the claim leaves it gains the {@code claim-sent} extension (the submission-turnaround KPI) and an identifier
 * {@value OpenRcmIg#X12_TRANSACTION_SYSTEM} {@code <sender>:<ISA13>:<ST02>}; when the payer accepts it, the payer's
 * claim number ({@value OpenRcmIg#PAYER_CLAIM_NUMBER_SYSTEM}, which a replacement claim's REF*F8 then carries); when
 * a 999 or 277CA rejects it, {@code outcome} {@code error} with one {@code error} per fault (on the claim line it
 * concerns, when known). A rejection also opens a Task in the {@code claim-rejection} work queue, focused on the
 * claim.
 */
final class SubmissionRecords {

	/** A fault to record on a rejected claim: the claim line it concerns (or null), a coded reason, words. */
	record Fault(Integer itemSequence, Coding code, String text) {}

	static final String REJECTION_QUEUE = "claim-rejection";
	private static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final Clock clock;

	SubmissionRecords(DaoRegistry daos, TenantRequests tenants, Clock clock) {
		this.daos = daos;
		this.tenants = tenants;
		this.clock = clock;
	}

	/** The ClaimResponse of a claim just queued, stored in the claim's tenant. */
	ClaimResponse queued(Claim claim, String connection, RequestDetails request) {
		ClaimResponse response = new ClaimResponse();
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setType(claim.hasType() ? claim.getType()
				: new CodeableConcept(new Coding(CLAIM_TYPE_SYSTEM, "professional", "Professional")));
		response.setUse(ClaimResponse.Use.CLAIM);
		response.setPatient(claim.getPatient().copy());
		response.setCreated(Date.from(clock.instant()));
		response.setInsurer(insurer(claim, request));
		if (claim.hasProvider()) {
			response.setRequestor(claim.getProvider().copy());
		}
		response.setRequest(new Reference("Claim/" + claim.getIdElement().getIdPart()));
		response.setOutcome(RemittanceOutcome.QUEUED);
		response.setDisposition("Queued for the clearinghouse (" + connection + ")");
		IFhirResourceDao<ClaimResponse> dao = daos.getResourceDao(ClaimResponse.class);
		response.setId(dao.create(response, request).getId().toUnqualifiedVersionless());
		return response;
	}

	/** The payer: {@code Claim.insurer}, else the focal coverage's first payor, else a display-only reference. */
	private Reference insurer(Claim claim, RequestDetails request) {
		if (claim.hasInsurer()) {
			return claim.getInsurer().copy();
		}
		for (Claim.InsuranceComponent insurance : claim.getInsurance()) {
			if (insurance.getFocal() && insurance.getCoverage().getResource() instanceof Coverage coverage
					&& coverage.hasPayor()) {
				return coverage.getPayorFirstRep().copy();
			}
			if (insurance.getFocal() && StoredReferences.resolve(daos, request, insurance.getCoverage())
					instanceof Coverage coverage && coverage.hasPayor()) {
				return coverage.getPayorFirstRep().copy();
			}
		}
		return new Reference().setDisplay("unknown payer");
	}

	/** Records that the claim left in an interchange. */
	void sent(Submission submission, String sender, String interchangeControlNumber, Instant sentAt) {
		update(submission, response -> {
			response.getExtension().removeIf(e -> OpenRcmIg.CLAIM_SENT_EXTENSION.equals(e.getUrl()));
			response.addExtension(OpenRcmIg.CLAIM_SENT_EXTENSION, new DateTimeType(Date.from(sentAt),
					TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
			response.getIdentifier().removeIf(i -> OpenRcmIg.X12_TRANSACTION_SYSTEM.equals(i.getSystem()));
			response.addIdentifier().setSystem(OpenRcmIg.X12_TRANSACTION_SYSTEM)
					.setValue(sender + ":" + interchangeControlNumber + ":" + submission.transactionControlNumber());
			response.setDisposition("Sent to the clearinghouse (" + submission.connection() + ") in interchange "
					+ interchangeControlNumber);
		});
	}

	/** Records an acceptance: words for the disposition, and the payer's claim number when it gave one. */
	ClaimResponse accepted(Submission submission, String disposition, String payerClaimNumber) {
		return update(submission, response -> {
			response.setDisposition(disposition);
			if (payerClaimNumber != null && !payerClaimNumber.isBlank() && response.getIdentifier().stream()
					.noneMatch(i -> OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(i.getSystem())
							&& payerClaimNumber.equals(i.getValue()))) {
				response.addIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payerClaimNumber);
			}
		});
	}

	/**
	 * Records a rejection on the ClaimResponse ({@code outcome} error, the faults) and opens a rejection Task.
	 *
	 * @param result where the changed ClaimResponse and the new Task are reported
	 */
	void rejected(Submission submission, String disposition, List<Fault> faults, InboundResult result) {
		ClaimResponse response = update(submission, r -> {
			r.setOutcome(RemittanceOutcome.ERROR);
			r.setDisposition(disposition);
			for (Fault fault : faults) {
				ClaimResponse.ErrorComponent error = r.addError();
				if (fault.itemSequence() != null) {
					error.setItemSequence(fault.itemSequence());
				}
				error.setCode(new CodeableConcept(fault.code()).setText(fault.text()));
			}
		});
		result.changed(submission.tenant(), response, false);
		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(Task.TaskPriority.ROUTINE);
		task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, REJECTION_QUEUE,
				"Claim rejection")));
		task.setBusinessStatus(new CodeableConcept().setText("new"));
		task.setDescription(disposition + (faults.isEmpty() ? "" : ": " + faults.get(0).text()));
		task.setFocus(new Reference("Claim/" + submission.claimId()));
		task.setFor(response.getPatient().copy());
		task.setAuthoredOn(Date.from(clock.instant()));
		task.setReasonReference(new Reference("ClaimResponse/" + submission.claimResponseId()));
		RequestDetails request = tenants.in(submission.tenant());
		task.setId(daos.getResourceDao(Task.class).create(task, request).getId().toUnqualifiedVersionless());
		result.changed(submission.tenant(), task, true);
	}

	private ClaimResponse update(Submission submission, Consumer<ClaimResponse> change) {
		RequestDetails request = tenants.in(submission.tenant());
		IFhirResourceDao<ClaimResponse> dao = daos.getResourceDao(ClaimResponse.class);
		ClaimResponse response = dao.read(new IdType("ClaimResponse", submission.claimResponseId()), request);
		change.accept(response);
		dao.update(response, request);
		return response;
	}
}
