package org.openrcm.server.security;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health contributor {@code security}: always UP (the mode is a configuration, not an outage), with the mode in
 * its details: {@code oauth2} and the issuer and audience, or {@code none} and the warning that anyone who can reach
 * the server may read and change all data.
 */
class SecurityHealthIndicator implements HealthIndicator {

	private final SecurityProperties properties;

	SecurityHealthIndicator(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public Health health() {
		if (properties.enabled()) {
			return Health.up()
					.withDetail("authentication", "oauth2")
					.withDetail("issuer", properties.issuer())
					.withDetail("audience", properties.audience())
					.build();
		}
		return Health.up()
				.withDetail("authentication", "none")
				.withDetail("warning", OpenModeWarning.MESSAGE)
				.build();
	}
}
