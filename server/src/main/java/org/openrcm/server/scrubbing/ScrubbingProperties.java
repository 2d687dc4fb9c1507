package org.openrcm.server.scrubbing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Claim scrubbing, under {@code openrcm.scrubbing.*}.
 *
 * @param onWrite what happens when a claim with status {@code active} is created or updated in a tenant not listed
 *                in {@code tenantOnWrite}: {@code off} (nothing), {@code annotate} (the scrub outcome is stored in the
 *                claim) or {@code reject} (annotate, and refuse a claim with errors with 422). Default {@code off}.
 * @param tenantOnWrite the same per tenant name, e.g. {@code openrcm.scrubbing.tenant-on-write.PRACTICE1=reject}
 * @param defaultFilingLimitDays days after the date of service a payer accepts a claim when the tenant has no
 *                               {@code filing-limit} payer rule for it; default 365 (Medicare's one calendar year)
 * @param filingWarningDays a {@code TIMELY-FILING} warning is raised when fewer days are left; default 30
 * @param maxDiagnoses diagnoses a claim may carry; default 12 (837P HI segment)
 * @param maxPointers diagnosis pointers per line; default 4 (837P SV107)
 * @param duplicateSearchLimit how many of the patient's most recent claims are compared for {@code DUPLICATE-CLAIM};
 *                             default 200
 */
@Validated
@ConfigurationProperties("openrcm.scrubbing")
public record ScrubbingProperties(
		@DefaultValue("off") @NotNull OnWrite onWrite,
		@DefaultValue Map<String, OnWrite> tenantOnWrite,
		@DefaultValue("365") @Min(1) int defaultFilingLimitDays,
		@DefaultValue("30") @Min(0) int filingWarningDays,
		@DefaultValue("12") @Min(1) @Max(12) int maxDiagnoses,
		@DefaultValue("4") @Min(1) @Max(4) int maxPointers,
		@DefaultValue("200") @Min(1) int duplicateSearchLimit) {

	/** Scrub on write, per tenant. */
	public enum OnWrite {
		OFF,
		ANNOTATE,
		REJECT
	}

	OnWrite onWrite(String tenant) {
		return tenant == null ? onWrite : tenantOnWrite.getOrDefault(tenant, onWrite);
	}
}
