package org.openrcm.server.denials;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import java.time.Clock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The actions on a denied claim: {@code $correct}, {@code $appeal}, {@code $write-off}. */
@Configuration
class ClaimActionsConfig {

	@Bean
	ClaimActions claimActions(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao, Clock clock) {
		return new ClaimActions(daos, systemDao, clock);
	}

	@Bean
	@Order(63)
	FhirServerContribution claimActionOperations(ClaimActions actions) {
		return server -> server.registerProvider(new ClaimActionsOperationProvider(actions));
	}
}
