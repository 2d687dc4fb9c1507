package org.openrcm.server.denials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring wiring alone (no FHIR server): how {@code openrcm.denials.*} binds and validates, and that the feature
 * offers the classifier and registers {@code $denial-patterns}.
 */
class DenialsConfigTest {

	@Configuration
	@EnableConfigurationProperties(DenialsProperties.class)
	static class Application {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		FhirContext fhirContext() {
			return FhirContext.forR4Cached();
		}

		@Bean
		DaoRegistry daoRegistry() {
			return mock(DaoRegistry.class);
		}
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
					ValidationAutoConfiguration.class))
			.withUserConfiguration(Application.class, DenialsConfig.class);

	@Test
	void startsWithTheDocumentedDefaultsAndRegistersTheOperation() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DenialsProperties.class))
					.isEqualTo(new DenialsProperties(Period.ofDays(90), 100_000));
			assertThat(context.getBean(DenialClassifier.class).classify("CO", "197").category())
					.isEqualTo(DenialCategory.AUTHORIZATION);

			RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
			context.getBean(FhirServerContribution.class).contributeTo(server);
			assertThat(server.getPlainProviders()).hasAtLeastOneElementOfType(DenialPatternsOperationProvider.class);
		});
	}

	@Test
	void thePeriodTakesTheShortForm() {
		runner.withPropertyValues("openrcm.denials.default-period=30d", "openrcm.denials.max-tasks=5000")
				.run(context -> assertThat(context.getBean(DenialsProperties.class))
						.isEqualTo(new DenialsProperties(Period.ofDays(30), 5000)));
	}

	@Test
	void aMaximumBelowOneIsRefusedAtStartUp() {
		runner.withPropertyValues("openrcm.denials.max-tasks=0")
				.run(context -> assertThat(context).hasFailed());
	}
}
