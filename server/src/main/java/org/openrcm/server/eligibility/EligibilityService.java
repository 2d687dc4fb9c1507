package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.eligibility.EligibilityChecks.Check;
import org.openrcm.server.eligibility.EligibilityRequests.Parties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.ServerTiming;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.elig.Eligibility270Writer;
import org.openrcm.server.x12.elig.EligibilityInquiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends eligibility checks: reads what a CoverageEligibilityRequest names, writes its 270 and sends it on the tenant's
 * clearinghouse connection, and stores the CoverageEligibilityResponse (id {@code eligibility-<trace>}) that says
 * where the check stands.
 *
 * <ul>
 * <li>Real time (the connection has a real-time endpoint): the caller waits for the 271, never beyond the
 * connection's timeout. The answer is stored like any inbound file ({@link InboundService#ingest}) and applied by
 * {@link Eligibility271Handler}, which writes the response. A timeout ({@code ORCM-7010}), an unreachable or
 * unavailable endpoint ({@code ORCM-7011}), a refused request or a 999 rejecting it ({@code ORCM-7012}) and an answer
 * that could not be applied ({@code ORCM-7013}) are stored as a response with outcome {@code error} and that code.</li>
 * <li>Batch (no real-time endpoint, and {@code $eligibility-batch}): the 270s go as one file on the connection's batch
 * channel; the response is stored with outcome {@code queued} and completed when the clearinghouse exchange fetches
 * the 271. An upload that fails is stored as {@code ORCM-7014}; a 999 rejecting the file's 270 as {@code ORCM-7017}
 * ({@link Eligibility999Listener}).</li>
 * </ul>
 */
final class EligibilityService {

	/** One check ready to send: its record, the request, the parties' frame of its response and its 270. */
	record Prepared(Check check, CoverageEligibilityRequest request, CoverageEligibilityResponse frame,
			EligibilityInquiry inquiry) {}

	private static final Logger log = LoggerFactory.getLogger(EligibilityService.class);

	private final DaoRegistry daos;
	private final EligibilityChecks checks;
	private final ClearinghouseConnections connections;
	private final Eligibility270Writer writer;
	/** Asked for when an answer comes: the inbound service's handlers include the 271 handler, which needs this. */
	private final Supplier<InboundService> inbound;
	private final EligibilityProperties properties;
	private final Clock clock;

	EligibilityService(DaoRegistry daos, EligibilityChecks checks, ClearinghouseConnections connections,
			Eligibility270Writer writer, Supplier<InboundService> inbound,
			EligibilityProperties properties, Clock clock) {
		this.daos = daos;
		this.checks = checks;
		this.connections = connections;
		this.writer = writer;
		this.inbound = inbound;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Checks eligibility for a stored request: in real time when the tenant's connection has a real-time endpoint,
	 * else as a batch file.
	 *
	 * @param parties what the request names, when the caller has just read them ({@link #parties}); null reads them
	 * @return the stored CoverageEligibilityResponse: the payer's answer, an error outcome, or {@code queued}
	 * @throws EligibilityProblem when the request lacks what a 270 needs (nothing is sent or stored then)
	 */
	CoverageEligibilityResponse submit(String tenant, CoverageEligibilityRequest request, Parties parties,
			RequestDetails details) {
		String connection = connections.connectionFor(tenant);
		Prepared prepared = prepare(tenant, connection, request, parties, null, details);
		WrittenInterchange written;
		try {
			written = writer.write(envelope(connection), List.of(prepared.inquiry()));
		} catch (X12ValidationException e) {
			checks.state(prepared.check().id(), EligibilityChecks.State.FAILED, clock.instant());
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NOT_REPRESENTABLE, "The 270 written from the request"
					+ " breaks an X12 rule: " + e.getMessage(), null);
		}
		Optional<RealTimeChannel> realTime;
		try {
			realTime = connections.realTime(connection);
		} catch (IllegalStateException e) {
			return fail(prepared, ErrorCode.ELIGIBILITY_UNAVAILABLE, "The real-time channel of clearinghouse"
					+ " connection '" + connection + "' cannot be opened: " + e.getMessage(), details);
		}
		if (realTime.isEmpty()) {
			return sendBatch(connection, List.of(prepared), written, details).get(0);
		}
		return exchange(tenant, prepared, realTime.get(), written, details);
	}

	/**
	 * Reads what the request names and records the check.
	 *
	 * @param batch the {@code $eligibility-batch} Task the check belongs to, or {@code null}
	 * @throws EligibilityProblem when the request lacks what a 270 needs (then nothing is recorded)
	 */
	Prepared prepare(String tenant, String connection, CoverageEligibilityRequest request, String batch,
			RequestDetails details) {
		return prepare(tenant, connection, request, null, batch, details);
	}

	private Prepared prepare(String tenant, String connection, CoverageEligibilityRequest request, Parties known,
			String batch, RequestDetails details) {
		Parties parties = known == null ? parties(request, details) : new Parties(request, known.patient(),
				known.coverage(), known.payer(), known.provider(), known.subscriber());
		LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
		// the mapping is tried before the check is recorded, so a request that cannot be sent leaves nothing behind
		EligibilityRequests.inquiry(parties, "E0", properties.traceAssigner(), properties.serviceTypes(), now);
		String requestId = request.getIdElement().getIdPart();
		Check check = checks.open(tenant, requestId, connection, batch, clock.instant());
		EligibilityInquiry inquiry = EligibilityRequests.inquiry(parties, check.trace(), properties.traceAssigner(),
				properties.serviceTypes(), now);
		CoverageEligibilityResponse frame = EligibilityAnswers.frame(check.responseId(), check.trace(), requestId,
				request, parties.coverage(), Date.from(clock.instant()));
		return new Prepared(check, request, frame, inquiry);
	}

	/** Why a real-time check got no answer: the stored error code and the words. */
	record Failure(ErrorCode code, String message) {}

	/**
	 * The stored outcome of a real-time exchange that brought no answer: {@code ORCM-7010} for a timeout,
	 * {@code ORCM-7011} for an unreachable or unavailable endpoint, {@code ORCM-7012} for a refused request.
	 */
	static Failure failure(RealTimeException e) {
		ErrorCode code = switch (e.kind()) {
			case TIMEOUT -> ErrorCode.ELIGIBILITY_TIMEOUT;
			case UNAVAILABLE -> ErrorCode.ELIGIBILITY_UNAVAILABLE;
			case REFUSED -> ErrorCode.ELIGIBILITY_REFUSED;
		};
		String words = switch (e.kind()) {
			case TIMEOUT -> "The payer did not answer in time";
			case UNAVAILABLE -> "The clearinghouse or payer is unavailable";
			case REFUSED -> "The clearinghouse refused the request";
		};
		return new Failure(code, words + " (" + e.getMessage() + "); the check may be sent again");
	}

	/** The clearinghouse connection of a tenant's checks. */
	String connectionFor(String tenant) {
		return connections.connectionFor(tenant);
	}

	/** The envelope of a connection's 270s. */
	X12Envelope envelope(String connection) {
		ClearinghouseProperties properties = connections.properties(connection);
		return properties.envelope();
	}

	private CoverageEligibilityResponse exchange(String tenant, Prepared prepared, RealTimeChannel channel,
			WrittenInterchange written, RequestDetails details) {
		Check check = prepared.check();
		RealTimeAnswer answer;
		try {
			answer = channel.exchange(X12Guide.ELIGIBILITY_270, written.bytes());
			ServerTiming.payer(details, answer.elapsed());
		} catch (RealTimeException e) {
			Failure failure = failure(e);
			return fail(prepared, failure.code(), failure.message(), details);
		}
		String name = "eligibility-" + check.trace() + (answer.acknowledgmentOnly() ? ".999" : ".271");
		var ingested = inbound.get().ingest(tenant, name, answer.payload());
		if (answer.acknowledgmentOnly()) {
			return fail(prepared, ErrorCode.ELIGIBILITY_REFUSED, "The clearinghouse rejected the 270 with a 999: "
					+ ingested.outcome().map(o -> String.join("; ", o.result().notes())).orElse("see the 999"),
					details);
		}
		// the handler wrote the response in this thread, through the inbound file: take it from the file's changes
		Optional<CoverageEligibilityResponse> stored = ingested.outcome().flatMap(o -> o.result().changes().stream()
				.map(InboundResult.Change::resource).filter(CoverageEligibilityResponse.class::isInstance)
				.map(CoverageEligibilityResponse.class::cast)
				.filter(r -> check.responseId().equals(r.getIdElement().getIdPart())).findFirst())
				.or(() -> read(check.responseId(), details));
		if (stored.isPresent() && stored.get().getOutcome() != RemittanceOutcome.QUEUED) {
			log.info("Eligibility check {} answered in real time in {} ms", check.trace(), answer.elapsed().toMillis());
			return stored.get();
		}
		String why = ingested.outcome().map(o -> o.reason() != null ? o.reason()
				: String.join("; ", o.result().notes())).orElse("the same answer was received before");
		return fail(prepared, ErrorCode.ELIGIBILITY_ANSWER_UNUSABLE, "The answer could not be applied: " + why,
				details);
	}

	/**
	 * Sends prepared checks as one batch file on the connection's batch channel and stores their responses as
	 * {@code queued} (or as failed when the upload fails).
	 *
	 * @param written the checks' 270s in one interchange
	 * @return the stored responses, in the order of the checks
	 */
	List<CoverageEligibilityResponse> sendBatch(String connection, List<Prepared> prepared, WrittenInterchange written,
			RequestDetails details) {
		String sender = connections.properties(connection).submitterId();
		String name = "eligibility-" + sender.replaceAll("[^A-Za-z0-9]", "_") + "-"
				+ written.interchangeControlNumber() + ".x12";
		// recorded and stored as queued before the upload, so that the file's 999 or 271s, however soon they are
		// applied, find the checks and are not overwritten by the queued responses
		checks.sentIn(envelope(connection).senderId(), prepared.stream().map(Prepared::check).toList(), written);
		List<CoverageEligibilityResponse> queued = new ArrayList<>();
		for (Prepared check : prepared) {
			queued.add(store(EligibilityAnswers.queued(check.frame(), connection), details));
		}
		try {
			connections.channel(connection).upload(name, written.bytes());
		} catch (IOException | RuntimeException e) {
			List<CoverageEligibilityResponse> failed = new ArrayList<>();
			for (Prepared check : prepared) {
				failed.add(fail(check, ErrorCode.ELIGIBILITY_NOT_SENT, "The 270 could not be sent to clearinghouse"
						+ " connection '" + connection + "': " + e.getMessage(), details));
			}
			return failed;
		}
		log.info("Eligibility batch file {} with {} inquiries sent to clearinghouse {}", name, prepared.size(),
				connection);
		return queued;
	}

	/** Stores a check that will get no answer. */
	CoverageEligibilityResponse fail(Prepared prepared, ErrorCode code, String message, RequestDetails details) {
		checks.state(prepared.check().id(), EligibilityChecks.State.FAILED, clock.instant());
		log.info("Eligibility check {}: {} {}", prepared.check().trace(), code.code(), message);
		return store(EligibilityAnswers.failed(prepared.frame(), code, message), details);
	}

	private CoverageEligibilityResponse store(CoverageEligibilityResponse response, RequestDetails details) {
		daos.getResourceDao(CoverageEligibilityResponse.class).update(response, details);
		return read(response.getIdElement().getIdPart(), details).orElse(response);
	}

	private Optional<CoverageEligibilityResponse> read(String id, RequestDetails details) {
		try {
			return Optional.of(daos.getResourceDao(CoverageEligibilityResponse.class)
					.read(new IdType("CoverageEligibilityResponse", id), details));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	/**
	 * Checks, without sending or storing anything, that a request names everything a 270 needs.
	 *
	 * @return what the request names, for {@link #submit} (so it is not read twice)
	 * @throws EligibilityProblem naming what is missing
	 */
	Parties validate(CoverageEligibilityRequest request, RequestDetails details) {
		Parties parties = parties(request, details);
		EligibilityRequests.inquiry(parties, "E0", properties.traceAssigner(), properties.serviceTypes(),
				LocalDateTime.now(clock));
		return parties;
	}

	/** The resources the request names, read in its tenant. */
	Parties parties(CoverageEligibilityRequest request, RequestDetails details) {
		Resource patientResource = request.hasPatient() ? StoredReferences.resolve(daos, details, request.getPatient())
				: null;
		if (!(patientResource instanceof Patient patient)) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_PATIENT, request.hasPatient()
					? "The request's patient " + request.getPatient().getReference() + " cannot be read"
					: "The request names no patient", "CoverageEligibilityRequest.patient");
		}
		Reference coverageReference = request.getInsurance().stream().map(i -> i.getCoverage())
				.filter(Reference::hasReference).findFirst().orElse(null);
		Resource coverageResource = coverageReference == null ? null
				: StoredReferences.resolve(daos, details, coverageReference);
		if (!(coverageResource instanceof Coverage coverage)) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_COVERAGE, coverageReference == null
					? "The request names no Coverage: add insurance.coverage"
					: "The request's coverage " + coverageReference.getReference() + " cannot be read",
					"CoverageEligibilityRequest.insurance.coverage");
		}
		String beneficiary = new IdType(coverage.getBeneficiary().getReference()).getIdPart();
		if (beneficiary == null || !beneficiary.equals(patient.getIdElement().getIdPart())) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_COVERAGE, "The Coverage's beneficiary is not the"
					+ " request's patient", "CoverageEligibilityRequest.insurance.coverage");
		}
		Reference payerReference = coverage.hasPayor() ? coverage.getPayorFirstRep() : request.getInsurer();
		Resource payer = payerReference == null || !payerReference.hasReference() ? null
				: StoredReferences.resolve(daos, details, payerReference);
		if (payer == null && request.hasInsurer()) {
			payer = StoredReferences.resolve(daos, details, request.getInsurer());
		}
		Resource provider = request.hasProvider() ? StoredReferences.resolve(daos, details, request.getProvider())
				: null;
		Resource subscriber = coverage.hasSubscriber() ? StoredReferences.resolve(daos, details,
				coverage.getSubscriber()) : null;
		return new Parties(request, patient, coverage, payer instanceof Organization organization ? organization : null,
				provider, subscriber instanceof Patient named ? named : null);
	}
}
