package org.openrcm.benchmark.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenRCM against plain HAPI FHIR JPA (same HAPI version, same H2 + Lucene storage, HAPI defaults, no project
 * code), side by side in the same run: boot to ready, RSS after boot, 1,000 sequential Claim creates, one
 * 1,000-entry transaction, and 1,000 EHR encounter bundles. Each round starts both servers fresh, one after the
 * other, alternating which goes first; the report gives medians over rounds and the OpenRCM/plain ratio.
 *
 * <p>Options: {@code --openrcm <jar>} (default {@code server/target/openrcm-server.jar}), {@code --plain <jar>}
 * (default {@code benchmark/plain-hapi/target/plain-hapi.jar}), {@code --bundle <json>} (default
 * {@code examples/encounter-bundle.json}), {@code --rounds N} (3), {@code --count N} (1000),
 * {@code --work <dir>} (a temp folder), {@code --out <file>} (also print to stdout), {@code --openrcm-args "..."}
 * (extra server arguments, e.g. {@code --openrcm.validation.claim=false} to measure without claim validation).
 */
public final class ServerBenchmark {

	private static final String[] METRICS = {
		"boot to ready (ms)", "RSS after boot (MB)", "sequential Claim creates (ms)", "Claim transaction (ms)",
		"encounter bundles (ms)"
	};

	private ServerBenchmark() {}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = ServerMeasurements.options(args);
		Path openrcm = Path.of(options.getOrDefault("openrcm", "server/target/openrcm-server.jar"));
		Path plain = Path.of(options.getOrDefault("plain", "benchmark/plain-hapi/target/plain-hapi.jar"));
		String template = Files.readString(Path.of(options.getOrDefault("bundle", "examples/encounter-bundle.json")));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		int count = Integer.parseInt(options.getOrDefault("count", "1000"));
		Path work = options.containsKey("work")
				? Path.of(options.get("work"))
				: Files.createTempDirectory("openrcm-bench");

		List<String> openrcmArgs = options.containsKey("openrcm-args")
				? List.of(options.get("openrcm-args").trim().split("\\s+"))
				: List.of();
		List<Target> targets = List.of(
				new Target("OpenRCM", openrcm, "--openrcm.data-dir", "/fhir/DEFAULT/metadata", true, openrcmArgs),
				new Target("plain HAPI", plain, "--data-dir", "/fhir/metadata", false, List.of()));
		Map<String, List<long[]>> results = new LinkedHashMap<>();
		targets.forEach(t -> results.put(t.name, new ArrayList<>()));

		for (int round = 1; round <= rounds; round++) {
			List<Target> order = new ArrayList<>(targets);
			if (round % 2 == 0) {
				java.util.Collections.reverse(order);
			}
			for (Target target : order) {
				System.err.printf(Locale.ROOT, "round %d/%d: %s ...%n", round, rounds, target.name);
				long[] measured = run(target, work.resolve("round" + round + "-" + target.name.replace(' ', '-')),
						template, count);
				results.get(target.name).add(measured);
				System.err.printf(Locale.ROOT, "  %s%n", describe(measured));
			}
		}

		String report = report(results, rounds, count, openrcmArgs);
		System.out.println(report);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), report, StandardCharsets.UTF_8);
		}
	}

	private record Target(
			String name, Path jar, String dataDirArgument, String readyPath, boolean tenants, List<String> extraArgs) {}

	private static long[] run(Target target, Path workDir, String template, int count) throws Exception {
		try (ServerProcess server = ServerProcess.start(target.jar, target.dataDirArgument, workDir, target.extraArgs)) {
			long boot = server.awaitReady(target.readyPath, Duration.ofMinutes(5));
			long rss = server.rssMegabytes();
			String fhir = "http://127.0.0.1:" + server.port() + "/fhir";
			if (target.tenants) {
				Workloads.createTenant(fhir, "bench");
				fhir = fhir + "/bench";
			}
			Workloads workloads = new Workloads(fhir);
			workloads.prepare();
			workloads.sequentialClaims(50); // warm-up, not timed
			long claims = workloads.sequentialClaims(count);
			long transaction = workloads.claimTransaction(count);
			long encounters = workloads.encounterBundles(template, count);
			return new long[] {boot, rss, claims, transaction, encounters};
		}
	}

	private static String describe(long[] measured) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < METRICS.length; i++) {
			text.append(METRICS[i]).append('=').append(measured[i]).append("  ");
		}
		return text.toString();
	}

	private static long median(List<long[]> runs, int metric) {
		List<Long> values = runs.stream().map(r -> r[metric]).sorted(Comparator.naturalOrder()).toList();
		int n = values.size();
		return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
	}

	private static String report(
			Map<String, List<long[]>> results, int rounds, int count, List<String> openrcmArgs) {
		List<long[]> openrcm = results.get("OpenRCM");
		List<long[]> plain = results.get("plain HAPI");
		StringBuilder out = new StringBuilder();
		out.append("Server benchmark, ").append(LocalDate.now()).append(": medians of ").append(rounds)
				.append(" rounds, ").append(count).append(" operations per write workload, ")
				.append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
				.append(System.getProperty("java.version"))
				.append(openrcmArgs.isEmpty() ? "" : ", OpenRCM started with " + String.join(" ", openrcmArgs))
				.append("\n\n");
		out.append("| measure | OpenRCM | plain HAPI JPA | OpenRCM / plain |\n|---|---:|---:|---:|\n");
		for (int i = 0; i < METRICS.length; i++) {
			long a = median(openrcm, i);
			long b = median(plain, i);
			out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.2f× |%n", METRICS[i], a, b, (double) a / b));
		}
		out.append("\nPer round (OpenRCM | plain):\n\n");
		for (int r = 0; r < rounds; r++) {
			out.append("- round ").append(r + 1).append(": ").append(describe(openrcm.get(r))).append("| ")
					.append(describe(plain.get(r))).append('\n');
		}
		return out.toString();
	}
}
