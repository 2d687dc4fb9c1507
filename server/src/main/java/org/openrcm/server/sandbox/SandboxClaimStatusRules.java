package org.openrcm.server.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sandbox payer answers claim status requests (276 with 277, see {@link SandboxClaimStatus}, which documents
 * the rules in order), under {@code openrcm.sandbox.claim-status.*}. The defaults report every claim the sandbox
 * accepted as paid with 64% of its charge (what the default 835 rules pay: 80% allowed, less 20% coinsurance).
 *
 * @param unavailablePayerIds payer ids (2100A NM109) whose requests are answered "no answer possible, try later"
 *     ({@code E1:484} on the receiver level); default none
 * @param slowMemberIdPrefix requests about a subscriber whose member id starts with this (case-sensitive) are
 *     answered only after {@link #slowDelay()}, to try a requester's timeout; empty turns the rule off; default
 *     {@code SLOW}
 * @param slowDelay how long such an answer takes; default 30 seconds (more than the 20 seconds CORE allows)
 * @param pendingMemberIdPrefix claims of a subscriber whose member id starts with this are pending ({@code P1:20},
 *     in process); empty turns the rule off; default {@code PEND}
 * @param pendingDays claims whose last day of service lies fewer than this many days before the request are pending
 *     too; default 0 (off)
 * @param paidPercent the share of the charge a finalized claim is paid, 0 to 100; default 64
 * @param paymentMethod STC07 of a paid claim: {@code ACH} (default) or {@code CHK}
 */
@Validated
@ConfigurationProperties("openrcm.sandbox.claim-status")
public record SandboxClaimStatusRules(
		@DefaultValue @NotNull List<String> unavailablePayerIds,
		@DefaultValue("SLOW") @NotNull @Size(max = 80) String slowMemberIdPrefix,
		@DefaultValue("30s") @NotNull Duration slowDelay,
		@DefaultValue("PEND") @NotNull @Size(max = 80) String pendingMemberIdPrefix,
		@DefaultValue("0") @Min(0) @Max(3650) int pendingDays,
		@DefaultValue("64") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal paidPercent,
		@DefaultValue("ACH") @NotNull @Pattern(regexp = "ACH|CHK") String paymentMethod) {

	public SandboxClaimStatusRules {
		unavailablePayerIds = unavailablePayerIds == null ? List.of()
				: unavailablePayerIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
		slowMemberIdPrefix = slowMemberIdPrefix == null ? "" : slowMemberIdPrefix;
		slowDelay = slowDelay == null || slowDelay.isNegative() ? Duration.ZERO : slowDelay;
		pendingMemberIdPrefix = pendingMemberIdPrefix == null ? "" : pendingMemberIdPrefix;
		if (pendingDays < 0) {
			throw new IllegalArgumentException("pending days must not be negative, not " + pendingDays);
		}
		paidPercent = paidPercent == null ? BigDecimal.valueOf(64) : paidPercent;
		if (paidPercent.signum() < 0 || paidPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalArgumentException("the paid percent must lie between 0 and 100, not " + paidPercent);
		}
		paymentMethod = paymentMethod == null ? "ACH" : paymentMethod.strip().toUpperCase(Locale.ROOT);
		if (!paymentMethod.equals("ACH") && !paymentMethod.equals("CHK")) {
			throw new IllegalArgumentException("the payment method must be ACH or CHK, not " + paymentMethod);
		}
	}

	/** The defaults, as bound when nothing is configured. */
	public static SandboxClaimStatusRules defaults() {
		return new SandboxClaimStatusRules(List.of(), "SLOW", Duration.ofSeconds(30), "PEND", 0,
				BigDecimal.valueOf(64), "ACH");
	}

	/** These rules with claims pending for this many days after their last day of service. */
	public SandboxClaimStatusRules withPendingDays(int days) {
		return new SandboxClaimStatusRules(unavailablePayerIds, slowMemberIdPrefix, slowDelay,
				pendingMemberIdPrefix, days, paidPercent, paymentMethod);
	}

	/** These rules answering these payer ids "not available". */
	public SandboxClaimStatusRules withUnavailablePayerIds(String... payerIds) {
		return new SandboxClaimStatusRules(List.of(payerIds), slowMemberIdPrefix, slowDelay, pendingMemberIdPrefix,
				pendingDays, paidPercent, paymentMethod);
	}

	/** These rules answering slowly for member ids with this prefix. */
	public SandboxClaimStatusRules withSlowAnswers(String prefix, Duration delay) {
		return new SandboxClaimStatusRules(unavailablePayerIds, prefix, delay, pendingMemberIdPrefix, pendingDays,
				paidPercent, paymentMethod);
	}
}
