package org.openrcm.server.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.submission.Rejecting999s;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.BillableClaims.Parties;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.status.ClaimStatus277Writer;
import org.openrcm.server.x12.status.ClaimStatusResponse;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Claim status over HTTP against the payer sandbox: a claim the sandbox accepted and paid is asked about with
 * {@code Claim/[id]/$status} in real time (the 277 comes back in the same call) and as a file through the sandbox's
 * SFTP (the 277 comes back through the inbox); the status trail Task records the payer's answer in words. The
 * follow-up pass asks about an old unpaid claim and skips a paid one, and does not ask again before the re-check
 * interval. A payer that answers too late gives a stored timeout within the connection's timeout, one that cannot
 * answer a stored refusal; a 276 file the clearinghouse's 999 rejects fails the trail with the 999's reason; a 277
 * posted with {@code $x12-ingest} finds its claim by the CLM01 it echoes. An unknown claim and a claim never sent
 * are refused with their codes.
 */
@OpenRcmServerTest
class ClaimStatusIT {

	private static final String BATCH_TENANT = "STATUSBATCH";
	private static final String SLOW_TENANT = "STATUSSLOW";
	private static final Set<String> CREATED = new HashSet<>();
	private static final ClaimStatus277Writer STATUS_WRITER = new ClaimStatus277Writer(new X12InterchangeWriter(
			X12Schemas.load(), new InMemoryControlNumbers(), Clock.systemUTC()));
	private static final X12Envelope PAYER_ENVELOPE = new X12Envelope("ZZ", "PAYER", "ZZ", "OPENRCM", "PAYER",
			"OPENRCM", X12Usage.TEST, false);

	@LocalServerPort
	int port;

	@Autowired
	ClaimStatusFollowUp followUp;

	FhirHttp http;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
	}

	@Test
	void aPaidClaimsStatusInRealTime() {
		String tenant = http.createTenant();
		String claim = paidClaim(tenant, "PHP100200300");

		FhirHttp.Response response = status(tenant, claim);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Task task = response.resource(Task.class);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(task.getFocus().getReference()).isEqualTo(claim);
		assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("claim-status");
		assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("F1");
		assertThat(task.getBusinessStatus().getText()).startsWith("F1 (finalized: paid) / 65");
		assertThat(task.getNote()).extracting(Annotation::getText).hasSize(2).satisfiesExactly(
				asked -> assertThat(asked).startsWith("276 sent on request in real time to default")
						.contains("payer claim number"),
				answer -> assertThat(answer).contains("F1 (finalized: paid)", "billed 155, paid 99.2",
						"payment by ACH SBX"));
		Task stored = http.get(tenant, "Task/" + task.getIdElement().getIdPart()).resource(Task.class);
		assertThat(stored.getNote()).hasSize(2);
	}

	@Test
	void aPaidClaimsStatusAsAFileThroughTheSandboxsSftp() {
		createOnce(BATCH_TENANT);
		String claim = paidClaim(BATCH_TENANT, "PHP400500600");

		FhirHttp.Response response = status(BATCH_TENANT, claim);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Task waiting = response.resource(Task.class);
		assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
		assertThat(waiting.getNoteFirstRep().getText()).startsWith("276 sent on request as a file to STATUSBATCH");
		String taskPath = "Task/" + waiting.getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(BATCH_TENANT, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(BATCH_TENANT, taskPath).resource(Task.class).getStatus() == Task.TaskStatus.COMPLETED;
		});
		Task answered = http.get(BATCH_TENANT, taskPath).resource(Task.class);
		assertThat(answered.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("F1");
		assertThat(answered.getNote()).last().extracting(Annotation::getText).asString()
				.contains("F1 (finalized: paid)", "paid 99.2");
	}

	@Test
	void aStatusRequestFileTheClearinghouseRejectsFailsTheTrailWithThe999sReason() {
		createOnce(BATCH_TENANT);
		String claim = paidClaim(BATCH_TENANT, "X12REJ400501");

		FhirHttp.Response response = status(BATCH_TENANT, claim);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String taskPath = "Task/" + response.resource(Task.class).getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(BATCH_TENANT, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.get(BATCH_TENANT, taskPath).resource(Task.class).getStatus() == Task.TaskStatus.FAILED;
		});
		Task rejected = http.get(BATCH_TENANT, taskPath).resource(Task.class);
		assertThat(rejected.getStatusReason().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.CLAIM_STATUS_BATCH_REJECTED.code());
		assertThat(rejected.getStatusReason().getText()).contains("The clearinghouse rejected the 276",
				"NM109 in NM1", "\"X12REJ400501\"", "[IK403-I12]");
		assertThat(rejected.getBusinessStatus().getText()).isEqualTo("276 rejected by the clearinghouse (999)");
		assertThat(rejected.getNote()).last().extracting(Annotation::getText).asString()
				.startsWith(ErrorCode.CLAIM_STATUS_BATCH_REJECTED.code() + ": The clearinghouse rejected the 276");
		int notes = rejected.getNote().size();

		// the same rejection again, in a 999 of another interchange: nothing changes twice
		FhirHttp.Response again = http.post(BATCH_TENANT, "$x12-ingest", Rejecting999s.again(rejected
				.getStatusReason().getText(), "HR", "276", "005010X212"), "application/EDI-X12");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.body()).doesNotContain("did not send");
		Task after = http.get(BATCH_TENANT, taskPath).resource(Task.class);
		assertThat(after.getNote()).hasSize(notes);
		assertThat(after.getMeta().getVersionId()).isEqualTo(rejected.getMeta().getVersionId());
	}

	@Test
	void theFollowUpAsksAboutAnOldUnpaidClaimAndSkipsAPaidOne() {
		String tenant = http.createTenant();
		String paid = paidClaim(tenant, "PHP700800900");
		String unpaid = BillableClaims.store(http, tenant,
				BillableClaims.claim(BillableClaims.storeParties(http, tenant, "PHP700800901")));
		assertThat(submit(tenant, unpaid).status()).isEqualTo(200);
		// sent now; its acknowledgments and payment are not fetched, so it stays unpaid
		http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
		Instant inAMonth = Instant.now().plus(Duration.ofDays(31));

		ClaimStatusFollowUp.Pass tooEarly = followUp.pass(Instant.now().plus(Duration.ofDays(29)), tenant);
		ClaimStatusFollowUp.Pass pass = followUp.pass(inAMonth, tenant);
		ClaimStatusFollowUp.Pass again = followUp.pass(inAMonth.plus(Duration.ofDays(1)), tenant);

		assertThat(tooEarly.asked()).isEmpty();
		assertThat(pass.asked()).containsExactly(tenant + "/" + id(unpaid));
		assertThat(pass.paid()).containsExactly(tenant + "/" + id(paid));
		assertThat(pass.failed()).isEmpty();
		assertThat(again.asked()).isEmpty();
		assertThat(again.recent()).containsExactly(tenant + "/" + id(unpaid));
		Task task = http.get(tenant, "Task/cs-" + id(unpaid)).resource(Task.class);
		assertThat(task.getNoteFirstRep().getText()).startsWith("276 sent by the follow-up schedule in real time");
		// the payer's 277CA was not fetched yet, so the 276 carries no payer claim number: the sandbox finds nothing
		assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("A4");
		assertThat(http.get(tenant, "Task/cs-" + id(paid)).status()).isEqualTo(404);
	}

	@Test
	void aPayerThatAnswersTooLateGivesAStoredTimeoutWithinTheConnectionsTimeout() {
		createOnce(SLOW_TENANT);
		String claim = paidClaim(SLOW_TENANT, "SLOW00000001");

		long start = System.nanoTime();
		FhirHttp.Response response = status(SLOW_TENANT, claim);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.status()).as(response.body()).isEqualTo(504);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo("ORCM-7023");
		assertThat(took).isLessThan(Duration.ofMillis(4500));
		Task task = http.get(SLOW_TENANT, "Task/cs-" + id(claim)).resource(Task.class);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.FAILED);
		assertThat(task.getStatusReason().getText()).startsWith("No answer to the 276 within the real-time timeout");
	}

	@Test
	void aPayerThatCannotAnswerGivesAStoredRefusal() {
		String tenant = http.createTenant();
		Parties parties = BillableClaims.storeParties(http, tenant, "PHP222333444");
		Organization payer = http.get(tenant, parties.payer()).resource(Organization.class);
		payer.getIdentifierFirstRep().setValue("STATUSDOWN");
		assertThat(http.put(tenant, parties.payer(), payer).status()).isEqualTo(200);
		String claim = paidClaimOf(tenant, BillableClaims.store(http, tenant, BillableClaims.claim(parties)));

		FhirHttp.Response response = status(tenant, claim);

		assertThat(response.status()).as(response.body()).isEqualTo(502);
		assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7025")
				.contains("E1 (no answer possible: system status)", "484");
		Task task = http.get(tenant, "Task/cs-" + id(claim)).resource(Task.class);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.FAILED);
		assertThat(task.getStatusReason().getText()).startsWith("The payer could not answer the 276: E1");
	}

	@Test
	void a277PostedWithX12IngestIsMatchedByThePatientControlNumber() {
		String tenant = http.createTenant();
		String claim = paidClaim(tenant, "PHP555666777");
		StatusDetail pending = ClaimStatusResponse.StatusDetail.of(new Status("P3", "317", ""),
				LocalDate.of(2026, 11, 20));
		Party payer = Party.organization("PR", "PRAIRIE HEALTH PLAN", "PI", "60054");
		Party receiver = Party.organization("41", "OPENRCM DEVELOPMENT", "46", "OPENRCM");
		Party provider = Party.organization("1P", "SPRINGFIELD FAMILY MEDICINE", "XX", "1987654328");
		Party subscriber = new Party("IL", "1", "RIVERA", "ANA", "", "", "MI", "PHP555666777");
		// CLM01 is the claim's id; the tracking numbers are the payer's own, not this server's
		Report known = new Report(payer, receiver, provider, subscriber, null, "PAYERTRACE1", List.of(pending), "",
				id(claim), "", "", null, List.of());
		Report unknown = new Report(payer, receiver, provider, subscriber, null, "PAYERTRACE2", List.of(pending), "",
				"NO-SUCH-CLAIM", "", "", null, List.of());
		byte[] file = STATUS_WRITER.write(PAYER_ENVELOPE, List.of(new ClaimStatusResponse("", "UNSOLICITED1",
				LocalDate.of(2026, 11, 20).atStartOfDay(), List.of(known, unknown), List.of()))).bytes();

		FhirHttp.Response posted = http.post(tenant, "$x12-ingest", new String(file), "application/EDI-X12");

		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		assertThat(posted.body()).contains("PAYERTRACE2", "answers no claim status request of this server");
		Task task = http.get(tenant, "Task/cs-" + id(claim)).resource(Task.class);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("P3");
		assertThat(task.getNote()).singleElement().extracting(Annotation::getText).asString()
				.startsWith("277 from PRAIRIE HEALTH PLAN: P3 (pending: waiting for information requested from the "
						+ "provider)")
				.contains("effective 2026-11-20");
	}

	@Test
	void anUnknownClaimAndAClaimNeverSentAreRefused() {
		String tenant = http.createTenant();
		FhirHttp.Response unknown = status(tenant, "Claim/no-such-claim");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7020");

		String never = BillableClaims.store(http, tenant,
				BillableClaims.claim(BillableClaims.storeParties(http, tenant, "PHP111222333")));
		FhirHttp.Response notSent = status(tenant, never);
		assertThat(notSent.status()).isEqualTo(422);
		assertThat(notSent.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-7021");
		assertThat(http.get(tenant, "Task/cs-" + id(never)).status()).isEqualTo(404);
	}

	private String paidClaim(String tenant, String memberId) {
		Parties parties = BillableClaims.storeParties(http, tenant, memberId);
		return paidClaimOf(tenant, BillableClaims.store(http, tenant, BillableClaims.claim(parties)));
	}

	/** Submits the stored claim and exchanges until it is paid. */
	private String paidClaimOf(String tenant, String claim) {
		FhirHttp.Response submitted = submit(tenant, claim);
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
			return http.search(tenant, "ClaimResponse?request=" + claim).getEntry().stream()
					.map(e -> (ClaimResponse) e.getResource())
					.anyMatch(r -> r.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE);
		});
		return claim;
	}

	private FhirHttp.Response submit(String tenant, String claim) {
		return http.post(tenant, claim + "/$submit", "", FhirHttp.FHIR_JSON);
	}

	private FhirHttp.Response status(String tenant, String claim) {
		return http.post(tenant, claim + "/$status", "", FhirHttp.FHIR_JSON);
	}

	private void createOnce(String tenant) {
		synchronized (CREATED) {
			// PriorAuthorizationIT sends its batch files through this tenant too: it may exist already
			if (CREATED.add(tenant) && http.get(tenant, "Claim?_count=1").status() != 200) {
				http.createTenant(tenant);
			}
		}
	}

	private static String id(String claim) {
		return claim.substring(claim.indexOf('/') + 1);
	}
}
