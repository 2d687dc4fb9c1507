package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.elig.Eligibility270Writer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Eligibility (270/271): the check store ({@value EligibilityChecks#TABLE}), the service that sends checks, the 271
 * handler the inbound processor applies answers with, the listener that applies 999s to batch files, the batch
 * runner (one background thread), and the operations {@code CoverageEligibilityRequest/$submit} and
 * {@code $eligibility-batch}.
 */
@Configuration
class EligibilityConfig {

	@Bean
	EligibilityChecks eligibilityChecks(DataSource dataSource) {
		EligibilityChecks checks = new EligibilityChecks(dataSource);
		checks.createTable();
		return checks;
	}

	@Bean
	EligibilityService eligibilityService(DaoRegistry daos, EligibilityChecks checks,
			ClearinghouseConnections connections, X12InterchangeWriter writer, ObjectProvider<InboundService> inbound,
			EligibilityProperties properties, Clock clock) {
		return new EligibilityService(daos, checks, connections, new Eligibility270Writer(writer), inbound::getObject,
				properties,
				clock);
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService eligibilityBatchExecutor() {
		return Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "eligibility-batch");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	EligibilityBatches eligibilityBatches(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks,
			EligibilityService service, X12InterchangeWriter writer, EligibilityProperties properties,
			ExecutorService eligibilityBatchExecutor, Clock clock) {
		return new EligibilityBatches(daos, tenants, checks, service, new Eligibility270Writer(writer), properties,
				eligibilityBatchExecutor, clock);
	}

	@Bean
	Eligibility271Handler eligibility271Handler(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks,
			EligibilityBatches batches, Clock clock) {
		return new Eligibility271Handler(daos, tenants, checks, batches, clock);
	}

	@Bean
	Eligibility999Listener eligibility999Listener(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks,
			EligibilityBatches batches, Clock clock) {
		return new Eligibility999Listener(daos, tenants, checks, batches, clock);
	}

	@Bean
	@Order(62)
	FhirServerContribution eligibilityOperations(EligibilityService service, EligibilityBatches batches,
			DaoRegistry daos) {
		EligibilityOperationProvider operations = new EligibilityOperationProvider(service, batches, daos);
		return server -> server.registerProvider(operations);
	}
}
