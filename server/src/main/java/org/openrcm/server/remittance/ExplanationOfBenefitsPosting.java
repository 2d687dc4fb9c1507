package org.openrcm.server.remittance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.TotalComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.AdjudicationCodes;
import org.openrcm.server.fhir.FhirValues;

/**
 * The adjudication of one claim as the 835 posting records it on a ClaimResponse, read back for the patient-facing
 * resources ({@link ExplanationOfBenefits}, {@link PatientStatements}). This is the only place that knows the shape
 * of a posted ClaimResponse; the shape read is exactly this:
 * <ul>
 * <li>{@code adjudication} entries (per line in {@code item[].adjudication}, the line being the Claim item whose
 * {@code sequence} is the item's {@code itemSequence}; claim-level in {@code adjudication}): category
 * {@value #ADJUDICATION_SYSTEM} {@code submitted} (the charge), {@code eligible} (the allowed amount) and
 * {@code benefit} (the payer's payment), each with its {@code amount}; one entry per CAS adjustment with category
 * the group code in {@value #GROUP_SYSTEM} ({@code CO}, {@code PR}, {@code OA}, {@code PI}, {@code CR}),
 * {@code reason} the CARC in {@value #CARC_SYSTEM} and the adjusted {@code amount}; one entry per remark with
 * category {@value #REMARK_CATEGORY_SYSTEM} {@code remark} and {@code reason} the RARC in {@value #RARC_SYSTEM}.
 * An adjustment without reason or amount is skipped. Adjusted units ({@code value}) are not read.</li>
 * <li>{@code total}: {@code submitted} (CLP03), {@code eligible}, {@code benefit} (CLP04) and CARIN
 * {@value #CARIN_ADJUDICATION_SYSTEM} {@code memberliability} (CLP05).</li>
 * <li>{@code status} {@code cancelled} when a later 835 reversed the payment; {@code disposition} starting with
 * "Denied" when the payer denied the whole claim (CLP02 4); {@code payment.date}, {@code payment.amount},
 * {@code payment.identifier} (TRN02); {@code identifier} of system {@value #PAYER_CLAIM_NUMBER_SYSTEM} (CLP07).</li>
 * </ul>
 */
final class ExplanationOfBenefitsPosting {

	/** FHIR's adjudication value codes ({@code submitted}, {@code eligible}, {@code benefit}, ...). */
	static final String ADJUDICATION_SYSTEM = AdjudicationCodes.ADJUDICATION_SYSTEM;
	/** CARIN Blue Button's adjudication amount types ({@code memberliability}, {@code coinsurance}, ...). */
	static final String CARIN_ADJUDICATION_SYSTEM = AdjudicationCodes.CARIN_ADJUDICATION_SYSTEM;
	/** X12 Claim Adjustment Group Codes. */
	static final String GROUP_SYSTEM = AdjudicationCodes.GROUP_SYSTEM;
	/** X12 Claim Adjustment Reason Codes (CARC). */
	static final String CARC_SYSTEM = AdjudicationCodes.REASON_SYSTEM;
	/** X12 Remittance Advice Remark Codes (RARC). */
	static final String RARC_SYSTEM = AdjudicationCodes.REMARK_SYSTEM;
	/** OpenRCM's adjudication categories: {@code remark}, an entry carrying a RARC. */
	static final String REMARK_CATEGORY_SYSTEM = OpenRcmIg.ADJUDICATION_CATEGORY_CODE_SYSTEM;
	/** The payer's claim control number (CLP07). */
	static final String PAYER_CLAIM_NUMBER_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-claim-number";
	/** The currency when the response names none. */
	static final String DEFAULT_CURRENCY = "USD";

	private ExplanationOfBenefitsPosting() {}

	/**
	 * One CAS adjustment.
	 *
	 * @param group the group code, e.g. {@code PR}
	 * @param reason the CARC coding as recorded (its display, when the posting gave one, is kept)
	 * @param amount the adjusted amount
	 */
	record Adjustment(String group, Coding reason, BigDecimal amount) {

		/** The CARC, e.g. {@code 1}. */
		String code() {
			return reason.getCode().strip();
		}

		/** Whether the patient is responsible for the amount (group {@code PR}). */
		boolean patientResponsibility() {
			return "PR".equals(group);
		}
	}

	/**
	 * The posted adjudication of one claim line, or the claim-level entries of the whole claim.
	 *
	 * @param submitted the charge, or {@code null}
	 * @param eligible the allowed amount, or {@code null}
	 * @param benefit the payer's payment, or {@code null}
	 * @param adjustments the CAS adjustments, in the order recorded
	 * @param remarks the RARC codings, in the order recorded
	 * @param currency the currency of the first amount, else {@value #DEFAULT_CURRENCY}
	 */
	record Adjudication(BigDecimal submitted, BigDecimal eligible, BigDecimal benefit, List<Adjustment> adjustments,
			List<Coding> remarks, String currency) {

		/** Nothing posted: a claim line the response does not mention. */
		static final Adjudication NONE = new Adjudication(null, null, null, List.of(), List.of(), DEFAULT_CURRENCY);

		Adjudication {
			adjustments = List.copyOf(adjustments);
			remarks = List.copyOf(remarks);
		}

		/** The sum of the patient responsibility (PR) adjustments; 0 when there is none. */
		BigDecimal patientShare() {
			return sum(adjustments.stream().filter(Adjustment::patientResponsibility).map(Adjustment::amount).toList());
		}
	}

	/** Reads adjudication entries of the shape above. */
	static Adjudication read(List<AdjudicationComponent> entries) {
		BigDecimal submitted = null;
		BigDecimal eligible = null;
		BigDecimal benefit = null;
		String currency = null;
		List<Adjustment> adjustments = new ArrayList<>();
		List<Coding> remarks = new ArrayList<>();
		for (AdjudicationComponent entry : entries) {
			BigDecimal amount = amount(entry.getAmount());
			if (currency == null && amount != null && entry.getAmount().hasCurrency()) {
				currency = entry.getAmount().getCurrency();
			}
			Coding value = FhirValues.coding(entry.getCategory(), ADJUDICATION_SYSTEM);
			Coding group = FhirValues.coding(entry.getCategory(), GROUP_SYSTEM);
			Coding remark = FhirValues.coding(entry.getCategory(), REMARK_CATEGORY_SYSTEM);
			if (value != null && amount != null) {
				switch (value.getCode()) {
					case "submitted" -> submitted = submitted == null ? amount : submitted;
					case "eligible" -> eligible = eligible == null ? amount : eligible;
					case "benefit" -> benefit = benefit == null ? amount : benefit;
					default -> { }
				}
			} else if (group != null && amount != null && entry.hasReason()) {
				Coding reason = FhirValues.coding(entry.getReason(), CARC_SYSTEM);
				if (reason != null) {
					adjustments.add(new Adjustment(group.getCode().strip().toUpperCase(Locale.ROOT), reason, amount));
				}
			} else if (remark != null && "remark".equals(remark.getCode()) && entry.hasReason()) {
				Coding reason = FhirValues.coding(entry.getReason(), RARC_SYSTEM);
				if (reason != null) {
					remarks.add(reason);
				}
			}
		}
		return new Adjudication(submitted, eligible, benefit, adjustments, remarks,
				currency == null ? DEFAULT_CURRENCY : currency);
	}

	/** A {@code total} of the response by category; {@code null} when absent. */
	static BigDecimal total(ClaimResponse response, String system, String code) {
		for (TotalComponent total : response.getTotal()) {
			Coding category = FhirValues.coding(total.getCategory(), system);
			if (category != null && code.equals(category.getCode())) {
				BigDecimal amount = amount(total.getAmount());
				if (amount != null) {
					return amount;
				}
			}
		}
		return null;
	}

	/** The payer's payment for the claim: the {@code benefit} total, else {@code payment.amount}, else {@code null}. */
	static BigDecimal paid(ClaimResponse response) {
		BigDecimal paid = total(response, ADJUDICATION_SYSTEM, "benefit");
		if (paid == null && response.hasPayment()) {
			paid = amount(response.getPayment().getAmount());
		}
		return paid;
	}

	/** Whether the payer denied the whole claim: its {@code disposition} starts with "Denied". */
	static boolean claimDenied(ClaimResponse response) {
		return response.hasDisposition()
				&& response.getDisposition().strip().toLowerCase(Locale.ROOT).startsWith("denied");
	}

	/**
	 * Whether the payer denied a line: the whole claim was denied, or it paid nothing for the line although none of
	 * it went to the patient's cost sharing (deductible, coinsurance, copay) or was paid by an earlier payer (OA-23).
	 * A line paid 0 because the allowed amount went to the deductible is not denied; a line the plan does not cover
	 * is, whether the provider writes it off (e.g. CO-197) or the patient is liable for it (e.g. PR-96). The allowed
	 * amount is not consulted: the posting derives it (paid + patient share) when the 835 has none.
	 */
	static boolean lineDenied(Adjudication line, boolean claimDenied) {
		if (claimDenied) {
			return true;
		}
		if (line.benefit() == null || line.benefit().signum() != 0) {
			return false;
		}
		return line.adjustments().stream().map(ExplanationOfBenefits.AmountType::of)
				.noneMatch(type -> type.costSharing() || type == ExplanationOfBenefits.AmountType.PRIOR_PAYER_PAID);
	}

	/** The payer's claim number (CLP07), or {@code null}. */
	static String payerClaimNumber(ClaimResponse response) {
		return response.getIdentifier().stream()
				.filter(id -> PAYER_CLAIM_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue())
				.map(id -> id.getValue())
				.findFirst()
				.orElse(null);
	}

	/** A Money's value; {@code null} when absent. */
	static BigDecimal amount(Money money) {
		return money != null && money.hasValue() ? money.getValue() : null;
	}

	/** A Money in the currency. */
	static Money money(BigDecimal value, String currency) {
		return new Money().setValue(value).setCurrency(currency);
	}

	/** The sum; 0 for none. */
	static BigDecimal sum(List<BigDecimal> amounts) {
		BigDecimal sum = BigDecimal.ZERO;
		for (BigDecimal amount : amounts) {
			sum = sum.add(amount);
		}
		return sum;
	}
}
