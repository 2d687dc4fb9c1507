package org.openrcm.server.submission;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Claim submission, under {@code openrcm.submission.*}. How often each clearinghouse is served is part of its
 * connection ({@code openrcm.clearinghouse.channel.batch-interval}, {@code poll-interval}).
 *
 * @param batchSize the most claims in one interchange; default 5000 (clearinghouses commonly take files of up to
 *                  5,000 claims)
 * @param scheduled whether claims are sent and inbound files fetched on the connections' schedules; default true.
 *                  Without it, only {@code $clearinghouse-exchange} moves them.
 */
@Validated
@ConfigurationProperties("openrcm.submission")
public record SubmissionProperties(
		@DefaultValue("5000") @Min(1) @Max(100_000) int batchSize,
		@DefaultValue("true") boolean scheduled) {}
