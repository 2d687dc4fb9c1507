package org.openrcm.server.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.fhir.FhirServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;

/**
 * The OAuth2 resource server, on when {@code openrcm.security.issuer} is set: every request needs a bearer JWT from
 * the issuer (signature checked against the issuer's JWKS, {@code iss}, {@code aud} =
 * {@code openrcm.security.audience}, {@code exp}/{@code nbf} with {@code clock-skew}) except the health endpoints,
 * the CapabilityStatement ({@code /fhir/{tenant}/metadata}) and the SMART configuration, which SMART clients read
 * before they have a token.
 * A refused token is a 401 with a {@code WWW-Authenticate: Bearer} header and an OperationOutcome. What the token
 * may do in FHIR is {@link SmartAuthorizationInterceptor}'s decision. The chain also applies {@link CorsPolicy}
 * (preflights need no token), the security headers and the per-client {@link RateLimitFilter}.
 */
@Configuration
@Conditional(IssuerConfigured.class)
@EnableWebSecurity
class ResourceServerConfig {

	private final ObjectProvider<SecurityRefusalListener> refusals;

	ResourceServerConfig(ObjectProvider<SecurityRefusalListener> refusals) {
		this.refusals = refusals;
	}

	@Bean
	AuthorizationServerEndpoints authorizationServerEndpoints(SecurityProperties properties) {
		return new AuthorizationServerEndpoints(properties);
	}

	/**
	 * Validates tokens. The issuer's keys are looked up on the first token, not at start-up, so the server starts
	 * while the identity server is down; until the keys are read, tokens are refused.
	 */
	@Bean
	JwtDecoder jwtDecoder(SecurityProperties properties, AuthorizationServerEndpoints endpoints, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
				timestamps,
				new JwtIssuerValidator(properties.issuer()),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						audience -> audience != null && audience.contains(properties.audience()))));
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(endpoints.endpoints().jwkSet()).build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	@Bean
	SecurityFilterChain openRcmSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, FhirContext fhirContext,
			SecurityProperties properties, FilterRegistrationBean<RateLimitFilter> rateLimitFilter) throws Exception {
		OperationOutcomeResponses outcomes = new OperationOutcomeResponses(fhirContext);
		AuthenticationEntryPoint entryPoint = entryPoint(outcomes);
		AccessDeniedHandler denied = accessDenied(outcomes);
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				// CORS preflights are answered before authentication: they carry no token
				.cors(cors -> cors.configurationSource(new CorsPolicy(properties.cors())))
				// nosniff, no-store, X-Frame-Options and HSTS (over TLS) are Spring Security's defaults
				.headers(headers -> headers
						.frameOptions(frame -> frame.deny())
						.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(RegexRequestMatcher.regexMatcher(HttpMethod.GET, "/actuator/health(/.*)?"))
						.permitAll()
						.requestMatchers(RegexRequestMatcher.regexMatcher(HttpMethod.GET,
								"/fhir/[^/?]+/(metadata|\\.well-known/smart-configuration/?)(\\?.*)?"))
						.permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(decoder))
						.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler(denied))
				.exceptionHandling(handling -> handling
						.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler(denied));
		if (properties.rateLimited()) {
			// per token client: right after the token is read, before anything else is done for the request
			http.addFilterAfter(rateLimitFilter.getFilter(), BearerTokenAuthenticationFilter.class);
		}
		return http.build();
	}

	/**
	 * 401: the bearer challenge header, and an OperationOutcome saying whether the token was missing or refused;
	 * each {@link SecurityRefusalListener} (the audit trail) is told first.
	 */
	private AuthenticationEntryPoint entryPoint(OperationOutcomeResponses outcomes) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		bearer.setRealmName("openrcm");
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			boolean tokenSent = exception instanceof OAuth2AuthenticationException;
			ErrorCode code = tokenSent ? ErrorCode.TOKEN_INVALID : ErrorCode.AUTHENTICATION_REQUIRED;
			String message = tokenSent ? "the bearer token is not accepted: " + reason(exception)
					: "this server needs a bearer token (OAuth2, SMART on FHIR); see .well-known/smart-configuration";
			refusals.orderedStream().forEach(listener -> listener.refused(request, response,
					HttpServletResponse.SC_UNAUTHORIZED, code, message));
			outcomes.write(response, HttpServletResponse.SC_UNAUTHORIZED, code, message);
		};
	}

	private static String reason(AuthenticationException exception) {
		String message = exception.getMessage();
		return message == null || message.isBlank() ? "invalid token" : message;
	}

	private static AccessDeniedHandler accessDenied(OperationOutcomeResponses outcomes) {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		bearer.setRealmName("openrcm");
		return (request, response, exception) -> {
			bearer.handle(request, response, exception);
			outcomes.write(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.SCOPE_INSUFFICIENT,
					"the token does not allow this request");
		};
	}

	/** The SMART authorization interceptors, registered right after tenancy. */
	@Bean
	@Order(1)
	FhirServerContribution smartAuthorization(SecurityProperties properties, AuthorizationServerEndpoints endpoints,
			FhirServerProperties fhirProperties) {
		SmartAccessResolver resolver = new SmartAccessResolver(properties);
		return server -> {
			server.registerInterceptor(new SmartSearchNarrowingInterceptor(resolver));
			server.registerInterceptor(new SmartAuthorizationInterceptor(resolver, fhirProperties.resourceTypes()));
			server.registerInterceptor(new SmartCapabilityInterceptor(endpoints));
		};
	}
}
