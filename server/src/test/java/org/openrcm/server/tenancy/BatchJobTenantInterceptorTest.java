package org.openrcm.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;

class BatchJobTenantInterceptorTest {

	private final BatchJobTenantInterceptor interceptor = new BatchJobTenantInterceptor();

	@Test
	void aJobStepRequestGetsTheTenantTheJobWasStartedIn() {
		SystemRequestDetails kickOff = new SystemRequestDetails();
		kickOff.setTenantId("PRACTICE1");
		JobInstance job = new JobInstance();

		interceptor.recordTenant(kickOff, job);
		SystemRequestDetails step = new SystemRequestDetails();
		interceptor.restoreTenant(step, job);

		assertThat(step.getTenantId()).isEqualTo("PRACTICE1");
	}

	@Test
	void aJobStartedWithoutATenantLeavesItsStepRequestsAlone() {
		JobInstance job = new JobInstance();
		interceptor.recordTenant(new SystemRequestDetails(), job);
		SystemRequestDetails step = new SystemRequestDetails();

		interceptor.restoreTenant(step, job);

		assertThat(job.getUserData()).doesNotContainKey(BatchJobTenantInterceptor.TENANT_KEY);
		assertThat(step.getTenantId()).isNull();
	}
}
