package org.openrcm.server.audit;

import java.util.Optional;

/**
 * The tenant and agent of the FHIR request the current thread is serving, so that an X12 file sent or received
 * while serving it (an operation that exchanges with the clearinghouse) is recorded in that tenant's trail and with
 * that agent. Set and cleared by {@link AuditInterceptor}; empty on scheduler threads. One per application.
 */
public final class AuditContext {

	/** The tenant and the agent of a request. */
	public record Current(String tenant, AuditAgent agent) {}

	private final ThreadLocal<Current> current = new ThreadLocal<>();

	void enter(String tenant, AuditAgent agent) {
		current.set(new Current(tenant, agent));
	}

	void leave() {
		current.remove();
	}

	/** The request being served on this thread, if any. */
	public Optional<Current> current() {
		return Optional.ofNullable(current.get());
	}
}
