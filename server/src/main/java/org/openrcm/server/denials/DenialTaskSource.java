package org.openrcm.server.denials;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Task;

/** Where {@code $denial-patterns} reads a tenant's denial Tasks from. */
interface DenialTaskSource {

	/**
	 * The denial Tasks of the request's tenant authored in the period, and possibly some authored up to a day
	 * either side of it ({@link DenialPatterns} applies the exact bounds); at most {@code limit + 1}, so the caller
	 * can tell when there are more than {@code limit}.
	 *
	 * @param from the start of the period, inclusive
	 * @param to the end of the period, exclusive
	 */
	List<Task> denialTasks(RequestDetails request, Instant from, Instant to, int limit);
}
