package org.openrcm.server.clearinghouse;

import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Clearinghouse connections and their health. Starts nothing and connects nothing: a channel connects on first
 * use. A {@code sandbox} channel asks for a {@link SandboxEndpoint} bean at that moment, which the application
 * provides once the payer sandbox's SFTP server runs. Secrets are read from the process environment only.
 */
@Configuration
class ClearinghouseConfig {

	/**
	 * Fails the start-up, naming each property, when a connection's settings cannot work. Channels are wrapped by the
	 * {@link ChannelDecorator} bean when there is one (the audit trail's).
	 */
	@Bean
	ClearinghouseConnections clearinghouseConnections(ClearinghouseProperties defaults, Environment environment,
			Validator validator, ObjectProvider<SandboxEndpoint> sandbox, Clock clock,
			ObjectProvider<ChannelDecorator> decorator) {
		return new ClearinghouseConnections(defaults,
				ClearinghouseConnections.bindTenants(Binder.get(environment), validator), System::getenv,
				sandbox::getIfAvailable, clock, decorator.getIfAvailable(() -> ChannelDecorator.NONE));
	}

	/** Health contributor {@code clearinghouse}. */
	@Bean
	HealthIndicator clearinghouseHealthIndicator(ClearinghouseConnections connections) {
		return new ClearinghouseHealthIndicator(connections);
	}
}
