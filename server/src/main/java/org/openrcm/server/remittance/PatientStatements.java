package org.openrcm.server.remittance;

import static org.openrcm.server.remittance.ExplanationOfBenefitsPosting.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoiceLineItemComponent;
import org.hl7.fhir.r4.model.Invoice.InvoiceLineItemPriceComponentComponent;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.remittance.ExplanationOfBenefits.AmountType;
import org.openrcm.server.remittance.ExplanationOfBenefitsPosting.Adjudication;
import org.openrcm.server.remittance.ExplanationOfBenefitsPosting.Adjustment;

/**
 * Builds the patient statement of one adjudicated claim: what the patient owes after the payer's adjudication, as an
 * R4 {@link Invoice}. Pure: no storage; the statement date comes from the given clock.
 *
 * <p>Why Invoice: it is R4's resource for what one party owes another, itemized; it has a patient
 * {@code subject}/{@code recipient}, an {@code issuer}, line items with a code and priced components, net and
 * gross totals, payment terms and a cancelled status. (An ExplanationOfBenefit says what the plan did, an Account
 * tracks a running balance, a ChargeItem is a charge before adjudication: none of them is a bill.)
 *
 * <p>What it holds (the ClaimResponse shape is documented on {@link ExplanationOfBenefitsPosting}):
 * <ul>
 * <li>{@code identifier}: the caller's, unique per claim, payer claim number and trace number.</li>
 * <li>{@code status} {@code issued}, or {@code cancelled} (with {@code cancelledReason}) when the response is
 * cancelled (the payer reversed the payment); {@code type} {@value #STATEMENT_TYPE_SYSTEM} {@code patient-statement};
 * {@code subject} and {@code recipient} the claim's patient; {@code date} today in the clock's zone;
 * {@code issuer} the billing provider ({@code Claim.provider}).</li>
 * <li>{@code lineItem} per claim line the patient owes something on (sequence = the claim line's), charge item the
 * line's procedure ({@code productOrService}, else its revenue code): one {@code base} price component per patient
 * responsibility (PR) adjustment, coded with its CARC and labelled (deductible, coinsurance, copay, not covered), and
 * two {@code informational} components, the billed charge and the plan's payment. Claim-level PR adjustments get a
 * line item of their own without sequence. Lines the patient owes nothing on (paid in full, denied with the
 * provider liable) are not listed.</li>
 * <li>{@code totalPriceComponent}: the base components summed by CARC. {@code totalNet} = {@code totalGross} = the
 * patient's responsibility: the response's CARIN {@code memberliability} total (CLP05) when present, else the sum of
 * the PR adjustments (when they differ, CLP05 is the payer's statement and wins).</li>
 * <li>{@code note}: the plan's payment (amount, date, trace number); {@code paymentTerms}: due within the given
 * number of days, with the date.</li>
 * </ul>
 * Not held: a participant (the rendering provider is on the EOB), an Account (OpenRCM keeps none yet), and a
 * reference to the PaymentReconciliation (Invoice has no element for it; the trace number in the note names it).
 */
final class PatientStatements {

	/** The kind of invoice: {@code patient-statement}. The IG does not define this code system yet. */
	static final String STATEMENT_TYPE_SYSTEM = OpenRcmIg.INVOICE_TYPE_CODE_SYSTEM;
	static final String STATEMENT_TYPE = "patient-statement";

	private PatientStatements() {}

	/**
	 * The statement of what the patient owes on a claim.
	 *
	 * @param claim the billed claim
	 * @param response its posted ClaimResponse
	 * @param identifier the statement's identifier, unique per (claim, payer claim number, trace number)
	 * @param dueInDays days from today until payment is due, at least 0
	 * @param clock gives the statement date
	 * @return the Invoice, without id; empty when the patient owes nothing on the claim
	 */
	static Optional<Invoice> from(Claim claim, ClaimResponse response, Identifier identifier, int dueInDays,
			Clock clock) {
		if (dueInDays < 0) {
			throw new IllegalArgumentException("dueInDays must be at least 0, was " + dueInDays);
		}
		Adjudication header = ExplanationOfBenefitsPosting.read(response.getAdjudication());
		BigDecimal owed = ExplanationOfBenefitsPosting.total(response,
				ExplanationOfBenefitsPosting.CARIN_ADJUDICATION_SYSTEM, "memberliability");
		List<LineShare> lines = new ArrayList<>();
		BigDecimal shares = header.patientShare();
		String currency = header.currency();
		for (Claim.ItemComponent line : claim.getItem()) {
			Adjudication posted = posted(response, line.getSequence());
			if (posted != null) {
				currency = posted.currency();
				shares = shares.add(posted.patientShare());
				lines.add(new LineShare(line, posted));
			}
		}
		owed = owed == null ? shares : owed;
		if (owed.signum() <= 0) {
			return Optional.empty();
		}
		boolean cancelled = response.getStatus() == ClaimResponse.ClaimResponseStatus.CANCELLED;
		LocalDate today = LocalDate.now(clock);
		Invoice invoice = new Invoice()
				.addIdentifier(identifier.copy())
				.setStatus(cancelled ? Invoice.InvoiceStatus.CANCELLED : Invoice.InvoiceStatus.ISSUED)
				.setType(new CodeableConcept(new Coding(STATEMENT_TYPE_SYSTEM, STATEMENT_TYPE, "Patient statement"))
						.setText("Patient statement"))
				.setSubject(claim.getPatient().copy())
				.setRecipient(claim.getPatient().copy())
				.setDateElement(new DateTimeType(today.toString()))
				.setIssuer(claim.getProvider().copy());
		if (cancelled) {
			invoice.setCancelledReason("The health plan reversed its payment of this claim; this statement no longer "
					+ "applies.");
		}
		Map<String, Total> totals = new LinkedHashMap<>();
		for (LineShare share : lines) {
			if (share.posted().patientShare().signum() == 0) {
				continue;
			}
			InvoiceLineItemComponent item = invoice.addLineItem()
					.setSequence(share.line().getSequence())
					.setChargeItem(service(share.line()));
			BigDecimal billed = share.posted().submitted() != null ? share.posted().submitted()
					: ExplanationOfBenefitsPosting.amount(share.line().getNet());
			informational(item, "Billed", billed, currency);
			informational(item, "Paid by your plan", share.posted().benefit(), currency);
			patientComponents(item, share.posted(), currency, totals);
		}
		if (header.patientShare().signum() != 0) {
			InvoiceLineItemComponent item = invoice.addLineItem()
					.setChargeItem(new CodeableConcept().setText("All services on this claim"));
			patientComponents(item, header, currency, totals);
		}
		for (Total total : totals.values()) {
			invoice.addTotalPriceComponent()
					.setType(InvoicePriceComponentType.BASE)
					.setCode(total.code())
					.setAmount(money(total.amount(), currency));
		}
		invoice.setTotalNet(money(owed, currency));
		invoice.setTotalGross(money(owed, currency));
		invoice.addNote().setText(paymentNote(response, currency));
		invoice.setPaymentTerms("Please pay " + text(owed, currency) + " within " + dueInDays + " days, by "
				+ today.plusDays(dueInDays) + ".");
		return Optional.of(invoice);
	}

	/** A claim line and its posted adjudication. */
	private record LineShare(Claim.ItemComponent line, Adjudication posted) {}

	/** A total price component being summed: its code and amount. */
	private record Total(CodeableConcept code, BigDecimal amount) {}

	private static Adjudication posted(ClaimResponse response, int sequence) {
		for (ClaimResponse.ItemComponent item : response.getItem()) {
			if (item.getItemSequence() == sequence) {
				return ExplanationOfBenefitsPosting.read(item.getAdjudication());
			}
		}
		return null;
	}

	/** The line's procedure, else its revenue code, else a label. */
	private static CodeableConcept service(Claim.ItemComponent line) {
		if (line.hasProductOrService() && line.getProductOrService().getCoding().stream()
				.anyMatch(c -> c.hasCode() && !"http://terminology.hl7.org/CodeSystem/data-absent-reason"
						.equals(c.getSystem()))) {
			return line.getProductOrService().copy();
		}
		if (line.hasRevenue()) {
			return line.getRevenue().copy();
		}
		return new CodeableConcept().setText("Service line " + line.getSequence());
	}

	private static void informational(InvoiceLineItemComponent item, String label, BigDecimal amount,
			String currency) {
		if (amount != null) {
			item.addPriceComponent()
					.setType(InvoicePriceComponentType.INFORMATIONAL)
					.setCode(new CodeableConcept().setText(label))
					.setAmount(money(amount, currency));
		}
	}

	/** One base component per PR adjustment, summed into {@code totals} by CARC. */
	private static void patientComponents(InvoiceLineItemComponent item, Adjudication posted, String currency,
			Map<String, Total> totals) {
		for (Adjustment adjustment : posted.adjustments()) {
			if (!adjustment.patientResponsibility()) {
				continue;
			}
			CodeableConcept code = new CodeableConcept(new Coding(ExplanationOfBenefitsPosting.CARC_SYSTEM,
					adjustment.code(), adjustment.reason().getDisplay()))
					.setText(label(adjustment) + " (PR-" + adjustment.code() + ")");
			InvoiceLineItemPriceComponentComponent component = item.addPriceComponent()
					.setType(InvoicePriceComponentType.BASE)
					.setCode(code)
					.setAmount(money(adjustment.amount(), currency));
			totals.merge(adjustment.code(), new Total(component.getCode().copy(), adjustment.amount()),
					(a, b) -> new Total(a.code(), a.amount().add(b.amount())));
		}
	}

	private static String label(Adjustment adjustment) {
		return switch (AmountType.of(adjustment)) {
			case DEDUCTIBLE -> "Deductible";
			case COINSURANCE -> "Coinsurance";
			case COPAY -> "Copay";
			default -> "Not covered by your plan";
		};
	}

	private static String paymentNote(ClaimResponse response, String currency) {
		String payer = response.getInsurer().hasDisplay() ? response.getInsurer().getDisplay() : "Your health plan";
		if (response.getStatus() == ClaimResponse.ClaimResponseStatus.CANCELLED) {
			return payer + " reversed its payment of this claim.";
		}
		BigDecimal paid = ExplanationOfBenefitsPosting.paid(response);
		StringBuilder note = new StringBuilder(payer).append(" paid ")
				.append(text(paid == null ? BigDecimal.ZERO : paid, currency));
		ClaimResponse.PaymentComponent payment = response.getPayment();
		LocalDate date = payment.hasDate() ? FhirValues.day(payment.getDateElement()) : null;
		if (date != null) {
			note.append(" on ").append(date);
		}
		if (payment.hasIdentifier() && payment.getIdentifier().hasValue()) {
			note.append(" (payment ").append(payment.getIdentifier().getValue()).append(')');
		}
		return note.append('.').toString();
	}

	private static String text(BigDecimal amount, String currency) {
		return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
	}
}
