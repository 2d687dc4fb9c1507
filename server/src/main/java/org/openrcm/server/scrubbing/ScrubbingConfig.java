package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.hl7.fhir.r4.model.Basic;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.TenantResourceCache;
import org.openrcm.server.terminology.TerminologyInService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Claim scrubbing: {@code Claim/$scrub}, scrub on write and payer rules as data. */
@Configuration
class ScrubbingConfig {

	@Bean
	ClaimScrubber claimScrubber(TerminologyInService terminology, ScrubbingProperties properties, Clock clock,
			FhirContext fhirContext) {
		ScrubSettings settings = ScrubSettings.of(clock, properties.defaultFilingLimitDays(),
				properties.filingWarningDays(), properties.maxDiagnoses(), properties.maxPointers());
		return new ClaimScrubber(terminology::billingTerminology, settings, fhirContext);
	}

	@Bean
	ScrubService scrubService(ClaimScrubber scrubber, DaoRegistry daos, ScrubbingProperties properties, Clock clock,
			FhirContext fhirContext) {
		return new ScrubService(scrubber, daos, new TenantResourceCache<>(Basic.class),
				new PayerRuleReader(fhirContext.newFhirPath()), properties, clock);
	}

	@Bean
	@Order(50)
	FhirServerContribution scrubbing(ScrubService scrubs, DaoRegistry daos, ScrubbingProperties properties,
			FhirContext fhirContext) {
		ScrubOperationProvider operation = new ScrubOperationProvider(scrubs, daos, fhirContext);
		ScrubBatchInterceptor batch = new ScrubBatchInterceptor(operation, fhirContext);
		ScrubOnWriteInterceptor onWrite = new ScrubOnWriteInterceptor(scrubs, properties, fhirContext);
		PayerRuleInterceptor payerRules = new PayerRuleInterceptor(scrubs.payerRuleReader(), fhirContext);
		return server -> {
			server.registerProvider(operation);
			server.registerInterceptor(batch);
			server.registerInterceptor(payerRules);
			server.registerInterceptor(scrubs.payerRuleCache().invalidator());
			server.registerInterceptor(onWrite);
		};
	}
}
