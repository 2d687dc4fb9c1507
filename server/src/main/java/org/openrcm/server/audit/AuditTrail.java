package org.openrcm.server.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Where AuditEvents go. {@link #record} is called on the request path and must be cheap and durable; the event
 * becomes a stored, searchable AuditEvent resource in its tenant's partition by {@link #flush} (which a schedule
 * also calls every {@code openrcm.audit.drain-interval}).
 */
public interface AuditTrail {

	/** A trail that keeps nothing ({@code openrcm.audit.enabled=false}). */
	AuditTrail NONE = new AuditTrail() {

		@Override
		public void record(String tenant, AuditEvent event) {}

		@Override
		public int flush() {
			return 0;
		}
	};

	/**
	 * Records an event: committed to the outbox when this returns (see {@link AuditProperties#syncEachEvent()} for
	 * how durable a commit is on H2).
	 *
	 * @param tenant the tenant whose partition the AuditEvent goes to; null or unknown means {@code DEFAULT}
	 * @param event the event, with its id set
	 */
	void record(String tenant, AuditEvent event);

	/**
	 * Stores every event recorded so far as AuditEvent resources, now.
	 *
	 * @return how many were stored
	 */
	int flush();
}
