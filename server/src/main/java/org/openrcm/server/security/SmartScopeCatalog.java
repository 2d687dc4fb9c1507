package org.openrcm.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The scopes this server announces ({@code scopes_supported}) and the shipped Keycloak realm defines, one client
 * scope each: for every served resource type and for all types ({@code *}), {@code user/} and {@code system/} in the
 * v2 forms {@code .cruds} and {@code .rs} and the v1 forms {@code .read} and {@code .write}; {@code patient/} in
 * {@code .rs} and {@code .read} for the types a patient app reads; and the launch and identity scopes. Other v2
 * letter combinations ({@code user/Claim.cu}) are enforced the same way when an authorization server grants them.
 */
public final class SmartScopeCatalog {

	/** The scopes that are not resource scopes. */
	public static final List<String> NON_RESOURCE_SCOPES = List.of("openid", "fhirUser", "launch/patient",
			"offline_access");

	/** The resource types a patient app may read about its own patient ({@code patient/} scopes). */
	public static final Set<String> PATIENT_TYPES = Set.of("Patient", "Coverage", "Encounter", "Condition",
			"Procedure", "Observation", "DocumentReference", "Claim", "ClaimResponse", "ExplanationOfBenefit",
			"Invoice", "Account");

	private static final List<String> STAFF_FORMS = List.of("cruds", "rs", "read", "write");
	private static final List<String> PATIENT_FORMS = List.of("rs", "read");

	private SmartScopeCatalog() {}

	/** Every announced scope for the served resource types, in a stable order. */
	public static List<String> scopes(Collection<String> servedTypes) {
		List<String> scopes = new ArrayList<>(NON_RESOURCE_SCOPES);
		List<String> types = new ArrayList<>();
		types.add(SmartScope.ANY_TYPE);
		servedTypes.stream().sorted().forEach(types::add);
		for (String type : types) {
			if (SmartScope.ANY_TYPE.equals(type) || PATIENT_TYPES.contains(type)) {
				PATIENT_FORMS.forEach(form -> scopes.add("patient/" + type + "." + form));
			}
			for (String context : List.of("user", "system")) {
				STAFF_FORMS.forEach(form -> scopes.add(context + "/" + type + "." + form));
			}
		}
		return scopes;
	}
}
