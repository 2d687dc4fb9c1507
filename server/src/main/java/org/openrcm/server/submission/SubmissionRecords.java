package org.openrcm.server.submission;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Apart from the ClaimResponse of a claim just queued, which {@code $submit} answers with, the ClaimResponses of
 * many claims change together (a batch sent, an acknowledgment applied): they are read with one search and written
 * with one FHIR transaction per {@value #CHUNK} claims, rather than read and updated one by one.
 */
final class SubmissionRecords {

	/** A fault to record on a rejected claim: the claim line it concerns (or null), a coded reason, words. */
	record Fault(Integer itemSequence, Coding code, String text) {}

	static final String REJECTION_QUEUE = "claim-rejection";
	private static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";

	/** The most ClaimResponses read and written in one FHIR transaction. */
	static final int CHUNK = 500;

	private static final Logger log = LoggerFactory.getLogger(SubmissionRecords.class);

	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final TenantRequests tenants;
	private final Clock clock;

	SubmissionRecords(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao, TenantRequests tenants, Clock clock) {
		this.daos = daos;
		this.systemDao = systemDao;
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

	/**
	 * Records that the claims left in an interchange: each ClaimResponse gains the {@code claim-sent} extension, the
	 * {@value OpenRcmIg#X12_TRANSACTION_SYSTEM} identifier and a disposition saying so. Written in FHIR transactions
	 * of at most {@value #CHUNK} ClaimResponses (see {@link #write}).
	 */
	void sent(List<Submission> submissions, String sender, String interchangeControlNumber, Instant sentAt) {
		List<Change> changes = new ArrayList<>(submissions.size());
		for (Submission submission : submissions) {
			changes.add(new Change(submission, response -> {
				response.getExtension().removeIf(e -> OpenRcmIg.CLAIM_SENT_EXTENSION.equals(e.getUrl()));
				response.addExtension(OpenRcmIg.CLAIM_SENT_EXTENSION, new DateTimeType(Date.from(sentAt),
						TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
				response.getIdentifier().removeIf(i -> OpenRcmIg.X12_TRANSACTION_SYSTEM.equals(i.getSystem()));
				response.addIdentifier().setSystem(OpenRcmIg.X12_TRANSACTION_SYSTEM)
						.setValue(sender + ":" + interchangeControlNumber + ":" + submission.transactionControlNumber());
				response.setDisposition("Sent to the clearinghouse (" + submission.connection() + ") in interchange "
						+ interchangeControlNumber);
			}, null));
		}
		write(changes, null);
	}

	/** What an acknowledgment says about one claim, to record on its ClaimResponse. */
	sealed interface Update permits Acceptance, Rejection {

		Submission submission();
	}

	/**
	 * An acceptance (or a pending status) to record: words for the disposition, and the payer's claim number when it
	 * gave one.
	 */
	record Acceptance(Submission submission, String disposition, String payerClaimNumber) implements Update {}

	private Change change(Acceptance acceptance) {
		String payerClaimNumber = acceptance.payerClaimNumber();
		return new Change(acceptance.submission(), response -> {
			if (response.getOutcome() != RemittanceOutcome.COMPLETE) {
				// an 835 that came first has the last word on the disposition
				response.setDisposition(acceptance.disposition());
			}
			if (payerClaimNumber != null && !payerClaimNumber.isBlank() && response.getIdentifier().stream()
					.noneMatch(i -> OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(i.getSystem())
							&& payerClaimNumber.equals(i.getValue()))) {
				response.addIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payerClaimNumber);
			}
		}, null);
	}

	/** A rejection to record: words for the disposition and the faults. */
	record Rejection(Submission submission, String disposition, List<Fault> faults) implements Update {}

	/**
	 * Records acceptances and rejections in the order given (the last word on a claim wins, as if they were recorded
	 * one by one), in FHIR transactions of at most {@value #CHUNK} claims.
	 *
	 * @param result where the changed ClaimResponses and the new Tasks are reported
	 */
	void record(List<? extends Update> updates, InboundResult result) {
		List<Change> changes = new ArrayList<>(updates.size());
		for (Update update : updates) {
			changes.add(update instanceof Acceptance acceptance ? change(acceptance) : change((Rejection) update));
		}
		write(changes, result);
	}

	/**
	 * Records rejections: on each ClaimResponse {@code outcome} error and the faults, and a rejection Task for each,
	 * written with the ClaimResponses in FHIR transactions of at most {@value #CHUNK} claims.
	 *
	 * @param result where the changed ClaimResponses and the new Tasks are reported
	 */
	void rejected(List<Rejection> rejections, InboundResult result) {
		record(rejections, result);
	}

	private Change change(Rejection rejection) {
		Submission submission = rejection.submission();
		return new Change(submission, r -> {
			r.setOutcome(RemittanceOutcome.ERROR);
			r.setDisposition(rejection.disposition());
			for (Fault fault : rejection.faults()) {
				ClaimResponse.ErrorComponent error = r.addError();
				if (fault.itemSequence() != null) {
					error.setItemSequence(fault.itemSequence());
				}
				error.setCode(new CodeableConcept(fault.code()).setText(fault.text()));
			}
		}, response -> task(submission, response, rejection.disposition(), rejection.faults()));
	}

	private Task task(Submission submission, ClaimResponse response, String disposition, List<Fault> faults) {
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
		return task;
	}

	/**
	 * A change to one submission's ClaimResponse, and the resource to create with it (made from the changed
	 * ClaimResponse), if any.
	 */
	private record Change(Submission submission, Consumer<ClaimResponse> change,
			Function<ClaimResponse, Resource> alsoCreate) {}

	/**
	 * Applies changes to ClaimResponses, per tenant and in chunks of at most {@value #CHUNK}: one search reads the
	 * chunk's ClaimResponses, one FHIR transaction writes them back with the resources to create. A transaction is
	 * all or nothing: a chunk either is recorded in full or fails as a whole (and the caller's round with it, to be
	 * tried again). A ClaimResponse deleted since it was queued is not recreated; that is logged.
	 *
	 * <p>Against the alternatives, in the {@code submit} benchmark: a read and an update per claim, each in its own
	 * database transaction (as before), cost about three times as much per claim; DAO reads and updates of a whole
	 * chunk inside one database transaction cost far more still, because each update's id lookup flushes Hibernate's
	 * session, whose dirty check covers every entity the chunk loaded. On the embedded H2 database, the search and
	 * the transaction's prefetch of a chunk each evaluate an OR of one (type, id) pair per ClaimResponse against every
	 * resource of the tenant, a cost that grows with the tenant (PostgreSQL can use its index for such an OR; not
	 * measured here).
	 *
	 * @param result where the changed and created resources are reported; may be null
	 */
	private void write(List<Change> changes, InboundResult result) {
		Map<String, List<Change>> byTenant = new LinkedHashMap<>();
		for (Change change : changes) {
			byTenant.computeIfAbsent(change.submission().tenant(), t -> new ArrayList<>()).add(change);
		}
		for (Map.Entry<String, List<Change>> tenant : byTenant.entrySet()) {
			RequestDetails request = tenants.in(tenant.getKey());
			List<Change> all = tenant.getValue();
			for (int from = 0; from < all.size(); from += CHUNK) {
				write(tenant.getKey(), request, all.subList(from, Math.min(all.size(), from + CHUNK)), result);
			}
		}
	}

	private void write(String tenant, RequestDetails request, List<Change> changes, InboundResult result) {
		Map<String, ClaimResponse> current = read(request, changes.stream()
				.map(c -> c.submission().claimResponseId()).toList());
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		List<Resource> written = new ArrayList<>();
		Set<String> updated = new HashSet<>();
		for (Change change : changes) {
			String id = change.submission().claimResponseId();
			ClaimResponse response = current.get(id);
			if (response == null) {
				log.warn("ClaimResponse/{} of submission {} (Claim/{}, tenant {}) is gone; it was not updated", id,
						change.submission().id(), change.submission().claimId(), tenant);
				continue;
			}
			change.change().accept(response);
			if (updated.add(id)) {
				// a second change to the same ClaimResponse goes into the entry already there
				transaction.addEntry().setResource(response).getRequest().setMethod(Bundle.HTTPVerb.PUT)
						.setUrl("ClaimResponse/" + id);
				written.add(response);
			}
			Resource created = change.alsoCreate() == null ? null : change.alsoCreate().apply(response);
			if (created != null) {
				transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(created).getRequest()
						.setMethod(Bundle.HTTPVerb.POST).setUrl(created.fhirType());
				written.add(created);
			}
		}
		if (transaction.getEntry().isEmpty()) {
			return;
		}
		Bundle response = systemDao.transaction(request, transaction);
		for (int i = 0; i < written.size(); i++) {
			Resource resource = written.get(i);
			boolean created = !(resource instanceof ClaimResponse);
			if (created) {
				resource.setId(new IdType(response.getEntry().get(i).getResponse().getLocation())
						.toUnqualifiedVersionless());
			}
			if (result != null) {
				result.changed(tenant, resource, created);
			}
		}
	}

	/** The current ClaimResponses with these ids, by id, with one search ({@code _id}); deleted ones are absent. */
	private Map<String, ClaimResponse> read(RequestDetails request, List<String> ids) {
		TokenOrListParam idParam = new TokenOrListParam();
		new LinkedHashSet<>(ids).forEach(id -> idParam.addOr(new TokenParam(id)));
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(IAnyResource.SP_RES_ID, idParam);
		map.setLoadSynchronousUpTo(ids.size());
		Map<String, ClaimResponse> found = new HashMap<>();
		for (IBaseResource resource : daos.getResourceDao(ClaimResponse.class).search(map, request)
				.getAllResources()) {
			found.put(resource.getIdElement().getIdPart(), (ClaimResponse) resource);
		}
		return found;
	}
}
