package org.openrcm.server.priorauth;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.auth.Authorization278Writer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Prior authorization (Da Vinci PAS over X12 278): the request table ({@value PriorAuthStore#TABLE}), the service
 * behind {@code Claim/$submit} for {@code use = preauthorization} and {@code Claim/$inquire}, the handler that
 * applies 278 responses and the listener that applies 999s to batch files; approved authorizations are put on the
 * claims they cover ({@link PreAuthRefInterceptor}).
 */
@Configuration
class PriorAuthConfig {

	@Bean
	PriorAuthStore priorAuthStore(DataSource dataSource) {
		PriorAuthStore store = new PriorAuthStore(dataSource);
		store.createTable();
		return store;
	}

	@Bean
	PriorAuthorizations priorAuthorizations(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao,
			ClearinghouseConnections connections, X12InterchangeWriter writer, X12Schemas schemas,
			InboundService inbound, PriorAuthStore store, PriorAuthProperties properties, Clock clock) {
		return new PriorAuthorizations(daos, systemDao, connections, new Authorization278Writer(writer),
				new X12Reader(schemas), inbound, store, properties, clock);
	}

	@Bean
	Authorization278Handler authorization278Handler(PriorAuthStore store, DaoRegistry daos, TenantRequests tenants,
			Clock clock) {
		return new Authorization278Handler(store, daos, tenants, clock);
	}

	@Bean
	PriorAuth999Listener priorAuth999Listener(PriorAuthStore store, DaoRegistry daos, TenantRequests tenants,
			Clock clock) {
		return new PriorAuth999Listener(store, daos, tenants, clock);
	}

	@Bean
	@Order(62)
	FhirServerContribution priorAuthorization(PriorAuthorizations priorAuthorizations, DaoRegistry daos,
			PriorAuthStore store, FhirContext fhirContext) {
		InquireOperationProvider inquire = new InquireOperationProvider(priorAuthorizations, fhirContext);
		PreAuthRefInterceptor preAuthRefs = new PreAuthRefInterceptor(daos, store);
		return server -> {
			server.registerProvider(inquire);
			server.registerInterceptor(preAuthRefs);
		};
	}
}
