package org.openrcm.server.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.ItemComponent;
import org.hl7.fhir.r4.model.ClaimResponse.TotalComponent;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.server.fhir.AdjudicationCodes;
import org.openrcm.server.fhir.FhirValues;

/**
 * An earlier payer's adjudication of a claim, as a secondary (or later) 837 passes it on to the next payer: 2320
 * CAS (claim adjustments), AMT*D (payer paid amount) and AMT*EAF (remaining patient liability), 2330B DTP*573
 * (adjudication date) and REF*F8 (the payer's claim number), and per line 2430 SVD, CAS and DTP*573. It is read from
 * that payer's ClaimResponse.
 *
 * <p>The ClaimResponse shape read here is the one OpenRCM's 835 posting writes, and plain FHIR R4 any client can
 * write; CARIN Blue Button's EOBs carry CARCs the same way ({@code adjudication.reason} in the X12 CARC system):
 * <ul>
 * <li>Which response: {@code Claim.insurance[n].claimResponse} (R4's element for the adjudication of that
 * insurance), else the most recent ClaimResponse whose {@code request} is the claim and whose {@code insurer} is the
 * insurance's payer (the same Organization, or one with the same payer id). Only a response of status
 * {@code active} with outcome {@code complete} or {@code partial} counts: a queued or failed one is no
 * adjudication.</li>
 * <li>An adjustment (one CAS triplet) is an {@code adjudication} entry whose {@code category} is the claim
 * adjustment group code, coded in {@value #GROUP_SYSTEM} ({@code CO}, {@code PR}, {@code OA}, {@code PI},
 * {@code CR}), whose {@code reason} is the claim adjustment reason code coded in {@value #REASON_SYSTEM} (e.g.
 * {@code 45}, {@code 1}, {@code 2}, {@code 3}), with the adjusted {@code amount} and, when the payer adjusted units,
 * their number in {@code value} (CAS04). The category is the natural place for the group: it says what kind of
 * amount the entry is, and R4 binds it by example only. Claim-level adjustments are in
 * {@code ClaimResponse.adjudication}, line-level ones in {@code ClaimResponse.item.adjudication}, the item's
 * {@code itemSequence} being the claim line's {@code sequence}.</li>
 * <li>The payer's payment: per line, the {@code item.adjudication} of category {@code benefit}
 * ({@value #ADJUDICATION_SYSTEM}) (SVD02; 0 when absent, a denied line); for the claim (AMT*D), the
 * {@code total} of category {@code benefit}, else {@code payment.amount}, else the sum of the lines' benefit, else 0.
 * </li>
 * <li>The remaining patient liability (AMT*EAF): the {@code total} of CARIN category {@code memberliability}
 * ({@value #CARIN_ADJUDICATION_SYSTEM}), else the sum of the patient responsibility (PR) adjustments, claim and
 * lines, when there is any; not written otherwise.</li>
 * <li>The adjudication date (DTP*573): {@code payment.date}, else {@code created}.</li>
 * <li>The payer's claim number (2330B REF*F8): the identifier with system
 * {@value Claim837Writer#PAYER_CLAIM_NUMBER_SYSTEM}, else the first identifier.</li>
 * </ul>
 * Paid units (SVD05) are the line's billed units: a payer that paid for fewer reports the rest as an adjustment.
 *
 * @param paid AMT*D
 * @param adjustments the claim-level adjustments (2320 CAS), in the order recorded
 * @param patientLiability AMT*EAF, or {@code null}
 * @param date DTP*573, or {@code null} when the response has no date (a problem is then recorded)
 * @param claimNumber the payer's claim number, or {@code null}
 * @param lines the line adjudications by claim line sequence
 */
record PayerAdjudication(BigDecimal paid, List<Adjustment> adjustments, BigDecimal patientLiability, LocalDate date,
		String claimNumber, Map<Integer, Line> lines) {

	/** X12 Claim Adjustment Group Codes. */
	static final String GROUP_SYSTEM = AdjudicationCodes.GROUP_SYSTEM;
	/** X12 Claim Adjustment Reason Codes (CARC). */
	static final String REASON_SYSTEM = AdjudicationCodes.REASON_SYSTEM;
	/** FHIR's adjudication value codes ({@code submitted}, {@code eligible}, {@code benefit}, ...). */
	static final String ADJUDICATION_SYSTEM = AdjudicationCodes.ADJUDICATION_SYSTEM;
	/** CARIN Blue Button's adjudication amount types ({@code memberliability}, ...). */
	static final String CARIN_ADJUDICATION_SYSTEM = AdjudicationCodes.CARIN_ADJUDICATION_SYSTEM;
	/** Adjustment triplets (reason, amount, quantity) per CAS segment. */
	static final int PER_CAS = 6;
	/** CAS segments per loop (2320 or 2430). */
	static final int MAX_CAS = 5;

	/**
	 * One adjustment: a CAS triplet and its group.
	 *
	 * @param group CAS01
	 * @param reason the CARC
	 * @param amount the adjusted amount
	 * @param quantity the adjusted units, or {@code null}
	 */
	record Adjustment(String group, String reason, BigDecimal amount, BigDecimal quantity) {}

	/**
	 * A line's adjudication.
	 *
	 * @param paid SVD02
	 * @param adjustments the line's CAS triplets
	 */
	record Line(BigDecimal paid, List<Adjustment> adjustments) {}

	/** Whether a response is an adjudication: active, and complete or partial. */
	static boolean adjudicated(ClaimResponse response) {
		return response.getStatus() == ClaimResponse.ClaimResponseStatus.ACTIVE
				&& (response.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE
						|| response.getOutcome() == ClaimResponse.RemittanceOutcome.PARTIAL);
	}

	/**
	 * Reads a response.
	 *
	 * @param at the FHIRPath of the response in messages, e.g. {@code Claim.insurance[1].claimResponse.resolve()}
	 * @param problems where an adjustment without reason or amount, or a response without a date, is reported
	 */
	static PayerAdjudication read(ClaimResponse response, String at, List<Claim837Problem> problems) {
		List<Adjustment> adjustments = adjustments(response.getAdjudication(), at + ".adjudication", problems);
		Map<Integer, Line> lines = new LinkedHashMap<>();
		BigDecimal linesPaid = null;
		for (int i = 0; i < response.getItem().size(); i++) {
			ItemComponent item = response.getItem().get(i);
			BigDecimal paid = benefit(item.getAdjudication());
			linesPaid = paid == null ? linesPaid : (linesPaid == null ? paid : linesPaid.add(paid));
			lines.put(item.getItemSequence(), new Line(paid == null ? BigDecimal.ZERO : paid,
					adjustments(item.getAdjudication(), at + ".item[" + i + "].adjudication", problems)));
		}
		BigDecimal paid = total(response, ADJUDICATION_SYSTEM, "benefit");
		if (paid == null && response.hasPayment() && response.getPayment().hasAmount()
				&& response.getPayment().getAmount().hasValue()) {
			paid = response.getPayment().getAmount().getValue();
		}
		if (paid == null) {
			paid = linesPaid == null ? BigDecimal.ZERO : linesPaid;
		}
		BigDecimal liability = total(response, CARIN_ADJUDICATION_SYSTEM, "memberliability");
		if (liability == null) {
			List<Adjustment> all = new ArrayList<>(adjustments);
			lines.values().forEach(line -> all.addAll(line.adjustments()));
			List<Adjustment> patient = all.stream().filter(a -> "PR".equals(a.group())).toList();
			liability = patient.isEmpty() ? null : sum(patient);
		}
		LocalDate date = response.hasPayment() && response.getPayment().hasDate()
				? FhirValues.day(response.getPayment().getDateElement()) : null;
		if (date == null) {
			date = FhirValues.day(response.getCreatedElement());
		}
		if (date == null) {
			problems.add(Claim837Problem.missing("The date of the earlier payer's adjudication", "Record the payment "
					+ "date (ClaimResponse.payment.date) or the date of the response (created).", at + ".payment.date"));
		}
		return new PayerAdjudication(paid, List.copyOf(adjustments), liability, date,
				Claim837Mapping.payerClaimNumber(response.getIdentifier(), true), lines);
	}

	/** The adjustments among adjudication entries: those whose category is a group code. */
	private static List<Adjustment> adjustments(List<AdjudicationComponent> adjudications, String at,
			List<Claim837Problem> problems) {
		List<Adjustment> adjustments = new ArrayList<>();
		for (int i = 0; i < adjudications.size(); i++) {
			AdjudicationComponent adjudication = adjudications.get(i);
			Coding group = FhirValues.coding(adjudication.getCategory(), GROUP_SYSTEM);
			if (group == null) {
				continue;
			}
			Coding reason = adjudication.hasReason() ? FhirValues.coding(adjudication.getReason(), REASON_SYSTEM) : null;
			BigDecimal amount = adjudication.hasAmount() && adjudication.getAmount().hasValue()
					? adjudication.getAmount().getValue() : null;
			if (reason == null) {
				problems.add(Claim837Problem.missing("The reason code (CARC) of the earlier payer's " + group.getCode()
						+ " adjustment", "Code the adjustment's reason in " + REASON_SYSTEM + ".",
						at + "[" + i + "].reason"));
				continue;
			}
			if (amount == null) {
				problems.add(Claim837Problem.missing("The amount of the earlier payer's " + group.getCode() + "-"
						+ reason.getCode() + " adjustment", "Enter the adjusted amount.", at + "[" + i + "].amount"));
				continue;
			}
			adjustments.add(new Adjustment(group.getCode().strip(), reason.getCode().strip(), amount,
					adjudication.hasValue() ? adjudication.getValue() : null));
		}
		return adjustments;
	}

	private static BigDecimal benefit(List<AdjudicationComponent> adjudications) {
		for (AdjudicationComponent adjudication : adjudications) {
			Coding category = FhirValues.coding(adjudication.getCategory(), ADJUDICATION_SYSTEM);
			if (category != null && "benefit".equals(category.getCode()) && adjudication.hasAmount()
					&& adjudication.getAmount().hasValue()) {
				return adjudication.getAmount().getValue();
			}
		}
		return null;
	}

	private static BigDecimal total(ClaimResponse response, String system, String code) {
		for (TotalComponent total : response.getTotal()) {
			Coding category = FhirValues.coding(total.getCategory(), system);
			if (category != null && code.equals(category.getCode()) && total.hasAmount() && total.getAmount().hasValue()) {
				return total.getAmount().getValue();
			}
		}
		return null;
	}

	/** The sum of the adjustments' amounts. */
	static BigDecimal sum(List<Adjustment> adjustments) {
		BigDecimal sum = BigDecimal.ZERO;
		for (Adjustment adjustment : adjustments) {
			sum = sum.add(adjustment.amount());
		}
		return sum;
	}

	/** Cents, for comparing amounts. */
	static BigDecimal cents(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP);
	}

	/**
	 * The CAS segments of adjustments: one per group code, in the order the groups first appear, with up to six
	 * reason/amount/quantity triplets; a group with more takes further segments.
	 */
	static List<Object[]> cas(List<Adjustment> adjustments) {
		Map<String, List<Adjustment>> byGroup = new LinkedHashMap<>();
		for (Adjustment adjustment : adjustments) {
			byGroup.computeIfAbsent(adjustment.group(), g -> new ArrayList<>()).add(adjustment);
		}
		List<Object[]> segments = new ArrayList<>();
		for (Map.Entry<String, List<Adjustment>> group : byGroup.entrySet()) {
			List<Adjustment> all = group.getValue();
			for (int from = 0; from < all.size(); from += PER_CAS) {
				List<Object> elements = new ArrayList<>();
				elements.add(group.getKey());
				for (Adjustment adjustment : all.subList(from, Math.min(all.size(), from + PER_CAS))) {
					elements.add(adjustment.reason());
					elements.add(X12Values.amount(adjustment.amount()));
					elements.add(adjustment.quantity() == null ? "" : X12Values.quantity(adjustment.quantity()));
				}
				segments.add(elements.toArray());
			}
		}
		return segments;
	}
}
