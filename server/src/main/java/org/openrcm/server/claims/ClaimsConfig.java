package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Claims out: the 837 writer (a bean the submission outbox writes its batches with) and a stored claim as an 837P or
 * 837I interchange ({@code Claim/[id]/$x12-837}).
 */
@Configuration
class ClaimsConfig {

	/** Fails the start-up when the clearinghouse ids cannot be written in an ISA. */
	@Bean
	Claim837Writer claim837Writer(X12InterchangeWriter interchanges, X12Schemas schemas,
			ClearinghouseProperties clearinghouse, ClaimsProperties claims, Clock clock) {
		return new Claim837Writer(interchanges, schemas, clearinghouse, claims, clock);
	}

	@Bean
	@Order(60)
	FhirServerContribution claimsX12(Claim837Writer writer, DaoRegistry daos) {
		ClaimX12OperationProvider operation = new ClaimX12OperationProvider(writer, daos);
		return server -> server.registerProvider(operation);
	}
}
