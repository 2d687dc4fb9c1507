package org.openrcm.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import ca.uhn.fhir.util.FhirTerser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.openrcm.server.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Records every FHIR REST request served under {@code /fhir/{tenant}/} as an AuditEvent (reads, searches, writes,
 * operations, batches; failures and refusals with their outcome), and refuses every attempt to change the audit trail
 * through the API ({@code ORCM-2101}, 405). HAPI's REST hooks only ({@code SERVER_*}): what the server writes on
 * its own, the audit trail's own writes included, is not an API request and is not recorded. The CapabilityStatement
 * is not PHI and is not recorded.
 *
 * <p>The event is recorded before the answer is written: at {@code SERVER_OUTGOING_RESPONSE} for a success, at
 * {@code SERVER_HANDLE_EXCEPTION} for a failure (after other interceptors have given the exception its final code);
 * so when a client has its answer, the event is in the outbox and {@link AuditTrail#flush} makes it searchable. An
 * answer neither hook saw is recorded at {@code SERVER_PROCESSING_COMPLETED}.
 */
@Interceptor
public final class AuditInterceptor {

	private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
	private static final String RESPONSE = AuditInterceptor.class.getName() + ".response";
	private static final String EXCEPTION = AuditInterceptor.class.getName() + ".exception";
	/** After every other interceptor's hook on the same pointcut. */
	private static final int LAST = Integer.MAX_VALUE;
	private static final String RECORDED = AuditInterceptor.class.getName() + ".recorded";
	private static final String AUDIT = "AuditEvent";
	/** At most this many resources (and patients) are named in one event; a larger answer is a page anyway. */
	private static final int MAX_ENTITIES = 200;
	/** Server-level operations that would remove or load AuditEvents when named. */
	private static final Set<String> BULK_CHANGES = Set.of("$delete-expunge", "$expunge", "$import", "$bulk-import");
	/** The operations an AuditEvent may be called with: none change it. */
	private static final Set<String> READ_ONLY_OPERATIONS = Set.of("$validate");

	private final AuditTrail trail;
	private final AuditEvents events;
	private final AuditContext context;
	private final Clock clock;
	private final FhirTerser terser;

	public AuditInterceptor(AuditTrail trail, AuditEvents events, AuditContext context, Clock clock,
			FhirContext fhirContext) {
		this.trail = trail;
		this.events = events;
		this.context = context;
		this.clock = clock;
		this.terser = fhirContext.newTerser();
	}

	/** Refuses changes to the audit trail; notes the request's tenant and agent for X12 files it sends. */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void preHandled(RequestDetails request, RestOperationTypeEnum operation) {
		if (request instanceof ServletSubRequestDetails) {
			return;
		}
		context.enter(request.getTenantId(), agent(request));
		changesAuditTrail(request, operation).ifPresent(what -> {
			String message = "the audit trail cannot be changed through the API: " + what + " is refused";
			throw new MethodNotAllowedException(ErrorCode.AUDIT_IMMUTABLE.code() + ": " + message,
					ErrorCode.AUDIT_IMMUTABLE.outcome(message));
		});
	}

	/**
	 * Records a successful request before its answer is written (so it is in the outbox when the client reads it),
	 * after every other hook on the answer: the authorization checks of the outgoing resources may still refuse it,
	 * and a refused answer is recorded once, as the refusal.
	 */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = LAST)
	public boolean outgoing(RequestDetails request, ResponseDetails response) {
		request.getUserData().put(RESPONSE, response);
		record(request);
		return true;
	}

	/** Records a failed or refused request before its OperationOutcome is written. */
	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		request.getUserData().put(EXCEPTION, exception);
		request.getUserData().remove(RECORDED);
		record(request);
		return true;
	}

	/** Records what the two hooks above did not see (an answer written without them), and ends the request. */
	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void completed(RequestDetails request) {
		if (request instanceof ServletSubRequestDetails) {
			return;
		}
		context.leave();
		record(request);
	}

	private void record(RequestDetails request) {
		if (request instanceof ServletSubRequestDetails || request.getUserData().containsKey(RECORDED)) {
			return;
		}
		request.getUserData().put(RECORDED, Boolean.TRUE);
		try {
			facts(request).ifPresent(facts -> trail.record(facts.tenant(), events.rest(facts)));
		} catch (RuntimeException e) {
			// never the request's data in the log: only what failed
			log.error("ORCM-2103: the audit event of a {} request could not be recorded: {}",
					request.getRestOperationType(), e.toString());
		}
	}

	/** What the request tries to change in the audit trail, if anything. */
	static Optional<String> changesAuditTrail(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == null) {
			return Optional.empty();
		}
		String type = request.getResourceName();
		switch (operation) {
			case CREATE, UPDATE, PATCH, DELETE -> {
				return AUDIT.equals(type) ? Optional.of(operation.getCode() + " of an AuditEvent") : Optional.empty();
			}
			case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> {
				return AUDIT.equals(type) && !READ_ONLY_OPERATIONS.contains(request.getOperation())
						? Optional.of(request.getOperation() + " on AuditEvent") : Optional.empty();
			}
			case EXTENDED_OPERATION_SERVER -> {
				return BULK_CHANGES.contains(request.getOperation()) && namesAuditEvent(request)
						? Optional.of(request.getOperation() + " of AuditEvents") : Optional.empty();
			}
			case TRANSACTION, BATCH -> {
				if (request.getResource() instanceof Bundle bundle) {
					for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
						Bundle.HTTPVerb method = entry.getRequest().getMethod();
						if (method != null && method != Bundle.HTTPVerb.GET && method != Bundle.HTTPVerb.HEAD
								&& (entryType(entry).equals(AUDIT))) {
							return Optional.of("a " + operation.getCode() + " entry " + method.toCode()
									+ " of an AuditEvent");
						}
					}
				}
				return Optional.empty();
			}
			default -> {
				return Optional.empty();
			}
		}
	}

	private static boolean namesAuditEvent(RequestDetails request) {
		if ("$expunge".equals(request.getOperation())) {
			return true;
		}
		for (String[] values : request.getParameters().values()) {
			for (String value : values) {
				if (value != null && value.contains(AUDIT)) {
					return true;
				}
			}
		}
		if (request.getResource() instanceof Parameters parameters) {
			return parameters.getParameter().stream().anyMatch(parameter -> parameter.getValue() != null
					&& parameter.getValue().primitiveValue() != null
					&& parameter.getValue().primitiveValue().contains(AUDIT));
		}
		return false;
	}

	private static String entryType(Bundle.BundleEntryComponent entry) {
		String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
		if (type.isEmpty() && entry.getResource() != null) {
			type = entry.getResource().fhirType();
		}
		return type;
	}

	/** The facts of a completed request, or empty when it is not audited (the CapabilityStatement). */
	Optional<RestAudit> facts(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		ResponseDetails response = (ResponseDetails) request.getUserData().get(RESPONSE);
		BaseServerResponseException exception = (BaseServerResponseException) request.getUserData().get(EXCEPTION);
		if (operation == RestOperationTypeEnum.METADATA || (operation == null && exception == null)) {
			return Optional.empty();
		}
		int status = exception != null ? exception.getStatusCode()
				: response != null && response.getResponseCode() > 0 ? response.getResponseCode() : 200;
		String interaction = interaction(operation, request);
		String operationName = request.getOperation() != null && request.getOperation().startsWith("$")
				? request.getOperation() : null;
		Set<String> resources = new LinkedHashSet<>();
		Set<String> patients = new LinkedHashSet<>();
		IIdType id = request.getId();
		if (id != null && id.hasIdPart() && request.getResourceName() != null) {
			resources.add(request.getResourceName() + "/" + id.getIdPart());
			if ("Patient".equals(request.getResourceName())) {
				patients.add(id.getIdPart());
			}
		}
		if (exception == null) {
			if (response != null && response.getResponseResource() != null) {
				collect(response.getResponseResource(), resources, patients);
			}
			if (request.getResource() != null && !(request.getResource() instanceof Bundle)
					&& !(request.getResource() instanceof Parameters)) {
				patients(request.getResource(), patients);
			}
			location(request).ifPresent(resources::add);
		}
		String query = switch (interaction) {
			case "search-type", "search-system", "search", "history-type", "history-system" -> query(request);
			default -> null;
		};
		return Optional.of(new RestAudit(clock.instant(), request.getTenantId(), interaction, operationName,
				action(interaction), status, exception == null ? "" : describe(exception), agent(request),
				limit(resources), limit(patients), query, request.getRequestId()));
	}

	private static List<String> limit(Set<String> values) {
		return values.stream().limit(MAX_ENTITIES).toList();
	}

	private void collect(IBaseResource resource, Set<String> resources, Set<String> patients) {
		if (resource instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() != null && !(entry.getResource() instanceof OperationOutcome)) {
					add(entry.getResource(), resources, patients);
				} else if (entry.getResponse().hasLocation()) {
					typeAndId(entry.getResponse().getLocation()).ifPresent(resources::add);
				}
			}
		} else if (!(resource instanceof OperationOutcome) && !(resource instanceof Parameters)) {
			add(resource, resources, patients);
		}
	}

	private void add(IBaseResource resource, Set<String> resources, Set<String> patients) {
		if (resources.size() < MAX_ENTITIES && resource.getIdElement().hasIdPart()) {
			resources.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
		}
		patients(resource, patients);
	}

	private void patients(IBaseResource resource, Set<String> patients) {
		if (patients.size() >= MAX_ENTITIES) {
			return;
		}
		if ("Patient".equals(resource.fhirType())) {
			if (resource.getIdElement().hasIdPart()) {
				patients.add(resource.getIdElement().getIdPart());
			}
			return;
		}
		try {
			for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", resource, Set.of())) {
				if (owner.hasIdPart() && (!owner.hasResourceType() || "Patient".equals(owner.getResourceType()))) {
					patients.add(owner.getIdPart());
				}
			}
		} catch (RuntimeException notInTheCompartment) {
			// a type outside the Patient compartment names no patient
		}
	}

	private static Optional<String> location(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
			String location = servlet.getServletResponse().getHeader("Location");
			if (location == null) {
				location = servlet.getServletResponse().getHeader("Content-Location");
			}
			if (location != null) {
				return typeAndId(location);
			}
		}
		return Optional.empty();
	}

	/** {@code Type/id} of a location ({@code http://.../fhir/T/Claim/12/_history/1} gives {@code Claim/12}). */
	static Optional<String> typeAndId(String location) {
		String path = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
		int history = path.indexOf("/_history");
		if (history >= 0) {
			path = path.substring(0, history);
		}
		String[] parts = path.split("/");
		if (parts.length < 2) {
			return Optional.empty();
		}
		String type = parts[parts.length - 2];
		String id = parts[parts.length - 1];
		return !type.isEmpty() && Character.isUpperCase(type.charAt(0)) && !id.isEmpty()
				? Optional.of(type + "/" + id) : Optional.empty();
	}

	/** The FHIR restful-interaction code of the request. */
	static String interaction(RestOperationTypeEnum operation, RequestDetails request) {
		if (operation == null) {
			String verb = request.getRequestType() == null ? "GET" : request.getRequestType().name();
			return switch (verb) {
				case "POST" -> request.getOperation() != null && request.getOperation().startsWith("$") ? "operation"
						: "create";
				case "PUT" -> "update";
				case "PATCH" -> "patch";
				case "DELETE" -> "delete";
				default -> request.getId() != null && request.getId().hasIdPart() ? "read" : "search-type";
			};
		}
		return switch (operation) {
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "operation";
			case GET_PAGE -> "search";
			default -> operation.getCode();
		};
	}

	/** The AuditEvent action of an interaction: C, R, U, D, or E (search, operation, batch, as BALP does). */
	static String action(String interaction) {
		return switch (interaction) {
			case "create" -> "C";
			case "read", "vread", "history-instance" -> "R";
			case "update", "patch" -> "U";
			case "delete" -> "D";
			default -> "E";
		};
	}

	/** {@code Type?name=value&...} of a search, with the parameters in a stable order. */
	private static String query(RequestDetails request) {
		StringBuilder query = new StringBuilder(request.getResourceName() == null ? "" : request.getResourceName());
		String separator = "?";
		for (Map.Entry<String, String[]> parameter : new TreeMap<>(request.getParameters()).entrySet()) {
			for (String value : parameter.getValue()) {
				query.append(separator).append(encode(parameter.getKey())).append('=').append(encode(value));
				separator = "&";
			}
		}
		return query.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
	}

	private static String describe(BaseServerResponseException exception) {
		if (exception.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
			List<String> issues = new ArrayList<>();
			for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
				issues.add(issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText());
			}
			return exception.getStatusCode() + " " + String.join("; ", issues);
		}
		return exception.getStatusCode() + " " + exception.getMessage();
	}

	/** The token's user and client, or anonymous; with the client's address. */
	static AuditAgent agent(RequestDetails request) {
		String address = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
				? servlet.getServletRequest().getRemoteAddr() : "";
		return agent(address);
	}

	/** The agent of the current thread's authentication, seen at the address. */
	static AuditAgent agent(String address) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			Map<String, Object> claims = jwt.getToken().getClaims();
			Object client = claims.get("azp") != null ? claims.get("azp") : claims.get("client_id");
			Object subject = claims.get("sub");
			return new AuditAgent(subject == null ? "" : subject.toString(), client == null ? "" : client.toString(),
					address);
		}
		return AuditAgent.anonymous(address);
	}
}
