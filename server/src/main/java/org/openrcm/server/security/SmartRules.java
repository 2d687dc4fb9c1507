package org.openrcm.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifierFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.security.OperationScopes.Need;
import org.openrcm.server.security.OperationScopes.OperationNeeds;
import org.openrcm.server.security.SmartScope.Context;
import org.openrcm.server.security.SmartScope.Interaction;

/**
 * Decides what one request may do with one token, in two steps, without Spring:
 * <ol>
 *   <li>the request as a whole: the URL's tenant must be one of the token's tenants; the interaction must be granted
 *       on the resource type (SMART v2 letters: read {@code r}, search {@code s}, create {@code c}, update and patch
 *       {@code u}, delete {@code d}); each entry of a batch or transaction likewise; an operation must be mapped in
 *       {@link OperationScopes} and its needs granted by {@code user/} or {@code system/} scopes;</li>
 *   <li>the resources it touches: HAPI rules built from the scopes ({@code patient/} scopes limited to the token
 *       patient's compartment), which HAPI's AuthorizationInterceptor applies to what is read, written and returned
 *       (so a read of another patient's resource, or a search that would return one, is refused).</li>
 * </ol>
 */
public final class SmartRules {

	private SmartRules() {}

	/**
	 * One entry of a batch or transaction: its HTTP method, the resource type in its URL and whether that URL is a
	 * search (a GET without an id).
	 */
	public record Entry(String method, String resourceType, boolean search) {}

	/**
	 * The facts of a request that the decision depends on.
	 *
	 * @param tenant the tenant named in the URL
	 * @param operation HAPI's kind of request
	 * @param resourceType the resource type in the URL, or null
	 * @param operationName the operation's name with its {@code $} for an operation, else null
	 * @param entries the entries of a batch or transaction, else empty
	 */
	public record Request(String tenant, RestOperationTypeEnum operation, String resourceType, String operationName,
			List<Entry> entries) {

		public Request {
			entries = entries == null ? List.of() : List.copyOf(entries);
		}
	}

	/** The outcome: either a refusal with its code and message, or the rules for HAPI to apply. */
	public record Decision(Optional<ErrorCode> refusal, String message, List<IAuthRule> rules) {

		static Decision refuse(ErrorCode code, String message) {
			return new Decision(Optional.of(code), message, List.of());
		}
	}

	/** The resource type of the audit trail, readable only with the auditor role. */
	public static final String AUDIT_TYPE = "AuditEvent";

	/** The default auditor role ({@code openrcm.security.auditor-role}). */
	public static final String DEFAULT_AUDITOR_ROLE = "auditor";

	/** Decides the request for the token, with the default auditor role. */
	public static Decision decide(SmartAccess access, Request request) {
		return decide(access, request, DEFAULT_AUDITOR_ROLE);
	}

	/**
	 * Decides the request for the token. AuditEvents are read and searched only with a scope granting it and the
	 * auditor role; without the role, AuditEvents are also kept out of every answer (includes, pages, bundles:
	 * {@link SmartAuthorizationInterceptor#keepTheAuditTrailToAuditors}).
	 */
	public static Decision decide(SmartAccess access, Request request, String auditorRole) {
		if (request.tenant() == null || !access.tenants().contains(request.tenant())) {
			return Decision.refuse(ErrorCode.TENANT_NOT_ALLOWED, "this token does not give access to tenant '"
					+ request.tenant() + "'");
		}
		Optional<Decision> refused = checkRequest(access, request);
		if (refused.isPresent()) {
			return refused.get();
		}
		boolean auditor = access.hasRole(auditorRole);
		if (!auditor && readsAuditTrail(request)) {
			return Decision.refuse(ErrorCode.AUDIT_ROLE_REQUIRED, "reading the audit trail (AuditEvent) needs the '"
					+ auditorRole + "' role in the token as well as a scope granting it");
		}
		return new Decision(Optional.empty(), "", rules(access, request));
	}

	private static Optional<Decision> checkRequest(SmartAccess access, Request request) {
		String type = request.resourceType();
		RestOperationTypeEnum operation = request.operation();
		return switch (operation) {
			case METADATA, GET_PAGE -> Optional.empty();
			case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> need(access, type, Interaction.READ, operation);
			case SEARCH_TYPE -> need(access, type, Interaction.SEARCH, operation);
			case CREATE -> need(access, type, Interaction.CREATE, operation);
			case UPDATE, PATCH -> need(access, type, Interaction.UPDATE, operation);
			case DELETE -> need(access, type, Interaction.DELETE, operation);
			case HISTORY_SYSTEM, SEARCH_SYSTEM -> broadNeed(access, SmartScope.ANY_TYPE,
					operation == RestOperationTypeEnum.SEARCH_SYSTEM ? Interaction.SEARCH : Interaction.READ,
					operation.getCode() + " across all resource types");
			case TRANSACTION, BATCH -> checkEntries(access, request.entries());
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
					checkOperation(access, request.operationName(), type);
			default -> Optional.of(Decision.refuse(ErrorCode.SCOPE_INSUFFICIENT, "'" + operation.getCode()
					+ "' requests are not available with an access token"));
		};
	}

	private static boolean readsAuditTrail(Request request) {
		boolean read = switch (request.operation()) {
			case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, SEARCH_TYPE -> AUDIT_TYPE.equals(request.resourceType());
			default -> false;
		};
		return read || request.entries().stream().anyMatch(entry -> AUDIT_TYPE.equals(entry.resourceType())
				&& "GET".equals(entry.method()));
	}

	private static Optional<Decision> need(SmartAccess access, String type, Interaction interaction,
			RestOperationTypeEnum operation) {
		if (type != null && access.grants(type, interaction)) {
			return Optional.empty();
		}
		return Optional.of(refuseScope(access, type, interaction, operation.getCode()));
	}

	private static Optional<Decision> broadNeed(SmartAccess access, String type, Interaction interaction,
			String what) {
		if (access.grantsBroadly(type, interaction)) {
			return Optional.empty();
		}
		return Optional.of(Decision.refuse(ErrorCode.SCOPE_INSUFFICIENT, "the token's scopes do not allow " + what
				+ " (it needs a user/ or system/ scope with '" + interaction.letter() + "' on "
				+ (SmartScope.ANY_TYPE.equals(type) ? "every type (*)" : type) + ")"));
	}

	private static Decision refuseScope(SmartAccess access, String type, Interaction interaction, String what) {
		if (access.patientScopesWithoutPatient()) {
			return Decision.refuse(ErrorCode.PATIENT_CONTEXT_MISSING, "the token has patient/ scopes but no '"
					+ "patient' claim to narrow them to");
		}
		return Decision.refuse(ErrorCode.SCOPE_INSUFFICIENT, "the token's scopes do not allow " + what + " on "
				+ (type == null ? "this resource" : type) + " (it needs '" + interaction.letter() + "' on " + type
				+ ")");
	}

	private static Optional<Decision> checkEntries(SmartAccess access, List<Entry> entries) {
		for (Entry entry : entries) {
			Interaction interaction = switch (entry.method()) {
				case "POST" -> Interaction.CREATE;
				case "PUT", "PATCH" -> Interaction.UPDATE;
				case "DELETE" -> Interaction.DELETE;
				default -> entry.search() ? Interaction.SEARCH : Interaction.READ;
			};
			if (entry.resourceType() == null || !access.grants(entry.resourceType(), interaction)) {
				return Optional.of(refuseScope(access, entry.resourceType(), interaction,
						"a bundle entry '" + entry.method() + "'"));
			}
		}
		return Optional.empty();
	}

	private static Optional<Decision> checkOperation(SmartAccess access, String name, String type) {
		Optional<OperationNeeds> operation = OperationScopes.find(name, type);
		String called = (type == null ? "" : type + "/") + name;
		if (operation.isEmpty()) {
			return Optional.of(Decision.refuse(ErrorCode.OPERATION_NOT_AUTHORIZABLE, "the operation " + called
					+ " is not mapped to the scopes it needs, so no token may call it"));
		}
		for (Need need : operation.get().needsOn(type)) {
			Optional<Decision> refused = broadNeed(access, need.resourceType(), need.interaction(), called);
			if (refused.isPresent()) {
				return refused;
			}
		}
		return Optional.empty();
	}

	private static List<IAuthRule> rules(SmartAccess access, Request request) {
		RuleBuilder rules = new RuleBuilder();
		rules.allow("metadata").metadata();
		boolean patch = false;
		for (SmartScope scope : access.scopes()) {
			if (scope.context() == Context.PATIENT && access.patient().isEmpty()) {
				continue;
			}
			String name = "scope " + scope.context().name().toLowerCase(java.util.Locale.ROOT) + "/"
					+ scope.resourceType();
			if (scope.interactions().contains(Interaction.READ) || scope.interactions().contains(Interaction.SEARCH)) {
				finish(target(rules.allow(name).read(), scope), scope, access);
			}
			if (scope.interactions().contains(Interaction.CREATE)) {
				finish(target(rules.allow(name).create(), scope), scope, access);
			}
			if (scope.interactions().contains(Interaction.UPDATE)) {
				finish(target(rules.allow(name).write(), scope), scope, access);
				patch = true;
			}
			if (scope.interactions().contains(Interaction.DELETE)) {
				finish(target(rules.allow(name).delete(), scope), scope, access);
			}
		}
		if (patch) {
			rules.allow("patch").patch().allRequests();
		}
		rules.allow("transaction entries by the rules above").transaction().withAnyOperation().andApplyNormalRules();
		if (request.operationName() != null) {
			OperationScopes.find(request.operationName(), request.resourceType()).ifPresent(operation -> {
				var named = rules.allow("operation " + operation.name()).operation().named(operation.name())
						.atAnyLevel();
				if (operation.checkResponses()) {
					named.andRequireExplicitResponseAuthorization();
				} else {
					named.andAllowAllResponsesWithAllResourcesAccess();
				}
			});
		}
		if (access.grantsBroadly(SmartScope.ANY_TYPE, Interaction.READ)) {
			rules.allow("bulk export").bulkExport().any();
		}
		rules.denyAll("not granted by the token's scopes");
		return rules.build();
	}

	private static IAuthRuleBuilderRuleOpClassifier target(
			ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp op, SmartScope scope) {
		return SmartScope.ANY_TYPE.equals(scope.resourceType()) ? op.allResources()
				: op.resourcesOfType(scope.resourceType());
	}

	private static IAuthRuleBuilderRuleOpClassifierFinished finish(IAuthRuleBuilderRuleOpClassifier classifier,
			SmartScope scope, SmartAccess access) {
		if (scope.context() == Context.PATIENT) {
			return classifier.inCompartment("Patient", new IdType("Patient", access.patient().orElseThrow()));
		}
		return classifier.withAnyId();
	}
}
