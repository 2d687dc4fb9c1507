package org.openrcm.server.submission;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.PartitionEntity;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Requests the server makes on its own (sending, applying acknowledgments) in one tenant's partition. The partition
 * is named with its id as well as its name: HAPI takes a system request's partition as given, and its searches need
 * the id (reads and writes look it up by name themselves).
 */
public final class TenantRequests {

	private final IPartitionLookupSvc partitions;
	private final PartitionSettings settings;

	TenantRequests(IPartitionLookupSvc partitions, PartitionSettings settings) {
		this.partitions = partitions;
		this.settings = settings;
	}

	/** A system request in the tenant's partition. */
	public SystemRequestDetails in(String tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setTenantId(tenant);
		PartitionEntity partition = JpaConstants.DEFAULT_PARTITION_NAME.equals(tenant) ? null
				: partitions.getPartitionByName(tenant);
		request.setRequestPartitionId(partition == null
				? RequestPartitionId.fromPartitionIdAndName(settings.getDefaultPartitionId(),
						JpaConstants.DEFAULT_PARTITION_NAME)
				: RequestPartitionId.fromPartitionIdAndName(partition.getId(), partition.getName()));
		return request;
	}
}
