package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.sandbox.SandboxSftpServer;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.PackagedServer;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;

/**
 * Exactly once across a crash, for real: the packaged server writes an interchange for a queued claim, cannot upload
 * it (the clearinghouse's SFTP server is down) and is killed ({@code SIGKILL}, no shutdown of any kind) before it
 * ever could. Restarted with the SFTP server up, it uploads that same interchange — same ISA13, same file name —
 * and nothing else: the clearinghouse receives the claim once, neither lost nor doubled.
 */
class SubmissionCrashIT {

	private static final String PASSWORD_ENV = "CRASH_TEST_SFTP_PASSWORD";
	private static final String PASSWORD = "crash-test-secret";

	@TempDir
	Path workDir;

	@Test
	void anInterchangeWrittenBeforeAKillIsUploadedOnceAfterTheRestart() throws Exception {
		int httpPort = PackagedServer.freePort();
		int sftpPort = PackagedServer.freePort();
		FhirHttp http = new FhirHttp(httpPort);
		List<String> arguments = List.of("--openrcm.submission.scheduled=false",
				"--openrcm.clearinghouse.channel.type=sftp",
				"--openrcm.clearinghouse.channel.sftp.host=127.0.0.1",
				"--openrcm.clearinghouse.channel.sftp.port=" + sftpPort,
				"--openrcm.clearinghouse.channel.sftp.username=openrcm",
				"--openrcm.clearinghouse.channel.sftp.password-env=" + PASSWORD_ENV,
				"--openrcm.clearinghouse.channel.sftp.accept-any-host-key=true",
				"--openrcm.clearinghouse.channel.sftp.connect-timeout=2s",
				"--openrcm.clearinghouse.channel.retry.max-attempts=1");
		Map<String, String> environment = Map.of(PASSWORD_ENV, PASSWORD);

		Process first = PackagedServer.start(workDir, httpPort, workDir.resolve("first.log"), arguments, environment);
		String tenant;
		String claimResponseId;
		try {
			PackagedServer.awaitReady(http, first);
			tenant = http.createTenant();
			String claim = BillableClaims.store(http, tenant, BillableClaims.claim(
					BillableClaims.storeParties(http, tenant, "PHP884421907")));
			FhirHttp.Response queued = http.post(tenant, claim + "/$submit", "", FhirHttp.FHIR_JSON);
			assertThat(queued.status()).as(queued.body()).isEqualTo(200);
			claimResponseId = queued.resource(ClaimResponse.class).getIdElement().getIdPart();

			FhirHttp.Response failed = http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			assertThat(failed.status()).as("the SFTP server is down: " + failed.body()).isEqualTo(500);
		} finally {
			first.destroyForcibly();
		}
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
		try (SandboxSftpServer clearinghouse = new SandboxSftpServer(workDir.resolve("sftp"),
				workDir.resolve("sftp-host-key.ser"), sftpPort, "openrcm", PASSWORD)) {
			clearinghouse.start();
			String sentTransaction;
			Process second = PackagedServer.start(workDir, httpPort, workDir.resolve("second.log"), arguments,
					environment);
			try {
				PackagedServer.awaitReady(http, second);
				FhirHttp.Response exchanged = http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
				assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
				Parameters result = exchanged.resource(Parameters.class);
				assertThat(result.getParameters("fileSent")).hasSize(1);
				assertThat(result.getParameters("claimsSent").get(0).getValue().primitiveValue()).isEqualTo("1");
				FhirHttp.Response again = http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
				assertThat(again.resource(Parameters.class).getParameters("fileSent")).isEmpty();
				ClaimResponse sent = http.get(tenant, "ClaimResponse/" + claimResponseId).resource(ClaimResponse.class);
				sentTransaction = sent.getIdentifier().stream()
						.filter(i -> OpenRcmIg.X12_TRANSACTION_SYSTEM.equals(i.getSystem())).findFirst().orElseThrow()
						.getValue();
			} finally {
				second.destroy();
				second.waitFor(60, TimeUnit.SECONDS);
			}
			List<Path> uploaded;
			try (Stream<Path> files = Files.list(clearinghouse.outbound())) {
				uploaded = files.toList();
			}
			assertThat(uploaded).as("one interchange on the clearinghouse").hasSize(1);
			X12ReadResult read = new X12Reader(X12Schemas.load()).read(Files.readAllBytes(uploaded.get(0)),
					X12Reader.Options.DEFAULT);
			assertThat(read.isValid()).isTrue();
			X12Interchange interchange = read.interchanges().get(0);
			assertThat(uploaded.get(0).getFileName().toString()).isEqualTo("OPENRCM-" + interchange.controlNumber()
					+ ".x12");
			assertThat(read.transactions().count()).as("the claim once").isEqualTo(1);
			assertThat(sentTransaction).as("the claim's ClaimResponse names the interchange it left in")
					.startsWith("OPENRCM:" + interchange.controlNumber() + ":");
			assertThat(Files.readString(workDir.resolve("first.log"), StandardCharsets.UTF_8))
					.as("the first server wrote the interchange before it was killed")
					.contains(uploaded.get(0).getFileName().toString());
		}
	}
}
