package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The OpenRCM implementation guide in the server: installed at start-up, enforced on incoming resources. */
@Configuration
class ConformanceConfig {

	@Bean
	ProfileValidator profileValidator(
			FhirContext fhirContext, @Qualifier("myJpaValidationSupportChain") IValidationSupport validationSupport) {
		return new ProfileValidator(fhirContext, validationSupport);
	}

	@Bean
	@Order(20)
	FhirServerContribution profileValidation(
			FhirContext fhirContext, ProfileValidator validator, ValidationProperties properties) {
		ProfileValidationInterceptor interceptor = new ProfileValidationInterceptor(fhirContext, validator, properties);
		return server -> server.registerInterceptor(interceptor);
	}
}
