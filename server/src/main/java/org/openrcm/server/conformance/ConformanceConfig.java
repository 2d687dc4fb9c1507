package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Claim;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.FhirServerContribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/** The OpenRCM implementation guide in the server: installed at start-up, enforced on incoming resources. */
@Configuration
class ConformanceConfig {

	private static final Logger log = LoggerFactory.getLogger(ConformanceConfig.class);

	@Bean
	ProfileValidator profileValidator(FhirContext fhirContext) {
		return new ProfileValidator(fhirContext, ProfileValidator.inMemorySupport(fhirContext));
	}

	@Bean
	@Order(20)
	FhirServerContribution profileValidation(
			FhirContext fhirContext, ProfileValidator validator, ValidationProperties properties) {
		ProfileValidationInterceptor interceptor = new ProfileValidationInterceptor(fhirContext, validator, properties);
		return server -> server.registerInterceptor(interceptor);
	}

	/**
	 * Once the server is ready, validates one claim in the background so that the validator's one-off set-up
	 * (snapshots of the profiles, the validation engine) is not paid by the first claim an EHR sends.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warmUpValidator(ApplicationReadyEvent event) {
		ProfileValidator validator = event.getApplicationContext().getBean(ProfileValidator.class);
		Thread warmup = new Thread(() -> {
			long start = System.nanoTime();
			validator.validate(new Claim().setStatus(Claim.ClaimStatus.ACTIVE), OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE);
			log.info("Profile validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
		}, "openrcm-validator-warmup");
		warmup.setDaemon(true);
		warmup.start();
	}
}
