package org.openrcm.server.priorauth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.auth.Authorization278Reader;
import org.openrcm.server.x12.auth.Authorization278Writer;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prior authorization requests (Da Vinci PAS) and their 278s. {@link #submit} maps a PAS request Bundle to a 278
 * request, stores the Bundle's resources with a ClaimResponse (outcome {@code queued}) in one transaction, records
 * the request ({@link PriorAuthStore}) and sends it: on the tenant's connection's real-time channel when it has one
 * (the answer is stored and applied through {@link InboundService#ingest} like any inbound file, by the
 * {@link Authorization278Handler}), else as a file on its batch channel (the answer comes back with the next
 * clearinghouse exchange). The answer is the PAS response Bundle with the ClaimResponse as it stands.
 * {@link #inquire} answers the current ClaimResponse of an earlier request, and first asks the payer again about a
 * pended one (the same request quoting the UMO's reference, REF*NT) or one that got no answer.
 *
 * <p>Bad input is refused before anything is stored or sent (422 with an issue per gap). When no answer comes (the
 * connection's timeout passed, the endpoint is unavailable or refused the exchange, the payer sent a 999, the
 * upload failed), the ClaimResponse is stored with outcome {@code error} and the reason, and the request is answered
 * with an OperationOutcome (504, 502 or 503) naming the stored ClaimResponse. No call waits beyond the real-time
 * channel's own timeout. A 999 rejecting a batch file fails its request later the same way
 * ({@link PriorAuth999Listener}, {@code ORCM-7048}).
 */
public final class PriorAuthorizations {

	private static final Logger log = LoggerFactory.getLogger(PriorAuthorizations.class);

	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final ClearinghouseConnections connections;
	private final Authorization278Writer writer;
	private final X12Reader reader;
	private final InboundService inbound;
	private final PriorAuthStore store;
	private final PriorAuthProperties properties;
	private final Clock clock;

	PriorAuthorizations(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao, ClearinghouseConnections connections,
			Authorization278Writer writer, X12Reader reader, InboundService inbound, PriorAuthStore store,
			PriorAuthProperties properties, Clock clock) {
		this.daos = daos;
		this.systemDao = systemDao;
		this.connections = connections;
		this.writer = writer;
		this.reader = reader;
		this.inbound = inbound;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether a Bundle's first Claim is a prior authorization request ({@code use = preauthorization}). */
	public static boolean isPriorAuthorization(Bundle bundle) {
		return firstClaim(bundle).map(c -> c.getUse() == Claim.Use.PREAUTHORIZATION).orElse(false);
	}

	/**
	 * Submits a PAS request Bundle.
	 *
	 * @return the PAS response Bundle: the ClaimResponse (decided, pended, or queued when the answer comes later)
	 *     and the resources it names
	 */
	public Bundle submit(Bundle bundle, RequestDetails request) {
		String tenant = tenant(request);
		Claim claim = firstClaim(bundle).filter(c -> c.getUse() == Claim.Use.PREAUTHORIZATION).orElseThrow(() ->
				invalid("The Bundle's first Claim is not a prior authorization request (use preauthorization)"));
		String trace = "PA" + HexFormat.of().withUpperCase().formatHex(uuidBytes());
		LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
		PasRequestMapping.Mapped mapped = PasRequestMapping.map(claim, resolver(bundle, request), trace,
				properties.traceOriginator(), now);
		if (!mapped.problems().isEmpty()) {
			OperationOutcome outcome = new OperationOutcome();
			for (PasRequestMapping.Problem problem : mapped.problems()) {
				ErrorCode.PRIOR_AUTH_MISSING_DATA.addIssue(outcome, IssueSeverity.ERROR, problem.message())
						.addExpression(problem.expression());
			}
			throw new UnprocessableEntityException("The prior authorization request cannot be sent: "
					+ mapped.problems().size() + " problem(s); nothing was stored", outcome);
		}
		String connection = connections.connectionFor(tenant);
		WrittenInterchange written = write(connection, mapped.review());
		Stored stored = store(bundle, claim, trace, request);
		PriorAuthStore.Request row = store.sent(trace, tenant, connection, stored.claimId(), stored.claimResponseId(),
				identifier(claim), written.text(), clock.instant());
		log.info("Prior authorization {} of tenant {} (Claim/{}) sent to connection {}", trace, tenant,
				stored.claimId(), connection);
		send(row, written, request);
		return answer(row, request);
	}

	/**
	 * Answers a PAS inquiry Bundle: the current ClaimResponse of the request its Claim names (by the submitted Claim's
	 * first identifier, or its id); a pended review, or a request that got no answer, is asked about again first.
	 */
	public Bundle inquire(Bundle bundle, RequestDetails request) {
		String tenant = tenant(request);
		Claim claim = firstClaim(bundle).orElseThrow(() -> invalid("The inquiry Bundle holds no Claim"));
		String claimId = claim.getIdElement().getIdPart();
		PriorAuthStore.Request row = store.latest(tenant, identifier(claim), claimId == null ? "" : claimId)
				.orElseThrow(() -> {
					String message = "No prior authorization request of this tenant has the Claim identifier "
							+ identifier(claim) + (claimId == null ? "" : " or the id Claim/" + claimId);
					ResourceNotFoundException missing = new ResourceNotFoundException(message);
					missing.setOperationOutcome(ErrorCode.PRIOR_AUTH_NOT_FOUND.outcome(message));
					return missing;
				});
		boolean pended = row.state() == PriorAuthStore.State.PENDED && row.pendedReference() != null;
		if (pended || row.state() == PriorAuthStore.State.UNANSWERED) {
			AuthorizationReview again = followUp(row);
			log.info("Prior authorization {} is {}: asking again", row.trace(), pended ? "pended ("
					+ row.pendedReference() + ")" : "unanswered");
			send(row, write(row.connection(), again), request);
		}
		return answer(row, request);
	}

	/**
	 * The request as first sent, quoting the UMO's reference of a pended review (2000E REF*NT) when there is one.
	 */
	private AuthorizationReview followUp(PriorAuthStore.Request row) {
		X12ReadResult read = reader.read(row.request().getBytes(StandardCharsets.UTF_8),
				X12Reader.Options.DEFAULT.keepingSegments());
		AuthorizationReview first = Authorization278Reader.read(read.transactions().findFirst().orElseThrow());
		PatientEvent event = first.event();
		List<AuthorizationReview.Reference> references = new ArrayList<>(event.references());
		if (row.pendedReference() != null) {
			references.removeIf(r -> r.qualifier().equals("NT"));
			references.add(new AuthorizationReview.Reference("NT", row.pendedReference()));
		}
		return new AuthorizationReview(first.kind(), "", first.reference(),
				LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES), first.transactionType(), first.umo(),
				first.requester(), first.subscriber(), first.dependent(), new PatientEvent(event.traces(),
						event.review(), null, references, event.dates(), event.diagnoses(), event.providers(),
						List.of()), first.services(), List.of());
	}

	private WrittenInterchange write(String connection, AuthorizationReview review) {
		try {
			return writer.write(connections.properties(connection).envelope(), List.of(review));
		} catch (X12ValidationException e) {
			OperationOutcome outcome = new OperationOutcome();
			for (X12Error error : e.errors()) {
				ErrorCode.PRIOR_AUTH_NOT_REPRESENTABLE.addIssue(outcome, IssueSeverity.ERROR, error.toString());
			}
			throw new UnprocessableEntityException("The 278 written from the request breaks an X12 rule; nothing "
					+ "was stored or sent", outcome);
		}
	}

	/** Sends the request on the real-time channel (and applies the answer) or as a batch file. */
	private void send(PriorAuthStore.Request row, WrittenInterchange written, RequestDetails request) {
		Optional<RealTimeChannel> realTime = connections.realTime(row.connection());
		if (realTime.isEmpty()) {
			String name = "pa-" + row.trace() + "-" + written.interchangeControlNumber() + ".x12";
			// recorded first, so that a 999 rejecting the file finds the request however soon it comes
			store.sentIn(row.id(), connections.properties(row.connection()).envelope().senderId(),
					written.interchangeControlNumber(), written.groupControlNumber(),
					written.transactionControlNumbers().get(0));
			try {
				connections.channel(row.connection()).upload(name, written.bytes());
			} catch (IOException | RuntimeException e) {
				throw failed(row, request, ErrorCode.PRIOR_AUTH_NOT_SENT, 503, "The 278 could not be put on the "
						+ "clearinghouse's batch channel (" + e.getMessage() + ")");
			}
			return;
		}
		RealTimeAnswer answer;
		try {
			answer = realTime.get().exchange(X12Guide.AUTHORIZATION_278, written.bytes());
		} catch (RealTimeException e) {
			boolean timeout = e.kind() == RealTimeException.Kind.TIMEOUT;
			throw failed(row, request, timeout ? ErrorCode.PRIOR_AUTH_TIMEOUT : ErrorCode.PRIOR_AUTH_UNAVAILABLE,
					timeout ? 504 : 502, (timeout ? "The payer did not answer in time" : "The payer could not be "
							+ "reached") + " (" + e.getMessage() + ")");
		}
		if (answer.acknowledgmentOnly()) {
			inbound.ingest(row.tenant(), "pa-" + row.trace() + ".999", answer.payload());
			throw failed(row, request, ErrorCode.PRIOR_AUTH_REJECTED, 502, "The payer rejected the 278 with a 999");
		}
		InboundService.Ingested ingested = inbound.ingest(row.tenant(), "pa-" + row.trace() + ".278",
				answer.payload());
		boolean rejected = ingested.outcome().map(o -> o.rejected()).orElse(false);
		PriorAuthStore.State state = store.byTrace(row.trace()).map(PriorAuthStore.Request::state)
				.orElse(PriorAuthStore.State.SENT);
		if (rejected || state == PriorAuthStore.State.SENT) {
			throw failed(row, request, ErrorCode.PRIOR_AUTH_REJECTED, 502, "The payer's answer is not a 278 "
					+ "response to this request" + ingested.outcome().map(o -> o.reason() == null ? ""
							: " (" + o.reason() + ")").orElse(""));
		}
	}

	/** Stores the failure on the ClaimResponse and the request; the exception to answer with. */
	private BaseServerResponseException failed(PriorAuthStore.Request row, RequestDetails request, ErrorCode code,
			int status, String why) {
		RequestDetails tenantRequest = request;
		ClaimResponse response = daos.getResourceDao(ClaimResponse.class)
				.read(new IdType("ClaimResponse", row.claimResponseId()), tenantRequest);
		PasResponseMapping.failed(response, why + ". Ask again with Claim/$inquire or submit the request anew.");
		daos.getResourceDao(ClaimResponse.class).update(response, tenantRequest);
		store.state(row.id(), PriorAuthStore.State.UNANSWERED, null, clock.instant());
		String message = why + "; stored as ClaimResponse/" + row.claimResponseId() + " (outcome error)";
		log.warn("Prior authorization {}: {}", row.trace(), message);
		UnclassifiedServerFailureException exception = new UnclassifiedServerFailureException(status, message);
		exception.setOperationOutcome(code.outcome(message));
		return exception;
	}

	private Bundle answer(PriorAuthStore.Request row, RequestDetails request) {
		ClaimResponse response = daos.getResourceDao(ClaimResponse.class)
				.read(new IdType("ClaimResponse", row.claimResponseId()), request);
		List<Resource> named = new ArrayList<>();
		for (Reference reference : List.of(response.getPatient(), response.getInsurer(), response.getRequestor())) {
			Resource resource = reference.hasReference() ? StoredReferences.resolve(daos, request, reference) : null;
			if (resource != null) {
				named.add(resource);
			}
		}
		return PasResponseMapping.bundle(response, named, request.getFhirServerBase(), clock.instant());
	}

	/** The stored claim and its ClaimResponse. */
	private record Stored(String claimId, String claimResponseId) {}

	/**
	 * Stores the Bundle's resources and the queued ClaimResponse in one transaction: an entry whose resource has an id
	 * is written under that id, any other is created and references to its {@code fullUrl} are rewritten.
	 */
	private Stored store(Bundle bundle, Claim claim, String trace, RequestDetails request) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		int claimIndex = -1;
		String claimReference = null;
		for (BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			if (resource == null) {
				continue;
			}
			BundleEntryComponent copy = transaction.addEntry().setFullUrl(entry.getFullUrl()).setResource(resource);
			String idPart = resource.getIdElement().getIdPart();
			boolean placeholder = idPart == null || resource.getIdElement().getValue().startsWith("urn:");
			if (placeholder) {
				copy.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
			} else {
				copy.getRequest().setMethod(HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + idPart);
			}
			if (resource == claim) {
				claimIndex = transaction.getEntry().size() - 1;
				if (placeholder) {
					if (entry.getFullUrl() == null || !entry.getFullUrl().startsWith("urn:")) {
						copy.setFullUrl("urn:uuid:" + UUID.randomUUID());
					}
					claimReference = copy.getFullUrl();
				} else {
					claimReference = "Claim/" + idPart;
				}
			}
		}
		ClaimResponse queued = PasResponseMapping.queued(claim, claimReference, trace, properties.traceOriginator(),
				clock.instant());
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(queued).getRequest()
				.setMethod(HTTPVerb.POST).setUrl("ClaimResponse");
		Bundle response = systemDao.transaction(request, transaction);
		int responseIndex = transaction.getEntry().size() - 1;
		return new Stored(new IdType(response.getEntry().get(claimIndex).getResponse().getLocation()).getIdPart(),
				new IdType(response.getEntry().get(responseIndex).getResponse().getLocation()).getIdPart());
	}

	/** Follows references among the Bundle's entries (by fullUrl or Type/id), then to the tenant's stored resources. */
	private Function<Reference, Resource> resolver(Bundle bundle, RequestDetails request) {
		return reference -> {
			if (reference == null || !reference.hasReference()) {
				return reference != null && reference.getResource() instanceof Resource inline ? inline : null;
			}
			String ref = reference.getReference();
			for (BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				if (resource == null) {
					continue;
				}
				String typed = resource.getIdElement().getIdPart() == null ? null
						: resource.fhirType() + "/" + resource.getIdElement().getIdPart();
				if (ref.equals(entry.getFullUrl()) || ref.equals(typed)
						|| (entry.getFullUrl() != null && entry.getFullUrl().endsWith("/" + ref))) {
					return resource;
				}
			}
			return ref.startsWith("urn:") ? null : StoredReferences.resolve(daos, request, reference);
		};
	}

	private static Optional<Claim> firstClaim(Bundle bundle) {
		return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(Claim.class::isInstance)
				.map(Claim.class::cast).findFirst();
	}

	/** The Claim's first identifier as {@code system|value}, or {@code null}. */
	private static String identifier(Claim claim) {
		return claim.getIdentifier().stream().filter(i -> i.hasValue()).findFirst()
				.map(i -> (i.hasSystem() ? i.getSystem() : "") + "|" + i.getValue()).orElse(null);
	}

	private static String tenant(RequestDetails request) {
		return request.getTenantId();
	}

	private static byte[] uuidBytes() {
		UUID uuid = UUID.randomUUID();
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
		buffer.putLong(uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits());
		return buffer.array();
	}

	static InvalidRequestException invalid(String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(ErrorCode.PRIOR_AUTH_NO_REQUEST.outcome(message));
		return exception;
	}

	/**
	 * Reads the body of {@code $inquire}: a Bundle, as the body or in parameter {@code request} (PAS) or
	 * {@code resource}.
	 */
	static Bundle body(IBaseResource body) {
		if (body instanceof Parameters parameters) {
			body = parameters.getParameter().stream()
					.filter(p -> "resource".equals(p.getName()) || "request".equals(p.getName())).findFirst()
					.map(Parameters.ParametersParameterComponent::getResource).orElse(null);
		}
		if (!(body instanceof Bundle bundle)) {
			throw invalid("The request needs a PAS Bundle whose first Claim is the prior authorization request (as "
					+ "the body, or in parameter 'request')");
		}
		return bundle;
	}
}
