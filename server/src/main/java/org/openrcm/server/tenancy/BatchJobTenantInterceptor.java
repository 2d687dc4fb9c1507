package org.openrcm.server.tenancy;

import ca.uhn.fhir.batch2.api.IJobInstance;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.apache.commons.lang3.StringUtils;

/**
 * Carries the tenant a batch job was started in (a {@code $export}, for one) into the job's steps, so the steps read
 * and write that tenant's partition and no other.
 *
 * <p>A job's steps run on HAPI's batch threads, outside any HTTP request, and make their own system requests. HAPI
 * hands every such request to {@link Pointcut#STORAGE_BATCH_TASK_NEW_REQUEST_DETAILS}, but only on the storage-wide
 * interceptor service: the tenant interceptor registered on the FHIR server never sees it, and without a tenant the
 * steps fail with HAPI-1319 (no partition for a read). This interceptor is therefore registered on the storage
 * interceptor service. At kick-off ({@link Pointcut#STORAGE_PRESTORAGE_BATCH_JOB_CREATE}) it records the URL's tenant
 * in the job's user data (persisted with the job); for each step request it sets that tenant, which HAPI turns into
 * the tenant's partition for reads and for the output Binaries. A job started without a tenant (by the server
 * itself) is left as it was.
 */
@Interceptor
class BatchJobTenantInterceptor {

	/** The key of the tenant in a job's user data. */
	static final String TENANT_KEY = "openrcm.tenant";

	/** Records the kick-off request's tenant on the job about to be stored. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_BATCH_JOB_CREATE)
	public void recordTenant(RequestDetails request, JobInstance job) {
		if (request != null && StringUtils.isNotBlank(request.getTenantId())) {
			job.addUserData(TENANT_KEY, request.getTenantId());
		}
	}

	/** Gives a job step's system request the tenant its job was started in. */
	@Hook(Pointcut.STORAGE_BATCH_TASK_NEW_REQUEST_DETAILS)
	public void restoreTenant(RequestDetails request, IJobInstance job) {
		Object tenant = job.getUserData() == null ? null : job.getUserData().get(TENANT_KEY);
		if (tenant instanceof String name && StringUtils.isNotBlank(name)) {
			request.setTenantId(name);
		}
	}
}
