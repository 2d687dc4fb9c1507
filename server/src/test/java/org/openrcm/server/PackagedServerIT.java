package org.openrcm.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.PackagedServer;

/**
 * The README's run command, for real: {@code java -jar server/target/openrcm-server.jar} on the embedded default
 * starts with nothing else installed, serves FHIR, shuts down gracefully on SIGTERM and finds its data again on
 * the next start.
 */
class PackagedServerIT {

		@TempDir
	Path workDir;

	@Test
	void theFatJarRunsStopsGracefullyAndKeepsItsData() throws Exception {
		int port = freePort();
		FhirHttp http = new FhirHttp(port);

		Process first = start(port, workDir.resolve("first.log"));
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

		Process second = start(port, workDir.resolve("second.log"));
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

	private Process start(int port, Path log) throws IOException {
		return PackagedServer.start(workDir, port, log, List.of(), Map.of());
	}

	private static void awaitReady(FhirHttp http, Process process) throws InterruptedException {
		PackagedServer.awaitReady(http, process);
	}

	private static int freePort() throws IOException {
		return PackagedServer.freePort();
	}
}
