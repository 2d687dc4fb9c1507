package org.openrcm.server.security;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Optional;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.CorsFilter;

/**
 * What the security feature provides in both modes: health contributor {@code security}, the open-mode warning,
 * {@code /fhir/{tenant}/.well-known/smart-configuration}, the per-client rate limit, and (in the open mode, where
 * Spring Security does not run) CORS and the security headers. The token checks themselves are
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

	/**
	 * The per-client rate limit, off unless {@link SecurityProperties#rateLimited()}. With an issuer
	 * {@link ResourceServerConfig} puts it into Spring Security's chain right after the bearer token is read (so it
	 * knows the token's client), and this servlet registration stays off; in the open mode it is this servlet filter
	 * and limits per remote address.
	 */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(SecurityProperties properties, FhirContext fhirContext,
			Clock clock) {
		SecurityProperties.RateLimit limit = properties.rateLimit();
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(
				new ClientRateLimiter(clock, limit.requestsPerMinute(), limit.burst(), limit.maxClients()),
				new OperationOutcomeResponses(fhirContext)));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(-50);
		registration.setEnabled(properties.rateLimited() && !properties.enabled());
		return registration;
	}

	/** CORS in the open mode (with an issuer, Spring Security's chain applies the same {@link CorsPolicy}). */
	@Bean
	FilterRegistrationBean<CorsFilter> openModeCorsFilter(SecurityProperties properties) {
		FilterRegistrationBean<CorsFilter> registration =
				new FilterRegistrationBean<>(new CorsFilter(new CorsPolicy(properties.cors())));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(!properties.enabled());
		return registration;
	}

	/** Security headers in the open mode (with an issuer, Spring Security's chain writes them). */
	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> openModeSecurityHeadersFilter(SecurityProperties properties) {
		FilterRegistrationBean<SecurityHeadersFilter> registration =
				new FilterRegistrationBean<>(new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setEnabled(!properties.enabled());
		return registration;
	}
}
