package org.openrcm.server.remittance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.PaymentReconciliation.DetailsComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Type;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.coding.FeeSchedule;
import org.openrcm.server.fhir.AdjudicationCodes;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * Turns one 835 payment into FHIR resources, claim by claim (no I/O: the caller reads what a claim payment needs and
 * writes what comes back).
 *
 * <p>Per claim payment (CLP), in the claim's tenant:
 * <ul>
 * <li>the adjudication goes onto a ClaimResponse: the one that followed the claim's submission while it still waits
 * for its adjudication ({@code outcome} {@code queued}), else a new one. Its shape: {@code outcome} {@code complete},
 * {@code disposition} in words; per matched line an {@code item} ({@code itemSequence} the claim line) with the
 * adjudications {@code submitted} (SVC02), {@code eligible} (AMT*B6, else paid plus patient responsibility) and
 * {@code benefit} (SVC03) from {@value #ADJUDICATION_SYSTEM}, one entry per CAS triplet (category the group code
 * in {@value #GROUP_SYSTEM}, reason the CARC in {@value #REASON_SYSTEM}, the units in {@code value}), and one entry
 * per remark (category {@code remark} of {@value #REMARK_CATEGORY_SYSTEM}, reason the RARC in
 * {@value #REMARK_SYSTEM}); claim-level CAS and MOA/MIA remarks the same way in {@code adjudication}; totals
 * {@code submitted} (CLP03), {@code eligible} (when every line has one), {@code benefit} (CLP04) and CARIN's
 * {@code memberliability} (CLP05); {@code payment} (date BPR16, amount CLP04, identifier TRN02); identifiers: the
 * payer's claim number (CLP07) and the posting ({@value #POSTING_SYSTEM}, the payment's key and the claim
 * payment's place in it). This is the shape {@code org.openrcm.server.claims.PayerAdjudication} reads for a
 * secondary claim.</li>
 * <li>a reversal (CLP02 {@code 22}) cancels the ClaimResponse of the payment it reverses (status
 * {@code cancelled}), found by the payer's claim number among the claim's adjudicated responses, and everything that
 * posting derived (rebuilt from the cancelled response, under the same ids). The re-adjudication that usually
 * follows is posted as a new claim payment.</li>
 * <li>the {@link Derivations} add what follows from an adjudication: the patient's EOB and statement, denial
 * Tasks.</li>
 * <li>a claim payment whose claim is unknown, a reversal whose original is unknown, and a line that matches no claim
 * line go to the {@code remittance-suspense} work queue (a Task with the amount), and the payment's reconciliation
 * shows the money as undistributed.</li>
 * </ul>
 * Lines are matched by REF*6R (the claim line's sequence, which OpenRCM's 837 writes), else by procedure (SVC06 when
 * the payer changed it, else SVC01), modifiers and date of service.
 *
 * <p>Last, the payment itself: a PaymentReconciliation (amount BPR02, date BPR16, the trace number with the payment
 * method as its type, the payer and the payee) with one detail per claim payment and one per provider-level
 * adjustment (PLB, its reason coded in {@value #PLB_SYSTEM}, the amount with the sign of money to the provider).
 *
 * <p>Everything written has an id derived from the payment's {@link PostingKey}, and is built only from the 835, the
 * claim and the state before the posting, so posting the same payment again writes the same resources.
 */
final class RemittancePosting {

	static final String POSTING_SYSTEM = OpenRcmIg.REMITTANCE_POSTING_SYSTEM;
	static final String ADJUDICATION_SYSTEM = AdjudicationCodes.ADJUDICATION_SYSTEM;
	static final String GROUP_SYSTEM = AdjudicationCodes.GROUP_SYSTEM;
	static final String REASON_SYSTEM = AdjudicationCodes.REASON_SYSTEM;
	static final String REMARK_SYSTEM = AdjudicationCodes.REMARK_SYSTEM;
	static final String REMARK_CATEGORY_SYSTEM = OpenRcmIg.ADJUDICATION_CATEGORY_CODE_SYSTEM;
	static final String PLB_SYSTEM = "https://x12.org/codes/provider-adjustment-reason-codes";
	static final String PAYMENT_METHOD_SYSTEM = "https://x12.org/codes/payment-method-codes";
	static final String CARIN_ADJUDICATION_SYSTEM = AdjudicationCodes.CARIN_ADJUDICATION_SYSTEM;
	static final String PAYMENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/payment-type";
	static final String EX_PAYMENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/ex-paymenttype";
	static final String SUSPENSE_QUEUE = "remittance-suspense";
	static final String CURRENCY = "USD";

	/** What follows from an adjudication besides the ClaimResponse: the patient's EOB and statement, denial Tasks. */
	interface Derivations {

		/**
		 * The resources to write for a claim's adjudication, or for its cancellation (the response's status is then
		 * {@code cancelled}); ids from {@code key.id(kind, claimKey)}.
		 *
		 * @param claimKey the key of the posting that made the response
		 * @param at when the posting began (the same instant when it is replayed)
		 */
		List<Resource> derive(Claim claim, ClaimResponse response, PostingKey key, String claimKey,
				Remittance remittance, ClaimPayment payment, Instant at);

		/** None. */
		Derivations NONE = (claim, response, key, claimKey, remittance, payment, at) -> List.of();
	}

	/**
	 * What the caller read for one claim payment.
	 *
	 * @param claim the claim CLP01 names in the tenant, or {@code null} when there is none
	 * @param responses the current ClaimResponses whose request is that claim, any status
	 */
	record Target(Claim claim, List<ClaimResponse> responses) {}

	private final Remittance remittance;
	private final PostingKey key;
	private final Instant at;
	private final Derivations derivations;
	private final Map<String, FeeSchedule> contractRates;
	private final List<DetailsComponent> details = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	/** Suspense Tasks about the payment itself, written with its reconciliation (which they refer to). */
	private final List<Resource> unplaced = new ArrayList<>();
	private final Set<String> responsesTaken = new HashSet<>();
	private Reference payer;
	private Reference payee;
	private BigDecimal undistributed = BigDecimal.ZERO;
	private int posted;
	private int reversals;
	private int suspended;

	/**
	 * @param at when the posting began (the same instant when it is replayed): the time of the Tasks it opens
	 */
	RemittancePosting(Remittance remittance, PostingKey key, Instant at, Derivations derivations) {
		this(remittance, key, at, derivations, Map.of());
	}

	/**
	 * @param contractRates the payers' contracted rates by payer ({@code Organization/id}), for underpayments
	 */
	RemittancePosting(Remittance remittance, PostingKey key, Instant at, Derivations derivations,
			Map<String, FeeSchedule> contractRates) {
		this.remittance = remittance;
		this.key = key;
		this.at = at;
		this.derivations = derivations;
		this.contractRates = contractRates;
	}

	/** The resources to write (PUT, by id) for claim payment {@code index}; notes what could not be posted. */
	List<Resource> post(int index, Target target) {
		ClaimPayment payment = remittance.claims().get(index);
		String claimKey = key.claim(index);
		List<Resource> out = new ArrayList<>();
		if (target.claim() == null) {
			suspend(unplaced, claimKey, payment, null, "no claim " + payment.patientControlNumber() + " in this tenant");
			return out;
		}
		Claim claim = target.claim();
		takePayerAndPayee(claim, target.responses());
		if (payment.isReversal()) {
			ClaimResponse original = reversed(target.responses(), payment);
			if (original == null) {
				suspend(out, claimKey, payment, claim, "the reversal of payer claim " + payment.payerClaimNumber()
						+ " names no payment posted to Claim/" + id(claim));
				return out;
			}
			original.setStatus(ClaimResponse.ClaimResponseStatus.CANCELLED);
			original.setDisposition("Reversed by the payer (payment " + remittance.traceNumber() + ")");
			out.add(original);
			String originalKey = postingKey(original);
			if (originalKey != null) {
				out.addAll(derivations.derive(claim, original, key, originalKey, remittance, payment, at));
			}
			detail(payment, claim, original);
			reversals++;
			return out;
		}
		ClaimResponse response = target(target.responses(), claimKey, claim);
		List<ServicePayment> unmatched = adjudicate(response, claim, payment, claimKey);
		out.add(response);
		out.addAll(derivations.derive(claim, response, key, claimKey, remittance, payment, at));
		for (ServicePayment line : unmatched) {
			int number = payment.services().indexOf(line) + 1;
			BigDecimal amount = line.paid() == null ? BigDecimal.ZERO : line.paid();
			unplaced.add(suspenseTask(claimKey + ":" + number, payment, claim, amount, "line " + number + " ("
					+ (line.procedure() == null ? "no procedure" : line.procedure().code()) + ") of payer claim "
					+ payment.payerClaimNumber() + " matches no line of Claim/" + id(claim)));
			notes.add("Claim " + payment.patientControlNumber() + ": line " + number + " matches no claim line");
		}
		out.addAll(underpaid(claim, response, claimKey));
		creditBalance(claim, response, target.responses(), payment, claimKey).ifPresent(out::add);
		detail(payment, claim, response);
		posted++;
		return out;
	}

	/** The payment's reconciliation, once every claim payment has been posted. */
	PaymentReconciliation reconciliation() {
		PaymentReconciliation reconciliation = new PaymentReconciliation();
		reconciliation.setId(key.id("pr", key.value()));
		reconciliation.setStatus(PaymentReconciliation.PaymentReconciliationStatus.ACTIVE);
		reconciliation.addIdentifier().setSystem(POSTING_SYSTEM).setValue(key.value());
		reconciliation.setCreated(Date.from(at));
		reconciliation.setPaymentDateElement(date(paymentDate()));
		reconciliation.setPaymentAmount(money(remittance.payment().amount()));
		Identifier trace = reconciliation.getPaymentIdentifier().setValue(remittance.traceNumber());
		if (remittance.payment().method() != null && !remittance.payment().method().isBlank()) {
			trace.setType(new CodeableConcept(new Coding(PAYMENT_METHOD_SYSTEM, remittance.payment().method(),
					methodWords(remittance.payment().method()))));
		}
		reconciliation.setPaymentIssuer(payer != null ? payer : party(remittance.payer()));
		reconciliation.setRequestor(payee != null ? payee : party(remittance.payee()));
		reconciliation.setOutcome(Enumerations.RemittanceOutcome.COMPLETE);
		for (ProviderAdjustment adjustment : remittance.providerAdjustments()) {
			DetailsComponent detail = reconciliation.addDetail();
			detail.setType(new CodeableConcept(new Coding(PAYMENT_TYPE_SYSTEM, "adjustment", "Adjustment"))
					.addCoding(new Coding(PLB_SYSTEM, adjustment.reason(), null)));
			if (adjustment.reference() != null && !adjustment.reference().isBlank()) {
				detail.getIdentifier().setValue(adjustment.reference());
			}
			if (adjustment.fiscalPeriodEnd() != null) {
				detail.setDateElement(new DateType(adjustment.fiscalPeriodEnd().toString()));
			}
			detail.setAmount(money(adjustment.amount() == null ? BigDecimal.ZERO : adjustment.amount().negate()));
		}
		reconciliation.getDetail().addAll(0, details);
		reconciliation.setDisposition(disposition());
		return reconciliation;
	}

	/**
	 * The resources written last, once every claim payment has been posted: the payment's reconciliation and the
	 * suspense Tasks of claim payments whose claim is unknown (they refer to the reconciliation).
	 */
	List<Resource> finish() {
		List<Resource> last = new ArrayList<>();
		last.add(reconciliation());
		last.addAll(unplaced);
		return last;
	}

	/** Notes for the file's outcome: what could not be posted where it belongs. */
	List<String> notes() {
		return List.copyOf(notes);
	}

	int posted() {
		return posted;
	}

	int reversals() {
		return reversals;
	}

	int suspended() {
		return suspended;
	}

	BigDecimal undistributed() {
		return undistributed;
	}

	private String disposition() {
		StringBuilder words = new StringBuilder("Payment ").append(remittance.traceNumber()).append(": ")
				.append(posted).append(posted == 1 ? " claim" : " claims").append(" posted");
		if (reversals > 0) {
			words.append(", ").append(reversals).append(reversals == 1 ? " reversal" : " reversals");
		}
		if (suspended > 0) {
			words.append(", ").append(suspended).append(" in suspense (").append(CURRENCY).append(' ')
					.append(undistributed.toPlainString()).append(" undistributed)");
		}
		return words.toString();
	}

	/** The response to post into: the one this posting made before (a replay), the open one, or a new one. */
	private ClaimResponse target(List<ClaimResponse> responses, String claimKey, Claim claim) {
		for (ClaimResponse response : responses) {
			if (claimKey.equals(postingKey(response))) {
				responsesTaken.add(response.getIdElement().getIdPart());
				return response;
			}
		}
		ClaimResponse open = null;
		for (ClaimResponse response : responses) {
			if (response.getStatus() == ClaimResponse.ClaimResponseStatus.ACTIVE
					&& response.getOutcome() == ClaimResponse.RemittanceOutcome.QUEUED && postingKey(response) == null
					&& !responsesTaken.contains(response.getIdElement().getIdPart())
					&& (open == null || response.getCreated() != null && open.getCreated() != null
							&& response.getCreated().after(open.getCreated()))) {
				open = response;
			}
		}
		if (open != null) {
			responsesTaken.add(open.getIdElement().getIdPart());
			return open;
		}
		ClaimResponse created = new ClaimResponse();
		created.setId(key.id("cr", claimKey));
		created.setType(claim.hasType() ? claim.getType().copy() : new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional")));
		created.setUse(ClaimResponse.Use.CLAIM);
		created.setPatient(claim.getPatient().copy());
		if (claim.hasInsurer()) {
			created.setInsurer(claim.getInsurer().copy());
		} else if (payer != null) {
			created.setInsurer(payer.copy());
		}
		if (claim.hasProvider()) {
			created.setRequestor(claim.getProvider().copy());
		}
		created.setRequest(new Reference("Claim/" + id(claim)));
		responsesTaken.add(created.getIdElement().getIdPart());
		return created;
	}

	/** The adjudicated response a reversal cancels: active, complete, with the payer's claim number. */
	private ClaimResponse reversed(List<ClaimResponse> responses, ClaimPayment payment) {
		for (ClaimResponse response : responses) {
			boolean samePayerClaim = response.getIdentifier().stream().anyMatch(identifier ->
					OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(identifier.getSystem())
							&& identifier.getValue() != null && identifier.getValue().equals(payment.payerClaimNumber()));
			if (samePayerClaim && response.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE
					&& (response.getStatus() == ClaimResponse.ClaimResponseStatus.ACTIVE
							|| reversedBy(response))) {
				return response;
			}
		}
		return null;
	}

	/** Whether this payment cancelled the response already (a replay of the reversal). */
	private boolean reversedBy(ClaimResponse response) {
		return response.getStatus() == ClaimResponse.ClaimResponseStatus.CANCELLED
				&& ("Reversed by the payer (payment " + remittance.traceNumber() + ")").equals(response.getDisposition());
	}

	/**
	 * Writes the adjudication onto the response (replacing any adjudication it had, so a replay writes the same).
	 *
	 * @return the 835 lines that match no claim line
	 */
	private List<ServicePayment> adjudicate(ClaimResponse response, Claim claim, ClaimPayment payment, String claimKey) {
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
		response.setDisposition(ClaimStatusWords.disposition(payment));
		if (!response.hasCreated()) {
			response.setCreated(Date.from(paymentDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		if (!response.hasInsurer() && payer != null) {
			response.setInsurer(payer.copy());
		}
		if (payment.payerClaimNumber() != null && !payment.payerClaimNumber().isBlank() && response.getIdentifier()
				.stream().noneMatch(i -> OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM.equals(i.getSystem())
						&& payment.payerClaimNumber().equals(i.getValue()))) {
			response.addIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payment.payerClaimNumber());
		}
		if (response.getIdentifier().stream().noneMatch(i -> POSTING_SYSTEM.equals(i.getSystem()))) {
			response.addIdentifier().setSystem(POSTING_SYSTEM).setValue(claimKey);
		}
		response.getItem().clear();
		List<ServicePayment> unmatched = new ArrayList<>();
		LineMatcher lines = new LineMatcher(claim);
		boolean everyLineAllowed = !payment.services().isEmpty();
		BigDecimal allowed = BigDecimal.ZERO;
		for (int i = 0; i < payment.services().size(); i++) {
			ServicePayment service = payment.services().get(i);
			Integer sequence = lines.match(service);
			if (sequence == null) {
				unmatched.add(service);
				everyLineAllowed = false;
				continue;
			}
			ItemComponent item = response.addItem().setItemSequence(sequence);
			amount(item.getAdjudication(), "submitted", "Submitted Amount", service.charge());
			BigDecimal lineAllowed = allowed(service);
			amount(item.getAdjudication(), "eligible", "Eligible Amount", lineAllowed);
			amount(item.getAdjudication(), "benefit", "Benefit Amount", service.paid());
			adjustments(item.getAdjudication(), service.adjustments());
			remarks(item.getAdjudication(), service.remarks());
			allowed = lineAllowed == null ? allowed : allowed.add(lineAllowed);
			everyLineAllowed &= lineAllowed != null;
		}
		response.getAdjudication().clear();
		adjustments(response.getAdjudication(), payment.adjustments());
		remarks(response.getAdjudication(), payment.remarks());
		response.getTotal().clear();
		total(response, ADJUDICATION_SYSTEM, "submitted", "Submitted Amount", payment.charge());
		if (everyLineAllowed) {
			total(response, ADJUDICATION_SYSTEM, "eligible", "Eligible Amount", allowed);
		}
		total(response, ADJUDICATION_SYSTEM, "benefit", "Benefit Amount", payment.paid());
		total(response, CARIN_ADJUDICATION_SYSTEM, "memberliability", "Member liability",
				payment.patientResponsibility());
		ClaimResponse.PaymentComponent paid = new ClaimResponse.PaymentComponent();
		paid.setType(new CodeableConcept(new Coding(EX_PAYMENT_TYPE_SYSTEM, "complete", "Complete")));
		paid.setDateElement(date(paymentDate()));
		paid.setAmount(money(payment.paid() == null ? BigDecimal.ZERO : payment.paid()));
		paid.getIdentifier().setValue(remittance.traceNumber());
		response.setPayment(paid);
		return unmatched;
	}

	/**
	 * {@code underpaid} Tasks: lines whose allowed amount is below the payer's contracted rate (per unit, times the
	 * billed units) with no adjustment but a contractual write-off (CO-45) or the patient's share to explain it.
	 */
	private List<Task> underpaid(Claim claim, ClaimResponse response, String claimKey) {
		FeeSchedule rates = response.hasInsurer() ? contractRates.get(response.getInsurer().getReference()) : null;
		List<Task> tasks = new ArrayList<>();
		if (rates == null) {
			return tasks;
		}
		for (ItemComponent item : response.getItem()) {
			Claim.ItemComponent line = claim.getItem().stream().filter(i -> i.getSequence() == item.getItemSequence())
					.findFirst().orElse(null);
			BigDecimal allowed = adjudicated(item.getAdjudication(), "eligible");
			boolean explained = item.getAdjudication().stream().anyMatch(a -> {
				Coding group = FhirValues.coding(a.getCategory(), GROUP_SYSTEM);
				return group != null && !"PR".equals(group.getCode()) && !(a.hasReason()
						&& a.getReason().hasCoding(REASON_SYSTEM, "45"));
			});
			if (line == null || allowed == null || explained) {
				continue;
			}
			Coding code = line.getProductOrService().getCodingFirstRep();
			LocalDate served = line.hasServicedDateType() ? FhirValues.day(line.getServicedDateType())
					: line.hasServicedPeriod() ? FhirValues.day(line.getServicedPeriod().getStartElement()) : null;
			BigDecimal units = line.getQuantity().hasValue() ? line.getQuantity().getValue() : BigDecimal.ONE;
			FeeSchedule.Fee fee = code.hasCode() ? rates.fee(code.getSystem(), code.getCode(), served).orElse(null)
					: null;
			if (fee == null) {
				continue;
			}
			BigDecimal expected = fee.unitPrice().getValue().multiply(units).setScale(2, RoundingMode.HALF_UP);
			BigDecimal shortfall = expected.subtract(allowed);
			if (shortfall.compareTo(new BigDecimal("0.01")) < 0) {
				continue;
			}
			Task task = workTask("under", claimKey + ":" + item.getItemSequence(), "underpaid", "Underpaid", claim,
					response);
			task.setDescription("Line " + item.getItemSequence() + " (" + code.getCode() + ") allowed USD "
					+ allowed.toPlainString() + ", USD " + shortfall.toPlainString() + " below the contracted USD "
					+ expected.toPlainString() + " (" + fee.source() + ")");
			input(task, "expected", money(expected));
			input(task, "allowed", money(allowed));
			input(task, "amount", money(shortfall));
			input(task, "procedure", line.getProductOrService().copy());
			input(task, "payer", response.getInsurer().copy());
			input(task, "item-sequence", new IntegerType(item.getItemSequence()));
			tasks.add(task);
		}
		return tasks;
	}

	/**
	 * A {@code credit-balance} Task when the payer paid more than it owes on the claim: more than the claim's charge,
	 * or again for a claim it had already paid (another active adjudication with a payment that no reversal took
	 * back).
	 */
	private Optional<Task> creditBalance(Claim claim, ClaimResponse response, List<ClaimResponse> others,
			ClaimPayment payment, String claimKey) {
		BigDecimal paid = payment.paid() == null ? BigDecimal.ZERO : payment.paid();
		if (paid.signum() <= 0) {
			return Optional.empty();
		}
		BigDecimal credit = null;
		String why = null;
		if (payment.charge() != null && paid.compareTo(payment.charge()) > 0) {
			credit = paid.subtract(payment.charge());
			why = "the payer paid USD " + paid.toPlainString() + " on a charge of USD " + payment.charge().toPlainString();
		}
		for (ClaimResponse other : others) {
			BigDecimal before = other == response || other.getStatus() != ClaimResponse.ClaimResponseStatus.ACTIVE
					|| other.getOutcome() != ClaimResponse.RemittanceOutcome.COMPLETE || !other.hasPayment()
					? null : other.getPayment().getAmount().getValue();
			if (before != null && before.signum() > 0 && sameInsurer(other, response)) {
				credit = paid;
				why = "the payer paid the claim again (USD " + before.toPlainString() + " before, in payment "
						+ other.getPayment().getIdentifier().getValue() + ")";
				break;
			}
		}
		if (credit == null) {
			return Optional.empty();
		}
		Task task = workTask("cb", claimKey, "credit-balance", "Credit balance", claim, response);
		task.setDescription("Credit balance of USD " + credit.toPlainString() + " on Claim/" + id(claim) + ": " + why
				+ "; refund the payer or move the credit");
		input(task, "amount", money(credit));
		input(task, "source", new StringType("payer"));
		if (response.hasInsurer()) {
			input(task, "payer", response.getInsurer().copy());
		}
		return Optional.of(task);
	}

	private static boolean sameInsurer(ClaimResponse a, ClaimResponse b) {
		return !a.hasInsurer() || !b.hasInsurer() || a.getInsurer().getReference() == null
				|| a.getInsurer().getReference().equals(b.getInsurer().getReference());
	}

	/** A Task in a work queue about the claim and its adjudication, under an id derived from the posting. */
	private Task workTask(String kind, String part, String queue, String display, Claim claim,
			ClaimResponse response) {
		Task task = new Task();
		task.setId(key.id(kind, part));
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(Task.TaskPriority.ROUTINE);
		task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, queue, display)));
		task.setBusinessStatus(new CodeableConcept().setText("new"));
		task.setFocus(new Reference("Claim/" + id(claim)));
		task.setFor(claim.getPatient().copy());
		task.setReasonReference(new Reference("ClaimResponse/" + response.getIdElement().getIdPart()));
		task.setAuthoredOn(Date.from(at));
		return task;
	}

	private static BigDecimal adjudicated(List<AdjudicationComponent> adjudications, String code) {
		return adjudications.stream().filter(a -> a.getCategory().hasCoding(ADJUDICATION_SYSTEM, code)
				&& a.hasAmount()).findFirst().map(a -> a.getAmount().getValue()).orElse(null);
	}

	/** AMT*B6, else what the payer paid plus what the patient owes on the line. */
	static BigDecimal allowed(ServicePayment service) {
		if (service.allowed() != null) {
			return service.allowed();
		}
		if (service.paid() == null) {
			return null;
		}
		BigDecimal allowed = service.paid();
		for (Adjustment adjustment : service.adjustments()) {
			if ("PR".equals(adjustment.group()) && adjustment.amount() != null) {
				allowed = allowed.add(adjustment.amount());
			}
		}
		return allowed;
	}

	private static void amount(List<AdjudicationComponent> into, String code, String display, BigDecimal amount) {
		if (amount != null) {
			into.add(new AdjudicationComponent(new CodeableConcept(new Coding(ADJUDICATION_SYSTEM, code, display)))
					.setAmount(money(amount)));
		}
	}

	private static void adjustments(List<AdjudicationComponent> into, List<Adjustment> adjustments) {
		for (Adjustment adjustment : adjustments) {
			AdjudicationComponent entry = new AdjudicationComponent(new CodeableConcept(
					new Coding(GROUP_SYSTEM, adjustment.group(), null)));
			entry.setReason(new CodeableConcept(new Coding(REASON_SYSTEM, adjustment.reason(), null)));
			if (adjustment.amount() != null) {
				entry.setAmount(money(adjustment.amount()));
			}
			if (adjustment.quantity() != null) {
				entry.setValue(adjustment.quantity());
			}
			into.add(entry);
		}
	}

	private static void remarks(List<AdjudicationComponent> into, List<String> remarks) {
		for (String remark : remarks) {
			into.add(new AdjudicationComponent(new CodeableConcept(new Coding(REMARK_CATEGORY_SYSTEM, "remark",
					"Remittance advice remark"))).setReason(new CodeableConcept(new Coding(REMARK_SYSTEM, remark,
							null))));
		}
	}

	private static void total(ClaimResponse response, String system, String code, String display,
			BigDecimal amount) {
		if (amount != null) {
			response.addTotal().setCategory(new CodeableConcept(new Coding(system, code, display)))
					.setAmount(money(amount));
		}
	}

	private void detail(ClaimPayment payment, Claim claim, ClaimResponse response) {
		DetailsComponent detail = new DetailsComponent();
		detail.setType(new CodeableConcept(new Coding(PAYMENT_TYPE_SYSTEM, "payment", "Payment")));
		if (payment.payerClaimNumber() != null && !payment.payerClaimNumber().isBlank()) {
			detail.getIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payment.payerClaimNumber());
		}
		if (claim != null) {
			detail.setRequest(new Reference("Claim/" + id(claim)));
			if (claim.hasProvider()) {
				detail.setPayee(claim.getProvider().copy());
			}
		}
		if (response != null) {
			detail.setResponse(new Reference("ClaimResponse/" + response.getIdElement().getIdPart()));
		}
		detail.setDateElement(date(paymentDate()));
		detail.setAmount(money(payment.paid() == null ? BigDecimal.ZERO : payment.paid()));
		details.add(detail);
	}

	private void suspend(List<Resource> out, String claimKey, ClaimPayment payment, Claim claim, String why) {
		BigDecimal amount = payment.paid() == null ? BigDecimal.ZERO : payment.paid();
		out.add(suspenseTask(claimKey, payment, claim, amount, why));
		notes.add("Claim " + payment.patientControlNumber() + " (payer claim " + payment.payerClaimNumber()
				+ ", paid " + amount.toPlainString() + ") is in suspense: " + why);
		DetailsComponent detail = new DetailsComponent();
		detail.setType(new CodeableConcept(new Coding(PAYMENT_TYPE_SYSTEM, "payment", "Payment")));
		detail.getIdentifier().setValue(payment.patientControlNumber());
		detail.setDateElement(date(paymentDate()));
		detail.setAmount(money(amount));
		details.add(detail);
		undistributed = undistributed.add(amount);
		suspended++;
	}

	private Task suspenseTask(String part, ClaimPayment payment, Claim claim, BigDecimal amount, String why) {
		Task task = new Task();
		task.setId(key.id("sus", part));
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(Task.TaskPriority.ROUTINE);
		task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, SUSPENSE_QUEUE,
				"Remittance suspense")));
		task.setBusinessStatus(new CodeableConcept().setText("new"));
		task.setDescription("Payment " + remittance.traceNumber() + ": " + why + "; find where the money belongs");
		if (claim != null) {
			task.setFocus(new Reference("Claim/" + id(claim)));
		}
		task.setReasonReference(new Reference("PaymentReconciliation/" + key.id("pr", key.value())));
		if (claim != null && claim.hasPatient()) {
			task.setFor(claim.getPatient().copy());
		}
		task.setAuthoredOn(Date.from(at));
		input(task, "amount", money(amount));
		input(task, "patient-control-number", new StringType(payment.patientControlNumber()));
		if (payment.payerClaimNumber() != null) {
			input(task, "payer-claim-number", new StringType(payment.payerClaimNumber()));
		}
		return task;
	}

	static void input(Task task, String name, Type value) {
		task.addInput().setType(new CodeableConcept().setText(name)).setValue(value);
	}

	/** The payer and payee references, from the first claim posted: its insurer and billing provider. */
	private void takePayerAndPayee(Claim claim, List<ClaimResponse> responses) {
		if (payer == null) {
			if (claim.hasInsurer()) {
				payer = claim.getInsurer().copy();
			} else {
				responses.stream().filter(ClaimResponse::hasInsurer).findFirst()
						.ifPresent(response -> payer = response.getInsurer().copy());
			}
		}
		if (payee == null && claim.hasProvider()) {
			payee = claim.getProvider().copy();
		}
	}

	/** A reference to a party known only from the 835: its name, and its identifier when it has one. */
	private static Reference party(Remittance.Party party) {
		Reference reference = new Reference();
		if (party == null) {
			return reference.setDisplay("unknown");
		}
		reference.setDisplay(party.name());
		if (party.id() != null && !party.id().isBlank()) {
			reference.getIdentifier().setValue(party.id()).setSystem("XX".equals(party.idQualifier())
					? "http://hl7.org/fhir/sid/us-npi" : null);
		}
		return reference;
	}

	static String postingKey(ClaimResponse response) {
		return response.getIdentifier().stream().filter(i -> POSTING_SYSTEM.equals(i.getSystem()))
				.map(Identifier::getValue).findFirst().orElse(null);
	}

	private LocalDate paymentDate() {
		if (remittance.payment().date() != null) {
			return remittance.payment().date();
		}
		if (remittance.productionDate() != null) {
			return remittance.productionDate();
		}
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

	private static DateType date(LocalDate day) {
		return new DateType(day.toString());
	}

	static Money money(BigDecimal amount) {
		return new Money().setValue(amount).setCurrency(CURRENCY);
	}

	private static String id(Claim claim) {
		return claim.getIdElement().getIdPart();
	}

	private static String methodWords(String method) {
		return switch (method) {
			case "ACH" -> "Automated clearing house (EFT)";
			case "CHK" -> "Check";
			case "BOP" -> "Financial institution option";
			case "FWT" -> "Federal reserve wire transfer";
			case "NON" -> "No payment";
			default -> null;
		};
	}
}
