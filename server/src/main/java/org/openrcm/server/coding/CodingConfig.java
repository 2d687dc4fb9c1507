package org.openrcm.server.coding;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.TenantResourceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Coding: turning a recorded encounter into a draft claim ({@code Encounter/[id]/$draft-claim}). */
@Configuration
class CodingConfig {

	@Bean
	ClaimDrafter claimDrafter(Clock clock, CodingProperties properties) {
		return new ClaimDrafter(clock, properties.ambulatoryPlaceOfService());
	}

	@Bean
	@Order(40)
	FhirServerContribution draftClaimOperation(DaoRegistry daos, ClaimDrafter drafter) {
		TenantResourceCache<FeeSchedule> feeSchedules = new TenantResourceCache<>(ChargeItemDefinition.class);
		DraftClaimOperationProvider provider = new DraftClaimOperationProvider(daos, drafter, feeSchedules);
		return server -> {
			server.registerProvider(provider);
			server.registerInterceptor(feeSchedules.invalidator());
		};
	}
}
