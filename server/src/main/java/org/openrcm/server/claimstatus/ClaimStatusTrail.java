package org.openrcm.server.claimstatus;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.TenantRequests;

/**
 * A claim's status trail: one Task per claim (id {@code cs-<claim id>}), {@code code} {@code claim-status} of the
 * work queue code system, {@code focus} the claim, {@code for} its patient. Every claim status request and every answer
 * adds a note ({@code time} when it happened, {@code text} in words: what was asked and how, each STC status of the
 * 277 in words with its date, amounts and payment, or why no answer came), so the notes are the claim's status
 * history in order. The Task's own fields say where the claim stands now:
 * <ul>
 * <li>{@code in-progress}: a 276 went out and its 277 has not come back yet (a file on the batch channel);</li>
 * <li>{@code completed}: the latest 277 answered; {@code businessStatus} is the claim-level status category of the
 * latest answer (system {@code https://x12.org/codes/claim-status-category-codes}, e.g. {@code F1}) with the
 * status in words as text;</li>
 * <li>{@code failed}: the latest request brought no answer (timeout, payer unavailable, refused);
 * {@code statusReason.text} says why. When the clearinghouse's 999 rejected the request's file,
 * {@code statusReason} also carries the error code ({@code ORCM-7026}) and {@code businessStatus} says so.</li>
 * </ul>
 */
final class ClaimStatusTrail {

	/** The work queue code of the status trail Tasks. */
	static final String QUEUE = OpenRcmIg.CLAIM_STATUS_QUEUE;
	/** X12 claim status category codes (external code list 507). */
	static final String CATEGORY_SYSTEM = OpenRcmIg.CLAIM_STATUS_CATEGORY_SYSTEM;

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final Clock clock;
	/** Serializes the read, change and write of one claim's Task (a request and a 277 may meet). */
	private final Object[] locks = new Object[64];

	ClaimStatusTrail(DaoRegistry daos, TenantRequests tenants, Clock clock) {
		this.daos = daos;
		this.tenants = tenants;
		this.clock = clock;
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	/** The id of a claim's status Task. */
	static String taskId(String claimId) {
		String id = "cs-" + claimId;
		if (id.length() <= 64) {
			return id;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(claimId.getBytes(StandardCharsets.UTF_8));
			return "cs-" + HexFormat.of().formatHex(digest, 0, 24);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	/** The claim's status Task, if one was written. */
	Task read(String tenant, String claimId) {
		try {
			return dao().read(new IdType("Task", taskId(claimId)), tenants.in(tenant));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	/** A 276 went out: the Task is in progress until its answer. */
	Task asked(String tenant, String claimId, Reference patient, String note, Instant at) {
		return write(tenant, claimId, patient, task -> {
			task.setStatus(Task.TaskStatus.INPROGRESS);
			task.setStatusReason(null);
			task.setBusinessStatus(new CodeableConcept().setText("waiting for the payer's answer (277)"));
		}, note, at, null);
	}

	/** A 277 answered. */
	Task answered(String tenant, String claimId, String category, String words, String note, Instant at,
			InboundResult result) {
		return write(tenant, claimId, null, task -> {
			task.setStatus(Task.TaskStatus.COMPLETED);
			task.setStatusReason(null);
			CodeableConcept status = new CodeableConcept().setText(words);
			if (category != null && !category.isEmpty()) {
				status.addCoding(new Coding(CATEGORY_SYSTEM, category, null));
			}
			task.setBusinessStatus(status);
		}, note, at, result);
	}

	/** The request brought no answer. */
	Task failed(String tenant, String claimId, String why, Instant at, InboundResult result) {
		return write(tenant, claimId, null, task -> {
			task.setStatus(Task.TaskStatus.FAILED);
			task.setStatusReason(new CodeableConcept().setText(why));
		}, why, at, result);
	}

	/**
	 * The clearinghouse's 999 rejected the request's file: {@code failed}, the reason with its error code in
	 * {@code statusReason}, and {@code businessStatus} saying the 276 was rejected.
	 */
	Task rejected(String tenant, String claimId, ErrorCode code, String why, Instant at, InboundResult result) {
		return write(tenant, claimId, null, task -> {
			task.setStatus(Task.TaskStatus.FAILED);
			task.setStatusReason(new CodeableConcept(new Coding(ErrorCode.SYSTEM, code.code(), null))
					.setText(code.code() + ": " + why));
			task.setBusinessStatus(new CodeableConcept().setText("276 rejected by the clearinghouse (999)"));
		}, code.code() + ": " + why, at, result);
	}

	private Task write(String tenant, String claimId, Reference patient, Consumer<Task> change,
			String note, Instant at, InboundResult result) {
		synchronized (locks[Math.floorMod((tenant + "/" + claimId).hashCode(), locks.length)]) {
			return writeLocked(tenant, claimId, patient, change, note, at, result);
		}
	}

	private Task writeLocked(String tenant, String claimId, Reference patient, Consumer<Task> change, String note,
			Instant at, InboundResult result) {
		RequestDetails request = tenants.in(tenant);
		Task task = read(tenant, claimId);
		boolean created = task == null;
		if (created) {
			task = new Task();
			task.setId(taskId(claimId));
			task.setIntent(Task.TaskIntent.ORDER);
			task.setPriority(Task.TaskPriority.ROUTINE);
			task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, QUEUE, "Claim status")));
			task.setDescription("Claim status of Claim/" + claimId + " (276/277)");
			task.setFocus(new Reference("Claim/" + claimId));
			task.setAuthoredOn(Date.from(clock.instant()));
		}
		if (patient != null && !task.hasFor()) {
			task.setFor(patient.copy());
		}
		change.accept(task);
		task.addNote(new Annotation().setTimeElement(new DateTimeType(Date.from(at)))
				.setText(note));
		task.setLastModified(Date.from(clock.instant()));
		Task written = (Task) dao().update(task, request).getResource();
		Task stored = written == null ? task : written;
		if (result != null) {
			result.changed(tenant, stored, created);
		}
		return stored;
	}

	private IFhirResourceDao<Task> dao() {
		return daos.getResourceDao(Task.class);
	}
}
