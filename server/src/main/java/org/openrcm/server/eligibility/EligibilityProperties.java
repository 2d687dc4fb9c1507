package org.openrcm.server.eligibility;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Eligibility checks (270/271), under {@code openrcm.eligibility.*}. Where a tenant's checks travel (real time or
 * batch file) is its clearinghouse connection's business ({@code openrcm.clearinghouse.*.channel.real-time}).
 *
 * @param serviceTypes the X12 service type codes asked about when a request names none in {@code item.category}.
 *     Default {@code 30} (health benefit plan coverage), which payers answer with the plan's general benefits.
 * @param traceAssigner TRN03 of every 270: {@code 9} followed by nine characters naming this server to the payer.
 *     Default {@code 9OPENRCM00}.
 * @param batchMaxChecks the most checks one {@code $eligibility-batch} may start; more is refused (ORCM-7016).
 *     Default 500.
 */
@Validated
@ConfigurationProperties("openrcm.eligibility")
public record EligibilityProperties(
		@DefaultValue("30") @NotNull List<@Pattern(regexp = "[0-9A-Z]{1,2}") String> serviceTypes,
		@DefaultValue("9OPENRCM00") @Pattern(regexp = "9[0-9A-Z]{9}") String traceAssigner,
		@DefaultValue("500") @Min(1) @Max(10000) int batchMaxChecks) {

	public EligibilityProperties {
		serviceTypes = serviceTypes == null || serviceTypes.isEmpty() ? List.of("30") : List.copyOf(serviceTypes);
	}
}
