package org.openrcm.server.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payer sandbox's SFTP server and real-time endpoint, under {@code openrcm.sandbox.server.*} (its adjudication
 * rules are {@link SandboxRules}, {@code openrcm.sandbox.*}). It runs when a clearinghouse connection has
 * {@code channel.type=sandbox}, the default of a development server.
 *
 * @param port the loopback port; default 0, any free port (the connection is told which)
 * @param pollInterval how often submitted files are answered; default 1 second
 * @param realTimePort the loopback port of the real-time (HTTP) endpoint; default 0, any free port
 * @param realTimeDelay how long the sandbox payer takes to answer a real-time request (its own time, which a real
 *                      payer spends looking the member up); default 0
 */
@Validated
@ConfigurationProperties("openrcm.sandbox.server")
public record SandboxServerProperties(
		@DefaultValue("0") @Min(0) @Max(65535) int port,
		@DefaultValue("1s") @NotNull Duration pollInterval,
		@DefaultValue("0") @Min(0) @Max(65535) int realTimePort,
		@DefaultValue("0s") @NotNull Duration realTimeDelay) {}
