package org.openrcm.server.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR resource scope, e.g. {@code patient/ExplanationOfBenefit.rs} (SMART App Launch 2.x) or
 * {@code user/Claim.write} (1.0). Scopes that are not resource scopes ({@code openid}, {@code fhirUser},
 * {@code launch/patient}, {@code offline_access}, ...) grant no access and are not parsed.
 *
 * @param context whose data the scope reaches: one patient's, what the user may see, or the whole system's
 * @param resourceType a FHIR resource type, or {@value #ANY_TYPE} for all of them
 * @param interactions what the scope allows on that type
 */
public record SmartScope(Context context, String resourceType, Set<Interaction> interactions) {

	/** The resource type of a wildcard scope ({@code user/*.rs}). */
	public static final String ANY_TYPE = "*";

	/** {@code context/Type.permissions}; permissions are v2 letters ({@code cruds} in order) or v1 words. */
	private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)");
	private static final Pattern V2_PERMISSIONS = Pattern.compile("c?r?u?d?s?");

	public SmartScope {
		interactions = Set.copyOf(interactions);
	}

	/** The compartment a scope's data lies in. */
	public enum Context {
		/** {@code patient/}: only the resources in the token's patient's compartment. */
		PATIENT,
		/** {@code user/}: what the signed-in user may see (here: everything in the token's tenants). */
		USER,
		/** {@code system/}: a backend service with no user (here: everything in the token's tenants). */
		SYSTEM
	}

	/** The SMART v2 interactions ({@code c r u d s}); v1 {@code read} is {@code rs}, {@code write} is {@code cud}. */
	public enum Interaction {
		CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

		private final char letter;

		Interaction(char letter) {
			this.letter = letter;
		}

		/** The v2 permission letter. */
		public char letter() {
			return letter;
		}
	}

	/**
	 * Parses a resource scope. A v2 scope with a query ({@code patient/Observation.rs?category=...}, granular
	 * scopes) is not supported and grants nothing; neither does anything that is not a resource scope.
	 */
	public static Optional<SmartScope> parse(String scope) {
		Matcher matcher = SCOPE.matcher(scope);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Context context = Context.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
		String permissions = matcher.group(3);
		Set<Interaction> interactions = switch (permissions) {
			case "read" -> EnumSet.of(Interaction.READ, Interaction.SEARCH);
			case "write" -> EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
			case "*" -> EnumSet.allOf(Interaction.class);
			default -> v2(permissions);
		};
		return interactions.isEmpty() ? Optional.empty() : Optional.of(new SmartScope(context, matcher.group(2),
				interactions));
	}

	private static Set<Interaction> v2(String permissions) {
		Set<Interaction> interactions = EnumSet.noneOf(Interaction.class);
		if (!V2_PERMISSIONS.matcher(permissions).matches()) {
			return interactions;
		}
		for (Interaction interaction : Interaction.values()) {
			if (permissions.indexOf(interaction.letter()) >= 0) {
				interactions.add(interaction);
			}
		}
		return interactions;
	}

	/** Whether this scope covers the type (its own, or any type for a wildcard). */
	public boolean covers(String type) {
		return ANY_TYPE.equals(resourceType) || resourceType.equals(type);
	}
}
