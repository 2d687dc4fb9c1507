package org.openrcm.server.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.denials.DenialClassification;
import org.openrcm.server.denials.DenialClassifier;
import org.openrcm.server.denials.DenialPatterns;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.remit.Remittance;

/**
 * The denial work a posted adjudication leaves: one Task in the {@code denial} work queue per adjustment a biller
 * works ({@link DenialClassifier}: not contractual write-offs, not what the patient owes), on a line or on the whole
 * claim. The Task has the shape {@link DenialPatterns} reads: {@code reasonCode} the denial category, the CARC with
 * its group, the amount, the procedure, the payer and the claim line as inputs, the scrub rule that would have
 * caught it (input {@code scrub-rule}) and the remarks (input {@code rarc}) when there are; {@code businessStatus}
 * the next action; {@code owner} from {@code openrcm.remittance.tenant-denial-owner.<tenant>}; {@code priority} urgent from {@code openrcm.remittance.urgent-amount}; the due date
 * ({@code restriction.period.end}) the payment date plus the tenant's resubmission SLA.
 *
 * <p>A reversal opens no Task and does not touch the Tasks of the payment it reverses: a biller may be working them
 * (the reversal often follows an appeal); the re-adjudication that follows opens its own.
 */
final class DenialTasks {

	private final DenialClassifier classifier;
	private final ToIntFunction<String> slaDays;
	private final BigDecimal urgentAmount;
	private final Function<String, String> owners;

	/**
	 * @param slaDays the resubmission SLA in days of a tenant
	 * @param owners who a tenant's denial Tasks go to (a reference), or null for no owner
	 */
	DenialTasks(DenialClassifier classifier, ToIntFunction<String> slaDays, BigDecimal urgentAmount,
			Function<String, String> owners) {
		this.classifier = classifier;
		this.slaDays = slaDays;
		this.urgentAmount = urgentAmount;
		this.owners = owners;
	}

	List<Task> tasks(Claim claim, ClaimResponse response, PostingKey key, String claimKey, Remittance remittance,
			Instant at) {
		List<Task> tasks = new ArrayList<>();
		if (response.getStatus() != ClaimResponse.ClaimResponseStatus.ACTIVE) {
			return tasks;
		}
		LocalDate paid = response.getPayment().hasDate() ? FhirValues.day(response.getPayment().getDateElement())
				: LocalDate.ofInstant(at, ZoneOffset.UTC);
		LocalDate due = paid.plusDays(slaDays.applyAsInt(key.tenant()));
		for (ClaimResponse.ItemComponent item : response.getItem()) {
			Claim.ItemComponent line = claim.getItem().stream().filter(i -> i.getSequence() == item.getItemSequence())
					.findFirst().orElse(null);
			add(tasks, item.getAdjudication(), item.getItemSequence(), line, claim, response, key, claimKey, at, due);
		}
		add(tasks, response.getAdjudication(), null, null, claim, response, key, claimKey, at, due);
		return tasks;
	}

	private void add(List<Task> tasks, List<AdjudicationComponent> adjudications, Integer sequence,
			Claim.ItemComponent line, Claim claim, ClaimResponse response, PostingKey key, String claimKey,
			Instant at, LocalDate due) {
		List<String> remarks = adjudications.stream()
				.filter(a -> a.getCategory().hasCoding(RemittancePosting.REMARK_CATEGORY_SYSTEM, "remark"))
				.map(a -> a.getReason().getCodingFirstRep().getCode()).toList();
		for (AdjudicationComponent adjudication : adjudications) {
			Coding group = FhirValues.coding(adjudication.getCategory(), RemittancePosting.GROUP_SYSTEM);
			Coding reason = adjudication.hasReason()
					? FhirValues.coding(adjudication.getReason(), RemittancePosting.REASON_SYSTEM) : null;
			if (group == null || reason == null || !adjudication.hasAmount()
					|| adjudication.getAmount().getValue().signum() <= 0) {
				continue;
			}
			DenialClassification classification = classifier.classify(group.getCode(), reason.getCode(), remarks);
			if (!classification.actionable()) {
				continue;
			}
			BigDecimal amount = adjudication.getAmount().getValue();
			Task task = new Task();
			task.setId(key.id("den", claimKey + ":" + (sequence == null ? "claim" : sequence) + ":"
					+ group.getCode() + "-" + reason.getCode()));
			task.setStatus(Task.TaskStatus.REQUESTED);
			task.setIntent(Task.TaskIntent.ORDER);
			task.setPriority(amount.compareTo(urgentAmount) >= 0 ? Task.TaskPriority.URGENT : Task.TaskPriority.ROUTINE);
			task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, DenialPatterns.DENIAL_QUEUE,
					"Denial")));
			task.setReasonCode(new CodeableConcept(new Coding(OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM,
					classification.category().code(), classification.category().display())));
			task.setReasonReference(new Reference("ClaimResponse/" + response.getIdElement().getIdPart()));
			task.setBusinessStatus(new CodeableConcept().setText(classification.nextAction().name()));
			String procedure = line == null ? null : line.getProductOrService().getCodingFirstRep().getCode();
			task.setDescription(group.getCode() + "-" + reason.getCode() + " (" + classification.reason() + ") on "
					+ (sequence == null ? "the claim" : "line " + sequence + (procedure == null ? ""
							: " (" + procedure + ")")) + ": USD " + amount.toPlainString() + " denied"
					+ (classification.scrubRule() == null ? ""
							: "; scrub rule " + classification.scrubRule().code() + " checks for this"));
			task.setFocus(new Reference("Claim/" + claim.getIdElement().getIdPart()));
			task.setFor(claim.getPatient().copy());
			String owner = owners.apply(key.tenant());
			if (owner != null && !owner.isBlank()) {
				task.setOwner(new Reference(owner));
			}
			task.setAuthoredOn(Date.from(at));
			task.setRestriction(new Task.TaskRestrictionComponent().setPeriod(new Period()
					.setEndElement(new DateTimeType(due.toString()))));
			RemittancePosting.input(task, DenialPatterns.INPUT_CARC, new CodeableConcept()
					.addCoding(new Coding(DenialPatterns.CARC_SYSTEM, reason.getCode(), classification.reason()))
					.addCoding(new Coding(DenialPatterns.GROUP_SYSTEM, group.getCode(), null)));
			RemittancePosting.input(task, DenialPatterns.INPUT_AMOUNT, RemittancePosting.money(amount));
			if (line != null) {
				RemittancePosting.input(task, DenialPatterns.INPUT_PROCEDURE, line.getProductOrService().copy());
				RemittancePosting.input(task, DenialPatterns.INPUT_ITEM_SEQUENCE, new IntegerType(sequence));
			}
			if (response.hasInsurer()) {
				RemittancePosting.input(task, DenialPatterns.INPUT_PAYER, response.getInsurer().copy());
			}
			if (classification.scrubRule() != null) {
				RemittancePosting.input(task, "scrub-rule", new CodeableConcept(new Coding(
						OpenRcmIg.SCRUB_RULE_CODE_SYSTEM, classification.scrubRule().code(), null)));
			}
			for (String remark : remarks) {
				RemittancePosting.input(task, "rarc", new CodeableConcept(new Coding(RemittancePosting.REMARK_SYSTEM,
						remark, null)));
			}
			tasks.add(task);
		}
	}
}
