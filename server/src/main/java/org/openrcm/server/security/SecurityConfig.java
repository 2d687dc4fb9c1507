package org.openrcm.server.security;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the security feature provides in both modes: health contributor {@code security}, the open-mode warning,
 * and {@code /fhir/{tenant}/.well-known/smart-configuration}. The token checks themselves are
 * {@link ResourceServerConfig}'s, on only when {@code openrcm.security.issuer} is set.
 */
@Configuration
class SecurityConfig {

	/** Health contributor {@code security}. */
	@Bean
	HealthIndicator securityHealthIndicator(SecurityProperties properties) {
		return new SecurityHealthIndicator(properties);
	}

	/** The start-up warning of the open mode (silent when an issuer is configured). */
	@Bean
	OpenModeWarning openModeWarning(SecurityProperties properties) {
		return new OpenModeWarning(properties);
	}

	/** Serves the SMART configuration ahead of HAPI, after the security filters. */
	@Bean
	FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(FhirContext fhirContext,
			FhirServerProperties fhirProperties, ObjectProvider<AuthorizationServerEndpoints> endpoints) {
		FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
				new SmartConfigurationFilter(Optional.ofNullable(endpoints.getIfAvailable()),
						SmartScopeCatalog.scopes(fhirProperties.resourceTypes()),
						new OperationOutcomeResponses(fhirContext)));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(0);
		return registration;
	}
}
