package org.openrcm.server.submission;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/** Requests the server makes on its own (sending, applying acknowledgments) in one tenant's partition. */
final class TenantRequests {

	private TenantRequests() {}

	/** A system request in the tenant's partition. */
	static SystemRequestDetails in(String tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setTenantId(tenant);
		request.setRequestPartitionId(RequestPartitionId.fromPartitionName(tenant));
		return request;
	}
}
