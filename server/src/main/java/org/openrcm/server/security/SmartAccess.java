package org.openrcm.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openrcm.server.security.SmartScope.Context;
import org.openrcm.server.security.SmartScope.Interaction;

/**
 * What one access token allows, read from its claims: the SMART resource scopes, the tenants (practices) it may act
 * in and, for {@code patient/} scopes, the patient it is narrowed to.
 *
 * @param subject the token's {@code sub} (a user or a client's service account), for messages and the audit trail
 * @param clientId the client the token was issued to ({@code azp} or {@code client_id}); empty when absent
 * @param scopes the resource scopes granted; scopes that are not resource scopes are left out
 * @param tenants the tenants named by the tenants claim
 * @param patient the logical id of the token's patient (SMART launch context), if any
 * @param roles the token's roles (Keycloak realm roles: coder, biller, manager, auditor, integration), from the
 *              configured roles claim; empty when the token has none
 */
public record SmartAccess(String subject, String clientId, List<SmartScope> scopes, Set<String> tenants,
		Optional<String> patient, Set<String> roles) {

	private static final String PATIENT_PREFIX = "Patient/";

	public SmartAccess {
		scopes = List.copyOf(scopes);
		tenants = Set.copyOf(tenants);
		roles = roles == null ? Set.of() : Set.copyOf(roles);
	}

	/** An access without roles. */
	public SmartAccess(String subject, String clientId, List<SmartScope> scopes, Set<String> tenants,
			Optional<String> patient) {
		this(subject, clientId, scopes, tenants, patient, Set.of());
	}

	/**
	 * Reads a token's claims. Scopes come from {@code scope} (space-separated, RFC 8693/9068) or {@code scp} (a
	 * list); tenants from the named claim, a list or one string, with a leading {@code /} of a group path dropped;
	 * the patient from the named claim, with a {@code Patient/} prefix dropped.
	 */
	public static SmartAccess fromClaims(Map<String, Object> claims, String tenantsClaim, String patientClaim) {
		return fromClaims(claims, tenantsClaim, patientClaim, "");
	}

	/**
	 * Reads a token's claims as {@link #fromClaims(Map, String, String)} does, and its roles from the claim at
	 * {@code rolesClaim}: a dotted path into nested objects ({@code realm_access.roles}, where Keycloak puts realm
	 * roles), holding a list or a space-separated string. A blank path reads no roles.
	 */
	public static SmartAccess fromClaims(Map<String, Object> claims, String tenantsClaim, String patientClaim,
			String rolesClaim) {
		List<SmartScope> scopes = new ArrayList<>();
		for (String scope : strings(claims.get("scope") != null ? claims.get("scope") : claims.get("scp"))) {
			SmartScope.parse(scope).ifPresent(scopes::add);
		}
		Set<String> tenants = new LinkedHashSet<>();
		for (String tenant : strings(claims.get(tenantsClaim))) {
			tenants.add(tenant.startsWith("/") ? tenant.substring(1) : tenant);
		}
		Optional<String> patient = strings(claims.get(patientClaim)).stream().findFirst()
				.map(id -> id.startsWith(PATIENT_PREFIX) ? id.substring(PATIENT_PREFIX.length()) : id)
				.filter(id -> !id.isBlank());
		Object client = claims.get("azp") != null ? claims.get("azp") : claims.get("client_id");
		return new SmartAccess(String.valueOf(claims.getOrDefault("sub", "")), client == null ? "" : client.toString(),
				scopes, tenants, patient, new LinkedHashSet<>(strings(claimAt(claims, rolesClaim))));
	}

	/** The value at a dotted claim path, or null. */
	private static Object claimAt(Map<String, Object> claims, String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		Object value = claims;
		for (String part : path.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(part);
		}
		return value;
	}

	/** Whether the token has the role. */
	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	private static List<String> strings(Object value) {
		List<String> values = new ArrayList<>();
		if (value instanceof String text) {
			for (String part : text.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					values.add(part);
				}
			}
		} else if (value instanceof Collection<?> collection) {
			for (Object item : collection) {
				if (item != null && !item.toString().isBlank()) {
					values.add(item.toString().trim());
				}
			}
		}
		return values;
	}

	/** Whether a {@code user/} or {@code system/} scope grants the interaction on the type. */
	public boolean grantsBroadly(String type, Interaction interaction) {
		return scopes.stream().anyMatch(scope -> scope.context() != Context.PATIENT && scope.covers(type)
				&& scope.interactions().contains(interaction));
	}

	/** Whether a {@code patient/} scope grants the interaction on the type (and the token names its patient). */
	public boolean grantsForPatient(String type, Interaction interaction) {
		return patient.isPresent() && scopes.stream().anyMatch(scope -> scope.context() == Context.PATIENT
				&& scope.covers(type) && scope.interactions().contains(interaction));
	}

	/** Whether any scope, broad or narrowed to the patient, grants the interaction on the type. */
	public boolean grants(String type, Interaction interaction) {
		return grantsBroadly(type, interaction) || grantsForPatient(type, interaction);
	}

	/** Whether the token has {@code patient/} scopes but no patient to narrow them to. */
	public boolean patientScopesWithoutPatient() {
		return patient.isEmpty() && scopes.stream().anyMatch(scope -> scope.context() == Context.PATIENT);
	}
}
