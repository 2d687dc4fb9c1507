package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bulk data export ({@code $export}) per tenant, as a billing company runs it: kick-off with
 * {@code Prefer: respond-async}, poll the Content-Location until the manifest, download the NDJSON files. Data sits
 * in two tenants; an export holds only the tenant it was asked in, and the other tenant's URL reveals neither the
 * job nor its files.
 */
@OpenRcmServerTest
class BulkExportIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration DEADLINE = Duration.ofSeconds(40);

	@LocalServerPort
	int port;

	@Autowired
	IJobMaintenanceService jobMaintenance;

	private final HttpClient client = HttpClient.newHttpClient();
	FhirHttp http;
	String practiceA;
	String practiceB;
	String patientA;
	String patientB;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		practiceA = http.createTenant();
		practiceB = http.createTenant();
		patientA = create(practiceA, patient("Exportalpha", "MRN-EXP-A"));
		patientB = create(practiceB, patient("Exportbravo", "MRN-EXP-B"));
		create(practiceA, new Organization().setName("Alpha Billing Payer"));
		create(practiceB, new Organization().setName("Bravo Billing Payer"));
	}

	@Test
	void aSystemExportHoldsTheTenantsResourcesOnly() {
		String pollA;
		// with the batch maintenance pass held, the job cannot advance: the poll must answer "in progress"
		jobMaintenance.enableMaintenancePass(false);
		try {
			pollA = kickOff(practiceA, "$export?_type=Patient,Organization");
			Answer inProgress = get(pollA, "application/json");
			assertThat(inProgress.status()).as(inProgress.body()).isEqualTo(202);
			assertThat(inProgress.header("X-Progress")).contains("in progress");
			assertThat(inProgress.header("Retry-After")).isNotBlank();
		} finally {
			jobMaintenance.enableMaintenancePass(true);
		}
		String pollB = kickOff(practiceB, "$export?_type=Patient,Organization");

		Export inA = download(awaitManifest(pollA), practiceA);
		Export inB = download(awaitManifest(pollB), practiceB);

		assertThat(inA.types()).containsExactlyInAnyOrder("Patient", "Organization");
		assertThat(inA.ndjson()).contains("Exportalpha", "Alpha Billing Payer", "\"id\":\"" + patientA + "\"")
				.doesNotContain("Exportbravo", "Bravo Billing Payer");
		assertThat(inB.ndjson()).contains("Exportbravo", "Bravo Billing Payer", "\"id\":\"" + patientB + "\"")
				.doesNotContain("Exportalpha", "Alpha Billing Payer");
	}

	@Test
	void anExportFinishesAsItsClientPolls() {
		String poll = kickOff(practiceA, "$export?_type=Patient,Organization");

		// no forced maintenance passes: HAPI's own pass runs once a minute, and a job needs one per step
		Export export = download(awaitManifest(poll, false), practiceA);

		assertThat(export.ndjson()).contains("Exportalpha").doesNotContain("Exportbravo");
	}

	@Test
	void aPatientExportHoldsTheTenantsPatientsOnly() {
		String poll = kickOff(practiceA, "Patient/$export?_type=Patient");

		Export export = download(awaitManifest(poll), practiceA);

		assertThat(export.types()).containsExactly("Patient");
		assertThat(export.ndjson()).contains("Exportalpha").doesNotContain("Exportbravo");
	}

	@Test
	void aGroupExportHoldsTheGroupsMembers() {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
		group.addMember().setEntity(new Reference("Patient/" + patientA));
		String groupId = create(practiceA, group);

		String poll = kickOff(practiceA, "Group/" + groupId + "/$export?_type=Patient");
		Export export = download(awaitManifest(poll), practiceA);

		assertThat(export.ndjson()).contains("Exportalpha").doesNotContain("Exportbravo");
		assertThat(exportKickOff(practiceB, "Group/" + groupId + "/$export?_type=Patient").status())
				.isEqualTo(404);
	}

	@Test
	void theDefaultTenantExportsItsOwnResources() {
		String poll = kickOff("DEFAULT", "$export?_type=Organization");

		Export export = download(awaitManifest(poll), "DEFAULT");

		assertThat(export.ndjson()).doesNotContain("Alpha Billing Payer", "Bravo Billing Payer");
		assertThat(get(url(practiceA, "$export-poll-status?_jobId="
				+ poll.substring(poll.indexOf("_jobId=") + "_jobId=".length())), "application/json").status())
				.isEqualTo(404);
	}

	@Test
	void anotherTenantsUrlRevealsNeitherTheJobNorItsFiles() {
		String poll = kickOff(practiceA, "$export?_type=Patient");
		String jobId = poll.substring(poll.indexOf("_jobId=") + "_jobId=".length());
		JsonNode manifest = awaitManifest(poll);
		String file = manifest.path("output").get(0).path("url").asText();
		String binary = file.substring(file.indexOf("/Binary/") + 1);

		Answer pollFromB = get(url(practiceB, "$export-poll-status?_jobId=" + jobId), "application/json");
		Answer unknownJob = get(url(practiceA, "$export-poll-status?_jobId=no-such-job"), "application/json");
		Answer cancelFromB = send(HttpRequest.newBuilder(URI.create(url(practiceB,
				"$export-poll-status?_jobId=" + jobId))).DELETE());
		Answer downloadFromB = get(url(practiceB, binary), "application/fhir+ndjson");
		Answer binaryFromB = get(url(practiceB, binary), FhirHttp.FHIR_JSON);

		for (Answer refused : List.of(pollFromB, unknownJob, cancelFromB)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(404);
			assertThat(outcomeCode(refused)).isEqualTo("ORCM-1010");
			assertThat(refused.body()).doesNotContain("Exportalpha", "Binary");
		}
		for (Answer refused : List.of(downloadFromB, binaryFromB)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(404);
			assertThat(refused.body()).contains("OperationOutcome").doesNotContain("Exportalpha");
		}
		// the owner still sees its job and its file
		assertThat(get(poll, "application/json").status()).isEqualTo(200);
		assertThat(get(file, "application/fhir+ndjson").body()).contains("Exportalpha");
	}

	@Test
	void anUnknownTypeIsRefusedWithAnOperationOutcome() {
		Answer answer = exportKickOff(practiceA, "$export?_type=Patient,Spaceship");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Location")).isEmpty();
		assertThat(outcomeCode(answer)).isEqualTo("ORCM-1012");
		assertThat(FhirHttp.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body())
				.getIssueFirstRep().getDiagnostics()).contains("does not store: Spaceship;");
	}

	@Test
	void aKickOffWithoutPreferRespondAsyncIsRefusedWithAnOperationOutcome() {
		Answer answer = send(HttpRequest.newBuilder(URI.create(url(practiceA, "$export?_type=Patient")))
				.header("Accept", FhirHttp.FHIR_JSON).GET());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Location")).isEmpty();
		assertThat(outcomeCode(answer)).isEqualTo("ORCM-1011");
		assertThat(FhirHttp.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body())
				.getIssueFirstRep().getDiagnostics()).contains("Prefer: respond-async");
	}

	@Test
	void anExportAcrossAllTenantsIsRefused() {
		Answer answer = exportKickOff("_ALL", "$export?_type=Patient");

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Location")).isEmpty();
		assertThat(outcomeCode(answer)).isEqualTo("ORCM-1013");
	}

	/** The downloaded files of an export: their types and their NDJSON, concatenated. */
	private record Export(List<String> types, String ndjson) {}

	/**
	 * Downloads every file of the manifest, checking that each is in the tenant and holds resources of its type
	 * only, one per line.
	 */
	private Export download(JsonNode manifest, String tenant) {
		List<String> types = new ArrayList<>();
		StringBuilder all = new StringBuilder();
		for (JsonNode output : manifest.path("output")) {
			String type = output.path("type").asText();
			String file = output.path("url").asText();
			assertThat(file).startsWith(base() + "/fhir/" + tenant + "/Binary/");
			Answer answer = get(file, "application/fhir+ndjson");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			for (String line : answer.body().split("\n")) {
				if (!line.isBlank()) {
					assertThat(readTree(line).path("resourceType").asText()).isEqualTo(type);
				}
			}
			types.add(type);
			all.append(answer.body());
		}
		return new Export(types, all.toString());
	}

	/** Kicks off an export, expecting 202 and a poll location in the same tenant, and returns the location. */
	private String kickOff(String tenant, String path) {
		Answer answer = exportKickOff(tenant, path);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		String poll = answer.header("Content-Location");
		assertThat(poll).startsWith(base() + "/fhir/" + tenant + "/$export-poll-status?_jobId=");
		return poll;
	}

	private static String outcomeCode(Answer answer) {
		return FhirHttp.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body())
				.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
	}

	private String url(String tenant, String path) {
		return base() + "/fhir/" + tenant + "/" + path;
	}

	private record Answer(int status, String body, java.net.http.HttpHeaders headers) {

		String header(String name) {
			return headers.firstValue(name).orElse("");
		}
	}

	private static Patient patient(String family, String mrn) {
		return new Patient()
				.addIdentifier(new Identifier().setSystem("http://ehr.example.org/fhir/mrn").setValue(mrn))
				.addName(new HumanName().setFamily(family).addGiven("Erin"));
	}

	private String create(String tenant, org.hl7.fhir.r4.model.Resource resource) {
		FhirHttp.Response created = http.post(tenant, resource.fhirType(), resource);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return ((org.hl7.fhir.r4.model.Resource) created.resource()).getIdElement().getIdPart();
	}

	private Answer exportKickOff(String tenant, String path) {
		return send(HttpRequest.newBuilder(URI.create(base() + "/fhir/" + tenant + "/" + path))
				.header("Accept", FhirHttp.FHIR_JSON)
				.header("Prefer", "respond-async")
				.GET());
	}

	private Answer get(String url, String accept) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
	}

	private JsonNode awaitManifest(String pollUrl) {
		return awaitManifest(pollUrl, true);
	}

	/**
	 * Polls until the manifest (200); with {@code force}, runs the batch maintenance pass between polls.
	 * Without it, only what the server does on a poll moves the job.
	 */
	private JsonNode awaitManifest(String pollUrl, boolean force) {
		Instant deadline = Instant.now().plus(DEADLINE);
		while (true) {
			Answer answer = get(pollUrl, "application/json");
			if (answer.status() == 200) {
				return readTree(answer.body());
			}
			assertThat(answer.status()).as(answer.body()).isEqualTo(202);
			assertThat(answer.header("X-Progress")).isNotBlank();
			assertThat(Instant.now()).as("export finished before the deadline").isBefore(deadline);
			if (force) {
				jobMaintenance.forceMaintenancePass();
			}
			pause();
		}
	}

	private static JsonNode readTree(String body) {
		try {
			return JSON.readTree(body);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.body(), response.headers());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
