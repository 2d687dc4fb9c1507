package org.openrcm.benchmark.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;

/**
 * Claim submission end to end over HTTP, against the targets: (b) a 10,000-claim batch from stored claims
 * through scrub, 837 and upload to the payer sandbox in at most 60 s, and (c) the sandbox's 999 and 277CA for those
 * claims applied in at most 30 s. The OpenRCM server is started as an operator starts it, on its defaults (H2 and
 * Lucene under a fresh data folder, the starter code sets, the sandbox clearinghouse channel), with the scheduled
 * exchange off ({@code --openrcm.submission.scheduled=false}: only {@code $clearinghouse-exchange} moves claims, so
 * the benchmark decides when) and a short sandbox poll interval ({@code --poll-interval}, 200 ms).
 *
 * <p>Each round works in a tenant of its own. Set-up, not timed: the payer (with its payer id), the practice (NPI,
 * EIN, taxonomy, address) and {@code --patients} patients with their coverage, then {@code --claims} claims over them
 * in transaction Bundles: the claim of {@code BillableClaims} in the server's tests (99213 and 96372 for
 * hypertension, 155.00), each patient's claims on different days in the last weeks so none is a duplicate of
 * another. Timed:
 * <ol>
 * <li>(b) submit: every {@code POST Claim/[id]/$submit} (scrub, queued ClaimResponse, outbox row), from
 * {@code --clients} concurrent clients; every answer must be 200;</li>
 * <li>(b) exchange: one {@code POST $clearinghouse-exchange}, which writes the queued claims as 837P interchanges
 * (at most {@code openrcm.submission.batch-size}, 5,000, claims each), records and uploads them to the sandbox's SFTP
 * server and marks every ClaimResponse sent; it must report all claims sent;</li>
 * <li>(c) acknowledgments: from the end of that call, {@code $clearinghouse-exchange} is called every 200 ms until
 * it has fetched and processed a 999 and a 277CA for every interchange sent (and rejected none); afterwards every
 * ClaimResponse must carry the payer's claim number, that is, the 277CA accepted every claim. The sandbox's own work
 * (reading each 837, writing its 999 and 277CA) runs meanwhile and counts, as a clearinghouse's delay would.</li>
 * </ol>
 *
 * <p>The baselines run in the same round, in the same tenant (so against as many stored resources), alternating
 * which goes first: for (b), a plain {@code POST ClaimResponse} per stored claim from the same number of clients:
 * the one FHIR write per claim that submission cannot do without (a submitted claim needs its ClaimResponse) made in
 * the cheapest way; for (c), those ClaimResponses updated with a claim number (under a system of their own) and a
 * disposition through plain FHIR transactions of {@code --chunk} (1,000) updates each, one after the other: the one
 * FHIR update per claim that applying a 277CA cannot do without, in the cheapest way HAPI offers. The ratios say what
 * OpenRCM's scrubbing, X12 and outbox cost on top of the bare FHIR writes.
 *
 * <p>Each phase also reports the server's CPU time and the CPU other processes used meanwhile (from
 * {@code /proc/stat}, in cores): on a shared machine a phase that ran beside other work shows it.
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar submit --claims 10000 --clients 8 --rounds 3</pre>
 *
 * <p>Options: {@code --claims N} (10000 per round), {@code --patients N} (2000), {@code --clients N} (8),
 * {@code --rounds N} (3), {@code --chunk N} (1000, updates per baseline transaction), {@code --poll-interval D} (the
 * sandbox's, 200ms), {@code --openrcm <jar>} (default {@code server/target/openrcm-server.jar}), {@code --work <dir>}
 * (a temp folder), {@code --out <file>} (also print the report there), {@code --openrcm-args "..."} (extra server
 * arguments), {@code --server-jfr <file>} (a JFR recording of the server, profile settings, over the timed phases of
 * the first round).
 */
public final class SubmitServerBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Duration PHASE_LIMIT = Duration.ofMinutes(20);
	private static final String NPI = "http://hl7.org/fhir/sid/us-npi";
	private static final String EIN = "urn:oid:2.16.840.1.113883.4.4";
	private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	private static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	private static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
	private static final String PAYER_ID_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-id";
	private static final int STORE_CHUNK = 500;
	private static final String BASELINE_CLAIM_NUMBER_SYSTEM = "http://bench.openrcm.org/baseline-claim-number";
	/** USER_HZ of /proc/stat: 100 on every Linux this runs on. */
	private static final long CLOCK_TICKS = 100;

	private SubmitServerBenchmark() {}

	/**
	 * One timed phase: wall time, the server's CPU time, and the CPU the rest of the machine used meanwhile (other
	 * processes than the server and this benchmark, from {@code /proc/stat}): on a shared machine, the load that
	 * competed with the server.
	 */
	record Phase(long millis, long serverCpuMillis, double otherCores) {

		static Phase between(Mark start, Mark end) {
			long wall = (end.nanos() - start.nanos()) / 1_000_000;
			long server = end.serverCpu() - start.serverCpu();
			long others = (end.machineBusy() - start.machineBusy()) - server - (end.clientCpu() - start.clientCpu());
			return new Phase(wall, server, wall == 0 ? 0 : Math.max(0, others) / (double) wall);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%,d ms (server CPU %,d ms, other load %.2f cores)", millis,
					serverCpuMillis, otherCores);
		}
	}

	/** A point in time with the CPU used so far by the server, this benchmark and the whole machine (ms). */
	record Mark(long nanos, long serverCpu, long clientCpu, long machineBusy) {

		static Mark now(ServerProcess server) {
			return new Mark(System.nanoTime(), server.cpuTime().toMillis(), ProcessHandle.current().info()
					.totalCpuDuration().map(Duration::toMillis).orElse(0L), machineBusyMillis());
		}
	}

	/** CPU time the machine spent busy (all CPUs, everything but idle and iowait), from /proc/stat; 0 elsewhere. */
	private static long machineBusyMillis() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < cpu.length && i <= 8; i++) {
				if (i != 4 && i != 5) { // idle, iowait
					busy += Long.parseLong(cpu[i]);
				}
			}
			return busy * 1000 / CLOCK_TICKS;
		} catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	/** One round: the phases timed, the interchanges sent, and how long storing the claims took (ms). */
	private record Round(Phase submit, Phase exchange, Phase acks, Phase baselineCreates, Phase baselineUpdates,
			int interchanges, long stored) {

		long b() {
			return submit.millis() + exchange.millis();
		}

		long cpuB() {
			return submit.serverCpuMillis() + exchange.serverCpuMillis();
		}
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = ServerMeasurements.options(args);
		Path jar = Path.of(options.getOrDefault("openrcm", "server/target/openrcm-server.jar"));
		int claims = Integer.parseInt(options.getOrDefault("claims", "10000"));
		int patients = Integer.parseInt(options.getOrDefault("patients", "2000"));
		int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		int chunk = Integer.parseInt(options.getOrDefault("chunk", "1000"));
		String poll = options.getOrDefault("poll-interval", "200ms");
		Path work = options.containsKey("work") ? Path.of(options.get("work"))
				: Files.createTempDirectory("openrcm-submit-bench");
		List<String> serverArgs = new ArrayList<>(List.of("--openrcm.submission.scheduled=false",
				"--openrcm.sandbox.server.poll-interval=" + poll));
		if (options.containsKey("openrcm-args")) {
			serverArgs.addAll(List.of(options.get("openrcm-args").trim().split("\\s+")));
		}

		StringBuilder out = new StringBuilder();
		List<Round> results = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(jar, "--openrcm.data-dir", work, serverArgs)) {
			System.err.println("Starting the server (log: " + work.resolve("server.log") + ") ...");
			long boot = server.awaitReady("/fhir/DEFAULT/metadata", Duration.ofMinutes(5));
			Http http = new Http("http://127.0.0.1:" + server.port() + "/fhir");
			for (int round = 1; round <= rounds; round++) {
				boolean jfr = round == 1 && options.containsKey("server-jfr");
				Round result = round(server, http, round, claims, patients, clients, chunk, jfr
						? Path.of(options.get("server-jfr")).toAbsolutePath() : null);
				results.add(result);
				System.err.printf(Locale.ROOT, "round %d/%d: %s%n", round, rounds, result);
			}
			long rss = server.rssMegabytes();

			out.append(String.format(Locale.ROOT, "Claim submission over HTTP, %s: %,d claims per round over %,d "
					+ "patients, %d concurrent clients for the submits, medians of %d rounds, %d CPUs, Java %s; server "
					+ "ready in %,d ms, RSS %,d MB at the end%n%n", LocalDate.now(), claims, patients, clients, rounds,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), boot, rss));
			out.append("| measure | OpenRCM | baseline | OpenRCM / baseline | target |\n|---|---:|---:|---:|---:|\n");
			row(out, "(b) submit: Claim/[id]/$submit × N (s)", median(results, r -> r.submit().millis()), Double.NaN,
					"");
			row(out, "(b) $clearinghouse-exchange: 837, record, upload (s)", median(results,
					r -> r.exchange().millis()), Double.NaN, "");
			row(out, "(b) stored claims to uploaded 837 (s) | baseline: POST ClaimResponse × N", median(results,
					Round::b), median(results, r -> r.baselineCreates().millis()), "≤ 60 s");
			row(out, "(c) 999 and 277CA applied (s) | baseline: the ClaimResponses updated in transactions",
					median(results, r -> r.acks().millis()), median(results, r -> r.baselineUpdates().millis()),
					"≤ 30 s");
			cpuRow(out, "(b) server CPU per claim (ms)", median(results, Round::cpuB) / claims,
					median(results, r -> r.baselineCreates().serverCpuMillis()) / claims);
			cpuRow(out, "(c) server CPU per claim (ms)", median(results, r -> r.acks().serverCpuMillis()) / claims,
					median(results, r -> r.baselineUpdates().serverCpuMillis()) / claims);
			out.append("\nPer round (other load: the CPU other processes used meanwhile, in cores):\n");
			for (int r = 0; r < results.size(); r++) {
				Round x = results.get(r);
				out.append(String.format(Locale.ROOT, "- round %d (%s first): submit %s; exchange %s; acknowledgments "
						+ "%s; baseline creates %s; baseline updates %s; %d interchanges; storing the claims took %,d "
						+ "ms%n", r + 1, r % 2 == 0 ? "OpenRCM" : "baseline", x.submit(), x.exchange(), x.acks(),
						x.baselineCreates(), x.baselineUpdates(), x.interchanges(), x.stored()));
			}
			out.append("\nServer started with ").append(String.join(" ", serverArgs)).append("; log in ")
					.append(work.resolve("server.log")).append('\n');
		}
		System.out.println(out);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), out, StandardCharsets.UTF_8);
		}
	}

	private static Round round(ServerProcess server, Http http, int round, int claimCount, int patientCount,
			int clients, int chunk, Path jfr) throws Exception {
		String tenant = "SUBMIT" + round;
		Workloads.createTenant(http.base, tenant);
		System.err.println("round " + round + ": storing " + claimCount + " claims in " + tenant + " ...");
		long storeStart = System.nanoTime();
		List<Claim> stored = storeClaims(http, tenant, claimCount, patientCount, round);
		List<String> claims = stored.stream().map(c -> c.getIdElement().getValue()).toList();
		long storedMillis = (System.nanoTime() - storeStart) / 1_000_000;
		if (jfr != null) {
			ScrubServerBenchmark.jcmd(server, "JFR.start", "name=submit-bench", "settings=profile",
					"filename=" + jfr);
		}

		OpenRcmPhases openrcm = null;
		Phase[] baseline = null;
		for (int order = 0; order < 2; order++) {
			boolean openrcmNow = (order == 0) == (round % 2 == 1);
			if (openrcmNow) {
				openrcm = openrcm(server, http, tenant, claims, clients);
			} else {
				baseline = baseline(server, http, tenant, stored, clients, chunk);
			}
		}
		if (jfr != null) {
			ScrubServerBenchmark.jcmd(server, "JFR.stop", "name=submit-bench");
		}
		return new Round(openrcm.submit(), openrcm.exchange(), openrcm.acks(), baseline[0], baseline[1],
				openrcm.interchanges(), storedMillis);
	}

	private record OpenRcmPhases(Phase submit, Phase exchange, Phase acks, int interchanges) {}

	/** Submit, exchange, acknowledgments. */
	private static OpenRcmPhases openrcm(ServerProcess server, Http http, String tenant, List<String> claims,
			int clients) throws Exception {
		System.err.println(tenant + ": submitting " + claims.size() + " claims ...");
		Mark start = Mark.now(server);
		concurrently(clients, claims.size(), i -> http.request(tenant, claims.get(i) + "/$submit", "", 200));
		Mark submitted = Mark.now(server);
		Parameters sent = http.parameters(tenant, "$clearinghouse-exchange");
		Mark exchanged = Mark.now(server);
		int claimsSent = integer(sent, "claimsSent");
		int interchanges = integer(sent, "interchangesSent");
		if (claimsSent != claims.size() || integer(sent, "claimsRefused") != 0) {
			throw new IllegalStateException("the exchange sent " + claimsSent + " of " + claims.size() + " claims: "
					+ FHIR.newJsonParser().encodeResourceToString(sent));
		}
		System.err.printf(Locale.ROOT, "%s: submitted in %s; %d interchanges written and uploaded in %s; waiting for "
				+ "the 999s and 277CAs ...%n", tenant, Phase.between(start, submitted), interchanges,
				Phase.between(submitted, exchanged));

		int processed = integer(sent, "filesProcessed");
		int expected = 2 * interchanges;
		long deadline = exchanged.nanos() + PHASE_LIMIT.toNanos();
		while (processed < expected) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + processed + " of " + expected + " acknowledgment files "
						+ "processed within " + PHASE_LIMIT);
			}
			Thread.sleep(200);
			Parameters received = http.parameters(tenant, "$clearinghouse-exchange");
			if (integer(received, "filesRejected") > 0) {
				throw new IllegalStateException("an acknowledgment file was rejected: "
						+ FHIR.newJsonParser().encodeResourceToString(received));
			}
			processed += integer(received, "filesProcessed");
		}
		Mark acknowledged = Mark.now(server);
		int accepted = http.count(tenant, "ClaimResponse?identifier="
				+ URLEncoder.encode(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM + "|", StandardCharsets.UTF_8));
		if (accepted != claims.size()) {
			throw new IllegalStateException(accepted + " of " + claims.size() + " ClaimResponses carry a payer claim "
					+ "number after all acknowledgments were processed");
		}
		return new OpenRcmPhases(Phase.between(start, submitted), Phase.between(submitted, exchanged),
				Phase.between(exchanged, acknowledged), interchanges);
	}

	/**
	 * The baseline, in the same tenant: a ClaimResponse created for each stored claim, as {@code $submit} creates it,
	 * then all of them updated with a claim number and a disposition in FHIR transactions of {@code chunk} updates.
	 * The claim numbers use a system of their own, so OpenRCM's count of accepted claims does not see them.
	 */
	private static Phase[] baseline(ServerProcess server, Http http, String tenant, List<Claim> claims, int clients,
			int chunk) throws Exception {
		int count = claims.size();
		System.err.println(tenant + ": baseline, " + count + " ClaimResponse creates and updates ...");
		ClaimResponse[] responses = new ClaimResponse[count];
		IParser json = FHIR.newJsonParser();
		Mark start = Mark.now(server);
		concurrently(clients, count, i -> {
			ClaimResponse response = queued(claims.get(i));
			String body = http.request(tenant, "ClaimResponse", json.encodeResourceToString(response), 201);
			response.setId(json.parseResource(body).getIdElement().toUnqualifiedVersionless());
			responses[i] = response;
			return body;
		});
		Mark created = Mark.now(server);
		for (int from = 0; from < count; from += chunk) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = from; i < Math.min(count, from + chunk); i++) {
				ClaimResponse response = responses[i];
				response.setDisposition("Accepted by the payer for adjudication (277CA): accepted for processing");
				response.addIdentifier().setSystem(BASELINE_CLAIM_NUMBER_SYSTEM).setValue("PCN" + i);
				transaction.addEntry().setResource(response).getRequest().setMethod(Bundle.HTTPVerb.PUT)
						.setUrl("ClaimResponse/" + response.getIdElement().getIdPart());
			}
			http.request(tenant, "", json.encodeResourceToString(transaction), 200);
		}
		Mark updated = Mark.now(server);
		return new Phase[] {Phase.between(start, created), Phase.between(created, updated)};
	}

	/** The ClaimResponse of a queued claim, as OpenRCM makes it. */
	private static ClaimResponse queued(Claim claim) {
		ClaimResponse response = new ClaimResponse();
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setType(new CodeableConcept(new Coding(CLAIM_TYPE, "professional", "Professional")));
		response.setUse(ClaimResponse.Use.CLAIM);
		response.setPatient(claim.getPatient().copy());
		response.setCreated(new Date());
		response.setInsurer(claim.getInsurer().copy());
		response.setRequestor(claim.getProvider().copy());
		response.setRequest(new Reference(claim.getIdElement().toUnqualifiedVersionless().getValue()));
		response.setOutcome(ClaimResponse.RemittanceOutcome.QUEUED);
		response.setDisposition("Queued for the clearinghouse (default)");
		return response;
	}

	/** The payer, practice, patients with coverage, then the claims; returns the claims, with their ids. */
	static List<Claim> storeClaims(Http http, String tenant, int count, int patientCount, int round)
			throws IOException, InterruptedException {
		Parties parties = storePatients(http, tenant, patientCount, round);
		LocalDate today = LocalDate.now();
		List<Claim> claims = new ArrayList<>(count);
		IParser json = FHIR.newJsonParser();
		for (int from = 0; from < count; from += STORE_CHUNK) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			List<Claim> batch = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + STORE_CHUNK); i++) {
				int patient = i % patientCount;
				LocalDate serviceDate = today.minusDays(7 + i / patientCount);
				Claim claim = claim(parties, patient, serviceDate);
				batch.add(claim);
				transaction.addEntry().setResource(claim).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim");
			}
			Bundle response = json.parseResource(Bundle.class, http.request(tenant, "",
					json.encodeResourceToString(transaction), 200));
			for (int e = 0; e < batch.size(); e++) {
				batch.get(e).setId(new IdType(response.getEntry().get(e).getResponse().getLocation())
						.toUnqualifiedVersionless());
				claims.add(batch.get(e));
			}
		}
		return claims;
	}

	/** The ids ({@code Type/id}) of the parties stored in a tenant. */
	record Parties(String payer, String practice, List<String> patients, List<String> coverages) {}

	static Parties storePatients(Http http, String tenant, int count, int round)
			throws IOException, InterruptedException {
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.addIdentifier().setSystem(PAYER_ID_SYSTEM).setValue("60054");
		Organization practice = new Organization().setName("Springfield Family Medicine");
		practice.addIdentifier().setSystem(NPI).setValue("1987654328");
		practice.addIdentifier().setSystem(EIN).setValue("371234567");
		practice.addType(new CodeableConcept(new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
		practice.addAddress().addLine("400 Main Street").setCity("Springfield").setState("IL").setPostalCode("62701");
		String payerId = http.create(tenant, payer);
		String practiceId = http.create(tenant, practice);
		List<String> patients = new ArrayList<>(count);
		List<String> coverages = new ArrayList<>(count);
		IParser json = FHIR.newJsonParser();
		LocalDate coverageStart = LocalDate.now().minusYears(1);
		for (int from = 0; from < count; from += STORE_CHUNK / 2) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = from; i < Math.min(count, from + STORE_CHUNK / 2); i++) {
				Patient patient = new Patient();
				patient.addName().setFamily("Rivera" + i).addGiven("Ana");
				patient.setGender(i % 2 == 0 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE)
						.setBirthDateElement(new DateType(LocalDate.of(1950, 1, 1).plusDays(i * 7L % 20_000).toString()));
				patient.addAddress().addLine(i + " Larch Street").setCity("Springfield").setState("IL")
						.setPostalCode("62704");
				String patientUrl = "urn:uuid:" + java.util.UUID.randomUUID();
				transaction.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
						.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
				Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE)
						.setSubscriberId(String.format(Locale.ROOT, "PHP%d%06d", round, i))
						.setBeneficiary(new Reference(patientUrl)).addPayor(new Reference(payerId))
						.setRelationship(new CodeableConcept(new Coding(
								"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
						.setPeriod(new Period().setStartElement(new DateTimeType(coverageStart.toString())));
				transaction.addEntry().setResource(coverage).getRequest().setMethod(Bundle.HTTPVerb.POST)
						.setUrl("Coverage");
			}
			Bundle response = json.parseResource(Bundle.class, http.request(tenant, "",
					json.encodeResourceToString(transaction), 200));
			for (int e = 0; e < response.getEntry().size(); e += 2) {
				patients.add(new IdType(response.getEntry().get(e).getResponse().getLocation())
						.toUnqualifiedVersionless().getValue());
				coverages.add(new IdType(response.getEntry().get(e + 1).getResponse().getLocation())
						.toUnqualifiedVersionless().getValue());
			}
		}
		return new Parties(payerId, practiceId, patients, coverages);
	}

	/** An office visit (99213, 125.00) and an injection (96372, 30.00) for hypertension: nothing to fix. */
	private static Claim claim(Parties parties, int patient, LocalDate serviceDate) {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(parties.patients().get(patient)))
				.setProvider(new Reference(parties.practice())).setInsurer(new Reference(parties.payer()));
		claim.getType().addCoding().setSystem(CLAIM_TYPE).setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.setCreatedElement(new DateTimeType(LocalDate.now().toString()));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(parties.coverages().get(patient)));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(ICD10CM, "I10", null)));
		line(claim, serviceDate, "99213", "125.00");
		line(claim, serviceDate, "96372", "30.00");
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")).setCurrency("USD"));
		return claim;
	}

	private static void line(Claim claim, LocalDate serviceDate, String code, String charge) {
		int sequence = claim.getItem().size() + 1;
		claim.addItem().setSequence(sequence).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding(CPT, code, null)))
				.setServiced(new DateType(serviceDate.toString()))
				.setLocation(new CodeableConcept(new Coding(POS, "11", null)))
				.setNet(new Money().setValue(new BigDecimal(charge)).setCurrency("USD"))
				.getQuantity().setValue(1);
	}

	/** Runs {@code count} calls on {@code clients} threads, each taking the next number; any failure stops all. */
	private static void concurrently(int clients, int count, IntFunction<String> call) throws Exception {
		AtomicInteger next = new AtomicInteger();
		long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						if (System.nanoTime() > deadline) {
							throw new IllegalStateException("not done within " + PHASE_LIMIT);
						}
						call.apply(i);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		} finally {
			pool.shutdownNow();
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	private static int integer(Parameters parameters, String name) {
		return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst()
				.map(p -> Integer.parseInt(p.getValue().primitiveValue())).orElse(0);
	}

	private static void row(StringBuilder out, String measure, double openrcm, double baseline, String target) {
		String[] parts = measure.split(" \\| baseline: ");
		String name = parts[0] + (parts.length > 1 ? " (baseline: " + parts[1] + ")" : "");
		out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s |%n", name, openrcm / 1000,
				Double.isNaN(baseline) ? "" : String.format(Locale.ROOT, "%.1f", baseline / 1000),
				Double.isNaN(baseline) ? "" : String.format(Locale.ROOT, "%.2f×", openrcm / baseline), target));
	}

	private static double median(List<Round> rounds, java.util.function.ToLongFunction<Round> measure) {
		return medianD(rounds, r -> measure.applyAsLong(r));
	}

	private static void cpuRow(StringBuilder out, String measure, double openrcm, double baseline) {
		out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f× | |%n", measure, openrcm, baseline,
				openrcm / baseline));
	}

	private static double medianD(List<Round> rounds, java.util.function.ToDoubleFunction<Round> measure) {
		double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
		int n = values.length;
		return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	/** FHIR over HTTP/1.1 with a long timeout; a status other than the expected one stops the run. */
	static final class Http {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5)).build();
		private final String base;

		Http(String base) {
			this.base = base;
		}

		String request(String tenant, String path, String body, int expected) {
			URI uri = URI.create(base + "/" + tenant + (path.isEmpty() ? "" : "/" + path));
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
						.header("Content-Type", "application/fhir+json")
						.header("Accept", "application/fhir+json")
						.timeout(PHASE_LIMIT)
						.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
						.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				if (response.statusCode() != expected) {
					throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": "
							+ response.body().substring(0, Math.min(3000, response.body().length())));
				}
				return response.body();
			} catch (IOException e) {
				throw new IllegalStateException("POST " + uri + " failed: " + e, e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		Parameters parameters(String tenant, String operation) {
			return FHIR.newJsonParser().parseResource(Parameters.class, request(tenant, operation, "", 200));
		}

		String create(String tenant, Resource resource) {
			String body = request(tenant, resource.fhirType(), FHIR.newJsonParser().encodeResourceToString(resource), 201);
			return resource.fhirType() + "/" + FHIR.newJsonParser().parseResource(body).getIdElement().getIdPart();
		}

		int count(String tenant, String search) throws IOException, InterruptedException {
			URI uri = URI.create(base + "/" + tenant + "/" + search + "&_summary=count");
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
					.header("Accept", "application/fhir+json").timeout(PHASE_LIMIT).GET().build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getTotal();
		}
	}
}
