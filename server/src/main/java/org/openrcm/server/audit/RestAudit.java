package org.openrcm.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * The facts of one FHIR REST request that its AuditEvent records.
 *
 * @param recorded when it was answered (from the server's clock)
 * @param tenant the tenant in the URL, or null when there is none
 * @param interaction the FHIR restful-interaction code ({@code read}, {@code search-type}, {@code create},
 *                    {@code operation}, ...)
 * @param operation the operation's name with its {@code $} for an operation, else null
 * @param action the AuditEvent action: C, R, U, D or E
 * @param status the HTTP status of the answer
 * @param outcomeDescription what went wrong (with the ORCM or HAPI code), empty on success
 * @param agent who asked
 * @param resources the resources touched, {@code Type/id}, in order, without duplicates
 * @param patients the ids of the patients whose data was touched or returned
 * @param query the query of a search ({@code Type?param=value&...}), else null
 * @param requestId the X-Request-ID of the response
 */
public record RestAudit(Instant recorded, String tenant, String interaction, String operation, String action,
		int status, String outcomeDescription, AuditAgent agent, List<String> resources, List<String> patients,
		String query, String requestId) {

	public RestAudit {
		resources = List.copyOf(resources);
		patients = List.copyOf(patients);
		outcomeDescription = outcomeDescription == null ? "" : outcomeDescription;
	}
}
