package org.openrcm.server.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.openrcm.server.claims.Claim837Writer;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.scrubbing.ScrubService;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.priorauth.PriorAuthorizations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Claim submission: {@code Claim/$submit} queues scrubbed claims in the outbox ({@value SubmissionStore#SUBMISSIONS},
 * {@value SubmissionStore#BATCHES}), the exchange sends them to each clearinghouse and fetches what comes back, and
 * the 999 and 277CA handlers apply the acknowledgments to the claims' ClaimResponses.
 */
@Configuration
class SubmissionConfig {

	@Bean
	SubmissionStore submissionStore(DataSource dataSource) {
		SubmissionStore store = new SubmissionStore(dataSource);
		store.createTables();
		return store;
	}

	@Bean
	SentClaims sentClaims(SubmissionStore store) {
		return new SentClaims(store);
	}

	@Bean
	TenantRequests submissionTenantRequests(IPartitionLookupSvc partitions, PartitionSettings partitionSettings) {
		return new TenantRequests(partitions, partitionSettings);
	}

	@Bean
	SubmissionRecords submissionRecords(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao,
			TenantRequests tenants, Clock clock) {
		return new SubmissionRecords(daos, systemDao, tenants, clock);
	}

	@Bean
	ClaimSubmitter claimSubmitter(ScrubService scrubs, SubmissionStore store, SubmissionRecords records,
			ClearinghouseConnections connections, Clock clock) {
		return new ClaimSubmitter(scrubs, store, records, connections, clock);
	}

	@Bean
	ClaimSender claimSender(SubmissionStore store, SubmissionRecords records, Claim837Writer writer,
			ClearinghouseConnections connections, DaoRegistry daos, TenantRequests tenants,
			SubmissionProperties properties, Clock clock) {
		return new ClaimSender(store, records, writer, connections, daos, tenants, properties.batchSize(), clock);
	}

	@Bean
	ClearinghouseExchange clearinghouseExchange(ClaimSender sender, InboundService inbound,
			ClearinghouseConnections connections, SubmissionProperties properties) {
		return new ClearinghouseExchange(sender, inbound, connections, properties.scheduled());
	}

	@Bean
	Ack999Handler ack999Handler(SubmissionStore store, SubmissionRecords records, X12Schemas schemas, Clock clock,
			ObjectProvider<AckListener> listeners) {
		// looked up when a 999 comes: the listeners' features depend on the inbound service, which holds this handler
		return new Ack999Handler(store, records, new X12Reader(schemas), clock,
				() -> listeners.orderedStream().toList());
	}

	@Bean
	Ack277caHandler ack277caHandler(SubmissionStore store, SubmissionRecords records, Clock clock) {
		return new Ack277caHandler(store, records, clock);
	}

	@Bean
	@Order(61)
	FhirServerContribution claimSubmission(ClaimSubmitter submitter, ClearinghouseExchange exchange,
			ClearinghouseConnections connections, DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao,
			FhirContext fhirContext, ObjectProvider<PriorAuthorizations> priorAuthorizations) {
		SubmitOperationProvider submit = new SubmitOperationProvider(submitter, daos, systemDao, fhirContext,
				priorAuthorizations);
		ExchangeOperationProvider exchangeNow = new ExchangeOperationProvider(exchange, connections);
		return server -> server.registerProviders(submit, exchangeNow);
	}
}
