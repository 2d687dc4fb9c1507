package org.openrcm.server.denials;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Denial work, under {@code openrcm.denials.*}.
 *
 * @param defaultPeriod how far back {@code $denial-patterns} looks when the request gives no {@code from}: the
 *     period ends with {@code to} (default today) and is this long. ISO-8601 ({@code P90D}) or {@code 90d}; default
 *     90 days.
 * @param maxTasks the most denial Tasks one {@code $denial-patterns} call aggregates; a period holding more is
 *     refused (422 {@code ORCM-9002}) rather than answered in part. Default 100,000.
 */
@Validated
@ConfigurationProperties("openrcm.denials")
public record DenialsProperties(
		@DefaultValue("P90D") @NotNull Period defaultPeriod,
		@DefaultValue("100000") @Min(1) @Max(1_000_000) int maxTasks) {}
