package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The security mode chosen before start-up: open on loopback, refused, or left to Spring Security. */
class SecurityModePostProcessorTest {

	private static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", new HashMap<>(properties)));
		environment.setActiveProfiles(profiles);
		return environment;
	}

	private static StandardEnvironment processed(Map<String, Object> properties, String... profiles) {
		StandardEnvironment environment = environment(properties, profiles);
		new SecurityModePostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void withoutAnIssuerSpringSecurityIsLeftOutAndTheServerStaysOnLoopback() {
		StandardEnvironment environment = processed(Map.of());
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
				.contains("org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration")
				.contains("OAuth2ResourceServerAutoConfiguration")
				.contains("ManagementWebSecurityAutoConfiguration");
	}

	@Test
	void exclusionsAlreadyConfiguredAreKept() {
		StandardEnvironment environment = processed(Map.of("spring.autoconfigure.exclude", "com.example.Other",
				"server.address", "localhost"));
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).startsWith("com.example.Other,")
				.contains("SecurityFilterAutoConfiguration");
		assertThat(environment.getProperty("server.address")).isEqualTo("localhost");
	}

	@Test
	void withoutAnIssuerANetworkAddressRefusesToStart() {
		assertThatThrownBy(() -> processed(Map.of("server.address", "0.0.0.0")))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("server.address=0.0.0.0")
				.hasMessageContaining("openrcm.security.issuer");
	}

	@Test
	void theProdProfileRefusesToStartWithoutAnIssuer() {
		assertThatThrownBy(() -> processed(Map.of(), "prod"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("'prod' profile needs openrcm.security.issuer");
		assertThatThrownBy(() -> processed(Map.of("openrcm.security.issuer", "  "), "prod"))
				.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void withAnIssuerNothingChanges() {
		StandardEnvironment environment = processed(Map.of("openrcm.security.issuer", "https://id.example.org/realms/x",
				"server.address", "0.0.0.0"), "prod");
		assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}
}
