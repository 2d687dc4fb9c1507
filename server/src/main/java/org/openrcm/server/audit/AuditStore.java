package org.openrcm.server.audit;

import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Stores AuditEvents as resources in a tenant's partition, under the ids they carry (storing one again is harmless).
 */
@FunctionalInterface
public interface AuditStore {

	/**
	 * @param tenant the tenant, or null (or a tenant that does not exist) for {@code DEFAULT}
	 */
	void store(String tenant, List<AuditEvent> events);
}
