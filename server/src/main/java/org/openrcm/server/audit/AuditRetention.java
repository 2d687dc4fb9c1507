package org.openrcm.server.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.dao.expunge.ExpungeService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of the audit trail ({@code openrcm.audit.retention}, six years by default): in every tenant, the
 * AuditEvents recorded before now minus the retention are deleted and then expunged (their stored versions
 * removed), through the DAOs as system requests.
 */
final class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
	private static final int PAGE = 500;

	private final IFhirResourceDao<AuditEvent> dao;
	private final DaoAuditStore.AuditPartitions partitions;
	private final Optional<ExpungeService> expunge;
	private final Period retention;

	AuditRetention(IFhirResourceDao<AuditEvent> dao, DaoAuditStore.AuditPartitions partitions,
			Optional<ExpungeService> expunge, Period retention) {
		this.dao = dao;
		this.partitions = partitions;
		this.expunge = expunge;
		this.retention = retention;
	}

	/** The instant before which AuditEvents are purged, seen at {@code now}. */
	Instant cutoff(Instant now) {
		return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
	}

	/**
	 * Purges, in every tenant, the AuditEvents recorded before {@code now} minus the retention.
	 *
	 * @return how many were purged
	 */
	int purge(Instant now) {
		Date cutoff = Date.from(cutoff(now));
		int purged = 0;
		for (String tenant : partitions.tenants()) {
			purged += purge(tenant, cutoff);
		}
		return purged;
	}

	private int purge(String tenant, Date cutoff) {
		int purged = 0;
		while (true) {
			SystemRequestDetails request = partitions.request(tenant);
			SearchParameterMap old = SearchParameterMap.newSynchronous(AuditEvent.SP_DATE,
					new DateParam(ParamPrefixEnum.LESSTHAN, cutoff));
			old.setLoadSynchronousUpTo(PAGE);
			List<IBaseResource> found = dao.search(old, request).getResources(0, PAGE);
			if (found.isEmpty()) {
				break;
			}
			for (IBaseResource event : found) {
				dao.delete(event.getIdElement().toUnqualifiedVersionless(), partitions.request(tenant));
				purged++;
			}
			if (found.size() < PAGE) {
				break;
			}
		}
		if (purged > 0) {
			expunge.ifPresent(service -> {
				try {
					service.expunge("AuditEvent", null, new ExpungeOptions().setExpungeDeletedResources(true)
							.setExpungeOldVersions(true).setLimit(Math.max(1000, PAGE * 4)),
							partitions.request(tenant));
				} catch (RuntimeException e) {
					log.warn("Audit retention: {} AuditEvents of tenant {} were deleted but not expunged: {}",
							tenant, tenant, e.toString());
				}
			});
			log.info("Audit retention: {} AuditEvents of tenant {} recorded before {} purged", purged, tenant,
					cutoff.toInstant());
		}
		return purged;
	}
}
