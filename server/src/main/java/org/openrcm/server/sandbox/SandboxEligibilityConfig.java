package org.openrcm.server.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payer sandbox's eligibility answers: a {@link SandboxRequestAnswerer} bean the sandbox takes up for 270s, with
 * its rules from {@code openrcm.sandbox.eligibility.*} ({@link SandboxEligibilityProperties}).
 */
@Configuration
class SandboxEligibilityConfig {

	@Bean
	SandboxEligibility sandboxEligibility(SandboxEligibilityProperties properties) {
		return new SandboxEligibility(properties);
	}
}
