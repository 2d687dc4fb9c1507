package org.openrcm.server.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code fhir}, part of the readiness group: up once the FHIR servlet has been initialised
 * with its providers, i.e. once {@code /fhir/{tenant}/...} can be served. Start-up work that must finish before
 * traffic (IG install, starter terminology) runs as application runners, which readiness already waits for.
 */
@Component("fhir")
class FhirReadinessIndicator implements HealthIndicator {

	private final RestfulServer server;

	FhirReadinessIndicator(RestfulServer server) {
		this.server = server;
	}

	@Override
	public Health health() {
		if (server.getServletConfig() == null) {
			return Health.outOfService().withDetail("reason", "the FHIR servlet is not initialised yet").build();
		}
		return Health.up()
				.withDetail("fhirVersion", server.getFhirContext().getVersion().getVersion().getFhirVersionString())
				.withDetail("resourceTypes", server.getResourceProviders().size())
				.build();
	}
}
