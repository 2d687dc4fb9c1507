package org.openrcm.benchmark.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the HTTP benchmarks share: options, waiting for the import, the server's metrics and log, quantiles. */
final class ServerMeasurements {

	private static final Pattern MEASUREMENT =
			Pattern.compile("\"statistic\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"value\"\\s*:\\s*([-0-9.Ee+]+)");

	private ServerMeasurements() {}

	/** {@code --name value} pairs; anything else is an error. */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	/** Waits until the server has imported its terminology folder and built the search index over it. */
	static void awaitImported(ServerProcess server) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + server.port() + "/actuator/health/terminology");
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (System.nanoTime() < deadline) {
			String body = client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body();
			if (body.contains("\"state\":\"IMPORTED\"") && body.contains("\"search\":\"READY")) {
				return;
			}
			if (body.contains("\"state\":\"FAILED\"") || body.contains("IMPORTED_WITH_FAILURES")) {
				throw new IllegalStateException("import failed: " + body);
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the import and its search index did not finish within 10 minutes");
	}

	/**
	 * The statistics of one of the server's actuator metrics ({@code /actuator/metrics/NAME?tag=...}), e.g.
	 * {@code VALUE}, or {@code COUNT}, {@code TOTAL_TIME} and {@code MAX} of a timer; empty when the server does not
	 * expose it.
	 */
	static Map<String, Double> metric(ServerProcess server, String name, String tag)
			throws IOException, InterruptedException {
		String url = "http://127.0.0.1:" + server.port() + "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag);
		HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Double> values = new LinkedHashMap<>();
		if (response.statusCode() == 200) {
			Matcher matcher = MEASUREMENT.matcher(response.body());
			while (matcher.find()) {
				values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
			}
		}
		return values;
	}

	/** The server's used heap in MB (Micrometer's {@code jvm.memory.used}, area heap); -1 when not exposed. */
	static long heapUsedMegabytes(ServerProcess server) throws IOException, InterruptedException {
		Double used = metric(server, "jvm.memory.used", "area:heap").get("VALUE");
		return used == null ? -1 : (long) (used / (1 << 20));
	}

	/**
	 * The durations the server's request log gave the last {@code count} requests whose line matches
	 * {@code linePattern} (a regular expression for the text before the duration), sorted.
	 */
	static long[] serverMillis(Path log, String linePattern, int count) throws IOException {
		Pattern line = Pattern.compile(linePattern + " (\\d+)ms");
		List<Long> all = new ArrayList<>();
		for (String text : Files.readAllLines(log)) {
			Matcher matcher = line.matcher(text);
			if (matcher.find()) {
				all.add(Long.parseLong(matcher.group(1)));
			}
		}
		long[] last = all.subList(Math.max(0, all.size() - count), all.size()).stream()
				.mapToLong(Long::longValue)
				.toArray();
		Arrays.sort(last);
		return last;
	}

	/** The quantile of sorted values (nearest rank). */
	static long quantile(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1))];
	}

	/** The quantile of sorted nanoseconds, in milliseconds with two decimals. */
	static String millis(long[] sorted, double quantile) {
		return String.format(Locale.ROOT, "%.2f", quantile(sorted, quantile) / 1e6);
	}
}
