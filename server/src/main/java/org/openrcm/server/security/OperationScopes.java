package org.openrcm.server.security;

import static org.openrcm.server.security.SmartScope.ANY_TYPE;
import static org.openrcm.server.security.SmartScope.Interaction.CREATE;
import static org.openrcm.server.security.SmartScope.Interaction.DELETE;
import static org.openrcm.server.security.SmartScope.Interaction.READ;
import static org.openrcm.server.security.SmartScope.Interaction.SEARCH;
import static org.openrcm.server.security.SmartScope.Interaction.UPDATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrcm.server.security.SmartScope.Interaction;

/**
 * The scopes each FHIR operation needs. An operation is allowed when {@code user/} or {@code system/} scopes grant
 * every one of its needs; {@code patient/} scopes call no operation. An operation not listed here is refused to
 * every token ({@code ORCM-2006}): a new operation must be added with what it reads and writes.
 *
 * <p>The needs name every type an operation writes: inside an operation HAPI still checks each write against the
 * token's create and update scopes (its reads are allowed once the operation is), so a write the needs leave out
 * would be refused half-way.
 *
 * <p>A need on {@value #REQUEST_TYPE} is on the resource type the operation is called on ({@code $validate},
 * {@code $meta}); a need on {@value SmartScope#ANY_TYPE} is met only by a wildcard scope ({@code system/*.cud}),
 * for operations that touch whatever a file or a batch holds.
 */
public final class OperationScopes {

	/** A need on the resource type in the request's URL. */
	public static final String REQUEST_TYPE = "{type}";

	/** One thing an operation needs: an interaction on a resource type. */
	public record Need(String resourceType, Interaction interaction) {}

	/**
	 * An operation and its needs.
	 *
	 * @param name the operation's name with its {@code $}
	 * @param resourceType the type it is called on, or empty for a server-level operation, or {@value #REQUEST_TYPE}
	 *                     for an operation of every type
	 * @param needs what a token needs to call it
	 * @param checkResponses whether each resource in the answer is also checked against the token's read scopes
	 *                       (for operations that return stored resources, such as {@code $everything}); otherwise
	 *                       the operation's own reads and writes are allowed once its needs are met
	 */
	public record OperationNeeds(String name, String resourceType, List<Need> needs, boolean checkResponses) {

		public OperationNeeds {
			needs = List.copyOf(needs);
		}

		/** The needs with {@value #REQUEST_TYPE} replaced by the type the operation was called on. */
		public List<Need> needsOn(String requestType) {
			return needs.stream()
					.map(need -> REQUEST_TYPE.equals(need.resourceType())
							? new Need(requestType == null ? ANY_TYPE : requestType, need.interaction())
							: need)
					.toList();
		}
	}

	private static final Map<String, OperationNeeds> OPERATIONS = operations();

	private static Map<String, OperationNeeds> operations() {
		Map<String, OperationNeeds> map = new LinkedHashMap<>();
		// claims: drafting, scrubbing, 837, submission (a Da Vinci PAS Bundle's other resources are written with the
		// token's own create/update scopes, in one transaction), actions on denials, status, prior authorization
		add(map, "$draft-claim", "Encounter", false, need("Encounter", READ), need("Claim", CREATE));
		add(map, "$suggest-codes", "Encounter", false, need("Encounter", READ));
		add(map, "$scrub", "Claim", false, need("Claim", READ), need("Claim", UPDATE));
		add(map, "$x12-837", "Claim", false, need("Claim", READ));
		add(map, "$submit", "Claim", false, need("Claim", CREATE), need("Claim", UPDATE),
				need("ClaimResponse", CREATE));
		add(map, "$correct", "Claim", false, need("Claim", READ), need("Claim", CREATE));
		add(map, "$appeal", "Claim", false, need("Claim", READ), need("Task", CREATE),
				need("Communication", CREATE));
		add(map, "$write-off", "Claim", false, need("Claim", UPDATE), need("Task", UPDATE));
		add(map, "$status", "Claim", false, need("Claim", READ), need("Task", CREATE), need("Task", UPDATE));
		add(map, "$inquire", "Claim", false, need("Claim", READ), need("ClaimResponse", READ),
				need("ClaimResponse", UPDATE));
		add(map, "$denial-patterns", "", false, need("Task", SEARCH));
		// eligibility
		add(map, "$submit", "CoverageEligibilityRequest", false, need("CoverageEligibilityRequest", CREATE),
				need("CoverageEligibilityResponse", CREATE), need("CoverageEligibilityResponse", UPDATE),
				need("Coverage", UPDATE));
		add(map, "$eligibility-batch", "", false, need("Encounter", SEARCH), need("Coverage", SEARCH),
				need("Coverage", UPDATE), need("CoverageEligibilityRequest", CREATE),
				need("CoverageEligibilityResponse", CREATE), need("CoverageEligibilityResponse", UPDATE),
				need("Task", CREATE), need("Task", UPDATE));
		// X12 files in and out: they change whatever the file holds
		add(map, "$x12-ingest", "", false, need(ANY_TYPE, CREATE), need(ANY_TYPE, UPDATE));
		add(map, "$clearinghouse-exchange", "", false, need(ANY_TYPE, CREATE), need(ANY_TYPE, UPDATE));
		// terminology (no PHI)
		add(map, "$suggest-codes", "", false, need("CodeSystem", READ));
		for (String type : List.of("ValueSet", "CodeSystem")) {
			add(map, "$expand", type, false, need(type, READ));
			add(map, "$validate-code", type, false, need(type, READ));
		}
		add(map, "$lookup", "CodeSystem", false, need("CodeSystem", READ));
		add(map, "$subsumes", "CodeSystem", false, need("CodeSystem", READ));
		add(map, "$translate", "ConceptMap", false, need("ConceptMap", READ));
		// reading what is stored, each answer checked against the read scopes
		add(map, "$everything", "Patient", true, need("Patient", READ));
		add(map, "$meta", REQUEST_TYPE, true, need(REQUEST_TYPE, READ));
		add(map, "$validate", REQUEST_TYPE, false, need(REQUEST_TYPE, READ));
		// bulk export (the export itself is checked again by the bulk-export rule)
		for (String type : List.of("", "Patient", "Group")) {
			add(map, "$export", type, false, need(ANY_TYPE, READ), need(ANY_TYPE, SEARCH));
		}
		add(map, "$export-poll-status", "", false, need(ANY_TYPE, READ));
		// tenants (server level, tenant DEFAULT)
		add(map, "$partition-management-create-partition", "", false, need(ANY_TYPE, CREATE));
		add(map, "$partition-management-update-partition", "", false, need(ANY_TYPE, UPDATE));
		add(map, "$partition-management-delete-partition", "", false, need(ANY_TYPE, DELETE));
		add(map, "$partition-management-read-partition", "", false, need(ANY_TYPE, READ));
		add(map, "$partition-management-list-partitions", "", false, need(ANY_TYPE, READ));
		return java.util.Collections.unmodifiableMap(map);
	}

	private OperationScopes() {}

	private static Need need(String type, Interaction interaction) {
		return new Need(type, interaction);
	}

	private static void add(Map<String, OperationNeeds> map, String name, String type, boolean checkResponses,
			Need... needs) {
		map.put(key(name, type), new OperationNeeds(name, type, List.of(needs), checkResponses));
	}

	private static String key(String name, String type) {
		return type + "/" + name;
	}

	/**
	 * The needs of the operation called on the type (empty or null for a server-level call), or empty when the
	 * operation is not mapped.
	 */
	public static Optional<OperationNeeds> find(String name, String resourceType) {
		String type = resourceType == null ? "" : resourceType;
		OperationNeeds found = OPERATIONS.get(key(name, type));
		if (found == null && !type.isEmpty()) {
			found = OPERATIONS.get(key(name, REQUEST_TYPE));
		}
		return Optional.ofNullable(found);
	}

	/** Every mapped operation, for documentation and tests. */
	public static List<OperationNeeds> all() {
		return List.copyOf(OPERATIONS.values());
	}
}
