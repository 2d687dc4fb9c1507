package org.openrcm.server.denials;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;

/**
 * What a biller does about a denied claim: a corrected claim, an appeal, or a write-off (the contracts are the IG's
 * OperationDefinitions {@code Claim-correct}, {@code Claim-appeal}, {@code Claim-write-off}). Each action also moves
 * the claim's open denial Tasks on (status, an output naming what was done, {@code lastModified}), so the time from
 * denial to action is on record (the resubmission-turnaround KPI).
 *
 * <ul>
 * <li>Correct: a copy of the active claim in status {@code draft} whose {@code related} names the original
 * (relationship {@code prior}) and the payer's claim number ({@code related.reference}); edit it, make it
 * {@code active} and {@code $submit} it: the 837 goes out as a replacement (frequency 7, REF*F8). The denial Tasks
 * become {@code in-progress}, business status {@code CORRECTED}, output {@code corrected-claim}. A second call
 * while that draft exists answers it.</li>
 * <li>Appeal: an {@code appeal} Task (its {@code basedOn} the open denial Tasks, {@code reasonReference} the decision
 * appealed, inputs {@code level} and {@code communication}) and a Communication to the payer (status
 * {@code preparation}: OpenRCM does not send appeals itself) with the reason and the attached DocumentReferences; the
 * denial Tasks go {@code on-hold}. One appeal per level at a time.</li>
 * <li>Write off: the open denied amount (or the amount given, applied to the denial Tasks oldest first) is written
 * off with a reason; each Task it covers in full is {@code completed}, business status {@code WRITE_OFF}; every Task
 * it touches gets the outputs {@code write-off-amount} and {@code write-off-reason}.</li>
 * </ul>
 */
final class ClaimActions {

	static final String DENIAL_QUEUE = "denial";
	static final String APPEAL_QUEUE = "appeal";
	static final String WRITE_OFF_REASON_SYSTEM = OpenRcmIg.WRITE_OFF_REASON_CODE_SYSTEM;
	private static final String RELATED_CLAIM_SYSTEM =
			"http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship";

	/**
	 * What a write-off did.
	 *
	 * @param amount what was written off
	 * @param reason why
	 * @param balance the denied amount still open on the claim
	 * @param closed the denial Tasks it closed
	 */
	record WriteOff(BigDecimal amount, Coding reason, BigDecimal balance, List<Task> closed) {}

	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final Clock clock;

	ClaimActions(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao, Clock clock) {
		this.daos = daos;
		this.systemDao = systemDao;
		this.clock = clock;
	}

	/** Creates the corrected (replacement) claim, in status draft. */
	Claim correct(String claimId, RequestDetails request) {
		Claim original = daos.getResourceDao(Claim.class).read(new IdType("Claim", claimId), request);
		if (original.getStatus() != Claim.ClaimStatus.ACTIVE) {
			throw unprocessable(ErrorCode.CLAIM_NOT_ADJUDICATED, "Claim/" + claimId + " is " + (original.hasStatus()
					? original.getStatus().toCode() : "without status") + "; only an active claim is corrected.");
		}
		Claim draft = draftReplacement(claimId, request);
		if (draft != null) {
			return draft;
		}
		String payerClaimNumber = payerClaimNumber(claimId, request);
		if (payerClaimNumber == null) {
			throw unprocessable(ErrorCode.CLAIM_NOT_ADJUDICATED, "Claim/" + claimId + " has no payer claim number yet: "
					+ "a claim is corrected once the payer has accepted or adjudicated it. Until then, correct the "
					+ "claim itself and submit it again.");
		}
		Claim corrected = original.copy();
		corrected.setId((String) null);
		corrected.setMeta(null);
		corrected.setStatus(Claim.ClaimStatus.DRAFT);
		corrected.setCreated(Date.from(clock.instant()));
		corrected.getIdentifier().clear();
		corrected.getExtension().removeIf(e -> e.getUrl().startsWith(OpenRcmIg.CANONICAL_BASE)
				&& !OpenRcmIg.ENCOUNTER_ENDED_EXTENSION.equals(e.getUrl()));
		corrected.getContained().clear();
		corrected.getRelated().removeIf(r -> r.getRelationship().hasCoding(RELATED_CLAIM_SYSTEM, "prior"));
		corrected.addRelated().setClaim(new Reference("Claim/" + claimId))
				.setRelationship(new CodeableConcept(new Coding(RELATED_CLAIM_SYSTEM, "prior", "Prior Claim")))
				.setReference(new Identifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payerClaimNumber));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String fullUrl = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(fullUrl).setResource(corrected).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Claim");
		for (Task task : openDenials(claimId, request)) {
			moveOn(task, Task.TaskStatus.INPROGRESS, "CORRECTED", "corrected-claim", new Reference(fullUrl));
			put(transaction, task);
		}
		Bundle response = systemDao.transaction(request, transaction);
		corrected.setId(new IdType(response.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless());
		return corrected;
	}

	/** The replacement of the claim still in draft, if there is one. */
	private Claim draftReplacement(String claimId, RequestDetails request) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(Claim.SP_STATUS, new TokenParam("draft"));
		for (IBaseResource found : daos.getResourceDao(Claim.class).search(map, request).getAllResources()) {
			Claim claim = (Claim) found;
			if (claim.getRelated().stream().anyMatch(r -> r.getRelationship().hasCoding(RELATED_CLAIM_SYSTEM, "prior")
					&& ("Claim/" + claimId).equals(r.getClaim().getReference()))) {
				return claim;
			}
		}
		return null;
	}

	/** Opens an appeal: an {@code appeal} Task and the Communication to the payer. Returns the Task. */
	Task appeal(String claimId, String reason, List<Reference> attachments, Integer level, RequestDetails request) {
		if (reason == null || reason.isBlank()) {
			throw invalid(ErrorCode.ACTION_PARAMETER_MISSING, "An appeal needs its reason (parameter 'reason').");
		}
		Claim claim = daos.getResourceDao(Claim.class).read(new IdType("Claim", claimId), request);
		List<Reference> documents = new ArrayList<>();
		for (Reference attachment : attachments) {
			IdType id = new IdType(attachment.getReference());
			if (!"DocumentReference".equals(id.getResourceType()) || !id.hasIdPart()) {
				throw invalid(ErrorCode.ACTION_PARAMETER_MISSING, "Attachment '" + attachment.getReference()
						+ "' is not a reference to a DocumentReference.");
			}
			try {
				daos.getResourceDao(DocumentReference.class).read(id.toUnqualifiedVersionless(), request);
			} catch (BaseServerResponseException e) {
				throw unprocessable(ErrorCode.ACTION_PARAMETER_MISSING, "Attachment " + id.toUnqualifiedVersionless()
						.getValue() + " is not stored in this tenant: " + e.getMessage());
			}
			documents.add(new Reference(id.toUnqualifiedVersionless().getValue()));
		}
		if (level != null && level < 1) {
			throw invalid(ErrorCode.ACTION_PARAMETER_MISSING, "An appeal's level is 1 or more.");
		}
		ClaimResponse decision = latestAdjudication(claimId, request);
		if (decision == null) {
			throw unprocessable(ErrorCode.CLAIM_NOT_ADJUDICATED, "Claim/" + claimId + " has not been adjudicated: "
					+ "there is no decision to appeal yet.");
		}
		int appealLevel = level == null ? 1 : level;
		for (IBaseResource found : tasks(claimId, APPEAL_QUEUE, request)) {
			Task open = (Task) found;
			boolean sameLevel = open.getInput().stream().anyMatch(i -> "level".equals(i.getType().getText())
					&& i.getValue() instanceof IntegerType l && l.getValue() == appealLevel);
			if (open.getStatus() == Task.TaskStatus.INPROGRESS && sameLevel) {
				throw new ResourceVersionConflictException("An appeal of level "
						+ appealLevel + " is in progress for Claim/" + claimId + ": Task/" + open.getIdElement()
						.getIdPart(), null, ErrorCode.ACTION_PARAMETER_MISSING.outcome("An appeal of level "
						+ appealLevel + " is in progress for Claim/" + claimId));
			}
		}
		String payerClaimNumber = payerClaimNumber(claimId, request);
		Date now = Date.from(clock.instant());
		String taskUrl = "urn:uuid:" + UUID.randomUUID();
		String communicationUrl = "urn:uuid:" + UUID.randomUUID();
		String level1 = " (level " + appealLevel + ")";
		Task task = new Task();
		task.setStatus(Task.TaskStatus.INPROGRESS);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(Task.TaskPriority.ROUTINE);
		task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, APPEAL_QUEUE, "Appeal")));
		task.setBusinessStatus(new CodeableConcept().setText("prepared"));
		task.setDescription("Appeal" + level1 + " of Claim/" + claimId + (payerClaimNumber == null ? ""
				: " (payer claim " + payerClaimNumber + ")") + ": " + reason);
		task.setFocus(new Reference("Claim/" + claimId));
		task.setFor(claim.getPatient().copy());
		task.setAuthoredOn(now);
		task.setLastModified(now);
		task.setReasonReference(new Reference("ClaimResponse/" + decision.getIdElement().getIdPart()));
		List<Task> denials = openDenials(claimId, request);
		denials.forEach(denial -> task.addBasedOn(new Reference("Task/" + denial.getIdElement().getIdPart())));
		input(task, "level", new IntegerType(appealLevel));
		input(task, "communication", new Reference(communicationUrl));
		documents.forEach(document -> input(task, "attachment", document.copy()));
		Communication letter = new Communication();
		letter.setStatus(Communication.CommunicationStatus.PREPARATION);
		letter.addBasedOn(new Reference(taskUrl));
		letter.setSubject(claim.getPatient().copy());
		letter.setTopic(new CodeableConcept().setText("Appeal" + level1 + " of a claim decision"));
		letter.addAbout(new Reference("Claim/" + claimId));
		if (claim.hasInsurer()) {
			letter.addRecipient(claim.getInsurer().copy());
		}
		if (claim.hasProvider()) {
			letter.setSender(claim.getProvider().copy());
		}
		letter.addPayload().setContent(new StringType(reason));
		documents.forEach(document -> letter.addPayload().setContent(document.copy()));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setFullUrl(taskUrl).setResource(task).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Task");
		transaction.addEntry().setFullUrl(communicationUrl).setResource(letter).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Communication");
		for (Task denial : denials) {
			denial.setStatus(Task.TaskStatus.ONHOLD);
			denial.setLastModified(now);
			denial.addOutput().setType(new CodeableConcept().setText("appeal")).setValue(new Reference(taskUrl));
			put(transaction, denial);
		}
		Bundle response = systemDao.transaction(request, transaction);
		task.setId(new IdType(response.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless());
		return task;
	}

	/**
	 * Writes off denied money: the claim's open denial Tasks in the order they were opened, up to {@code amount}
	 * (all of it when {@code amount} is null).
	 */
	WriteOff writeOff(String claimId, BigDecimal amount, Coding reason, String note, RequestDetails request) {
		if (reason == null || !reason.hasCode()) {
			throw invalid(ErrorCode.ACTION_PARAMETER_MISSING, "A write-off needs its reason (parameter 'reason', a code "
					+ "of " + WRITE_OFF_REASON_SYSTEM + ").");
		}
		if (amount != null && amount.signum() <= 0) {
			throw invalid(ErrorCode.ACTION_PARAMETER_MISSING, "The amount to write off must be more than 0.");
		}
		daos.getResourceDao(Claim.class).read(new IdType("Claim", claimId), request);
		List<Task> open = openDenials(claimId, request);
		BigDecimal denied = open.stream().map(ClaimActions::deniedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (open.isEmpty() || denied.signum() == 0) {
			throw unprocessable(ErrorCode.WRITE_OFF_NOTHING_OPEN, "Claim/" + claimId + " has no open denial to write "
					+ "off.");
		}
		if (amount != null && amount.compareTo(denied) > 0) {
			throw unprocessable(ErrorCode.WRITE_OFF_NOTHING_OPEN, "Claim/" + claimId + " has USD "
					+ denied.toPlainString() + " open in denials; USD " + amount.toPlainString()
					+ " cannot be written off.");
		}
		BigDecimal left = amount == null ? denied : amount;
		BigDecimal written = BigDecimal.ZERO;
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		List<Task> changed = new ArrayList<>();
		Coding why = new Coding(reason.hasSystem() ? reason.getSystem() : WRITE_OFF_REASON_SYSTEM, reason.getCode(),
				reason.getDisplay());
		for (Task task : open) {
			if (left.signum() == 0) {
				break;
			}
			BigDecimal part = deniedAmount(task).min(left);
			left = left.subtract(part);
			written = written.add(part);
			boolean whole = part.compareTo(deniedAmount(task)) == 0;
			moveOn(task, whole ? Task.TaskStatus.COMPLETED : task.getStatus(),
					whole ? "WRITE_OFF" : task.getBusinessStatus().getText(), "write-off-amount",
					new Money().setValue(part).setCurrency("USD"));
			task.addOutput().setType(new CodeableConcept().setText("write-off-reason"))
					.setValue(new CodeableConcept(why.copy()));
			if (note != null && !note.isBlank()) {
				task.addNote().setText(note).setTimeElement(new DateTimeType(
						Date.from(clock.instant())));
			}
			put(transaction, task);
			changed.add(task);
		}
		systemDao.transaction(request, transaction);
		return new WriteOff(written, why, denied.subtract(written),
				changed.stream().filter(t -> t.getStatus() == Task.TaskStatus.COMPLETED).toList());
	}

	/** The claim's denial Tasks not yet completed or cancelled, oldest first. */
	List<Task> openDenials(String claimId, RequestDetails request) {
		List<Task> open = new ArrayList<>();
		for (IBaseResource found : tasks(claimId, DENIAL_QUEUE, request)) {
			Task task = (Task) found;
			if (task.getStatus() != Task.TaskStatus.COMPLETED && task.getStatus() != Task.TaskStatus.CANCELLED
					&& task.getStatus() != Task.TaskStatus.ENTEREDINERROR) {
				open.add(task);
			}
		}
		open.sort(Comparator.comparing(Task::getAuthoredOn, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(t -> t.getIdElement().getIdPart()));
		return open;
	}

	/** The claim's Tasks in a work queue, any status. */
	private List<IBaseResource> tasks(String claimId, String queue, RequestDetails request) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(Task.SP_FOCUS, new ReferenceParam("Claim/" + claimId));
		map.add(Task.SP_CODE, new TokenParam(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, queue));
		return daos.getResourceDao(Task.class).search(map, request).getAllResources();
	}

	/** The claim's most recent adjudication: an active ClaimResponse with outcome complete or partial. */
	private ClaimResponse latestAdjudication(String claimId, RequestDetails request) {
		return responses(claimId, request).stream().filter(r -> r.getStatus() == ClaimResponse.ClaimResponseStatus.ACTIVE
				&& (r.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE
						|| r.getOutcome() == ClaimResponse.RemittanceOutcome.PARTIAL)).findFirst().orElse(null);
	}

	/** The denied amount a denial Task carries (its {@code amount} input), less what was written off before. */
	static BigDecimal deniedAmount(Task task) {
		BigDecimal denied = BigDecimal.ZERO;
		for (Task.ParameterComponent input : task.getInput()) {
			if ("amount".equals(input.getType().getText()) && input.getValue() instanceof Money money
					&& money.hasValue()) {
				denied = denied.add(money.getValue());
			}
		}
		for (Task.TaskOutputComponent output : task.getOutput()) {
			if ("write-off-amount".equals(output.getType().getText()) && output.getValue() instanceof Money money
					&& money.hasValue()) {
				denied = denied.subtract(money.getValue());
			}
		}
		return denied.max(BigDecimal.ZERO);
	}

	/** The payer's claim number: from the claim's most recent ClaimResponse that has one. */
	private String payerClaimNumber(String claimId, RequestDetails request) {
		for (ClaimResponse response : responses(claimId, request)) {
			for (Identifier identifier : response.getIdentifier()) {
				if (OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
					return identifier.getValue();
				}
			}
		}
		return null;
	}

	/** The claim's ClaimResponses, the most recently changed first. */
	private List<ClaimResponse> responses(String claimId, RequestDetails request) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(ClaimResponse.SP_REQUEST, new ReferenceParam("Claim/" + claimId));
		List<ClaimResponse> responses = new ArrayList<>();
		daos.getResourceDao(ClaimResponse.class).search(map, request).getAllResources()
				.forEach(found -> responses.add((ClaimResponse) found));
		responses.sort(Comparator.comparing((ClaimResponse r) -> r.getMeta().getLastUpdated(),
				Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
		return responses;
	}

	private void moveOn(Task task, Task.TaskStatus status, String businessStatus, String output, Type value) {
		task.setStatus(status);
		task.setBusinessStatus(new CodeableConcept().setText(businessStatus));
		task.setLastModified(Date.from(clock.instant()));
		task.addOutput().setType(new CodeableConcept().setText(output)).setValue(value);
	}

	private static void put(Bundle transaction, Resource resource) {
		String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url)
				.setIfMatch("W/\"" + resource.getIdElement().getVersionIdPart() + "\"");
	}

	private static void input(Task task, String name, Type value) {
		task.addInput().setType(new CodeableConcept().setText(name)).setValue(value);
	}

	private static InvalidRequestException invalid(ErrorCode code, String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(code.outcome(message));
		return exception;
	}

	private static UnprocessableEntityException unprocessable(ErrorCode code, String message) {
		return new UnprocessableEntityException(message, code.outcome(message));
	}
}
