package org.openrcm.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code server/target/openrcm-server.jar}) as its own process, the way the README runs it, for
 * tests that stop or kill it: started in a working directory with its data there, its output in a log file.
 */
public final class PackagedServer {

	private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

	private PackagedServer() {}

	/** The jar the build packaged. */
	public static Path jar() {
		Path jar = Path.of("target", "openrcm-server.jar").toAbsolutePath();
		assertThat(jar).exists();
		return jar;
	}

	/**
	 * Starts the server on a port with {@code <workDir>/data} as its data directory.
	 *
	 * @param arguments more {@code --property=value} arguments
	 * @param environment more environment variables (secrets)
	 */
	public static Process start(Path workDir, int port, Path log, List<String> arguments,
			Map<String, String> environment) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString(), "--server.port=" + port,
				"--openrcm.data-dir=" + workDir.resolve("data")));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	/** Waits until the server reports ready, failing when its process ends first. */
	public static void awaitReady(FhirHttp http, Process process) throws InterruptedException {
		Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("server process is running").isTrue();
			try {
				if (http.getPath("/actuator/health/readiness").status() == 200) {
					return;
				}
			} catch (RuntimeException notYetListening) {
				// the port is not open yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the server was not ready within " + BOOT_TIMEOUT);
	}

	/** A port nothing listens on right now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
