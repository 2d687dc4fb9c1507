package org.openrcm.benchmark.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One server under test, started as its own JVM from a jar, exactly as an operator would start it. */
final class ServerProcess implements AutoCloseable {

	private final Process process;
	private final long startNanos;
	private final int port;

	private ServerProcess(Process process, long startNanos, int port) {
		this.process = process;
		this.startNanos = startNanos;
		this.port = port;
	}

	/**
	 * @param jar the executable jar
	 * @param dataDirArgument the argument that points the server at its data folder, e.g. {@code --openrcm.data-dir}
	 * @param workDir a fresh folder for data and the log
	 * @param extraArgs further command-line arguments for the server
	 */
	static ServerProcess start(Path jar, String dataDirArgument, Path workDir, List<String> extraArgs)
			throws IOException {
		Files.createDirectories(workDir);
		int port = freePort();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(
				java, "-jar", jar.toAbsolutePath().toString(),
				"--server.port=" + port,
				dataDirArgument + "=" + workDir.resolve("data").toAbsolutePath()));
		command.addAll(extraArgs);
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command)
				.directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(workDir.resolve("server.log").toFile())
				.start();
		return new ServerProcess(process, start, port);
	}

	int port() {
		return port;
	}

	/** CPU time the server's process has used so far (all its threads). */
	Duration cpuTime() {
		return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	/** The server's process id. */
	long pid() {
		return process.pid();
	}

	/** Polls the URL until it answers 200; returns milliseconds from process start. */
	long awaitReady(String path, Duration timeout) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready");
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return (System.nanoTime() - startNanos) / 1_000_000;
				}
			} catch (IOException notListeningYet) {
				// keep polling
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("not ready within " + timeout);
	}

	/** Resident set size in MB, from /proc. */
	long rssMegabytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		throw new IOException("no VmRSS for pid " + process.pid());
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
