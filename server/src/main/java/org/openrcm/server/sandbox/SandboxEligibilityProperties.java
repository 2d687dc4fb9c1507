package org.openrcm.server.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the payer sandbox answers 270 eligibility inquiries ({@link SandboxEligibility}), under
 * {@code openrcm.sandbox.eligibility.*}: the scenario of each inquiry is chosen by the subscriber's member id (2100C
 * NM109), by the longest configured prefix it starts with (compared ignoring case), else the default scenario.
 *
 * <p>A tenant with its own clearinghouse connection has its own submitter id, and the sandbox sees that id as the
 * requester (the 270's ISA06, to which the 271 is addressed): {@code submitters.<submitter id>.*} replaces the rules
 * for that requester. The sandbox knows nothing of tenants; the submitter id is what a real payer sees too.
 *
 * @param memberIdPrefixes scenario by member id prefix. Default: {@code INACTIVE} inactive, {@code DEDMET}
 *     deductible met, {@code NOTFOUND} not found, {@code UNAVAIL} payer unavailable, {@code NOANSWER} no answer in
 *     time. Configuring any prefix replaces the whole default list.
 * @param defaultScenario the scenario of every other member id. Default {@code active}.
 * @param submitters rules per requester, by submitter id (ISA06 of the 270); each replaces both settings above for
 *     that requester. Default none.
 * @param noAnswerDelay how long the payer takes in the {@code no-answer} scenario before it answers (as active):
 *     longer than a real-time timeout (20 seconds by default) makes the requester give up. Default 30 seconds.
 */
@Validated
@ConfigurationProperties("openrcm.sandbox.eligibility")
public record SandboxEligibilityProperties(
		Map<String, SandboxEligibility.Scenario> memberIdPrefixes,
		@DefaultValue("active") @NotNull SandboxEligibility.Scenario defaultScenario,
		@Valid Map<String, Rules> submitters,
		@DefaultValue("30s") @NotNull Duration noAnswerDelay) {

	/** The prefixes the sandbox uses when none is configured. */
	public static final Map<String, SandboxEligibility.Scenario> DEFAULT_PREFIXES = defaultPrefixes();

	public SandboxEligibilityProperties {
		memberIdPrefixes = memberIdPrefixes == null || memberIdPrefixes.isEmpty() ? DEFAULT_PREFIXES
				: upper(memberIdPrefixes);
		submitters = submitters == null ? Map.of() : Map.copyOf(submitters);
		noAnswerDelay = noAnswerDelay == null ? Duration.ofSeconds(30) : noAnswerDelay;
	}

	/** The defaults, as bound when nothing is configured. */
	public static SandboxEligibilityProperties defaults() {
		return new SandboxEligibilityProperties(null, SandboxEligibility.Scenario.ACTIVE, null, Duration.ofSeconds(30));
	}

	/**
	 * One requester's rules.
	 *
	 * @param memberIdPrefixes scenario by member id prefix; empty means none (every member gets the default)
	 * @param defaultScenario the scenario of every other member id. Default {@code active}.
	 */
	public record Rules(Map<String, SandboxEligibility.Scenario> memberIdPrefixes,
			@DefaultValue("active") @NotNull SandboxEligibility.Scenario defaultScenario) {

		public Rules {
			memberIdPrefixes = memberIdPrefixes == null ? Map.of() : upper(memberIdPrefixes);
		}
	}

	/** The scenario of a member id for a requester (submitter id), by these rules. */
	public SandboxEligibility.Scenario scenario(String submitterId, String memberId) {
		Rules own = submitterId == null ? null : submitters.get(submitterId);
		Map<String, SandboxEligibility.Scenario> prefixes = own != null ? own.memberIdPrefixes() : memberIdPrefixes;
		SandboxEligibility.Scenario fallback = own != null ? own.defaultScenario() : defaultScenario;
		String id = memberId == null ? "" : memberId.toUpperCase(Locale.ROOT);
		String best = null;
		for (String prefix : prefixes.keySet()) {
			if (id.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		return best == null ? fallback : prefixes.get(best);
	}

	private static Map<String, SandboxEligibility.Scenario> upper(Map<String, SandboxEligibility.Scenario> prefixes) {
		Map<String, SandboxEligibility.Scenario> upper = new LinkedHashMap<>();
		prefixes.forEach((prefix, scenario) -> upper.put(prefix.strip().toUpperCase(Locale.ROOT), scenario));
		return Map.copyOf(upper);
	}

	private static Map<String, SandboxEligibility.Scenario> defaultPrefixes() {
		return Map.of("INACTIVE", SandboxEligibility.Scenario.INACTIVE, "DEDMET",
				SandboxEligibility.Scenario.DEDUCTIBLE_MET, "NOTFOUND", SandboxEligibility.Scenario.NOT_FOUND,
				"UNAVAIL", SandboxEligibility.Scenario.PAYER_UNAVAILABLE, "NOANSWER",
				SandboxEligibility.Scenario.NO_ANSWER);
	}
}
