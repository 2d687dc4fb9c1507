package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The sandbox payer's payment rules as the integrator's configuration binds them
 * ({@code openrcm.sandbox.remittance.*}, kebab-case), through Spring Boot's binder alone.
 */
class SandboxRemittanceRulesTest {

	@Test
	void nothingConfiguredGivesTheDocumentedDefaults() {
		SandboxRemittanceRules rules = bind(Map.of());

		assertThat(rules).isEqualTo(SandboxRemittanceRules.defaults());
		assertThat(rules.enabled()).isTrue();
		assertThat(rules.allowedPercent()).isEqualByComparingTo("80");
		assertThat(rules.coinsurancePercent()).isEqualByComparingTo("20");
		assertThat(rules.deductiblePerPatient()).isZero();
		assertThat(rules.copay()).isZero();
		assertThat(rules.deniedMemberIdPrefix()).isEqualTo("DENY16");
		assertThat(rules.authorizationRequired()).isEmpty();
		assertThat(rules.timelyFilingDays()).isEqualTo(365);
		assertThat(rules.denialRate()).isZero();
		assertThat(rules.paymentMethod()).isEqualTo("ACH");
		assertThat(rules.interest()).isZero();
	}

	@Test
	void everyRuleIsConfigurable() {
		Map<String, String> properties = new HashMap<>();
		String prefix = "openrcm.sandbox.remittance.";
		properties.put(prefix + "enabled", "false");
		properties.put(prefix + "allowed-percent", "75.5");
		properties.put(prefix + "allowed-amounts.99213", "92.10");
		properties.put(prefix + "allowed-amounts.[G0008]", "30");
		properties.put(prefix + "deductible-per-patient", "500");
		properties.put(prefix + "coinsurance-percent", "10");
		properties.put(prefix + "copay", "25");
		properties.put(prefix + "denied-member-id-prefix", "NOPE");
		properties.put(prefix + "authorization-required", "70553, 27447");
		properties.put(prefix + "timely-filing-days", "90");
		properties.put(prefix + "denial-rate", "0.1");
		properties.put(prefix + "seed", "77");
		properties.put(prefix + "payment-method", "chk");
		properties.put(prefix + "payment-delay-days", "7");
		properties.put(prefix + "interest", "1.50");

		SandboxRemittanceRules rules = bind(properties);

		assertThat(rules).isEqualTo(new SandboxRemittanceRules(false, new BigDecimal("75.5"),
				Map.of("99213", new BigDecimal("92.10"), "G0008", new BigDecimal("30")), new BigDecimal("500"),
				new BigDecimal("10"), new BigDecimal("25"), "NOPE", List.of("70553", "27447"), 90, 0.1, 77, "CHK", 7,
				new BigDecimal("1.50")));
	}

	@Test
	void valuesOutOfRangeAreRefused() {
		assertThatThrownBy(() -> bind(Map.of("openrcm.sandbox.remittance.denial-rate", "2")))
				.isInstanceOf(BindException.class)
				.hasRootCauseMessage("the denial rate must lie between 0 and 1, not 2.0");
		assertThatThrownBy(() -> bind(Map.of("openrcm.sandbox.remittance.allowed-percent", "120")))
				.isInstanceOf(BindException.class)
				.hasRootCauseMessage("the allowed percent must lie between 0 and 100, not 120");
		assertThatThrownBy(() -> bind(Map.of("openrcm.sandbox.remittance.payment-method", "WIRE")))
				.isInstanceOf(BindException.class)
				.hasRootCauseMessage("the payment method must be ACH or CHK, not WIRE");
	}

	private static SandboxRemittanceRules bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("openrcm.sandbox.remittance",
				SandboxRemittanceRules.class);
	}
}
