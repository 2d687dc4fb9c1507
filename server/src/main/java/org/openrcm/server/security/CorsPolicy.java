package org.openrcm.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The CORS answer for browser-based SMART apps, from {@code openrcm.security.cors.*}: the same in both modes.
 * Without allowed origins there is no CORS configuration at all, so no CORS headers are sent and browsers keep
 * pages of other origins from reading the API.
 */
final class CorsPolicy implements CorsConfigurationSource {

	private final CorsConfiguration configuration;

	CorsPolicy(SecurityProperties.Cors cors) {
		if (cors.allowedOrigins().isEmpty()) {
			configuration = null;
			return;
		}
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOriginPatterns(cors.allowedOrigins());
		config.setAllowedMethods(cors.allowedMethods());
		config.setAllowedHeaders(cors.allowedHeaders());
		config.setExposedHeaders(cors.exposedHeaders());
		// bearer tokens travel in the Authorization header, never in cookies
		config.setAllowCredentials(false);
		config.setMaxAge(cors.maxAge());
		configuration = config;
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		return configuration;
	}
}
