package org.openrcm.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Decides the security mode before anything starts, from {@code openrcm.security.issuer}.
 *
 * <p>With an issuer nothing changes here: Spring Security's auto-configuration runs and {@link ResourceServerConfig}
 * supplies the filter chain. Without one (the embedded developer default) the server must stay a local tool:
 * <ul>
 *   <li>the {@code prod} profile refuses to start;</li>
 *   <li>{@code server.address} must be a loopback address (127.0.0.1 when unset); any other refuses to start,
 *       because the server would hand PHI to anyone on the network;</li>
 *   <li>Spring Security's auto-configurations are left out, so requests reach the FHIR servlet exactly as they do
 *       without Spring Security on the class path (no filter, no firewall, no extra headers).</li>
 * </ul>
 * The loud warning is {@link OpenModeWarning}'s.
 */
public final class SecurityModePostProcessor implements EnvironmentPostProcessor {

	/** The profile that must never run without authentication. */
	static final String PROD_PROFILE = "prod";

	/** Spring Security's servlet auto-configurations, left out when no issuer is configured. */
	static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
			"org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.autoconfigure.security.oauth2.resource.servlet."
					+ "OAuth2ResourceServerAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration");

	private static final String EXCLUDE_PROPERTY = "spring.autoconfigure.exclude";
	private static final String ADDRESS_PROPERTY = "server.address";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty(SecurityProperties.ISSUER_PROPERTY))) {
			return;
		}
		if (environment.acceptsProfiles(Profiles.of(PROD_PROFILE))) {
			throw new IllegalStateException("The '" + PROD_PROFILE + "' profile needs "
					+ SecurityProperties.ISSUER_PROPERTY + " (the OpenID Connect issuer whose tokens are accepted); "
					+ "without it the server would serve PHI to anyone. Set it, or run without the profile.");
		}
		String address = environment.getProperty(ADDRESS_PROPERTY);
		if (StringUtils.hasText(address) && !isLoopback(address.trim())) {
			throw new IllegalStateException(ADDRESS_PROPERTY + "=" + address + " is not a loopback address, and "
					+ SecurityProperties.ISSUER_PROPERTY + " is not set: without authentication the server listens "
					+ "on loopback only. Configure an issuer (see README, Security) or bind to 127.0.0.1.");
		}
		Set<String> excluded = new LinkedHashSet<>();
		String configured = environment.getProperty(EXCLUDE_PROPERTY);
		if (StringUtils.hasText(configured)) {
			excluded.addAll(StringUtils.commaDelimitedListToSet(configured.replaceAll("\\s", "")));
		}
		excluded.addAll(SECURITY_AUTO_CONFIGURATIONS);
		Map<String, Object> overrides = new java.util.HashMap<>();
		overrides.put(EXCLUDE_PROPERTY, String.join(",", excluded));
		if (!StringUtils.hasText(address)) {
			overrides.put(ADDRESS_PROPERTY, "127.0.0.1");
		}
		environment.getPropertySources().addFirst(new MapPropertySource("openrcm-open-mode", overrides));
	}

	/** Whether the address is a loopback address (a name is resolved; one that does not resolve is not). */
	static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		} catch (UnknownHostException e) {
			return false;
		}
	}
}
