package org.openrcm.server.eligibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.eligibility.EligibilityChecks.Progress;
import org.openrcm.server.eligibility.EligibilityService.Prepared;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.elig.Eligibility270Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $eligibility-batch}: checks many coverages at once and reports progress on a FHIR Task staff can poll.
 *
 * <p>What is checked is found when the operation is called (so a bad or too large batch is refused at once): every
 * active Coverage of every patient with an Encounter whose period overlaps {@code [start, end]} (and with an
 * Appointment starting then, when this server serves Appointments), or the Coverages named. Each pair of patient and
 * coverage gets a CoverageEligibilityRequest (date of service: the encounter's or appointment's start, else
 * {@code start}, else today; provider: the encounter's service provider or first practitioner, else the
 * {@code provider} parameter). Then, in the background, each request goes through the same preparation as
 * {@code CoverageEligibilityRequest/$submit} and all 270s leave as one file on the connection's batch channel; the
 * responses are stored {@code queued} and completed by {@link Eligibility271Handler} as the 271s come back.
 *
 * <p>The Task ({@code instantiatesCanonical} the OperationDefinition, {@code status} {@code in-progress} until every
 * check is answered or failed, then {@code completed}) carries {@code output} entries typed by text: {@code total},
 * {@code checked} (answered), {@code failed} (integers), one {@code failure} (string) per check that could not be
 * sent or that the clearinghouse's 999 rejected, and one {@code response} (reference) per
 * CoverageEligibilityResponse.
 */
final class EligibilityBatches {

	/** What one batch checks: request details for each pair of patient and coverage. */
	record Candidate(String patient, String coverage, LocalDate serviceDate, Reference provider) {}

	private static final Logger log = LoggerFactory.getLogger(EligibilityBatches.class);
	static final String TOTAL = "total";
	static final String CHECKED = "checked";
	static final String FAILED = "failed";
	static final String FAILURE = "failure";
	static final String RESPONSE = "response";

	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final EligibilityChecks checks;
	private final EligibilityProperties properties;
	private final ExecutorService executor;
	private final Clock clock;
	private final EligibilityService service;
	private final Eligibility270Writer writer;

	/**
	 * @param service prepares and sends each check, as for {@code $submit}
	 * @param writer writes the batch's 270s into one interchange
	 * @param executor runs the sending in the background
	 */
	EligibilityBatches(DaoRegistry daos, TenantRequests tenants, EligibilityChecks checks, EligibilityService service,
			Eligibility270Writer writer, EligibilityProperties properties, ExecutorService executor, Clock clock) {
		this.daos = daos;
		this.tenants = tenants;
		this.checks = checks;
		this.service = service;
		this.writer = writer;
		this.properties = properties;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Starts a batch.
	 *
	 * @param start first day of the range (with {@code end}), or {@code null}
	 * @param end last day of the range, or {@code null}
	 * @param coverages the Coverages to check instead of a range (relative references), or empty
	 * @param provider who asks, when an encounter names nobody (required with {@code coverages})
	 * @return the Task, stored, status {@code in-progress}
	 * @throws EligibilityProblem when the parameters are wrong or the batch is too large
	 */
	Task start(String tenant, LocalDate start, LocalDate end, List<Reference> coverages, Reference provider,
			RequestDetails details) {
		List<Candidate> candidates;
		if (!coverages.isEmpty()) {
			if (start != null || end != null) {
				throw invalid("Give either start and end, or coverage; not both");
			}
			if (provider == null) {
				throw invalid("A batch of coverages needs the provider who asks (parameter provider)");
			}
			candidates = named(coverages, provider, details);
		} else {
			if (start == null || end == null) {
				throw invalid("Give start and end (the encounters and appointments to check), or coverage");
			}
			if (start.isAfter(end)) {
				throw invalid("start " + start + " is after end " + end);
			}
			candidates = inRange(start, end, provider, details);
		}
		if (candidates.size() > properties.batchMaxChecks()) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_BATCH_TOO_MANY, "The batch would check "
					+ candidates.size() + " coverages; at most " + properties.batchMaxChecks()
					+ " (openrcm.eligibility.batch-max-checks) are checked at once: narrow the range", null);
		}
		Task task = new Task().setStatus(Task.TaskStatus.INPROGRESS).setIntent(Task.TaskIntent.ORDER);
		task.setInstantiatesCanonical(OpenRcmIg.ELIGIBILITY_BATCH_OPERATION);
		task.getCode().setText("Eligibility checks");
		task.setDescription(coverages.isEmpty() ? "Eligibility of the patients seen from " + start + " to " + end
				: "Eligibility of " + coverages.size() + " coverages");
		Date now = Date.from(clock.instant());
		task.setAuthoredOn(now).setLastModified(now);
		if (start != null) {
			task.addInput().setValue(new DateType(start.toString())).getType().setText("start");
			task.addInput().setValue(new DateType(end.toString())).getType().setText("end");
		}
		coverages.forEach(c -> task.addInput().setValue(c.copy()).getType().setText("coverage"));
		if (provider != null) {
			task.addInput().setValue(provider.copy()).getType().setText("provider");
		}
		counts(task, new Progress(candidates.size(), 0, 0));
		if (candidates.isEmpty()) {
			task.setStatus(Task.TaskStatus.COMPLETED);
		}
		IdType id = (IdType) daos.getResourceDao(Task.class).create(task, details).getId();
		String taskId = id.getIdPart();
		task.setId(id.toUnqualifiedVersionless());
		if (!candidates.isEmpty()) {
			executor.execute(() -> run(tenant, taskId, candidates));
		}
		return task;
	}

	/** Updates a batch's Task from its checks: counts, and {@code completed} when every check is done. */
	synchronized void progress(String tenant, String taskId) {
		SystemRequestDetails request = tenants.in(tenant);
		Task task = daos.getResourceDao(Task.class).read(new IdType("Task", taskId), request);
		Progress progress = checks.progress(taskId);
		int total = Math.max(progress.total(), count(task, TOTAL));
		Progress counted = new Progress(total, progress.answered(), progress.failed());
		counts(task, counted);
		if (counted.done() && task.getStatus() == Task.TaskStatus.INPROGRESS) {
			task.setStatus(Task.TaskStatus.COMPLETED);
		}
		task.setLastModified(Date.from(clock.instant()));
		daos.getResourceDao(Task.class).update(task, request);
	}

	/**
	 * Records checks of a batch that failed after they were sent (a 999 rejected them): one {@code failure} output
	 * each, then the counts, completing the Task when no check is left waiting.
	 */
	void failed(String tenant, String taskId, List<String> failures) {
		record(tenant, taskId, failures, List.of());
	}

	/** The background part: requests stored, checks prepared, one batch file sent. */
	private void run(String tenant, String taskId, List<Candidate> candidates) {
		SystemRequestDetails request = tenants.in(tenant);
		try {
			String connection = service.connectionFor(tenant);
			List<Prepared> prepared = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			List<String> responses = new ArrayList<>();
			for (Candidate candidate : candidates) {
				CoverageEligibilityRequest inquiry = request(candidate);
				IdType id = (IdType) daos.getResourceDao(CoverageEligibilityRequest.class).create(inquiry, request)
						.getId();
				inquiry.setId(id.toUnqualifiedVersionless());
				try {
					prepared.add(service.prepare(tenant, connection, inquiry, taskId, request));
				} catch (EligibilityProblem e) {
					var check = checks.open(tenant, id.getIdPart(), connection, taskId, clock.instant());
					checks.state(check.id(), EligibilityChecks.State.FAILED, clock.instant());
					failures.add(candidate.coverage() + ": " + e.code().code() + " " + e.getMessage());
				}
			}
			if (!prepared.isEmpty()) {
				WrittenInterchange written;
				try {
					written = writer.write(service.envelope(connection), prepared.stream().map(Prepared::inquiry)
							.toList());
				} catch (X12ValidationException e) {
					written = null;
					for (Prepared check : prepared) {
						service.fail(check, ErrorCode.ELIGIBILITY_NOT_REPRESENTABLE, "The batch's 270 breaks an X12"
								+ " rule: " + e.getMessage(), request);
						failures.add(check.request().getInsuranceFirstRep().getCoverage().getReference() + ": "
								+ ErrorCode.ELIGIBILITY_NOT_REPRESENTABLE.code());
					}
				}
				if (written != null) {
					for (CoverageEligibilityResponse response : service.sendBatch(connection, prepared, written,
							request)) {
						responses.add("CoverageEligibilityResponse/" + response.getIdElement().getIdPart());
					}
				}
			}
			record(tenant, taskId, failures, responses);
		} catch (RuntimeException e) {
			log.warn("Eligibility batch Task/{} stopped: {}", taskId, e.toString());
			fail(tenant, taskId, e.getMessage());
		}
	}

	private synchronized void record(String tenant, String taskId, List<String> failures, List<String> responses) {
		SystemRequestDetails request = tenants.in(tenant);
		Task task = daos.getResourceDao(Task.class).read(new IdType("Task", taskId), request);
		failures.forEach(f -> task.addOutput().setValue(new StringType(f)).getType().setText(FAILURE));
		responses.forEach(r -> task.addOutput().setValue(new Reference(r)).getType().setText(RESPONSE));
		daos.getResourceDao(Task.class).update(task, request);
		progress(tenant, taskId);
	}

	private synchronized void fail(String tenant, String taskId, String message) {
		SystemRequestDetails request = tenants.in(tenant);
		Task task = daos.getResourceDao(Task.class).read(new IdType("Task", taskId), request);
		task.setStatus(Task.TaskStatus.FAILED).getStatusReason().setText(message);
		daos.getResourceDao(Task.class).update(task, request);
	}

	private CoverageEligibilityRequest request(Candidate candidate) {
		CoverageEligibilityRequest request = new CoverageEligibilityRequest();
		request.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE);
		request.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.BENEFITS);
		request.setPatient(new Reference(candidate.patient()));
		request.setServiced(new DateType(candidate.serviceDate().toString()));
		request.setCreated(Date.from(clock.instant()));
		if (candidate.provider() != null) {
			request.setProvider(candidate.provider().copy());
		}
		request.addInsurance().setFocal(true).setCoverage(new Reference(candidate.coverage()));
		return request;
	}

	private List<Candidate> named(List<Reference> coverages, Reference provider, RequestDetails details) {
		List<Candidate> candidates = new ArrayList<>();
		LocalDate today = LocalDateTime.now(clock).toLocalDate();
		for (Reference reference : coverages) {
			Resource resource = StoredReferences.resolve(daos, details, reference);
			if (!(resource instanceof Coverage coverage)) {
				throw invalid("coverage " + reference.getReference() + " cannot be read");
			}
			candidates.add(new Candidate(coverage.getBeneficiary().getReference(), "Coverage/"
					+ coverage.getIdElement().getIdPart(), today, provider));
		}
		return candidates;
	}

	private List<Candidate> inRange(LocalDate start, LocalDate end, Reference fallback, RequestDetails details) {
		Map<String, Candidate> visits = new LinkedHashMap<>();
		SearchParameterMap encounters = SearchParameterMap.newSynchronous();
		encounters.add(Encounter.SP_DATE, range(start, end));
		for (IBaseResource found : daos.getResourceDao(Encounter.class).search(encounters, details)
				.getAllResources()) {
			Encounter encounter = (Encounter) found;
			Reference subject = encounter.getSubject();
			if (!subject.hasReference() || !subject.getReference().startsWith("Patient/")) {
				continue;
			}
			LocalDate day = EligibilityRequests.day(encounter.getPeriod().getStartElement());
			Reference provider = encounter.hasServiceProvider() ? encounter.getServiceProvider()
					: encounter.getParticipant().stream().map(Encounter.EncounterParticipantComponent::getIndividual)
							.filter(r -> r.hasReference() && r.getReference().startsWith("Practitioner/")).findFirst()
							.orElse(fallback);
			visits.putIfAbsent(encounter.getSubject().getReference(), new Candidate(encounter.getSubject()
					.getReference(), null, day == null ? start : day, provider));
		}
		if (daos.isResourceTypeSupported("Appointment")) {
			SearchParameterMap appointments = SearchParameterMap.newSynchronous();
			appointments.add(Appointment.SP_DATE, range(start, end));
			for (IBaseResource found : daos.getResourceDao("Appointment").search(appointments, details)
					.getAllResources()) {
				Appointment appointment = (Appointment) found;
				String patient = appointment.getParticipant().stream().map(p -> p.getActor())
						.filter(r -> r.hasReference() && r.getReference().startsWith("Patient/"))
						.map(Reference::getReference).findFirst().orElse(null);
				if (patient == null) {
					continue;
				}
				Reference provider = appointment.getParticipant().stream().map(p -> p.getActor())
						.filter(r -> r.hasReference() && r.getReference().startsWith("Practitioner/")).findFirst()
						.orElse(fallback);
				LocalDate day = appointment.hasStart() ? EligibilityRequests.day(appointment.getStartElement()) : start;
				visits.putIfAbsent(patient, new Candidate(patient, null, day == null ? start : day, provider));
			}
		}
		List<Candidate> candidates = new ArrayList<>();
		for (Candidate visit : visits.values()) {
			SearchParameterMap active = SearchParameterMap.newSynchronous();
			active.add(Coverage.SP_BENEFICIARY, new ReferenceParam(visit.patient()));
			active.add(Coverage.SP_STATUS, new TokenParam("active"));
			for (IBaseResource found : daos.getResourceDao(Coverage.class).search(active, details).getAllResources()) {
				candidates.add(new Candidate(visit.patient(), "Coverage/" + found.getIdElement().getIdPart(),
						visit.serviceDate(), visit.provider()));
			}
		}
		return candidates;
	}

	private static DateRangeParam range(LocalDate start, LocalDate end) {
		return new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, start.toString()),
				new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, end.toString()));
	}

	private static void counts(Task task, Progress progress) {
		task.getOutput().removeIf(o -> List.of(TOTAL, CHECKED, FAILED).contains(o.getType().getText()));
		List<Task.TaskOutputComponent> rest = new ArrayList<>(task.getOutput());
		task.getOutput().clear();
		task.addOutput().setValue(new IntegerType(progress.total())).getType().setText(TOTAL);
		task.addOutput().setValue(new IntegerType(progress.answered())).getType().setText(CHECKED);
		task.addOutput().setValue(new IntegerType(progress.failed())).getType().setText(FAILED);
		task.getOutput().addAll(rest);
	}

	static int count(Task task, String name) {
		return task.getOutput().stream().filter(o -> name.equals(o.getType().getText()))
				.filter(o -> o.getValue() instanceof IntegerType).map(o -> ((IntegerType) o.getValue()).getValue())
				.findFirst().orElse(0);
	}

	private static EligibilityProblem invalid(String message) {
		return new EligibilityProblem(ErrorCode.ELIGIBILITY_BATCH_INVALID, message, null);
	}
}
