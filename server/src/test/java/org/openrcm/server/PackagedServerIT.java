package org.openrcm.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.support.FhirHttp;

/**
 * The README's run command, for real: {@code java -jar server/target/openrcm-server.jar} on the embedded default
 * starts with nothing else installed, serves FHIR, shuts down gracefully on SIGTERM and finds its data again on
 * the next start.
 */
class PackagedServerIT {

	private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

	@TempDir
	Path workDir;

	@Test
	void theFatJarRunsStopsGracefullyAndKeepsItsData() throws Exception {
		Path jar = Path.of("target", "openrcm-server.jar").toAbsolutePath();
		assertThat(jar).exists();
		int port = freePort();
		FhirHttp http = new FhirHttp(port);

		Process first = start(jar, port, workDir.resolve("first.log"));
		String id;
		try {
			awaitReady(http, first);
			FhirHttp.Response created = http.post("DEFAULT", "Patient",
					new Patient().addName(new HumanName().setFamily("Persisted")));
			assertThat(created.status()).isEqualTo(201);
			id = created.resource(Patient.class).getIdElement().getIdPart();
			// let HAPI's 10-second background jobs run once: a class missing from lib/ shows up there first
			Thread.sleep(12_000);
		} finally {
			first.destroy();
		}
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("exits within 60 s of SIGTERM").isTrue();
		String firstLog = Files.readString(workDir.resolve("first.log"));
		assertThat(firstLog).contains("Graceful shutdown complete");
		assertThat(firstLog.lines().filter(line -> line.contains(" ERROR ")).toList())
				.as("the server logs no errors while it starts, serves and stops")
				.isEmpty();
		assertThat(workDir.resolve("data/database")).isDirectory();
		assertThat(workDir.resolve("data/lucene")).isDirectory();

		Process second = start(jar, port, workDir.resolve("second.log"));
		try {
			awaitReady(http, second);
			FhirHttp.Response read = http.get("DEFAULT", "Patient/" + id);
			assertThat(read.status()).isEqualTo(200);
			assertThat(read.resource(Patient.class).getNameFirstRep().getFamily()).isEqualTo("Persisted");
		} finally {
			second.destroy();
			second.waitFor(60, TimeUnit.SECONDS);
		}
	}

	private Process start(Path jar, int port, Path log) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(
				java, "-jar", jar.toString(), "--server.port=" + port, "--openrcm.data-dir=" + workDir.resolve("data")));
		return new ProcessBuilder(command)
				.directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
	}

	private static void awaitReady(FhirHttp http, Process process) throws InterruptedException {
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
