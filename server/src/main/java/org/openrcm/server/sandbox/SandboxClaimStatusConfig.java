package org.openrcm.server.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox payer's claim status answers (276 with 277), one of the {@link SandboxRequestAnswerer} beans. */
@Configuration
class SandboxClaimStatusConfig {

	@Bean
	SandboxClaimStatus sandboxClaimStatus(SandboxClaimStatusRules rules) {
		return new SandboxClaimStatus(rules);
	}
}
