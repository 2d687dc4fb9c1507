package org.openrcm.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.openrcm.server.errors.ErrorCode;

/**
 * The one place that decides whether a FHIR request may proceed with its token: SMART scopes x resource type x
 * interaction, the patient compartment of {@code patient/} scopes, the operations' needs and the URL's tenant
 * ({@link SmartRules}). A refusal is a 403 with an OperationOutcome carrying an {@code ORCM-20xx} code. Requests
 * without a token reach HAPI only for {@code metadata} (the security filter lets nothing else through); they may read
 * the CapabilityStatement and nothing more.
 *
 * <p>The audit trail hooks in here later: every decision passes through {@link #buildRuleList} and
 * {@link #handleDeny}.
 */
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

	private static final String EXPORT_TYPES = "_type";
	private static final String DECISION_KEY = SmartAuthorizationInterceptor.class.getName() + ".decision";

	private final SmartAccessResolver resolver;
	private final List<String> exportableTypes;

	/**
	 * @param servedTypes the resource types this server serves: what a system export names when it is not told, less
	 *                    the audit trail for tokens without the auditor role
	 */
	SmartAuthorizationInterceptor(SmartAccessResolver resolver, Collection<String> servedTypes) {
		super(PolicyEnum.DENY);
		this.resolver = resolver;
		this.exportableTypes = servedTypes.stream().filter(type -> !SmartRules.AUDIT_TYPE.equals(type)).sorted()
				.toList();
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		SmartRules.Decision decision = decision(request);
		if (decision.refusal().isPresent()) {
			throw forbidden(decision.refusal().get(), decision.message());
		}
		return decision.rules();
	}

	private SmartRules.Decision decision(RequestDetails request) {
		Object cached = request.getUserData().get(DECISION_KEY);
		if (cached instanceof SmartRules.Decision decision) {
			return decision;
		}
		Optional<SmartAccess> access = resolver.resolve(request);
		SmartRules.Decision decision = access
				.map(token -> SmartRules.decide(token, facts(request), resolver.auditorRole()))
				.orElseGet(() -> new SmartRules.Decision(Optional.empty(), "",
						new RuleBuilder().allow("metadata").metadata().andThen().denyAll("no token").build()));
		request.getUserData().put(DECISION_KEY, decision);
		return decision;
	}

	private static SmartRules.Request facts(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		List<SmartRules.Entry> entries = new ArrayList<>();
		if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
				&& request.getResource() instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				entries.add(entry(entry));
			}
		}
		String operationName = request.getOperation();
		return new SmartRules.Request(request.getTenantId(), operation, request.getResourceName(),
				operationName != null && operationName.startsWith("$") ? operationName : null, entries);
	}

	private static SmartRules.Entry entry(Bundle.BundleEntryComponent entry) {
		Bundle.BundleEntryRequestComponent request = entry.getRequest();
		String method = request.getMethod() == null ? "" : request.getMethod().toCode();
		String url = request.getUrl() == null ? "" : request.getUrl();
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
		if (type.isEmpty() && entry.getResource() != null) {
			type = entry.getResource().fhirType();
		}
		boolean search = "GET".equals(method) && (url.contains("?") || !path.contains("/"));
		return new SmartRules.Entry(method, type.isEmpty() ? null : type, search);
	}

	/**
	 * Keeps the audit trail out of the bulk exports of tokens without the auditor role: an export whose {@code _type}
	 * names AuditEvent is refused; one naming no types (HAPI then lists every type it holds, AuditEvent included)
	 * exports them all but AuditEvent. Runs before HAPI's own bulk export rule sees the request.
	 */
	@Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
	public void keepTheAuditTrailOutOfExports(BulkExportJobParameters parameters, RequestDetails request) {
		Optional<SmartAccess> access = resolver.resolve(request);
		if (access.isEmpty() || access.get().hasRole(resolver.auditorRole())) {
			return;
		}
		boolean typesNamed = request.getParameters().containsKey(EXPORT_TYPES)
				|| request.getResource() instanceof Parameters body && body.getParameter(EXPORT_TYPES) != null;
		if (typesNamed && parameters.getResourceTypes().contains(SmartRules.AUDIT_TYPE)) {
			throw forbidden(ErrorCode.AUDIT_ROLE_REQUIRED, "exporting the audit trail (AuditEvent) needs the '"
					+ resolver.auditorRole() + "' role in the token");
		}
		List<String> types = parameters.getResourceTypes().isEmpty()
				&& parameters.getExportStyle() == BulkExportJobParameters.ExportStyle.SYSTEM ? exportableTypes
				: parameters.getResourceTypes().stream().filter(type -> !SmartRules.AUDIT_TYPE.equals(type)).toList();
		parameters.setResourceTypes(types);
	}

	@Override
	protected void handleDeny(RequestDetails request, Verdict verdict) {
		String what = request.getRestOperationType() == null ? "this request"
				: request.getRestOperationType().getCode();
		String type = request.getResourceName() == null ? "" : " on " + request.getResourceName();
		String message = "the token's scopes do not allow " + what + type
				+ " for the resources involved (outside its patient's compartment, or not granted)";
		throw forbidden(ErrorCode.SCOPE_INSUFFICIENT, message);
	}

	/**
	 * Keeps a page of an earlier search ({@code ?_getpages=<search id>}) in the tenant its URL names. HAPI finds the
	 * search by its id alone and serves its page whatever tenant the URL names, and the scope rules cannot tell (staff
	 * with {@code user/*.rs} may read every resource of their own tenant): without this, a token of tenant A could read
	 * a search made in tenant B through {@code /fhir/A?_getpages=...}. Every resource on the page must be stored in
	 * the URL's tenant (HAPI marks each resource it loads with its partition), or the page is refused with
	 * {@code ORCM-2004}.
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void keepPagesInTheirTenant(RequestDetails request, IBaseResource response) {
		if (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE || !(response instanceof Bundle page)) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : page.getEntry()) {
			Object partition = entry.getResource() == null ? null
					: entry.getResource().getUserData(Constants.RESOURCE_PARTITION_ID);
			if (entry.getResource() != null && !(entry.getResource() instanceof OperationOutcome)
					&& !storedIn(request.getTenantId(), partition)) {
				throw forbidden(ErrorCode.TENANT_NOT_ALLOWED, "this page belongs to a search made in another tenant "
						+ "than '" + request.getTenantId() + "'");
			}
		}
	}

	/**
	 * Keeps AuditEvents out of the answers of tokens without the auditor role, wherever they would come along: an
	 * {@code _include} or {@code _revinclude}, a page, a system search or history, a batch entry's search. (A HAPI
	 * deny rule cannot do it: HAPI applies a read rule to every page request before it knows the page's resources.)
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void keepTheAuditTrailToAuditors(RequestDetails request, IBaseResource response) {
		Optional<SmartAccess> access = resolver.resolve(request);
		if (access.isPresent() && !access.get().hasRole(resolver.auditorRole()) && holdsAuditEvents(response)) {
			throw forbidden(ErrorCode.AUDIT_ROLE_REQUIRED, "the answer would hold AuditEvents, which only the '"
					+ resolver.auditorRole() + "' role may read");
		}
	}

	private static boolean holdsAuditEvents(IBaseResource resource) {
		if (resource instanceof Bundle bundle) {
			return bundle.getEntry().stream().anyMatch(entry -> holdsAuditEvents(entry.getResource()));
		}
		return resource != null && SmartRules.AUDIT_TYPE.equals(resource.fhirType());
	}

	private static boolean storedIn(String tenant, Object partition) {
		if (tenant == null || !(partition instanceof RequestPartitionId stored)) {
			return false;
		}
		if (stored.isDefaultPartition()) {
			return JpaConstants.DEFAULT_PARTITION_NAME.equals(tenant);
		}
		return stored.hasPartitionNames() && stored.getPartitionNames().equals(List.of(tenant));
	}

	/**
	 * Gives HAPI's own refusals on the way (the search narrowing's, for a search naming another patient) the code
	 * every refusal carries.
	 */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException codeRefusals(RequestDetails request, Throwable exception) {
		if (exception instanceof ForbiddenOperationException forbidden && !coded(forbidden)) {
			return forbidden(ErrorCode.SCOPE_INSUFFICIENT, "the token does not allow this request: "
					+ forbidden.getMessage());
		}
		return exception instanceof BaseServerResponseException response ? response : null;
	}

	private static boolean coded(BaseServerResponseException exception) {
		return exception.getOperationOutcome() instanceof OperationOutcome outcome && outcome.getIssue().stream()
				.anyMatch(issue -> issue.getDetails().getCoding().stream()
						.anyMatch(coding -> ErrorCode.SYSTEM.equals(coding.getSystem())));
	}

	private static ForbiddenOperationException forbidden(ErrorCode code, String message) {
		return new ForbiddenOperationException(code.code() + ": " + message, code.outcome(message));
	}
}
