package org.openrcm.server.remittance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Remittance posting, under {@code openrcm.remittance.*}.
 *
 * @param chunkSize the most claim payments posted in one FHIR transaction; default 500
 * @param resubmissionSlaDays the days a biller has to work a denial (the due date of its Task, counted from the
 *     payment date) unless the tenant has its own; default 30
 * @param tenantResubmissionSlaDays a tenant's own resubmission SLA in days, by tenant name
 * @param statementDueDays the days a patient has to pay a statement; default 30
 * @param urgentAmount a denial of at least this amount (USD) gets an urgent Task; default 1000
 * @param tenantDenialOwner who a tenant's denial Tasks are assigned to (their {@code owner}), by tenant name: a
 *     reference such as {@code Organization/billing-team} or {@code PractitionerRole/7}; none by default
 */
@Validated
@ConfigurationProperties("openrcm.remittance")
public record RemittanceProperties(
		@DefaultValue("500") @Min(1) @Max(10_000) int chunkSize,
		@DefaultValue("30") @Min(1) @Max(3650) int resubmissionSlaDays,
		@DefaultValue Map<String, Integer> tenantResubmissionSlaDays,
		@DefaultValue("30") @Min(0) @Max(3650) int statementDueDays,
		@DefaultValue("1000") @Min(0) long urgentAmount,
		@DefaultValue Map<String, String> tenantDenialOwner) {

	/** The tenant's resubmission SLA in days. */
	public int resubmissionSlaDays(String tenant) {
		Integer own = tenantResubmissionSlaDays == null ? null : tenantResubmissionSlaDays.get(tenant);
		return own == null ? resubmissionSlaDays : own;
	}

	/** The owner of a tenant's denial Tasks, or {@code null}. */
	public String denialOwner(String tenant) {
		return tenantDenialOwner == null ? null : tenantDenialOwner.get(tenant);
	}
}
