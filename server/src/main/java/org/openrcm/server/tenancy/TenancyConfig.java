package org.openrcm.server.tenancy;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.partition.PartitionManagementProvider;
import ca.uhn.fhir.rest.server.interceptor.partition.RequestTenantPartitionInterceptor;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * One tenant per practice, named in the URL: {@code /fhir/{tenant}/...}. Each tenant is a HAPI partition, so a
 * practice's resources, searches and references never reach another's. The tenant {@code DEFAULT} (HAPI's default
 * partition) exists from the start and also holds the shared conformance and terminology resources.
 *
 * <p>A tenant is created with {@code POST /fhir/DEFAULT/$partition-management-create-partition} and a Parameters
 * body naming it ({@code name}; {@code id} is optional and assigned when absent).
 *
 * <p>Bulk export ({@code $export}) runs per tenant: the job reads and writes only the tenant it was started in
 * ({@link BatchJobTenantInterceptor}), and is polled and downloaded only there ({@link ExportTenantInterceptor}).
 */
@Configuration
class TenancyConfig {

	/** The tenant that exists out of the box. */
	static final String DEFAULT_TENANT = "DEFAULT";

	/**
	 * Registers the tenant-from-URL strategy, HAPI's partition interceptor (a JpaConfig bean), tenant management, the
	 * export poll's tenant check, and (on the storage interceptor service, where batch jobs look) the batch jobs'
	 * tenant.
	 */
	@Bean
	@Order(0)
	FhirServerContribution tenancy(
			RequestTenantPartitionInterceptor partitionInterceptor,
			PartitionManagementProvider partitionManagementProvider,
			IInterceptorService storageInterceptors,
			IJobCoordinator jobCoordinator) {
		return server -> {
			server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
			server.registerInterceptor(partitionInterceptor);
			server.registerProvider(partitionManagementProvider);
			server.registerInterceptor(new ExportTenantInterceptor(jobCoordinator));
			storageInterceptors.registerInterceptor(new BatchJobTenantInterceptor());
		};
	}
}
