package org.openrcm.server.submission;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.PartitionEntity;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Requests the server makes on its own (sending, applying acknowledgments) in one tenant's partition. The partition
 * is given by id as well as name: HAPI's searches need the id, and a system request does not go through the
 * tenant-from-URL interceptor that would look it up.
 */
final class TenantRequests {

	private final IPartitionLookupSvc partitions;

	TenantRequests(IPartitionLookupSvc partitions) {
		this.partitions = partitions;
	}

	/** A system request in the tenant's partition. */
	SystemRequestDetails in(String tenant) {
		PartitionEntity partition = partitions.getPartitionByName(tenant);
		SystemRequestDetails request = new SystemRequestDetails();
		request.setTenantId(tenant);
		request.setRequestPartitionId(RequestPartitionId.fromPartitionIdAndName(partition.getId(), tenant));
		return request;
	}
}
