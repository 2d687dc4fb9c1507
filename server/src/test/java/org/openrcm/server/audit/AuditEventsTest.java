package org.openrcm.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;

/** The BALP shape of the AuditEvents built for reads, searches, creates, operations, refusals and X12 files. */
class AuditEventsTest {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
	private static final AuditAgent ALICE = new AuditAgent("user-alice", "openrcm-dashboard", "10.0.0.7");
	private final AuditEvents events = new AuditEvents("openrcm-test");

	private static RestAudit rest(String interaction, String operation, String action, int status, String outcome,
			AuditAgent agent, List<String> resources, List<String> patients, String query) {
		return new RestAudit(NOW, "PRACTICEA", interaction, operation, action, status, outcome, agent, resources,
				patients, query, "req-123");
	}

	private static List<AuditEventEntityComponent> withRole(AuditEvent event, String role) {
		return event.getEntity().stream().filter(entity -> role.equals(entity.getRole().getCode())).toList();
	}

	@Test
	void aReadNamesTheResourceThePatientTheRequestIdTheTenantAndBothAgents() {
		AuditEvent event = events.rest(rest("read", null, "R", 200, "", ALICE, List.of("ExplanationOfBenefit/9"),
				List.of("42"), null));

		assertThat(event.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
		assertThat(event.getType().getCode()).isEqualTo("rest");
		assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
		assertThat(event.getAction().toCode()).isEqualTo("R");
		assertThat(event.getRecorded().toInstant()).isEqualTo(NOW);
		assertThat(event.getOutcome().toCode()).isEqualTo("0");
		assertThat(event.getIdElement().getIdPart()).hasSize(36);

		AuditEventAgentComponent user = event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
				.findFirst().orElseThrow();
		assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("user-alice");
		assertThat(user.getType().getCodingFirstRep().getCode()).isEqualTo("IRCP");
		assertThat(user.getNetwork().getAddress()).isEqualTo("10.0.0.7");
		assertThat(user.getNetwork().getType().toCode()).isEqualTo("2");
		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("110153");
			assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("openrcm-dashboard");
		});
		assertThat(event.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("110152");
			assertThat(agent.getRequestor()).isFalse();
		});
		assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("openrcm-test");

		AuditEventEntityComponent resource = withRole(event, "4").get(0);
		assertThat(resource.getType().getCode()).isEqualTo("2");
		assertThat(resource.getWhat().getIdentifier().getValue()).isEqualTo("ExplanationOfBenefit/9");
		assertThat(resource.getWhat().getType()).isEqualTo("ExplanationOfBenefit");
		assertThat(resource.getWhat().hasReference()).as("logical, so a missing or deleted target can be audited")
				.isFalse();
		AuditEventEntityComponent patient = withRole(event, "1").get(0);
		assertThat(patient.getType().getCode()).isEqualTo("1");
		assertThat(patient.getWhat().getIdentifier().getValue()).isEqualTo("Patient/42");

		assertThat(event.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getType().getSystem())
					.isEqualTo("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType");
			assertThat(entity.getType().getCode()).isEqualTo("XrequestId");
			assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("req-123");
			assertThat(entity.getName()).isEqualTo("req-123");
		});
		assertThat(event.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getType().getCode()).isEqualTo("tenant");
			assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("PRACTICEA");
		});
	}

	@Test
	void aSearchCarriesItsQueryInBase64AndThePatientsReturned() {
		AuditEvent event = events.rest(rest("search-type", null, "E", 200, "", ALICE,
				List.of("ExplanationOfBenefit/1", "ExplanationOfBenefit/2"), List.of("42", "43"),
				"ExplanationOfBenefit?patient=Patient%2F42"));

		assertThat(event.getAction().toCode()).isEqualTo("E");
		AuditEventEntityComponent query = withRole(event, "24").get(0);
		assertThat(query.getType().getCode()).isEqualTo("2");
		assertThat(new String(query.getQuery(), StandardCharsets.UTF_8))
				.isEqualTo("ExplanationOfBenefit?patient=Patient%2F42");
		String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(event);
		assertThat(json).contains("\"query\":\"" + java.util.Base64.getEncoder().encodeToString(
				"ExplanationOfBenefit?patient=Patient%2F42".getBytes(StandardCharsets.UTF_8)) + "\"");
		assertThat(withRole(event, "1")).extracting(entity -> entity.getWhat().getIdentifier().getValue())
				.containsExactly("Patient/42", "Patient/43");
	}

	@Test
	void aCreateAndAnOperation() {
		AuditEvent create = events.rest(rest("create", null, "C", 201, "", ALICE, List.of("Claim/5"), List.of("42"),
				null));
		assertThat(create.getAction().toCode()).isEqualTo("C");
		assertThat(create.getSubtypeFirstRep().getCode()).isEqualTo("create");

		AuditEvent operation = events.rest(rest("operation", "$submit", "E", 200, "", ALICE, List.of("Claim/5"),
				List.of(), null));
		assertThat(operation.getSubtype()).extracting(coding -> coding.getCode()).containsExactly("operation",
				"$submit");
		assertThat(operation.getAction().toCode()).isEqualTo("E");
	}

	@Test
	void aRefusalIsAMinorFailureWithItsCodeAndAnAnonymousAgentWhenNoTokenWasAccepted() {
		AuditEvent refused = events.rest(rest("read", null, "R", 401, "ORCM-2002: the bearer token is not accepted",
				AuditAgent.anonymous("192.0.2.1"), List.of("Patient/42"), List.of(), null));
		assertThat(refused.getOutcome().toCode()).isEqualTo("4");
		assertThat(refused.getOutcomeDesc()).startsWith("ORCM-2002");
		AuditEventAgentComponent agent = refused.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
				.findFirst().orElseThrow();
		assertThat(agent.getName()).isEqualTo("anonymous");
		assertThat(agent.getNetwork().getAddress()).isEqualTo("192.0.2.1");
		assertThat(AuditEvents.outcome(403).toCode()).isEqualTo("4");
		assertThat(AuditEvents.outcome(500).toCode()).isEqualTo("8");
		assertThat(AuditEvents.outcome(204).toCode()).isEqualTo("0");
	}

	@Test
	void anX12FileSentIsAnExportNamingTheFileItsControlNumberSizeAndConnection() {
		byte[] file = ("ISA*00*          *00*          *ZZ*OPENRCMSUBMIT  *ZZ*CLEARINGHOUSE  *240815*1030*^*00501*"
				+ "000000777*0*T*:~GS*HC~").getBytes(StandardCharsets.US_ASCII);
		assertThat(FileAudit.controlNumber(file)).isEqualTo("000000777");
		assertThat(FileAudit.controlNumber("not x12".getBytes(StandardCharsets.US_ASCII))).isEmpty();

		AuditEvent sent = events.file(new FileAudit(NOW, "PRACTICEA", FileAudit.Direction.EXPORT, "upload",
				"PRACTICEA", "batch-1.837", file.length, FileAudit.controlNumber(file), true, "", null));
		assertThat(sent.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
		assertThat(sent.getType().getCode()).isEqualTo("110106");
		assertThat(sent.getAction().toCode()).isEqualTo("R");
		assertThat(sent.getOutcome().toCode()).isEqualTo("0");
		AuditEventEntityComponent entity = sent.getEntityFirstRep();
		assertThat(entity.getName()).isEqualTo("batch-1.837");
		assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("000000777");
		assertThat(entity.getDetail()).extracting(detail -> detail.getType() + "=" + detail.getValue().primitiveValue())
				.containsExactly("isa13=000000777", "size=" + file.length, "connection=PRACTICEA");
		assertThat(sent.getAgent()).anySatisfy(agent -> assertThat(agent.getName()).isEqualTo("PRACTICEA"));

		AuditEvent failed = events.file(new FileAudit(NOW, null, FileAudit.Direction.IMPORT, "download", "default",
				"835.x12", 0, "", false, "IOException: connection reset", null));
		assertThat(failed.getType().getCode()).isEqualTo("110107");
		assertThat(failed.getAction().toCode()).isEqualTo("C");
		assertThat(failed.getOutcome().toCode()).isEqualTo("8");
		assertThat(failed.getOutcomeDesc()).contains("connection reset");
	}

	@Test
	void aRefusedRequestsTargetIsReadFromItsPath() {
		assertThat(RefusalAuditor.target("GET", "/fhir/PRACTICEA/Patient/42"))
				.isEqualTo(new RefusalAuditor.Target("PRACTICEA", "read", null, "Patient/42", "Patient"));
		assertThat(RefusalAuditor.target("GET", "/fhir/PRACTICEA/ExplanationOfBenefit").interaction())
				.isEqualTo("search-type");
		assertThat(RefusalAuditor.target("POST", "/fhir/PRACTICEA/Patient/42/$everything").interaction())
				.isEqualTo("operation");
		assertThat(RefusalAuditor.target("POST", "/fhir/PRACTICEA").interaction()).isEqualTo("transaction");
		assertThat(RefusalAuditor.target("DELETE", "/fhir/PRACTICEA/Claim/1").interaction()).isEqualTo("delete");
		assertThat(RefusalAuditor.target("GET", "/actuator/info").tenant()).isNull();
	}
}
