package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The sandbox rules as the integrator's configuration binds them ({@code openrcm.sandbox.*}, kebab-case), through
 * Spring Boot's binder alone, without an application context.
 */
class SandboxRulesTest {

	@Test
	void nothingConfiguredGivesTheDocumentedDefaults() {
		SandboxRules rules = bind(Map.of());

		assertThat(rules).isEqualTo(SandboxRules.defaults());
		assertThat(rules.rejectedMemberIdPrefix()).isEqualTo("REJ");
		assertThat(rules.knownPayerIds()).isEmpty();
		assertThat(rules.randomRejectionRate()).isZero();
	}

	@Test
	void everyRuleIsConfigurable() {
		SandboxRules rules = bind(Map.of("openrcm.sandbox.rejected-member-id-prefix", "NOTFOUND",
				"openrcm.sandbox.known-payer-ids", "60054, 87726", "openrcm.sandbox.random-rejection-rate", "0.25",
				"openrcm.sandbox.random-seed", "99"));

		assertThat(rules).isEqualTo(new SandboxRules("NOTFOUND", List.of("60054", "87726"), 0.25, 99));
	}

	@Test
	void aRateOutsideZeroToOneIsRefused() {
		assertThatThrownBy(() -> bind(Map.of("openrcm.sandbox.random-rejection-rate", "1.5")))
				.isInstanceOf(BindException.class).hasRootCauseMessage(
						"the random rejection rate must lie between 0 and 1, not 1.5");
	}

	private static SandboxRules bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("openrcm.sandbox",
				SandboxRules.class);
	}
}
