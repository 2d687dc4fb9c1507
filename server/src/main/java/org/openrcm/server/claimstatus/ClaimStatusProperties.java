package org.openrcm.server.claimstatus;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Claim status (276/277), under {@code openrcm.claim-status.*}.
 *
 * @param followUpAfterDays a claim sent this many days ago (or accepted by the payer's 277CA) and not paid yet gets
 *     a 276 on the follow-up schedule; default 30
 * @param tenantFollowUpAfterDays a tenant's own follow-up days, by tenant name
 * @param recheckAfterDays after a claim status request (on demand or by the schedule), the schedule asks about the
 *     same claim again no sooner than this many days later; default 30
 * @param followUpInterval how often the follow-up pass runs; default 6 hours
 * @param followUpScheduled whether the pass runs on its schedule at all; default true
 * @param maxPerPass the most claims one follow-up pass asks about (the oldest first); default 200
 */
@Validated
@ConfigurationProperties("openrcm.claim-status")
public record ClaimStatusProperties(
		@DefaultValue("30") @Min(1) @Max(3650) int followUpAfterDays,
		@DefaultValue @NotNull Map<String, Integer> tenantFollowUpAfterDays,
		@DefaultValue("30") @Min(0) @Max(3650) int recheckAfterDays,
		@DefaultValue("6h") @NotNull Duration followUpInterval,
		@DefaultValue("true") boolean followUpScheduled,
		@DefaultValue("200") @Min(1) @Max(100_000) int maxPerPass) {

	public ClaimStatusProperties {
		tenantFollowUpAfterDays = tenantFollowUpAfterDays == null ? Map.of() : Map.copyOf(tenantFollowUpAfterDays);
	}

	/** The tenant's follow-up days. */
	public int followUpAfterDays(String tenant) {
		Integer own = tenant == null ? null : tenantFollowUpAfterDays.get(tenant);
		return own == null ? followUpAfterDays : own;
	}

	/** The fewest follow-up days of any tenant (the default's included). */
	int fewestFollowUpDays() {
		int fewest = followUpAfterDays;
		for (int days : tenantFollowUpAfterDays.values()) {
			fewest = Math.min(fewest, days);
		}
		return fewest;
	}
}
