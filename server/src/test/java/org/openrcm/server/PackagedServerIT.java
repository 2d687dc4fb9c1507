package org.openrcm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLHandshakeException;
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
import org.openrcm.server.support.TlsServer;

/**
 * The README's run command, for real: {@code java -jar server/target/openrcm-server.jar} on the embedded default
 * starts with nothing else installed, serves FHIR, shuts down gracefully on SIGTERM and finds its data again on
 * the next start. The next start is the README's TLS setup (a self-signed PKCS12 keystore made with keytool, its
 * password a secret file read through {@code spring.config.import=configtree:}), and in between a start that asks
 * for encryption of the existing unencrypted database is refused with a clear message.
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

		Path refusedLog = workDir.resolve("refused.log");
		Process refused = PackagedServer.start(workDir, port, refusedLog,
				List.of("--openrcm.storage.h2-encryption-key-env=OPENRCM_DB_KEY"), Map.of("OPENRCM_DB_KEY", DB_KEY));
		assertThat(refused.waitFor(120, TimeUnit.SECONDS)).as("a refused start ends").isTrue();
		assertThat(refused.exitValue()).isNotZero();
		assertThat(Files.readString(refusedLog)).contains("APPLICATION FAILED TO START").contains("is not encrypted")
				.doesNotContain(DB_KEY);

		TlsServer tls = TlsServer.create(Path.of("target", "tls").toAbsolutePath(), workDir.resolve("secrets"));
		Path secondLog = workDir.resolve("second.log");
		Process second = start(port, secondLog, tls.arguments());
		try {
			tls.awaitReady(port, second);
			HttpResponse<String> read = tls.trusting().send(HttpRequest.newBuilder(
					URI.create("https://127.0.0.1:" + port + "/fhir/DEFAULT/Patient/" + id))
					.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(FhirHttp.fhir().newJsonParser().parseResource(Patient.class, read.body())
					.getNameFirstRep().getFamily()).isEqualTo("Persisted");
			assertThat(read.headers().firstValue("Strict-Transport-Security")).as("HSTS over TLS").isPresent();
			assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("https://127.0.0.1:" + port + "/fhir/DEFAULT/metadata")).build(),
					HttpResponse.BodyHandlers.ofString()))
					.as("a client that does not trust the certificate").isInstanceOf(SSLHandshakeException.class);
		} finally {
			second.destroy();
			second.waitFor(60, TimeUnit.SECONDS);
		}
		String secondText = Files.readString(secondLog);
		assertThat(secondText).as("the keystore password is a secret").doesNotContain(tls.password());
		assertThat(secondText.lines().filter(line -> line.contains(" ERROR ")).toList()).isEmpty();
		assertThat(firstLog).doesNotContain(tls.password());
	}

	private static final String DB_KEY = "db-key-" + java.util.UUID.randomUUID();

	private Process start(int port, Path log) throws IOException {
		return PackagedServer.start(workDir, port, log, List.of(), Map.of());
	}

	private Process start(int port, Path log, List<String> arguments) throws IOException {
		return PackagedServer.start(workDir, port, log, arguments, Map.of());
	}

	private static void awaitReady(FhirHttp http, Process process) throws InterruptedException {
		PackagedServer.awaitReady(http, process);
	}

	private static int freePort() throws IOException {
		return PackagedServer.freePort();
	}
}
