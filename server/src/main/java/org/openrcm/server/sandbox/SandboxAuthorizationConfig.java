package org.openrcm.server.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox's 278 answerer ({@link SandboxAuthorization}): the payer sandbox takes every
 * {@link SandboxRequestAnswerer} bean, so prior authorization requests sent to it get a 278 response.
 */
@Configuration
class SandboxAuthorizationConfig {

	@Bean
	SandboxAuthorization sandboxAuthorization(SandboxAuthorizationRules rules) {
		return new SandboxAuthorization(rules);
	}
}
