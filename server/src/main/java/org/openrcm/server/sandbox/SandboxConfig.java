package org.openrcm.server.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.openrcm.server.clearinghouse.SandboxEndpoint;
import org.openrcm.server.x12.ControlNumbers;
import org.openrcm.server.x12.X12Properties;
import org.openrcm.server.x12.X12Schemas;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The payer sandbox, made on demand: nothing listens until a connection with {@code channel.type=sandbox} first
 * asks for its {@link SandboxEndpoint} (lazy beans), so a production server with real clearinghouses never opens the
 * port. The sandbox draws its control numbers from the server's database under its own sender id, so they are never
 * reused across restarts either (the inbound side would take a repeated number for a duplicate file).
 */
@Configuration
class SandboxConfig {

	@Bean(destroyMethod = "close")
	@Lazy
	PayerSandbox payerSandbox(X12Schemas schemas, ControlNumbers controlNumbers, SandboxRules rules,
			SandboxRemittanceRules remittance, ObjectProvider<SandboxRequestAnswerer> answerers,
			SandboxServerProperties properties,
			X12Properties x12, @Value("${openrcm.data-dir}") Path dataDirectory, Clock clock) {
		SandboxResponder responder = new SandboxResponder(schemas, controlNumbers, rules, remittance,
				answerers.orderedStream().toList(), clock, x12.readBack());
		return new PayerSandbox(dataDirectory.resolve("sandbox"), properties.port(), responder,
				properties.pollInterval().toMillis(), properties.realTimePort(), properties.realTimeDelay(), clock);
	}

	@Bean
	@Lazy
	SandboxEndpoint sandboxEndpoint(PayerSandbox sandbox) {
		try {
			return sandbox.endpoint();
		} catch (IOException e) {
			throw new UncheckedIOException("the payer sandbox could not start: " + e.getMessage(), e);
		}
	}
}
