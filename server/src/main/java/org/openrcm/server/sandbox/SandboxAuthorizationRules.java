package org.openrcm.server.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sandbox UMO decides 278 prior authorization requests ({@link SandboxAuthorization}, which documents the
 * rules in full), under {@code openrcm.sandbox.authorization.*}. Member id prefixes are case-sensitive; an empty
 * prefix turns its rule off. By default every service is certified.
 *
 * @param rejectedMemberIdPrefix the member is not found: AAA 75 on the subscriber, correct and resubmit; default
 *     {@code PAREJ}
 * @param unavailableMemberIdPrefix the UMO cannot answer now: AAA 42 on the UMO, resubmit later; default
 *     {@code PADOWN}
 * @param slowMemberIdPrefix the answer comes only after {@link #slowDelay()} (to see a requester's timeout);
 *     default {@code PASLOW}
 * @param slowDelay how long a slow answer takes; default 30 seconds
 * @param deniedMemberIdPrefix every service is not certified (HCR A3); default {@code PADENY}
 * @param pendedMemberIdPrefix every service is pended (HCR A4) until asked again; default {@code PAPEND}
 * @param deniedCodes procedure codes never certified; default none
 * @param pendedCodes procedure codes pended until asked again; default none
 * @param deniedReason HCR03 of a denial (X12 code list 886); default empty (none written)
 * @param pendedReason HCR03 of a pended review; default {@code 0U} (as the TR3 example writes it)
 * @param numberPrefix the start of the authorization numbers it assigns; default {@code SBX}
 * @param authorizedDays how long a certification holds, from the first requested date; default 90 days
 */
@Validated
@ConfigurationProperties("openrcm.sandbox.authorization")
public record SandboxAuthorizationRules(
		@DefaultValue("PAREJ") @NotNull @Size(max = 80) String rejectedMemberIdPrefix,
		@DefaultValue("PADOWN") @NotNull @Size(max = 80) String unavailableMemberIdPrefix,
		@DefaultValue("PASLOW") @NotNull @Size(max = 80) String slowMemberIdPrefix,
		@DefaultValue("30s") @NotNull Duration slowDelay,
		@DefaultValue("PADENY") @NotNull @Size(max = 80) String deniedMemberIdPrefix,
		@DefaultValue("PAPEND") @NotNull @Size(max = 80) String pendedMemberIdPrefix,
		@DefaultValue @NotNull List<String> deniedCodes,
		@DefaultValue @NotNull List<String> pendedCodes,
		@DefaultValue("") @NotNull @Size(max = 2) String deniedReason,
		@DefaultValue("0U") @NotNull @Size(max = 2) String pendedReason,
		@DefaultValue("SBX") @NotNull @Size(min = 1, max = 20) String numberPrefix,
		@DefaultValue("90") @Min(1) @Max(3660) int authorizedDays) {

	public SandboxAuthorizationRules {
		rejectedMemberIdPrefix = orEmpty(rejectedMemberIdPrefix);
		unavailableMemberIdPrefix = orEmpty(unavailableMemberIdPrefix);
		slowMemberIdPrefix = orEmpty(slowMemberIdPrefix);
		slowDelay = slowDelay == null ? Duration.ofSeconds(30) : slowDelay;
		deniedMemberIdPrefix = orEmpty(deniedMemberIdPrefix);
		pendedMemberIdPrefix = orEmpty(pendedMemberIdPrefix);
		deniedCodes = codes(deniedCodes);
		pendedCodes = codes(pendedCodes);
		deniedReason = orEmpty(deniedReason).strip();
		pendedReason = orEmpty(pendedReason).strip();
		numberPrefix = numberPrefix == null || numberPrefix.isBlank() ? "SBX" : numberPrefix.strip();
		if (authorizedDays < 1) {
			throw new IllegalArgumentException("authorized days must be at least 1, not " + authorizedDays);
		}
	}

	/** The defaults, as bound when nothing is configured. */
	public static SandboxAuthorizationRules defaults() {
		return new SandboxAuthorizationRules("PAREJ", "PADOWN", "PASLOW", Duration.ofSeconds(30), "PADENY", "PAPEND",
				List.of(), List.of(), "", "0U", "SBX", 90);
	}

	/** These rules with procedure codes that are denied and pended. */
	public SandboxAuthorizationRules withCodes(List<String> denied, List<String> pended) {
		return new SandboxAuthorizationRules(rejectedMemberIdPrefix, unavailableMemberIdPrefix, slowMemberIdPrefix,
				slowDelay, deniedMemberIdPrefix, pendedMemberIdPrefix, denied, pended, deniedReason, pendedReason,
				numberPrefix, authorizedDays);
	}

	/** These rules with another delay for slow answers. */
	public SandboxAuthorizationRules withSlowDelay(Duration delay) {
		return new SandboxAuthorizationRules(rejectedMemberIdPrefix, unavailableMemberIdPrefix, slowMemberIdPrefix,
				delay, deniedMemberIdPrefix, pendedMemberIdPrefix, deniedCodes, pendedCodes, deniedReason,
				pendedReason, numberPrefix, authorizedDays);
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

	private static List<String> codes(List<String> codes) {
		return codes == null ? List.of() : codes.stream().map(c -> c.strip().toUpperCase(Locale.ROOT))
				.filter(c -> !c.isEmpty()).toList();
	}
}
