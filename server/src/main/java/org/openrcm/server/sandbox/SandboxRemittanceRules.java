package org.openrcm.server.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sandbox payer pays the claims its 277CA accepted (see {@link SandboxAdjudicator}, which documents the
 * rules in full), under {@code openrcm.sandbox.remittance.*}. Amounts are in dollars, percentages from 0 to 100.
 * The defaults pay 80% of the charge, of which the patient owes 20% coinsurance, and deny only claims whose member id
 * starts with {@code DENY16}.
 *
 * @param enabled whether the sandbox pays at all; default {@code true}
 * @param allowedPercent the allowed amount as a share of the line charge; default 80
 * @param allowedAmounts allowed amount per unit by procedure code (HCPCS/CPT, or revenue code for an 837I line
 *     without one), overriding {@link #allowedPercent()} for that code (never above the charge); default none
 * @param deductiblePerPatient the deductible (PR-1) each member id meets once per adjudication run; default 0
 * @param coinsurancePercent the patient's share (PR-2) of the allowed amount left after the deductible; default 20
 * @param copay the copay (PR-3) taken on the first paid line of every claim; default 0 (none)
 * @param deniedMemberIdPrefix member ids starting with this (case-sensitive) are denied with CO-16; empty turns
 *     the rule off; default {@code DENY16}
 * @param authorizationRequired procedure codes paid only with a prior authorization (837 REF*G1), else CO-197;
 *     default none
 * @param timelyFilingDays services older than this many days before the 837's creation date (BHT04) are denied
 *     with CO-29; default 365
 * @param denialRate the share of otherwise payable lines denied as not medically necessary (CO-50), 0 to 1;
 *     default 0
 * @param seed the seed of those random denials; default 5010
 * @param paymentMethod BPR04 of a payment: {@code ACH} (default) or {@code CHK}
 * @param paymentDelayDays the payment date (BPR16) is this many days after the day of adjudication; default 2
 * @param interest an interest amount added to every remittance as a provider-level adjustment (PLB L6); default 0
 */
@Validated
@ConfigurationProperties("openrcm.sandbox.remittance")
public record SandboxRemittanceRules(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("80") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal allowedPercent,
		@DefaultValue @NotNull Map<String, BigDecimal> allowedAmounts,
		@DefaultValue("0") @NotNull @DecimalMin("0") BigDecimal deductiblePerPatient,
		@DefaultValue("20") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal coinsurancePercent,
		@DefaultValue("0") @NotNull @DecimalMin("0") BigDecimal copay,
		@DefaultValue("DENY16") @NotNull @Size(max = 80) String deniedMemberIdPrefix,
		@DefaultValue @NotNull List<String> authorizationRequired,
		@DefaultValue("365") @Min(1) int timelyFilingDays,
		@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double denialRate,
		@DefaultValue("5010") long seed,
		@DefaultValue("ACH") @NotNull @Pattern(regexp = "ACH|CHK") String paymentMethod,
		@DefaultValue("2") @Min(0) @Max(365) int paymentDelayDays,
		@DefaultValue("0") @NotNull @DecimalMin("0") BigDecimal interest) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public SandboxRemittanceRules {
		allowedPercent = percent("allowed percent", allowedPercent, HUNDRED);
		coinsurancePercent = percent("coinsurance percent", coinsurancePercent, HUNDRED);
		deductiblePerPatient = amount("deductible per patient", deductiblePerPatient);
		copay = amount("copay", copay);
		interest = amount("interest", interest);
		Map<String, BigDecimal> amounts = new LinkedHashMap<>();
		if (allowedAmounts != null) {
			allowedAmounts.forEach((code, amount) -> amounts.put(code.strip().toUpperCase(Locale.ROOT),
					amount("allowed amount of " + code, amount)));
		}
		allowedAmounts = Map.copyOf(amounts);
		deniedMemberIdPrefix = deniedMemberIdPrefix == null ? "" : deniedMemberIdPrefix;
		authorizationRequired = authorizationRequired == null ? List.of() : authorizationRequired.stream()
				.map(code -> code.strip().toUpperCase(Locale.ROOT)).filter(code -> !code.isEmpty()).toList();
		if (timelyFilingDays < 1) {
			throw new IllegalArgumentException("the timely filing limit must be at least 1 day, not "
					+ timelyFilingDays);
		}
		if (!(denialRate >= 0 && denialRate <= 1)) {
			throw new IllegalArgumentException("the denial rate must lie between 0 and 1, not " + denialRate);
		}
		paymentMethod = paymentMethod == null ? "ACH" : paymentMethod.strip().toUpperCase(Locale.ROOT);
		if (!paymentMethod.equals("ACH") && !paymentMethod.equals("CHK")) {
			throw new IllegalArgumentException("the payment method must be ACH or CHK, not " + paymentMethod);
		}
		if (paymentDelayDays < 0) {
			throw new IllegalArgumentException("the payment delay must not be negative, not " + paymentDelayDays);
		}
	}

	/** The defaults, as bound when nothing is configured. */
	public static SandboxRemittanceRules defaults() {
		return new SandboxRemittanceRules(true, BigDecimal.valueOf(80), Map.of(), BigDecimal.ZERO,
				BigDecimal.valueOf(20), BigDecimal.ZERO, "DENY16", List.of(), 365, 0, 5010, "ACH", 2, BigDecimal.ZERO);
	}

	/** These rules switched off: the sandbox pays nothing. */
	public SandboxRemittanceRules disabled() {
		return new SandboxRemittanceRules(false, allowedPercent, allowedAmounts, deductiblePerPatient,
				coinsurancePercent, copay, deniedMemberIdPrefix, authorizationRequired, timelyFilingDays, denialRate,
				seed, paymentMethod, paymentDelayDays, interest);
	}

	/** These rules with another allowed percentage and these allowed amounts per unit by code. */
	public SandboxRemittanceRules withAllowed(String percent, Map<String, BigDecimal> amounts) {
		return new SandboxRemittanceRules(enabled, new BigDecimal(percent), amounts, deductiblePerPatient,
				coinsurancePercent, copay, deniedMemberIdPrefix, authorizationRequired, timelyFilingDays, denialRate,
				seed, paymentMethod, paymentDelayDays, interest);
	}

	/** These rules with another patient share: deductible, coinsurance percentage and copay. */
	public SandboxRemittanceRules withPatientShare(String deductible, String coinsurance, String copayAmount) {
		return new SandboxRemittanceRules(enabled, allowedPercent, allowedAmounts, new BigDecimal(deductible),
				new BigDecimal(coinsurance), new BigDecimal(copayAmount), deniedMemberIdPrefix, authorizationRequired,
				timelyFilingDays, denialRate, seed, paymentMethod, paymentDelayDays, interest);
	}

	/** These rules requiring a prior authorization for these codes. */
	public SandboxRemittanceRules withAuthorizationRequired(String... codes) {
		return new SandboxRemittanceRules(enabled, allowedPercent, allowedAmounts, deductiblePerPatient,
				coinsurancePercent, copay, deniedMemberIdPrefix, List.of(codes), timelyFilingDays, denialRate, seed,
				paymentMethod, paymentDelayDays, interest);
	}

	/** These rules with random medical-necessity denials at this rate and seed. */
	public SandboxRemittanceRules withDenials(double rate, long denialSeed) {
		return new SandboxRemittanceRules(enabled, allowedPercent, allowedAmounts, deductiblePerPatient,
				coinsurancePercent, copay, deniedMemberIdPrefix, authorizationRequired, timelyFilingDays, rate,
				denialSeed, paymentMethod, paymentDelayDays, interest);
	}

	/** These rules paying by this method, this many days after adjudication, with this interest per remittance. */
	public SandboxRemittanceRules withPayment(String method, int delayDays, String interestAmount) {
		return new SandboxRemittanceRules(enabled, allowedPercent, allowedAmounts, deductiblePerPatient,
				coinsurancePercent, copay, deniedMemberIdPrefix, authorizationRequired, timelyFilingDays, denialRate,
				seed, method, delayDays, new BigDecimal(interestAmount));
	}

	private static BigDecimal percent(String name, BigDecimal value, BigDecimal max) {
		BigDecimal percent = value == null ? BigDecimal.ZERO : value;
		if (percent.signum() < 0 || percent.compareTo(max) > 0) {
			throw new IllegalArgumentException("the " + name + " must lie between 0 and 100, not " + value);
		}
		return percent;
	}

	private static BigDecimal amount(String name, BigDecimal value) {
		BigDecimal amount = value == null ? BigDecimal.ZERO : value;
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("the " + name + " must not be negative, not " + value);
		}
		return amount;
	}
}
