package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.sandbox.PayerSandbox;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.BillableClaims.Parties;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Claims out and acknowledgments back, over HTTP and through the payer sandbox's real SFTP server: {@code $submit}
 * scrubs and queues, {@code $clearinghouse-exchange} sends the 837 and fetches the 999 and 277CA the sandbox answers
 * with, and the claims' ClaimResponses and the rejection work queue show the outcome. {@code $x12-ingest} applies a
 * 999 posted by hand, once, and rejects a broken file naming its fault.
 */
@OpenRcmServerTest
class SubmissionIT {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());
	private static final String X12 = "application/EDI-X12";

	@LocalServerPort
	int port;

	private static final String FOLDER_TENANT = "SUBMITFOLDER";
	private static boolean folderTenantCreated;

	@Autowired
	PayerSandbox sandbox;

	@Value("${openrcm.data-dir}")
	Path dataDirectory;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	private String storedClaim(String memberId) {
		Parties parties = BillableClaims.storeParties(http, tenant, memberId);
		return BillableClaims.store(http, tenant, BillableClaims.claim(parties));
	}

	private FhirHttp.Response submit(String claim) {
		return http.post(tenant, claim + "/$submit", "", FhirHttp.FHIR_JSON);
	}

	private Parameters exchange() {
		FhirHttp.Response response = http.post(tenant, "$clearinghouse-exchange", "", FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Parameters.class);
	}

	private ClaimResponse claimResponse(String id) {
		FhirHttp.Response response = http.get(tenant, "ClaimResponse/" + id);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(ClaimResponse.class);
	}

	private static String identifier(ClaimResponse response, String system) {
		return response.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
				.findFirst().orElse(null);
	}

	private List<Task> rejectionTasks(String claim) {
		return http.search(tenant, "Task?focus=" + claim + "&code=" + OpenRcmIg.WORK_QUEUE_CODE_SYSTEM
				+ "%7Cclaim-rejection").getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	@Test
	void claimsGoOutThroughTheSandboxAndTheAcknowledgmentsComeBackIntoFhir() throws Exception {
		String accepted = storedClaim("PHP884421907");
		String rejected = storedClaim("REJ0042");

		FhirHttp.Response queued = submit(accepted);
		assertThat(queued.status()).as(queued.body()).isEqualTo(200);
		ClaimResponse response = queued.resource(ClaimResponse.class);
		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);
		assertThat(response.getRequest().getReference()).isEqualTo(accepted);
		assertThat(submit(rejected).status()).isEqualTo(200);
		FhirHttp.Response twice = submit(accepted);
		assertThat(twice.status()).as(twice.body()).isEqualTo(409);
		assertThat(twice.body()).contains("ORCM-8002");

		Parameters sent = exchange();
		List<String> files = sent.getParameters("fileSent").stream().map(p -> p.getValue().primitiveValue()).toList();
		assertThat(files).isNotEmpty();
		String acceptedId = response.getIdElement().getIdPart();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			exchange();
			return identifier(claimResponse(acceptedId), OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM) != null
					&& !rejectionTasks(rejected).isEmpty();
		});

		ClaimResponse done = claimResponse(acceptedId);
		// the sandbox pays the claim too (an 835 after the 277CA): the response may be adjudicated already
		if (done.getOutcome() == ClaimResponse.RemittanceOutcome.QUEUED) {
			assertThat(done.getDisposition()).startsWith("Accepted by the payer for adjudication");
		} else {
			assertThat(done.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
			assertThat(done.getDisposition()).startsWith("Paid");
		}
		assertThat(done.getExtensionByUrl(OpenRcmIg.CLAIM_SENT_EXTENSION)).isNotNull();
		assertThat(identifier(done, OpenRcmIg.X12_TRANSACTION_SYSTEM)).startsWith("OPENRCM:");
		Task task = rejectionTasks(rejected).get(0);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		ClaimResponse refused = claimResponse(new Reference(task.getReasonReference().getReference())
				.getReferenceElement().getIdPart());
		assertThat(refused.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
		assertThat(refused.getError()).anySatisfy(error -> {
			assertThat(error.getCode().getCodingFirstRep().getCode()).isEqualTo("A3");
			assertThat(error.getCode().getText()).startsWith("A3:33");
		});
		assertThat(rejectionTasks(accepted)).isEmpty();

		Claim cancelled = http.get(tenant, accepted).resource(Claim.class).setStatus(Claim.ClaimStatus.CANCELLED);
		assertThat(http.put(tenant, accepted, cancelled).status()).isEqualTo(200);
		FhirHttp.Response voided = submit(accepted);
		assertThat(voided.status()).as("a claim cancelled after the payer accepted it goes out as a void: "
				+ voided.body()).isEqualTo(200);
		assertThat(submit(accepted).status()).as("and only once").isEqualTo(409);
		Path processed = sandbox.root().resolve("processed");
		assertThat(files).allSatisfy(file -> assertThat(processed.resolve(file)).exists());
		String sentText = Files.readString(processed.resolve(files.get(0)));
		assertThat(READER.read(sentText.getBytes(StandardCharsets.UTF_8), X12Reader.Options.DEFAULT).isValid())
				.isTrue();
	}

	@Test
	void aClaimWithScrubErrorsIsNotQueued() {
		Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
		Claim claim = BillableClaims.claim(parties);
		claim.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().setCode("E11");
		String stored = BillableClaims.store(http, tenant, claim);

		FhirHttp.Response response = submit(stored);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		assertThat(response.body()).contains("ORCM-8003").contains("DX-NOT-BILLABLE");
		assertThat(http.search(tenant, "ClaimResponse?request=" + stored).getEntry()).isEmpty();
	}

	@Test
	void theStandardSubmitTakesABundleWithTheClaimAndItsParties() {
		Parties parties = BillableClaims.storeParties(http, tenant, "PHP884421907");
		Claim claim = BillableClaims.claim(parties);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.addEntry().setFullUrl("urn:uuid:6f7bd1c4-3f5e-4a67-9d3b-0c41a4a1f0aa").setResource(claim);
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(bundle);

		FhirHttp.Response response = http.post(tenant, "Claim/$submit", parameters);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		ClaimResponse queued = response.resource(ClaimResponse.class);
		assertThat(queued.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);
		assertThat(http.get(tenant, queued.getRequest().getReference()).status()).isEqualTo(200);
		assertThat(http.post(tenant, "Claim/$submit", new Parameters()).status()).isEqualTo(400);
	}

	/**
	 * In the tenant {@value #FOLDER_TENANT}, whose own clearinghouse connection is a folder (see
	 * {@code OpenRcmServerTest}): nothing answers there, so the 999 posted by hand is the first word on the claim.
	 */
	@Test
	void a999PostedByHandRejectsTheClaimOnItsLineOnceAndABrokenFileIsRefusedWithItsFault() throws Exception {
		Path folder = dataDirectory.resolve("folder-clearinghouse");
		Files.createDirectories(folder);
		synchronized (SubmissionIT.class) {
			if (!folderTenantCreated) {
				http.createTenant(FOLDER_TENANT);
				folderTenantCreated = true;
			}
		}
		tenant = FOLDER_TENANT;
		String claim = storedClaim("PHP884421907");
		ClaimResponse queued = submit(claim).resource(ClaimResponse.class);
		Parameters sent = exchange();
		assertThat(sent.getParameters("connection").get(0).getValue().primitiveValue()).isEqualTo(FOLDER_TENANT);
		String file = sent.getParameters("fileSent").get(0).getValue().primitiveValue();
		String transaction = identifier(claimResponse(queued.getIdElement().getIdPart()),
				OpenRcmIg.X12_TRANSACTION_SYSTEM);
		String stControl = transaction.substring(transaction.lastIndexOf(':') + 1);
		Path sentFile = folder.resolve("outbound").resolve(file);
		var read = READER.read(Files.readAllBytes(sentFile), X12Reader.Options.DEFAULT.keepingSegments());
		String groupControl = read.interchanges().get(0).groups().get(0).controlNumber();
		X12Transaction sentClaim = read.transactions().filter(t -> t.controlNumber().equals(stControl)).findFirst()
				.orElseThrow();
		int secondLine = sentClaim.segments("SV1").get(1).position();
		String ack = "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*OPENRCM        *261129*1000*^*00501*"
				+ "000004242*0*T*:~GS*FA*CLEARINGHOUSE*OPENRCM*20261129*1000*4242*X*005010X231A1~"
				+ "ST*999*0001*005010X231A1~AK1*HC*" + groupControl + "*005010X222A1~AK2*837*" + stControl
				+ "*005010X222A1~IK3*SV1*" + secondLine + "*2400*8~IK4*1*234*7*96372~IK5*R*5~AK9*R*1*1*0~"
				+ "SE*8*0001~GE*1*4242~IEA*1*000004242~";

		FhirHttp.Response applied = http.post(tenant, "$x12-ingest", ack, X12);

		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		Bundle changes = applied.resource(Bundle.class);
		ClaimResponse rejected = changes.getEntry().stream().map(e -> e.getResource())
				.filter(ClaimResponse.class::isInstance).map(ClaimResponse.class::cast).findFirst().orElseThrow();
		assertThat(rejected.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
		assertThat(rejected.getError()).singleElement().satisfies(error -> {
			assertThat(error.getItemSequence()).isEqualTo(2);
			assertThat(error.getCode().getCodingFirstRep().getCode()).isEqualTo("IK403-7");
			assertThat(error.getCode().getText()).contains("SV101").contains("96372");
		});
		assertThat(changes.getEntry()).anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(Task.class));
		assertThat(rejectionTasks(claim)).hasSize(1);

		FhirHttp.Response again = http.post(tenant, "$x12-ingest", ack, X12);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("received before");
		assertThat(rejectionTasks(claim)).hasSize(1);

		Parameters byBinary = new Parameters();
		byBinary.addParameter().setName("content").setResource(new Binary().setContentType(X12)
				.setData(ack.replace("IEA*1*000004242", "IEA*1*000004243").getBytes(StandardCharsets.US_ASCII)));
		FhirHttp.Response broken = http.post(tenant, "$x12-ingest", byBinary);
		assertThat(broken.status()).as(broken.body()).isEqualTo(422);
		OperationOutcome outcome = broken.outcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("ORCM-8011");
		assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getLocation())
				.anySatisfy(location -> assertThat(location.getValue()).startsWith("IEA")));
		assertThat(http.post(tenant, "$x12-ingest", "", X12).status()).isEqualTo(400);
	}
}
