package org.openrcm.server.denials;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;

/**
 * The denial Tasks of a tenant, searched through HAPI's Task DAO with the request's {@link RequestDetails}, so the
 * request's partition applies: {@code Task?code=<work-queue>|denial&authored-on=ge..&authored-on=le..}, the date
 * bounds widened by a day so that no time zone cuts a Task off (the exact bounds are applied afterwards).
 */
final class TenantDenialTasks implements DenialTaskSource {

	private static final Duration MARGIN = Duration.ofDays(1);

	private final DaoRegistry daos;

	TenantDenialTasks(DaoRegistry daos) {
		this.daos = daos;
	}

	@Override
	public List<Task> denialTasks(RequestDetails request, Instant from, Instant to, int limit) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(Task.SP_CODE,
				new TokenParam(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, DenialPatterns.DENIAL_QUEUE));
		map.add(Task.SP_AUTHORED_ON, new DateRangeParam(Date.from(from.minus(MARGIN)), Date.from(to.plus(MARGIN))));
		map.setLoadSynchronousUpTo(limit + 1);
		List<Task> tasks = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao(Task.class).search(map, request).getAllResources()) {
			tasks.add((Task) found);
		}
		return tasks;
	}
}
