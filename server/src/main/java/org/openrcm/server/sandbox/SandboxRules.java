package org.openrcm.server.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the development sandbox (see {@link SandboxResponder}) decides on each claim that passed the 999, under
 * {@code openrcm.sandbox.*}. Every rule is deterministic: the same file gives the same answer on every run. The
 * defaults reject only claims whose subscriber member id starts with {@code REJ}.
 *
 * <p>The rules and the 277CA status each produces (category : status code : entity, see
 * {@link org.openrcm.server.x12.ack.ClaimStatusCodes}):
 * <ol>
 * <li>unknown payer: the payer id (2010BB NM109) is not in {@link #knownPayerIds()} (when that list is not empty):
 * {@code A3:26:PR}, returned as unprocessable, the payer was not found;</li>
 * <li>subscriber not found: the subscriber's member id (2010BA NM109) starts with
 * {@link #rejectedMemberIdPrefix()} (when that is not empty): {@code A3:33:IL}, returned as unprocessable, no
 * subscriber with this id;</li>
 * <li>future date of service: a service date (2400 DTP*472, or the 837I statement period 2300 DTP*434) lies after
 * the day the sandbox received the file: {@code A7:510} with {@code A7:187} in STC10, invalid information, a future
 * date, namely the date of service; each such service line is reported in its own 2220D loop;</li>
 * <li>random rejection: when no other rule applies, a claim is rejected with probability
 * {@link #randomRejectionRate()}: {@code A3:484}, returned as unprocessable, the business application is not available
 * (a transient fault: send it again). The draw is a hash of {@link #randomSeed()}, the interchange control number
 * (ISA13) and CLM01, so a rerun of the same file gives the same answer and a claim sent again in a new interchange
 * draws anew.</li>
 * </ol>
 * Every rule that applies is reported, each as its own STC segment with an explanation in STC12. A claim no rule
 * rejects is accepted with {@code A2:20} (accepted into adjudication, accepted for processing).
 *
 * @param rejectedMemberIdPrefix subscriber member ids starting with this (case-sensitive) are not found; empty turns
 *     the rule off. Default {@code REJ}.
 * @param knownPayerIds the payer ids (2010BB NM109) the sandbox routes; empty (default) accepts every payer id
 * @param randomRejectionRate the share of otherwise clean claims rejected at random, 0 to 1. Default 0 (none).
 * @param randomSeed the seed of the random rejections; change it to reshuffle which claims are hit. Default 5010.
 */
@Validated
@ConfigurationProperties("openrcm.sandbox")
public record SandboxRules(
		@DefaultValue("REJ") @NotNull @Size(max = 80) String rejectedMemberIdPrefix,
		@DefaultValue @NotNull List<String> knownPayerIds,
		@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double randomRejectionRate,
		@DefaultValue("5010") long randomSeed) {

	public SandboxRules {
		rejectedMemberIdPrefix = rejectedMemberIdPrefix == null ? "" : rejectedMemberIdPrefix;
		knownPayerIds = knownPayerIds == null ? List.of()
				: knownPayerIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
		if (!(randomRejectionRate >= 0 && randomRejectionRate <= 1)) {
			throw new IllegalArgumentException("the random rejection rate must lie between 0 and 1, not "
					+ randomRejectionRate);
		}
	}

	/** The defaults, as bound when nothing is configured. */
	public static SandboxRules defaults() {
		return new SandboxRules("REJ", List.of(), 0, 5010);
	}

	/** These rules with another member id prefix (empty: off). */
	public SandboxRules withRejectedMemberIdPrefix(String prefix) {
		return new SandboxRules(prefix, knownPayerIds, randomRejectionRate, randomSeed);
	}

	/** These rules routing only these payer ids (none: every payer id). */
	public SandboxRules withKnownPayerIds(String... payerIds) {
		return new SandboxRules(rejectedMemberIdPrefix, List.of(payerIds), randomRejectionRate, randomSeed);
	}

	/** These rules with random rejections at this rate and seed. */
	public SandboxRules withRandomRejections(double rate, long seed) {
		return new SandboxRules(rejectedMemberIdPrefix, knownPayerIds, rate, seed);
	}
}
