package org.openrcm.benchmark.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.benchmark.server.SubmitServerBenchmark.Http;
import org.openrcm.benchmark.server.SubmitServerBenchmark.Mark;
import org.openrcm.benchmark.server.SubmitServerBenchmark.Parties;
import org.openrcm.benchmark.server.SubmitServerBenchmark.Phase;

/**
 * Eligibility (270/271) over HTTP, against the targets: (a) the server's own time in a real-time eligibility
 * round trip, beyond the payer's, at most 50 ms at the 95th percentile; (b) a batch of 1,000 eligibility checks
 * through the payer sandbox in at most 60 s. The OpenRCM server is started as an operator starts it, on its defaults
 * (H2 and Lucene under a fresh data folder, the sandbox clearinghouse connection, which has a real-time endpoint),
 * with the scheduled exchange off ({@code --openrcm.submission.scheduled=false}: the benchmark calls
 * {@code $clearinghouse-exchange}), the sandbox polling its SFTP folder every 200 ms, and the sandbox payer taking
 * {@code --payer-delay} (100 ms) per real-time answer: the payer's own time, which a real payer spends looking the
 * member up.
 *
 * <p>Each round works in a tenant of its own, with the payer (payer id 60054), the practice (NPI) and
 * {@code --checks} patients with their coverage stored first, untimed (the member ids fall in the sandbox's default
 * scenario, active coverage with deductible, out-of-pocket, copay and coinsurance). Then, alternating which goes
 * first within a part:
 * <ol>
 * <li>(a) {@code --round-trips} (300) {@code POST CoverageEligibilityRequest/$submit}, one after the other, each with
 * a new request for the next patient in parameter {@code resource}: the server stores it, writes the 270, waits for
 * the sandbox's 271 on the real-time channel, stores the answer and the CoverageEligibilityResponse, and answers
 * with it. Every answer must be 200 with outcome {@code complete} and coverage in force. The client times each call;
 * the server reports the exchange's own time in its {@code Server-Timing: payer;dur=} header (sending the 270, the
 * payer's delay and work, reading the 271). OpenRCM's overhead is the difference, per call. The baseline: as many
 * plain FHIR transactions, each creating a CoverageEligibilityRequest and a CoverageEligibilityResponse like the
 * ones the check stores: the writes an eligibility check cannot do without.</li>
 * <li>(b) one {@code POST $eligibility-batch} naming every coverage of the round (and the practice as provider),
 * then {@code $clearinghouse-exchange} every 200 ms until the batch's Task is {@code completed}: the requests
 * stored, one 270 file uploaded to the sandbox, answered with a 271 file, fetched and applied. Its Task must count
 * every check answered and none failed. The baseline: the same number of request/response pairs created with plain
 * FHIR transactions of 500 entries.</li>
 * </ol>
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar eligibility --checks 1000 --rounds 3</pre>
 *
 * <p>Options: {@code --checks N} (1000, the batch's size and the patients per round), {@code --round-trips N} (300),
 * {@code --payer-delay D} (100ms), {@code --rounds N} (3), {@code --openrcm <jar>} (default
 * {@code server/target/openrcm-server.jar}), {@code --work <dir>} (a temp folder), {@code --out <file>} (also print
 * the report there), {@code --openrcm-args "..."} (extra server arguments).
 */
public final class EligibilityServerBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Duration LIMIT = Duration.ofMinutes(10);
	private static final Pattern PAYER_TIME = Pattern.compile("payer;dur=([0-9.]+)");
	private static final int TRANSACTION_ENTRIES = 500;

	private EligibilityServerBenchmark() {}

	/** Milliseconds of each real-time call: as the client saw it, and the payer's part the server reported. */
	private record RoundTrips(double[] total, double[] payer, Phase phase) {

		double[] overhead() {
			double[] overhead = new double[total.length];
			for (int i = 0; i < total.length; i++) {
				overhead[i] = total[i] - payer[i];
			}
			return overhead;
		}
	}

	/** What a round measured. */
	private record Round(RoundTrips realTime, double[] baselinePairs, Phase batch, Phase baselineBatch) {}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = ServerMeasurements.options(args);
		Path jar = Path.of(options.getOrDefault("openrcm", "server/target/openrcm-server.jar"));
		int checks = Integer.parseInt(options.getOrDefault("checks", "1000"));
		int roundTrips = Integer.parseInt(options.getOrDefault("round-trips", "300"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		String payerDelay = options.getOrDefault("payer-delay", "100ms");
		Path work = options.containsKey("work") ? Path.of(options.get("work"))
				: Files.createTempDirectory("openrcm-eligibility-bench");
		List<String> serverArgs = new ArrayList<>(List.of("--openrcm.submission.scheduled=false",
				"--openrcm.sandbox.server.poll-interval=200ms",
				"--openrcm.sandbox.server.real-time-delay=" + payerDelay));
		if (options.containsKey("openrcm-args")) {
			serverArgs.addAll(List.of(options.get("openrcm-args").trim().split("\\s+")));
		}

		StringBuilder out = new StringBuilder();
		List<Round> results = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(jar, "--openrcm.data-dir", work, serverArgs)) {
			System.err.println("Starting the server (log: " + work.resolve("server.log") + ") ...");
			long boot = server.awaitReady("/fhir/DEFAULT/metadata", Duration.ofMinutes(5));
			String base = "http://127.0.0.1:" + server.port() + "/fhir";
			Http http = new Http(base);
			// warm-up, unreported: the first calls of a fresh JVM would count class loading and JIT as overhead
			Round warmUp = round(server, http, base, 0, Math.min(checks, 100), Math.min(roundTrips, 50));
			System.err.printf(Locale.ROOT, "warm-up: %s%n", describe(warmUp));
			for (int round = 1; round <= rounds; round++) {
				Round result = round(server, http, base, round, checks, roundTrips);
				results.add(result);
				System.err.printf(Locale.ROOT, "round %d/%d: %s%n", round, rounds, describe(result));
			}
			long rss = server.rssMegabytes();
			out.append(String.format(Locale.ROOT, "Eligibility over HTTP, %s: %,d real-time checks and a batch of %,d "
					+ "per round, the sandbox payer taking %s per real-time answer, medians of %d rounds, %d CPUs, "
					+ "Java %s; server ready in %,d ms, RSS %,d MB at the end%n%n", LocalDate.now(), roundTrips, checks,
					payerDelay, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					boot, rss));
			out.append("| measure | OpenRCM | baseline | target |\n|---|---:|---:|---:|\n");
			out.append(String.format(Locale.ROOT, "| (a) real-time $submit, p50 / p95 (ms) | %.1f / %.1f | | |%n",
					median(results, r -> percentile(r.realTime().total(), 50)),
					median(results, r -> percentile(r.realTime().total(), 95))));
			out.append(String.format(Locale.ROOT, "| (a) of which the payer exchange, p50 / p95 (ms) | %.1f / %.1f "
					+ "| | |%n", median(results, r -> percentile(r.realTime().payer(), 50)),
					median(results, r -> percentile(r.realTime().payer(), 95))));
			out.append(String.format(Locale.ROOT, "| (a) OpenRCM's overhead beyond the payer, p50 / p95 (ms) "
					+ "(baseline: a plain transaction creating the request and response, p50 / p95) | %.1f / %.1f "
					+ "| %.1f / %.1f | p95 ≤ 50 ms |%n",
					median(results, r -> percentile(r.realTime().overhead(), 50)),
					median(results, r -> percentile(r.realTime().overhead(), 95)),
					median(results, r -> percentile(r.baselinePairs(), 50)),
					median(results, r -> percentile(r.baselinePairs(), 95))));
			out.append(String.format(Locale.ROOT, "| (b) $eligibility-batch of %,d to completed Task (s) (baseline: "
					+ "the request/response pairs in plain transactions) | %.1f | %.1f | ≤ 60 s |%n", checks,
					median(results, r -> r.batch().millis()) / 1000, median(results, r -> r.baselineBatch().millis())
							/ 1000));
			out.append(String.format(Locale.ROOT, "| server CPU per check, (a) / (b) (ms) | %.1f / %.1f | %.1f | |%n",
					median(results, r -> r.realTime().phase().serverCpuMillis()) / roundTrips,
					median(results, r -> r.batch().serverCpuMillis()) / checks,
					median(results, r -> r.baselineBatch().serverCpuMillis()) / checks));
			out.append("\nPer round (other load: the CPU other processes used meanwhile, in cores):\n");
			for (int r = 0; r < results.size(); r++) {
				out.append("- round ").append(r + 1).append(": ").append(describe(results.get(r))).append('\n');
			}
			out.append("\nServer started with ").append(String.join(" ", serverArgs)).append("; log in ")
					.append(work.resolve("server.log")).append('\n');
		}
		System.out.println(out);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), out, StandardCharsets.UTF_8);
		}
	}

	private static String describe(Round round) {
		return String.format(Locale.ROOT, "real time p95 %.1f ms (payer %.1f, overhead %.1f), %s; baseline pair p95 "
				+ "%.1f ms; batch %s; baseline batch %s", percentile(round.realTime().total(), 95),
				percentile(round.realTime().payer(), 95), percentile(round.realTime().overhead(), 95),
				round.realTime().phase(), percentile(round.baselinePairs(), 95), round.batch(), round.baselineBatch());
	}

	private static Round round(ServerProcess server, Http http, String base, int round, int checks, int roundTrips)
			throws Exception {
		String tenant = "ELIG" + round;
		Workloads.createTenant(base, tenant);
		Parties parties = SubmitServerBenchmark.storePatients(http, tenant, Math.max(checks, roundTrips), 900 + round);
		RoundTrips realTime;
		double[] baselinePairs;
		if (round % 2 == 1) {
			realTime = realTime(server, base, tenant, parties, roundTrips);
			baselinePairs = baselinePairs(base, tenant, parties, roundTrips);
		} else {
			baselinePairs = baselinePairs(base, tenant, parties, roundTrips);
			realTime = realTime(server, base, tenant, parties, roundTrips);
		}
		Phase batch;
		Phase baselineBatch;
		if (round % 2 == 1) {
			batch = batch(server, http, base, tenant, parties, checks);
			baselineBatch = baselineBatch(server, http, tenant, parties, checks);
		} else {
			baselineBatch = baselineBatch(server, http, tenant, parties, checks);
			batch = batch(server, http, base, tenant, parties, checks);
		}
		return new Round(realTime, baselinePairs, batch, baselineBatch);
	}

	/** (a): one real-time check after the other; each answer must be complete with coverage in force. */
	private static RoundTrips realTime(ServerProcess server, String base, String tenant, Parties parties, int count)
			throws Exception {
		HttpClient client = client();
		IParser json = FHIR.newJsonParser();
		double[] total = new double[count];
		double[] payer = new double[count];
		Mark start = Mark.now(server);
		for (int i = 0; i < count; i++) {
			Parameters parameters = new Parameters();
			parameters.addParameter().setName("resource").setResource(request(parties, i));
			long sent = System.nanoTime();
			HttpResponse<String> response = client.send(post(base + "/" + tenant
					+ "/CoverageEligibilityRequest/$submit", json.encodeResourceToString(parameters)),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			total[i] = (System.nanoTime() - sent) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("$submit answered " + response.statusCode() + ": " + response.body());
			}
			CoverageEligibilityResponse answer = json.parseResource(CoverageEligibilityResponse.class, response.body());
			if (answer.getOutcome() != RemittanceOutcome.COMPLETE
					|| !answer.getInsuranceFirstRep().getInforce()) {
				throw new IllegalStateException("check " + i + " did not find active coverage: " + response.body());
			}
			Matcher timing = PAYER_TIME.matcher(response.headers().firstValue("Server-Timing").orElse(""));
			if (!timing.find()) {
				throw new IllegalStateException("the server reported no payer time (Server-Timing) for check " + i);
			}
			payer[i] = Double.parseDouble(timing.group(1));
		}
		return new RoundTrips(total, payer, Phase.between(start, Mark.now(server)));
	}

	/** (a)'s baseline: per check, one plain transaction creating a request and its response. */
	private static double[] baselinePairs(String base, String tenant, Parties parties, int count) throws Exception {
		HttpClient client = client();
		IParser json = FHIR.newJsonParser();
		double[] took = new double[count];
		for (int i = 0; i < count; i++) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			pair(transaction, parties, i);
			long sent = System.nanoTime();
			HttpResponse<String> response = client.send(post(base + "/" + tenant, json.encodeResourceToString(
					transaction)), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			took[i] = (System.nanoTime() - sent) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("the baseline transaction answered " + response.statusCode() + ": "
						+ response.body());
			}
		}
		return took;
	}

	/** (b): the batch, and the exchange called until its Task is completed with every check answered. */
	private static Phase batch(ServerProcess server, Http http, String base, String tenant, Parties parties,
			int count) throws Exception {
		Parameters parameters = new Parameters();
		for (int i = 0; i < count; i++) {
			parameters.addParameter().setName("coverage").setValue(new Reference(parties.coverages().get(i)));
		}
		parameters.addParameter().setName("provider").setValue(new Reference(parties.practice()));
		IParser json = FHIR.newJsonParser();
		Mark start = Mark.now(server);
		Task task = json.parseResource(Task.class, http.request(tenant, "$eligibility-batch",
				json.encodeResourceToString(parameters), 200));
		String taskId = task.getIdElement().getIdPart();
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (task.getStatus() != Task.TaskStatus.COMPLETED) {
			if (task.getStatus() == Task.TaskStatus.FAILED || System.nanoTime() > deadline) {
				throw new IllegalStateException("the batch did not complete: " + json.encodeResourceToString(task));
			}
			Thread.sleep(200);
			http.parameters(tenant, "$clearinghouse-exchange");
			task = json.parseResource(Task.class, get(base + "/" + tenant + "/Task/" + taskId));
		}
		Phase phase = Phase.between(start, Mark.now(server));
		int checked = output(task, "checked");
		int failed = output(task, "failed");
		if (checked != count || failed != 0) {
			throw new IllegalStateException("the batch answered " + checked + " of " + count + " checks, " + failed
					+ " failed");
		}
		return phase;
	}

	/** (b)'s baseline: as many request/response pairs in plain transactions of 500 entries. */
	private static Phase baselineBatch(ServerProcess server, Http http, String tenant, Parties parties, int count) {
		IParser json = FHIR.newJsonParser();
		Mark start = Mark.now(server);
		for (int from = 0; from < count; from += TRANSACTION_ENTRIES / 2) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = from; i < Math.min(count, from + TRANSACTION_ENTRIES / 2); i++) {
				pair(transaction, parties, i);
			}
			http.request(tenant, "", json.encodeResourceToString(transaction), 200);
		}
		return Phase.between(start, Mark.now(server));
	}

	private static CoverageEligibilityRequest request(Parties parties, int i) {
		CoverageEligibilityRequest request = new CoverageEligibilityRequest()
				.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE)
				.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.BENEFITS)
				.setPatient(new Reference(parties.patients().get(i)))
				.setCreatedElement(new DateTimeType(LocalDate.now().toString()))
				.setProvider(new Reference(parties.practice())).setInsurer(new Reference(parties.payer()))
				.setServiced(new DateType(LocalDate.now().toString()));
		request.addInsurance().setFocal(true).setCoverage(new Reference(parties.coverages().get(i)));
		return request;
	}

	/** A request and a response to it, as the check stores them, added to a transaction. */
	private static void pair(Bundle transaction, Parties parties, int i) {
		String requestUrl = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(requestUrl).setResource(request(parties, i)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("CoverageEligibilityRequest");
		CoverageEligibilityResponse response = new CoverageEligibilityResponse()
				.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE)
				.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.BENEFITS)
				.setPatient(new Reference(parties.patients().get(i)))
				.setCreatedElement(new DateTimeType(LocalDate.now().toString()))
				.setRequest(new Reference(requestUrl)).setInsurer(new Reference(parties.payer()))
				.setOutcome(RemittanceOutcome.COMPLETE);
		response.addInsurance().setInforce(true).setCoverage(new Reference(parties.coverages().get(i)));
		transaction.addEntry().setResource(response).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("CoverageEligibilityResponse");
	}

	private static int output(Task task, String name) {
		return task.getOutput().stream().filter(o -> name.equals(o.getType().getText())).findFirst()
				.map(o -> Integer.parseInt(o.getValue().primitiveValue())).orElse(-1);
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
				.build();
	}

	private static HttpRequest post(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json").timeout(LIMIT)
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
	}

	private static String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").timeout(LIMIT).GET()
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	/** The p-th percentile (nearest rank) of the values. */
	static double percentile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double median(List<Round> rounds, ToDoubleFunction<Round> measure) {
		double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
		int n = values.length;
		return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}
}
