package org.openrcm.server.clearinghouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health contributor {@code clearinghouse}: DOWN when a connection's last {@code channel.down-after-failures}
 * attempts (default 3) all failed, else UP: when every connection's last attempt succeeded, none was made yet, or
 * fewer attempts in a row failed (the retries are still at it; the details show it). Connections of type
 * {@code none} are listed and never DOWN.
 *
 * <p>Details, per connection name: {@code channel} (where the files go, never a secret), {@code status},
 * {@code lastSuccess}, {@code lastFailure}, {@code consecutiveFailures} and {@code lastError}. It is not part of
 * the readiness group: a clearinghouse outage does not stop the FHIR API.
 */
class ClearinghouseHealthIndicator implements HealthIndicator {

	private final ClearinghouseConnections connections;

	ClearinghouseHealthIndicator(ClearinghouseConnections connections) {
		this.connections = connections;
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (String name : connections.names()) {
			ChannelProperties channel = connections.properties(name).channel();
			ChannelHealth.Snapshot health = connections.health(name).snapshot();
			boolean connectionDown = channel.type() != ChannelProperties.Type.NONE
					&& health.consecutiveFailures() >= channel.downAfterFailures();
			down |= connectionDown;
			Map<String, Object> connection = new LinkedHashMap<>();
			connection.put("channel", connections.describe(name));
			connection.put("status", connectionDown ? "DOWN" : "UP");
			if (health.lastSuccess() != null) {
				connection.put("lastSuccess", health.lastSuccess().toString());
			}
			if (health.lastFailure() != null) {
				connection.put("lastFailure", health.lastFailure().toString());
			}
			connection.put("consecutiveFailures", health.consecutiveFailures());
			if (health.lastError() != null) {
				connection.put("lastError", health.lastError());
			}
			details.put(name, connection);
		}
		return (down ? Health.down() : Health.up()).withDetails(details).build();
	}
}
