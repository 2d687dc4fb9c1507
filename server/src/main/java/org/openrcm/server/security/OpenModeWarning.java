package org.openrcm.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs, once the server is ready, a warning that no authentication is configured (the embedded developer default):
 * the server is then bound to loopback and open to every local process. {@link SecurityHealthIndicator} shows the
 * same message in {@code /actuator/health}.
 */
class OpenModeWarning implements ApplicationListener<ApplicationReadyEvent> {

	/** The warning, also shown in health. */
	static final String MESSAGE = "NO AUTHENTICATION: openrcm.security.issuer is not set, so every request is "
			+ "served without a token. The server listens on loopback only; anyone who can reach it there can read "
			+ "and change all data, PHI included. For development only; production sets an issuer (see README, "
			+ "Security).";

	private static final Logger LOG = LoggerFactory.getLogger(OpenModeWarning.class);

	private final SecurityProperties properties;

	OpenModeWarning(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (properties.enabled()) {
			return;
		}
		String line = "*".repeat(100);
		LOG.warn("\n{}\n{}\n{}", line, MESSAGE, line);
	}
}
