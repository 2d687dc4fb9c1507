package org.openrcm.benchmark.server;

import static org.openrcm.benchmark.server.ServerMeasurements.awaitImported;
import static org.openrcm.benchmark.server.ServerMeasurements.millis;
import static org.openrcm.benchmark.server.ServerMeasurements.options;
import static org.openrcm.benchmark.server.ServerMeasurements.quantile;
import static org.openrcm.benchmark.server.ServerMeasurements.serverMillis;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's terminology over HTTP, on the full shared code sets: import at first start and restart from the
 * snapshots (read from the server log), {@code CodeSystem/$validate-code} latency (p50/p99) and
 * {@code ValueSet/$expand} with a filter (p50/p95), one client, after a warm-up.
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar terminology [--requests 2000]</pre>
 */
public final class TerminologyServerBenchmark {

	private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	private static final Pattern IMPORTED = Pattern.compile("Imported (\\d+) code sets .* in (\\d+) ms");
	private static final Pattern INDEXED = Pattern.compile("Indexed (\\d+) code titles for search in (\\d+) ms");
	private static final List<String> FILTERS = List.of(
			"diabetes", "hypertension", "fracture femur", "pneumonia", "asthma", "chest pain", "otitis media",
			"depressive disorder", "low back pain", "urinary tract infection", "atrial fibrillation", "migraine",
			"obesity", "anemia", "influenza vaccine", "wheelchair", "glucose monitor", "heart failure",
			"kidney disease chronic", "sprain ankle", "dermatitis", "conjunctivitis", "osteoarthritis knee",
			"abdominal pain", "pregnancy", "injection", "ultrasound", "fatigue", "cough", "dizziness");

	private TerminologyServerBenchmark() {}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path jar = Path.of(options.getOrDefault("openrcm", "server/target/openrcm-server.jar"));
		Path shared = Path.of(options.getOrDefault("shared", System.getProperty("openrcm.shared-data",
				System.getenv().getOrDefault("OPENRCM_SHARED_DATA", "../shared"))));
		int requests = Integer.parseInt(options.getOrDefault("requests", "2000"));
		Path work = Files.createTempDirectory("openrcm-terminology-bench");
		List<String> serverArgs =
				List.of("--openrcm.terminology.import-dir=" + shared.resolve("terminology-data").toAbsolutePath());

		Map<String, String> figures = new LinkedHashMap<>();
		try (ServerProcess first = ServerProcess.start(jar, "--openrcm.data-dir", work.resolve("run1"), serverArgs)) {
			first.awaitReady("/fhir/DEFAULT/metadata", Duration.ofMinutes(5));
			awaitImported(first);
			figures.putAll(importFigures(work.resolve("run1"), "first start (from the text files)"));
		}
		// the second start reads the snapshots the first one wrote into the same data folder
		Files.move(work.resolve("run1/server.log"), work.resolve("run1/server-first.log"));
		try (ServerProcess server = ServerProcess.start(jar, "--openrcm.data-dir", work.resolve("run1"), serverArgs)) {
			server.awaitReady("/fhir/DEFAULT/metadata", Duration.ofMinutes(5));
			awaitImported(server);
			figures.putAll(importFigures(work.resolve("run1"), "restart (from the snapshots)"));
			// HTTP/1.1 with keep-alive, as an EHR integration engine talks; no h2c upgrade attempt per request
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = "http://127.0.0.1:" + server.port() + "/fhir/DEFAULT/";
			List<String> codes = icdCodes(client, base);
			Random random = new Random(42);

			List<String> validate = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				validate.add(base + "CodeSystem/$validate-code?url=" + ICD10CM + "&date=2024-08-15&code="
						+ codes.get(random.nextInt(codes.size())));
			}
			long[] validateNanos = time(client, validate);
			figures.put("$validate-code p50 / p95 / p99, at the client (ms)", millis(validateNanos, 0.50) + " / "
					+ millis(validateNanos, 0.95) + " / " + millis(validateNanos, 0.99));
			long[] logged = serverMillis(work.resolve("run1/server.log"), Pattern.quote("CodeSystem/$validate-code"),
					requests);
			figures.put("$validate-code p50 / p95 / p99, in the server's request log (whole ms)",
					quantile(logged, 0.50) + " / " + quantile(logged, 0.95) + " / " + quantile(logged, 0.99));

			List<String> expand = new ArrayList<>();
			for (int i = 0; i < requests / 4; i++) {
				expand.add(base + "ValueSet/$expand?count=20&url=" + ICD10CM + "?fhir_vs&filter="
						+ URLEncoder.encode(FILTERS.get(i % FILTERS.size()), StandardCharsets.UTF_8));
			}
			long[] expandNanos = time(client, expand);
			figures.put("$expand filter p50 / p95 (ms)", millis(expandNanos, 0.50) + " / " + millis(expandNanos, 0.95));
			figures.put("RSS after import and load (MB)", Long.toString(server.rssMegabytes()));
		}
		StringBuilder out = new StringBuilder("\n| measure | value |\n|---|---:|\n");
		figures.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
		out.append("\n").append(requests).append(" $validate-code and ").append(requests / 4)
				.append(" $expand requests, one client, after twice as many warm-up requests; logs in ").append(work)
				.append('\n');
		System.out.println(out);
	}

	private static Map<String, String> importFigures(Path runDir, String label) throws IOException {
		String log = Files.readString(runDir.resolve("server.log"));
		Map<String, String> figures = new LinkedHashMap<>();
		Matcher imported = IMPORTED.matcher(log);
		Matcher indexed = INDEXED.matcher(log);
		if (imported.find() && indexed.find()) {
			figures.put("code sets in service at " + label + " (ms)", imported.group(2) + " (" + imported.group(1)
					+ " code sets)");
			figures.put("search index at " + label + ", built after that (ms)",
					indexed.group(2) + " (" + indexed.group(1) + " titles)");
		}
		return figures;
	}

	/** A thousand ICD-10-CM codes of the newest release, from the server's own expansion. */
	private static List<String> icdCodes(HttpClient client, String base) throws Exception {
		String body = client.send(
						HttpRequest.newBuilder(URI.create(base + "ValueSet/$expand?count=1000&offset=20000&url=" + ICD10CM
										+ "?fhir_vs"))
								.build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		List<String> codes = new ArrayList<>();
		Matcher code = Pattern.compile("\"code\":\"([^\"]+)\"").matcher(body);
		while (code.find()) {
			codes.add(code.group(1));
		}
		if (codes.size() < 100) {
			throw new IllegalStateException("expected ICD-10-CM codes from $expand, got: " + body.substring(0, Math.min(300, body.length())));
		}
		return codes;
	}

	/** Runs every URL twice as warm-up (JIT), then once more timed; returns the sorted latencies. */
	private static long[] time(HttpClient client, List<String> urls) throws Exception {
		for (int pass = 0; pass < 2; pass++) {
			for (String url : urls) {
				send(client, url);
			}
		}
		long[] nanos = new long[urls.size()];
		for (int i = 0; i < urls.size(); i++) {
			long start = System.nanoTime();
			send(client, urls.get(i));
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static void send(HttpClient client, String url) throws Exception {
		HttpResponse<String> response =
				client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}
}
