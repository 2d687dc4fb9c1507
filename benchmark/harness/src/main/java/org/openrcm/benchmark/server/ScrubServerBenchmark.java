package org.openrcm.benchmark.server;

import static org.openrcm.benchmark.server.ServerMeasurements.awaitImported;
import static org.openrcm.benchmark.server.ServerMeasurements.heapUsedMegabytes;
import static org.openrcm.benchmark.server.ServerMeasurements.metric;
import static org.openrcm.benchmark.server.ServerMeasurements.quantile;
import static org.openrcm.benchmark.server.ServerMeasurements.serverMillis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.benchmark.scrubbing.ClaimGenerator;
import org.openrcm.benchmark.scrubbing.FindingTally;
import org.openrcm.benchmark.terminology.SharedData;
import org.openrcm.server.scrubbing.ScrubRule;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.TerminologyImporter;

/**
 * {@code Claim/$scrub} over HTTP under concurrent clients, with a baseline in the same run: the OpenRCM server
 * started as an operator starts it, with the shared terminology folder as its import folder (full ICD-10-CM, HCPCS,
 * NCCI PTP/MUE/add-on tables, MCE, ...). Once the import and its search index are done, the payer, the practices
 * (billing Organization, rendering Practitioner) and the patients with their Coverage are stored in the
 * {@code DEFAULT} tenant, and the pool of realistic claims of {@link ClaimGenerator} is built to reference them, so
 * each scrub resolves its references and looks for duplicate claims in the database, as in production.
 *
 * <p>Every claim of the pool is scrubbed once by one client first: the server's findings per claim, by rule, are
 * printed (most claims should come out clean). Then a warm-up, then {@code --rounds} rounds, each timing
 * {@code --requests} {@code $scrub} calls and as many {@code GET Patient/{id}} reads (the floor any request of the
 * server pays) with {@code --clients} concurrent clients, alternating which goes first. The report gives the
 * client-side p50/p95/p99/max and throughput of both, medians over the rounds, their ratio, the server's own
 * request-log durations, the CPU time the server and this client used per request (both run on the same
 * machine), the server's heap (used after a full GC, from Micrometer's {@code jvm.memory.used}), RSS and GC pauses
 * during the measured rounds.
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar scrub --requests 4000 --clients 16</pre>
 *
 * <p>Options: {@code --requests N} (4000 per measure and round), {@code --clients N} (16), {@code --rounds N} (3),
 * {@code --warmup N} (requests of each kind before the rounds; default {@code --requests}), {@code --claims N} (the
 * pool, 2000), {@code --patients N} (stored patients the claims are spread over, 200), {@code --openrcm <jar>}
 * (default {@code server/target/openrcm-server.jar}), {@code --shared <dir>} (default as the other benchmarks:
 * {@code OPENRCM_SHARED_DATA} or {@code ../shared}), {@code --work <dir>} (a temp folder), {@code --out <file>}
 * (also print the report there), {@code --openrcm-args "..."} (extra server arguments), {@code --server-jfr <file>}
 * (a JFR recording of the server, profile settings, over the measured rounds).
 *
 * <p>The claims' dates of service are in 2024Q3, the quarter of the shared NCCI tables, while the server's clock
 * is today's: the server is started with a filing limit that reaches back to them
 * ({@code --openrcm.scrubbing.default-filing-limit-days}), otherwise every claim would be past timely filing.
 */
public final class ScrubServerBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final long SEED = 20240930L;
	private static final Duration PHASE_LIMIT = Duration.ofMinutes(10);
	private static final String[] MEASURES = {"p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "throughput (requests/s)",
		"server CPU per request (ms)", "benchmark client CPU per request (ms)"};
	private static final int THROUGHPUT = 4;

	private ScrubServerBenchmark() {}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = ServerMeasurements.options(args);
		Path jar = Path.of(options.getOrDefault("openrcm", "server/target/openrcm-server.jar"));
		Path shared = Path.of(options.getOrDefault("shared", SharedData.root().toString()));
		Path terminology = shared.resolve("terminology-data").toAbsolutePath().normalize();
		int requests = Integer.parseInt(options.getOrDefault("requests", "4000"));
		int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", Integer.toString(requests)));
		int claimCount = Integer.parseInt(options.getOrDefault("claims", "2000"));
		int patientCount = Integer.parseInt(options.getOrDefault("patients", Integer.toString(ClaimGenerator.MEMBERS)));
		Path work = options.containsKey("work") ? Path.of(options.get("work"))
				: Files.createTempDirectory("openrcm-scrub-bench");
		long filingLimit = ChronoUnit.DAYS.between(ClaimGenerator.FIRST_DATE, LocalDate.now()) + 60;
		List<String> serverArgs = new ArrayList<>(List.of("--openrcm.terminology.import-dir=" + terminology,
				"--openrcm.scrubbing.default-filing-limit-days=" + filingLimit));
		if (options.containsKey("openrcm-args")) {
			serverArgs.addAll(List.of(options.get("openrcm-args").trim().split("\\s+")));
		}

		// the generator reads the same tables as the server; loaded before the server starts so they do not compete
		System.err.println("Loading " + terminology + " for the claim generator ...");
		ImportReport report = new TerminologyImporter(null).importFolder(terminology);
		ClaimGenerator generator = new ClaimGenerator(report, SEED);
		report = null;
		generator.notes().forEach(note -> System.err.println("claims: " + note));

		StringBuilder out = new StringBuilder();
		try (ServerProcess server = ServerProcess.start(jar, "--openrcm.data-dir", work, serverArgs)) {
			System.err.println("Starting the server (log: " + work.resolve("server.log") + ") ...");
			long boot = server.awaitReady("/fhir/DEFAULT/metadata", Duration.ofMinutes(5));
			long importStart = System.nanoTime();
			awaitImported(server);
			long imported = (System.nanoTime() - importStart) / 1_000_000;
			String base = "http://127.0.0.1:" + server.port() + "/fhir/DEFAULT/";

			Workloads store = new Workloads(base.substring(0, base.length() - 1));
			ClaimGenerator.StoredClaims stored = generator.storedClaims(claimCount, patientCount, resource -> create(store,
					resource));
			generator = null;
			IParser json = FHIR.newJsonParser();
			List<byte[]> bodies = new ArrayList<>(claimCount);
			for (Claim claim : stored.claims()) {
				Parameters parameters = new Parameters();
				parameters.addParameter().setName("resource").setResource(claim);
				bodies.add(json.encodeResourceToString(parameters).getBytes(StandardCharsets.UTF_8));
			}
			List<String> patients = stored.patients();
			stored = null;
			System.gc();
			long heapAfterImport = heapAfterFullGc(server);

			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(5)).build();
			IntFunction<HttpRequest> scrub = i -> HttpRequest.newBuilder(URI.create(base + "Claim/$scrub"))
					.header("Content-Type", "application/fhir+json")
					.header("Accept", "application/fhir+json")
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
					.build();
			IntFunction<HttpRequest> read = i -> HttpRequest.newBuilder(URI.create(base + patients.get(i % patients.size())))
					.header("Accept", "application/fhir+json")
					.timeout(Duration.ofSeconds(60))
					.GET()
					.build();

			System.err.println("Scrubbing each of the " + bodies.size() + " claims once ...");
			FindingTally tally = findings(client, scrub, bodies.size());
			System.err.println(tally.report());
			System.err.println("Warm-up: " + warmup + " scrubs and " + warmup + " reads, " + clients + " clients ...");
			run(server, client, clients, warmup, scrub);
			run(server, client, clients, warmup, read);
			if (options.containsKey("server-jfr")) {
				jcmd(server, "JFR.start", "name=scrub-bench", "settings=profile",
						"filename=" + Path.of(options.get("server-jfr")).toAbsolutePath());
			}

			Map<String, Double> gcBefore = metric(server, "jvm.gc.pause", null);
			List<Result> scrubs = new ArrayList<>();
			List<Result> reads = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				boolean scrubFirst = round % 2 == 1;
				for (int kind = 0; kind < 2; kind++) {
					boolean isScrub = (kind == 0) == scrubFirst;
					Result result = run(server, client, clients, requests, isScrub ? scrub : read);
					(isScrub ? scrubs : reads).add(result);
					System.err.printf(Locale.ROOT, "round %d/%d %s: %s%n", round, rounds,
							isScrub ? "$scrub" : "GET Patient", result);
				}
			}
			Map<String, Double> gcAfter = metric(server, "jvm.gc.pause", null);
			if (options.containsKey("server-jfr")) {
				jcmd(server, "JFR.stop", "name=scrub-bench");
			}
			long heapUnderLoad = heapUsedMegabytes(server);
			long heapAfterLoad = heapAfterFullGc(server);
			long rss = server.rssMegabytes();
			long[] logged = serverMillis(work.resolve("server.log"), "extended-operation-type Claim", requests * rounds);
			long[] loggedReads = serverMillis(work.resolve("server.log"), "read Patient/\\S+", requests * rounds);

			out.append(String.format(Locale.ROOT, "Claim/$scrub over HTTP, %s: %d concurrent clients, %,d requests of each "
					+ "kind per round after %,d of each as warm-up, medians of %d rounds, %d CPUs, Java %s; pool of %,d "
					+ "claims over %d stored patients%n%n", LocalDate.now(), clients, requests, warmup, rounds,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), bodies.size(),
					patients.size()));
			out.append("| at the client | $scrub | GET Patient/{id} (baseline) | $scrub / baseline |\n|---|---:|---:|---:|\n");
			for (int m = 0; m < MEASURES.length; m++) {
				double a = median(scrubs, m);
				double b = median(reads, m);
				out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× |%n", MEASURES[m], format(m, a), format(m, b),
						a / b));
			}
			out.append(String.format(Locale.ROOT, "%nIn the server's request log (whole ms, measured rounds): $scrub p50 "
					+ "%d / p95 %d / p99 %d / max %d; GET Patient p50 %d / p99 %d.%n", quantile(logged, 0.5),
					quantile(logged, 0.95), quantile(logged, 0.99), logged[logged.length - 1],
					quantile(loggedReads, 0.5), quantile(loggedReads, 0.99)));
			out.append(String.format(Locale.ROOT, "Server: ready in %,d ms; import and search index done %,d ms after "
					+ "that; heap used after a full GC %s MB after the import (before the load) and %s MB after the "
					+ "rounds; %,d MB used under load (no GC); RSS %,d MB.%n", boot, imported, orNa(heapAfterImport),
					orNa(heapAfterLoad), heapUnderLoad, rss));
			out.append(String.format(Locale.ROOT, "Server GC during the measured rounds: %.0f pauses, %.0f ms in all; "
					+ "longest recent pause %.0f ms (Micrometer jvm.gc.pause: its maximum covers the last minutes).%n",
					gcAfter.getOrDefault("COUNT", 0.0) - gcBefore.getOrDefault("COUNT", 0.0),
					(gcAfter.getOrDefault("TOTAL_TIME", 0.0) - gcBefore.getOrDefault("TOTAL_TIME", 0.0)) * 1000,
					gcAfter.getOrDefault("MAX", 0.0) * 1000));
			out.append("Server's findings on the pool (each claim once): ").append(tally.report()).append("\n\nPer round:\n");
			for (int r = 0; r < rounds; r++) {
				out.append("- round ").append(r + 1).append(": $scrub ").append(scrubs.get(r)).append(" | GET Patient ")
						.append(reads.get(r)).append('\n');
			}
			out.append("\nServer started with ").append(String.join(" ", serverArgs)).append("; log in ")
					.append(work.resolve("server.log")).append('\n');
		}
		System.out.println(out);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), out, StandardCharsets.UTF_8);
		}
	}

	/** Latencies of one measure, sorted, its wall time and the CPU time the server and this client used. */
	private record Result(long[] nanos, long wallNanos, long serverCpuNanos, long clientCpuNanos) {

		double value(int measure) {
			return switch (measure) {
				case 0 -> quantile(nanos, 0.50) / 1e6;
				case 1 -> quantile(nanos, 0.95) / 1e6;
				case 2 -> quantile(nanos, 0.99) / 1e6;
				case 3 -> nanos[nanos.length - 1] / 1e6;
				case THROUGHPUT -> nanos.length / (wallNanos / 1e9);
				case 5 -> serverCpuNanos / 1e6 / nanos.length;
				default -> clientCpuNanos / 1e6 / nanos.length;
			};
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			for (int m = 0; m < MEASURES.length; m++) {
				text.append(m == 0 ? "" : ", ").append(MEASURES[m].replace(" (ms)", "").replace(" (requests/s)", "")
						.replace("benchmark client", "client")).append(' ').append(format(m, value(m)));
			}
			return text.toString();
		}
	}

	/**
	 * Sends {@code count} requests from {@code clients} threads, each taking the next request number until all are
	 * sent; every answer must be 200. Bounded in time: a phase over {@link #PHASE_LIMIT} fails.
	 */
	private static Result run(ServerProcess server, HttpClient client, int clients, int count,
			IntFunction<HttpRequest> request) throws Exception {
		long[] nanos = new long[count];
		AtomicInteger next = new AtomicInteger();
		long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> workers = new ArrayList<>();
			long serverCpu = server.cpuTime().toNanos();
			long clientCpu = clientCpuNanos();
			long start = System.nanoTime();
			for (int c = 0; c < clients; c++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						HttpRequest built = request.apply(i);
						long sent = System.nanoTime();
						if (sent > deadline) {
							throw new IllegalStateException("not done within " + PHASE_LIMIT);
						}
						HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
						nanos[i] = System.nanoTime() - sent;
						if (response.statusCode() != 200) {
							throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
									+ response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			long wall = System.nanoTime() - start;
			Result result = new Result(nanos, wall, server.cpuTime().toNanos() - serverCpu, clientCpuNanos() - clientCpu);
			Arrays.sort(nanos);
			return result;
		} finally {
			pool.shutdownNow();
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	/** Scrubs each claim once, one request at a time, and tallies the server's findings. */
	private static FindingTally findings(HttpClient client, IntFunction<HttpRequest> scrub, int claims)
			throws IOException, InterruptedException {
		IParser parser = FHIR.newJsonParser();
		FindingTally tally = new FindingTally();
		for (int i = 0; i < claims; i++) {
			HttpResponse<String> response = client.send(scrub.apply(i), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("$scrub answered " + response.statusCode() + ": " + response.body());
			}
			OperationOutcome outcome = parser.parseResource(OperationOutcome.class, response.body());
			List<String> rules = new ArrayList<>();
			List<Boolean> blocking = new ArrayList<>();
			for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
				for (Coding coding : issue.getDetails().getCoding()) {
					if (ScrubRule.SYSTEM.equals(coding.getSystem()) && !ScrubRule.CLEAN.code().equals(coding.getCode())) {
						rules.add(coding.getCode());
						blocking.add(issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL);
					}
				}
			}
			tally.add(rules, blocking);
		}
		return tally;
	}

	/** Runs a full GC in the server ({@code jcmd <pid> GC.run}) and reads its used heap; -1 without jcmd. */
	private static long heapAfterFullGc(ServerProcess server) throws IOException, InterruptedException {
		return jcmd(server, "GC.run") ? heapUsedMegabytes(server) : -1;
	}

	/** Runs a diagnostic command in the server's JVM; whether it succeeded (false when there is no jcmd). */
	static boolean jcmd(ServerProcess server, String... command) throws IOException, InterruptedException {
		Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
		if (!Files.isExecutable(jcmd)) {
			System.err.println("no jcmd beside this JVM: " + String.join(" ", command) + " skipped");
			return false;
		}
		List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(server.pid())));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		return process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0;
	}

	private static long clientCpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static String create(Workloads store, Resource resource) {
		try {
			return store.create(resource);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static double median(List<Result> results, int measure) {
		double[] values = results.stream().mapToDouble(r -> r.value(measure)).sorted().toArray();
		int n = values.length;
		return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	private static String format(int measure, double value) {
		return measure == THROUGHPUT ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

	private static String orNa(long megabytes) {
		return megabytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", megabytes);
	}
}
