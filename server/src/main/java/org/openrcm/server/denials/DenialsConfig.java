package org.openrcm.server.denials;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Denials: the classifier the remittance posting uses to decide which adjustments become denial Tasks, and
 * {@code $denial-patterns} over those Tasks.
 */
@Configuration
class DenialsConfig {

	@Bean
	DenialClassifier denialClassifier() {
		return DenialClassifier.standard();
	}

	@Bean
	@Order(80)
	FhirServerContribution denialPatternsOperation(DaoRegistry daos, DenialClassifier classifier,
			DenialsProperties properties, Clock clock) {
		DenialPatternsOperationProvider provider = new DenialPatternsOperationProvider(new TenantDenialTasks(daos),
				new DenialPatterns(), classifier, properties, clock);
		return server -> server.registerProvider(provider);
	}
}
