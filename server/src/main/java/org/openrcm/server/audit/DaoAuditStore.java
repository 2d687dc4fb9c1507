package org.openrcm.server.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.entity.PartitionEntity;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;

/**
 * Stores AuditEvents through HAPI's DAOs as a system request (not through the REST API, so the REST hooks that
 * audit and guard the API see nothing): one FHIR transaction per tenant and batch, each event a
 * {@code PUT AuditEvent/<id>}, so storing the same events again after a crash changes nothing. HAPI's existence
 * check of each id is skipped on the first attempt (the ids are new), and made on a second one when that fails.
 */
final class DaoAuditStore implements AuditStore {

	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final AuditPartitions partitions;

	DaoAuditStore(IFhirSystemDao<Bundle, Meta> systemDao, AuditPartitions partitions) {
		this.systemDao = systemDao;
		this.partitions = partitions;
	}

	@Override
	public void store(String tenant, List<AuditEvent> events) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (AuditEvent event : events) {
			String id = event.getIdElement().getIdPart();
			transaction.addEntry().setFullUrl("AuditEvent/" + id).setResource(event).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT).setUrl("AuditEvent/" + id);
		}
		SystemRequestDetails request = partitions.request(tenant);
		// these ids are new unless a crash stopped the previous drain after it stored them: skip HAPI's existence
		// check (a read per entry) first, and store with it only when that fails
		request.addHeader(JpaConstants.HEADER_UPSERT_EXISTENCE_CHECK,
				JpaConstants.HEADER_UPSERT_EXISTENCE_CHECK_DISABLED);
		try {
			systemDao.transaction(request, transaction);
		} catch (RuntimeException storedBefore) {
			systemDao.transaction(partitions.request(tenant), transaction);
		}
	}

	/** System requests in a tenant's partition, {@code DEFAULT} when the tenant is absent or does not exist. */
	static final class AuditPartitions {

		private final IPartitionLookupSvc lookup;
		private final PartitionSettings settings;

		AuditPartitions(IPartitionLookupSvc lookup, PartitionSettings settings) {
			this.lookup = lookup;
			this.settings = settings;
		}

		SystemRequestDetails request(String tenant) {
			SystemRequestDetails request = new SystemRequestDetails();
			PartitionEntity partition = null;
			if (tenant != null && !JpaConstants.DEFAULT_PARTITION_NAME.equals(tenant)) {
				try {
					partition = lookup.getPartitionByName(tenant);
				} catch (RuntimeException unknown) {
					partition = null;
				}
			}
			if (partition == null) {
				request.setTenantId(JpaConstants.DEFAULT_PARTITION_NAME);
				// the default partition's id is null: named by id alone (a null id with a name leaves no ids set)
				request.setRequestPartitionId(RequestPartitionId.defaultPartition(settings));
			} else {
				request.setTenantId(partition.getName());
				request.setRequestPartitionId(RequestPartitionId.fromPartitionIdAndName(partition.getId(),
						partition.getName()));
			}
			return request;
		}

		/** Every tenant: {@code DEFAULT} and each partition. */
		List<String> tenants() {
			java.util.ArrayList<String> names = new java.util.ArrayList<>();
			names.add(JpaConstants.DEFAULT_PARTITION_NAME);
			for (PartitionEntity partition : lookup.listPartitions()) {
				if (!JpaConstants.DEFAULT_PARTITION_NAME.equals(partition.getName())) {
					names.add(partition.getName());
				}
			}
			return names;
		}
	}
}
