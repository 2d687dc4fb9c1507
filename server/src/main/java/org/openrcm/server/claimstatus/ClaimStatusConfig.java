package org.openrcm.server.claimstatus;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Claim status (276/277): {@code Claim/[id]/$status}, the 277 handler, the listener that applies 999s to the 276
 * files, the follow-up schedule and the table of requests sent ({@value ClaimStatusStore#TABLE}).
 */
@Configuration
class ClaimStatusConfig {

	@Bean
	ClaimStatusStore claimStatusStore(DataSource dataSource) {
		ClaimStatusStore store = new ClaimStatusStore(dataSource);
		store.createTable();
		return store;
	}

	@Bean
	ClaimStatusTrail claimStatusTrail(DaoRegistry daos, TenantRequests tenants, Clock clock) {
		return new ClaimStatusTrail(daos, tenants, clock);
	}

	@Bean
	ClaimStatusService claimStatusService(DaoRegistry daos, TenantRequests tenants, SentClaims sentClaims,
			ClearinghouseConnections connections, X12InterchangeWriter writer, InboundService inbound,
			ClaimStatusStore store, ClaimStatusTrail trail) {
		return new ClaimStatusService(daos, tenants, sentClaims, connections, writer, inbound, store, trail);
	}

	@Bean
	ClaimStatusHandler claimStatusHandler(ClaimStatusStore store, ClaimStatusTrail trail, SentClaims sentClaims,
			Clock clock) {
		return new ClaimStatusHandler(store, trail, sentClaims, clock);
	}

	@Bean
	ClaimStatus999Listener claimStatus999Listener(ClaimStatusStore store, ClaimStatusTrail trail, Clock clock) {
		return new ClaimStatus999Listener(store, trail, clock);
	}

	@Bean
	ClaimStatusFollowUp claimStatusFollowUp(ClaimStatusService service, ClaimStatusStore store,
			SentClaims sentClaims, DaoRegistry daos, TenantRequests tenants, ClaimStatusProperties properties,
			Clock clock) {
		return new ClaimStatusFollowUp(service, store, sentClaims, daos, tenants, properties, clock);
	}

	@Bean
	@Order(64)
	FhirServerContribution claimStatus(ClaimStatusService service, Clock clock) {
		ClaimStatusOperationProvider provider = new ClaimStatusOperationProvider(service, clock);
		return server -> server.registerProviders(provider);
	}
}
