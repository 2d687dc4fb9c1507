package org.openrcm.server.priorauth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prior authorization, under {@code openrcm.prior-auth.*}. Where a request goes (real-time or batch) and how long
 * the payer may take are the tenant's clearinghouse connection's settings.
 *
 * @param traceOriginator TRN03 of the trace numbers this server assigns to 278 requests: ten characters naming it
 *     as their assigner (X12 suggests {@code 1} and the federal tax id); default {@code 9OPENRCM00}
 */
@Validated
@ConfigurationProperties("openrcm.prior-auth")
public record PriorAuthProperties(
		@DefaultValue("9OPENRCM00") @NotNull @Pattern(regexp = "[0-9A-Z]{10}") String traceOriginator) {}
