package org.openrcm.server.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A feature's share of the FHIR endpoint: its operation providers and interceptors. Each feature declares one
 * bean of this type; the server assembly applies them in {@link org.springframework.core.annotation.Order order}
 * while it builds the {@link RestfulServer}.
 */
@FunctionalInterface
public interface FhirServerContribution {

	void contributeTo(RestfulServer server);
}
