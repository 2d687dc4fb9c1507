package org.openrcm.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail on the whole server (open mode): each FHIR request leaves one AuditEvent in its tenant, found by
 * the X-Request-ID of its response; AuditEvents cannot be changed through the API; X12 files are recorded; the
 * retention purges what is older than it.
 */
@OpenRcmServerTest
class AuditTrailIT {

	/** The tenant whose clearinghouse connection is a folder of its own (see {@code OpenRcmServerTest}). */
	private static final String FOLDER_TENANT = "AUDITFOLDER";

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditRetention retention;

	@Autowired
	AuditEvents events;

	@Autowired
	ClearinghouseConnections connections;

	@Value("${openrcm.data-dir}")
	Path dataDirectory;

	private final HttpClient client = HttpClient.newHttpClient();
	private FhirHttp http;
	private String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	private record Answer(int status, String body, String requestId, String location) {

		IBaseResource resource() {
			return FHIR.newJsonParser().parseResource(body);
		}
	}

	private Answer send(String method, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + tenant
				+ "/" + path)).header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60));
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("X-Request-ID").orElse(null),
					response.headers().firstValue("Location").orElse(null));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private Answer send(String method, String path, IBaseResource resource) {
		return send(method, path, FHIR.newJsonParser().encodeResourceToString(resource), "application/fhir+json");
	}

	/** The one AuditEvent of the request with this X-Request-ID, in the tenant (after the outbox is drained). */
	private AuditEvent auditOf(String tenantName, String requestId) {
		assertThat(requestId).as("every audited response carries an X-Request-ID").isNotBlank();
		trail.flush();
		Bundle found = http.search(tenantName, "AuditEvent?entity-name:exact=" + requestId);
		assertThat(found.getEntry()).as("AuditEvents of request " + requestId).hasSize(1);
		return (AuditEvent) found.getEntryFirstRep().getResource();
	}

	private static List<String> entities(AuditEvent event, String role) {
		return event.getEntity().stream().filter(entity -> role.equals(entity.getRole().getCode()))
				.map(entity -> entity.getWhat().getIdentifier().getValue()).toList();
	}

	private static String subtype(AuditEvent event) {
		return event.getSubtypeFirstRep().getCode();
	}

	private String tenantOf(AuditEvent event) {
		return event.getEntity().stream().filter(entity -> "tenant".equals(entity.getType().getCode()))
				.map(entity -> entity.getWhat().getIdentifier().getValue()).findFirst().orElse(null);
	}

	@Test
	void readSearchCreateUpdateDeleteAndAnOperationEachLeaveTheirAuditEvent() {
		Patient patient = new Patient();
		patient.addName().setFamily("Audited");
		Answer created = send("POST", "Patient", patient);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.resource().getIdElement().getIdPart();

		AuditEvent create = auditOf(tenant, created.requestId());
		assertThat(create.getType().getCode()).isEqualTo("rest");
		assertThat(subtype(create)).isEqualTo("create");
		assertThat(create.getAction().toCode()).isEqualTo("C");
		assertThat(create.getOutcome().toCode()).isEqualTo("0");
		assertThat(entities(create, "4")).containsExactly("Patient/" + id);
		assertThat(entities(create, "1")).containsExactly("Patient/" + id);
		assertThat(tenantOf(create)).isEqualTo(tenant);
		assertThat(create.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getRequestor()).isTrue();
			assertThat(agent.getName()).isEqualTo("anonymous");
			assertThat(agent.getNetwork().getAddress()).isEqualTo("127.0.0.1");
		});
		assertThat(create.getSource().getObserver().getDisplay()).isEqualTo("openrcm");
		assertThat(create.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getType().getSystem()).isEqualTo(AuditEvents.BALP_ENTITY_TYPE);
			assertThat(entity.getType().getCode()).isEqualTo("XrequestId");
			assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(created.requestId());
		});

		Answer read = send("GET", "Patient/" + id, null, null);
		assertThat(read.status()).isEqualTo(200);
		AuditEvent readEvent = auditOf(tenant, read.requestId());
		assertThat(subtype(readEvent)).isEqualTo("read");
		assertThat(readEvent.getAction().toCode()).isEqualTo("R");
		assertThat(entities(readEvent, "1")).containsExactly("Patient/" + id);

		Answer search = send("GET", "Patient?family=Audited", null, null);
		assertThat(search.status()).isEqualTo(200);
		AuditEvent searchEvent = auditOf(tenant, search.requestId());
		assertThat(subtype(searchEvent)).isEqualTo("search-type");
		assertThat(searchEvent.getAction().toCode()).isEqualTo("E");
		AuditEventEntityComponent query = searchEvent.getEntity().stream()
				.filter(entity -> "24".equals(entity.getRole().getCode())).findFirst().orElseThrow();
		assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("Patient?family=Audited");
		assertThat(Base64.getEncoder().encodeToString(query.getQuery()))
				.isEqualTo(Base64.getEncoder().encodeToString(
						"Patient?family=Audited".getBytes(StandardCharsets.UTF_8)));
		assertThat(entities(searchEvent, "1")).containsExactly("Patient/" + id);

		patient.setId(id);
		patient.getNameFirstRep().addGiven("Ann");
		Answer updated = send("PUT", "Patient/" + id, patient);
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		AuditEvent update = auditOf(tenant, updated.requestId());
		assertThat(subtype(update)).isEqualTo("update");
		assertThat(update.getAction().toCode()).isEqualTo("U");
		assertThat(entities(update, "4")).contains("Patient/" + id);

		Answer operation = send("GET", "Patient/" + id + "/$meta", null, null);
		assertThat(operation.status()).as(operation.body()).isEqualTo(200);
		AuditEvent operationEvent = auditOf(tenant, operation.requestId());
		assertThat(subtype(operationEvent)).isEqualTo("operation");
		assertThat(operationEvent.getSubtype()).extracting(Coding::getCode).contains("$meta");
		assertThat(operationEvent.getAction().toCode()).isEqualTo("E");
		assertThat(entities(operationEvent, "4")).contains("Patient/" + id);

		Answer deleted = send("DELETE", "Patient/" + id, null, null);
		assertThat(deleted.status()).isIn(200, 204);
		AuditEvent delete = auditOf(tenant, deleted.requestId());
		assertThat(subtype(delete)).isEqualTo("delete");
		assertThat(delete.getAction().toCode()).isEqualTo("D");
		assertThat(entities(delete, "4")).contains("Patient/" + id);
	}

	@Test
	void failedRequestsAreRecordedWithTheirOutcome() {
		Answer missing = send("GET", "Patient/no-such-patient", null, null);
		assertThat(missing.status()).isEqualTo(404);
		AuditEvent notFound = auditOf(tenant, missing.requestId());
		assertThat(subtype(notFound)).isEqualTo("read");
		assertThat(notFound.getOutcome().toCode()).isEqualTo("4");
		assertThat(notFound.getOutcomeDesc()).startsWith("404");
		assertThat(entities(notFound, "4")).containsExactly("Patient/no-such-patient");

		Answer invalid = send("POST", "Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"not a date\"}",
				"application/fhir+json");
		assertThat(invalid.status()).isEqualTo(400);
		AuditEvent bad = auditOf(tenant, invalid.requestId());
		assertThat(bad.getOutcome().toCode()).isEqualTo("4");
		assertThat(bad.getOutcomeDesc()).startsWith("400");
	}

	@Test
	void auditEventsCannotBeChangedThroughTheApiAndEachAttemptIsRecorded() {
		Answer read = send("GET", "Patient?family=Nobody", null, null);
		AuditEvent stored = auditOf(tenant, read.requestId());
		String id = stored.getIdElement().getIdPart();
		String version = stored.getMeta().getVersionId();

		AuditEvent forged = stored.copy();
		forged.setOutcomeDesc("forged");
		forged.setId(id);
		Answer put = send("PUT", "AuditEvent/" + id, forged);
		assertRefused(put);
		Answer post = send("POST", "AuditEvent", forged);
		assertRefused(post);
		Answer delete = send("DELETE", "AuditEvent/" + id, null, null);
		assertRefused(delete);
		Answer patch = send("PATCH", "AuditEvent/" + id,
				"[{\"op\":\"replace\",\"path\":\"/outcomeDesc\",\"value\":\"forged\"}]", "application/json-patch+json");
		assertRefused(patch);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(forged).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("AuditEvent/" + id);
		Answer inTransaction = send("POST", "", transaction);
		assertRefused(inTransaction);
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("AuditEvent/" + id);
		assertRefused(send("POST", "", batch));

		AuditEvent after = (AuditEvent) send("GET", "AuditEvent/" + id, null, null).resource();
		assertThat(after.getMeta().getVersionId()).isEqualTo(version);
		assertThat(after.hasOutcomeDesc()).isFalse();

		AuditEvent refusedPut = auditOf(tenant, put.requestId());
		assertThat(subtype(refusedPut)).isEqualTo("update");
		assertThat(refusedPut.getOutcome().toCode()).isEqualTo("4");
		assertThat(refusedPut.getOutcomeDesc()).contains(ErrorCode.AUDIT_IMMUTABLE.code());
		assertThat(subtype(auditOf(tenant, inTransaction.requestId()))).isEqualTo("transaction");
		assertThat(subtype(auditOf(tenant, delete.requestId()))).isEqualTo("delete");
	}

	private static void assertRefused(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(405);
		OperationOutcome outcome = (OperationOutcome) answer.resource();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.AUDIT_IMMUTABLE.code());
	}

	@Test
	void aPostedX12FileIsRecordedAsAnImport() throws IOException {
		byte[] file = getClass().getResourceAsStream("/fixtures/x12/837p-minimal.edi").readAllBytes();
		Answer posted = send("POST", "$x12-ingest", new String(file, StandardCharsets.ISO_8859_1),
				"application/EDI-X12");
		assertThat(posted.requestId()).isNotBlank();
		trail.flush();
		Bundle imports = http.search(tenant, "AuditEvent?type=http://dicom.nema.org/resources/ontology/DCM%7C110107");
		assertThat(imports.getEntry()).hasSize(1);
		AuditEvent event = (AuditEvent) imports.getEntryFirstRep().getResource();
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("ingest");
		assertThat(event.getAction().toCode()).isEqualTo("C");
		AuditEventEntityComponent entity = event.getEntityFirstRep();
		assertThat(entity.getName()).isEqualTo("posted.x12");
		assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("000000101");
		assertThat(entity.getDetail()).anySatisfy(detail -> {
			assertThat(detail.getType()).isEqualTo("size");
			assertThat(detail.getValue().primitiveValue()).isEqualTo(Integer.toString(file.length));
		});
		// and the operation itself, as a REST event
		assertThat(subtype(auditOf(tenant, posted.requestId()))).isEqualTo("operation");
	}

	@Test
	void aFileSentToATenantsClearinghouseIsRecordedAsAnExportInThatTenant() throws IOException {
		String connection = connections.connectionFor(FOLDER_TENANT);
		assertThat(connection).isEqualTo(FOLDER_TENANT);
		http.createTenant(FOLDER_TENANT);
		Files.createDirectories(dataDirectory.resolve("audit-folder-clearinghouse"));
		String name = "audit-" + UUID.randomUUID() + ".837";
		byte[] file = getClass().getResourceAsStream("/fixtures/x12/837p-minimal.edi").readAllBytes();
		connections.channel(connection).upload(name, file);
		trail.flush();
		Bundle exports = http.search(FOLDER_TENANT, "AuditEvent?entity-name:exact=" + name);
		assertThat(exports.getEntry()).hasSize(1);
		AuditEvent event = (AuditEvent) exports.getEntryFirstRep().getResource();
		assertThat(event.getType().getCode()).isEqualTo("110106");
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("upload");
		assertThat(event.getOutcome().toCode()).isEqualTo("0");
		assertThat(event.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("000000101");
		assertThat(tenantOf(event)).isEqualTo(FOLDER_TENANT);
	}

	@Test
	void theRetentionPurgesWhatIsOlderThanItAndKeepsTheRest() {
		Instant now = Instant.now();
		AuditEvent old = events.rest(new RestAudit(now.minus(Duration.ofDays(7 * 366)), tenant, "read", null, "R",
				200, "", AuditAgent.anonymous("127.0.0.1"), List.of("Patient/old"), List.of(), null,
				"old-" + UUID.randomUUID()));
		AuditEvent young = events.rest(new RestAudit(now.minus(Duration.ofDays(5 * 365)), tenant, "read", null, "R",
				200, "", AuditAgent.anonymous("127.0.0.1"), List.of("Patient/young"), List.of(), null,
				"young-" + UUID.randomUUID()));
		trail.record(tenant, old);
		trail.record(tenant, young);
		trail.flush();
		String oldId = entityName(old);
		String youngId = entityName(young);
		assertThat(http.search(tenant, "AuditEvent?entity-name:exact=" + oldId).getEntry()).hasSize(1);

		assertThat(retention.purge(now)).isGreaterThanOrEqualTo(1);

		assertThat(http.search(tenant, "AuditEvent?entity-name:exact=" + oldId).getEntry()).isEmpty();
		assertThat(http.search(tenant, "AuditEvent?entity-name:exact=" + youngId).getEntry()).hasSize(1);
		assertThat(retention.cutoff(now)).isBefore(Date.from(now).toInstant());
	}

	@Test
	void anEventStoredAgainAfterACrashIsNotDoubled() {
		AuditEvent event = events.rest(new RestAudit(Instant.now(), tenant, "read", null, "R", 200, "",
				AuditAgent.anonymous("127.0.0.1"), List.of("Patient/p1"), List.of("p1"), null,
				"again-" + UUID.randomUUID()));
		trail.record(tenant, event);
		trail.flush();
		// as if the drain had stored it and crashed before the outbox row was deleted
		trail.record(tenant, event);
		trail.flush();
		Bundle found = http.search(tenant, "AuditEvent?entity-name:exact=" + entityName(event));
		assertThat(found.getEntry()).hasSize(1);
		assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart())
				.isEqualTo(event.getIdElement().getIdPart());
	}

	private static String entityName(AuditEvent event) {
		return event.getEntity().stream().filter(entity -> "XrequestId".equals(entity.getType().getCode()))
				.map(AuditEventEntityComponent::getName).findFirst().orElseThrow();
	}
}
