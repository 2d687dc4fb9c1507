package org.openrcm.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import java.time.Clock;
import java.util.List;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The web application of the fast security tests: Spring Security's resource server and this package's interceptors
 * (with an issuer configured, by the test class, usually a {@link TestIssuer}) in front of a small in-memory HAPI
 * server, no database. A test class names what that server serves with a {@link Served} bean in a configuration of
 * its own, next to this one in its {@code @SpringBootTest(classes = ...)}.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class,
	ConfigurationPropertiesAutoConfiguration.class, SecurityAutoConfiguration.class,
	SecurityFilterAutoConfiguration.class})
@EnableConfigurationProperties({SecurityProperties.class, FhirServerProperties.class})
@Import({ResourceServerConfig.class, SecurityConfig.class})
class SecuredTestApplication {

	/** The resource providers and plain providers (operations) the in-memory FHIR server serves. */
	record Served(List<Object> providers) {}

	@Bean
	FhirContext fhirContext() {
		return FhirContext.forR4Cached();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhirContext, Served served,
			ObjectProvider<FhirServerContribution> contributions) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
		server.registerProviders(served.providers());
		contributions.orderedStream().forEach(contribution -> contribution.contributeTo(server));
		return new ServletRegistrationBean<>(server, "/fhir/*");
	}
}
