package org.openrcm.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds AuditEvents in the style of the IHE Basic Audit Log Patterns (BALP): type {@code rest} with the restful
 * interaction as subtype for FHIR requests, DICOM Export/Import for X12 files; the requesting agent (user and client
 * of the token, or anonymous) with its network address, this server as the destination agent and the observer; one
 * entity per resource touched, the patients (BALP patient entity), the query of a search (base64), the X-Request-ID
 * (BALP {@code XrequestId}) and the tenant. Pure: no Spring, no storage.
 *
 * <p>Entities name resources with logical references ({@code what.identifier}, value {@code Type/id}, and
 * {@code what.type}) rather than literal ones: an AuditEvent must be storable for a resource that does not exist
 * (a refused or failed read) or no longer exists (a delete), and must not stop a resource from being deleted.
 */
public final class AuditEvents {

	/** HL7 audit event types (type {@code rest}). */
	public static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	/** FHIR restful interactions (the subtype of a {@code rest} event). */
	public static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
	/** DICOM controlled terminology (Export, Import, agent roles). */
	public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	/** HL7 audit entity types (1 person, 2 system object). */
	public static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	/** HL7 object roles (1 patient, 4 domain resource, 24 query). */
	public static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	/** BALP's entity type for the transport request id. */
	public static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
	/** The BALP code of the X-Request-ID entity. */
	public static final String XREQUEST_ID = "XrequestId";
	/** OpenRCM's audit codes: the tenant entity, operation names, X12 transfers, the file entity details. */
	public static final String OPENRCM_AUDIT = "http://openrcm.org/fhir/CodeSystem/audit";
	/** The identifier system of the tenant entity. */
	public static final String TENANT_SYSTEM = "http://openrcm.org/fhir/sid/tenant";
	/** The identifier system of logical references to this server's resources ({@code Type/id}). */
	public static final String RESOURCE_SYSTEM = "http://openrcm.org/fhir/sid/resource";
	/** The identifier system of an X12 interchange control number (ISA13). */
	public static final String ISA13_SYSTEM = "http://openrcm.org/fhir/sid/x12-isa13";

	private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
	private static final int MAX_DESCRIPTION = 1000;

	private final String observer;

	/**
	 * @param observer this server's name, the AuditEvent's {@code source.observer}
	 */
	public AuditEvents(String observer) {
		this.observer = observer;
	}

	/** The AuditEvent of a FHIR request, with a new id (the outbox writes it under that id). */
	public AuditEvent rest(RestAudit facts) {
		AuditEvent event = base(facts.recorded(), facts.status());
		event.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
		event.addSubtype(new Coding(INTERACTION, facts.interaction(), null));
		if (facts.operation() != null) {
			event.addSubtype(new Coding(OPENRCM_AUDIT, facts.operation(), "operation"));
		}
		event.setAction(AuditEventAction.fromCode(facts.action()));
		outcomeDescription(event, facts.outcomeDescription());
		requestor(event, facts.agent());
		destination(event);
		for (String resource : facts.resources()) {
			AuditEventEntityComponent entity = event.addEntity().setWhat(logical(resource));
			entity.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
			entity.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
		}
		for (String patient : facts.patients()) {
			AuditEventEntityComponent entity = event.addEntity().setWhat(logical("Patient/" + patient));
			entity.setType(new Coding(ENTITY_TYPE, "1", "Person"));
			entity.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
		}
		if (facts.query() != null) {
			AuditEventEntityComponent entity = event.addEntity();
			entity.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
			entity.setRole(new Coding(OBJECT_ROLE, "24", "Query"));
			entity.setQuery(facts.query().getBytes(StandardCharsets.UTF_8));
		}
		requestId(event, facts.requestId());
		tenant(event, facts.tenant());
		return event;
	}

	/** The AuditEvent of an X12 file sent or received (DICOM Export 110106 / Import 110107). */
	public AuditEvent file(FileAudit facts) {
		AuditEvent event = base(facts.recorded(), facts.success() ? 200 : 500);
		boolean export = facts.direction() == FileAudit.Direction.EXPORT;
		event.setType(export ? new Coding(DICOM, "110106", "Export") : new Coding(DICOM, "110107", "Import"));
		event.addSubtype(new Coding(OPENRCM_AUDIT, facts.transfer(), "X12 file " + facts.transfer()));
		event.setAction(export ? AuditEventAction.R : AuditEventAction.C);
		outcomeDescription(event, facts.outcomeDescription());
		if (facts.agent() != null) {
			requestor(event, facts.agent());
			destination(event);
		} else {
			AuditEventAgentComponent server = event.addAgent().setRequestor(true);
			server.setType(new CodeableConcept(new Coding(DICOM, export ? "110153" : "110152",
					export ? "Source Role ID" : "Destination Role ID")));
			server.setWho(new Reference().setIdentifier(new Identifier().setValue(observer)).setDisplay(observer));
		}
		if (!facts.connection().isEmpty()) {
			AuditEventAgentComponent clearinghouse = event.addAgent().setRequestor(false);
			clearinghouse.setType(new CodeableConcept(new Coding(DICOM, export ? "110152" : "110153",
					export ? "Destination Role ID" : "Source Role ID")));
			clearinghouse.setWho(new Reference().setDisplay("clearinghouse connection " + facts.connection()));
			clearinghouse.setName(facts.connection());
		}
		AuditEventEntityComponent file = event.addEntity();
		file.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
		file.setRole(new Coding(OBJECT_ROLE, "20", "Job"));
		file.setName(facts.name());
		file.setDescription("X12 interchange");
		if (!facts.controlNumber().isEmpty()) {
			file.setWhat(new Reference().setIdentifier(new Identifier().setSystem(ISA13_SYSTEM)
					.setValue(facts.controlNumber())));
			file.addDetail().setType("isa13").setValue(new org.hl7.fhir.r4.model.StringType(facts.controlNumber()));
		}
		file.addDetail().setType("size").setValue(new org.hl7.fhir.r4.model.StringType(Long.toString(facts.size())));
		if (!facts.connection().isEmpty()) {
			file.addDetail().setType("connection").setValue(new org.hl7.fhir.r4.model.StringType(facts.connection()));
		}
		tenant(event, facts.tenant());
		return event;
	}

	/** The AuditEvent outcome of an HTTP status: 0 success, 4 minor failure (4xx), 8 serious failure (5xx). */
	public static AuditEventOutcome outcome(int status) {
		if (status < 400) {
			return AuditEventOutcome._0;
		}
		return status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8;
	}

	private AuditEvent base(java.time.Instant recorded, int status) {
		AuditEvent event = new AuditEvent();
		event.setId(UUID.randomUUID().toString());
		event.setRecorded(Date.from(recorded));
		event.setOutcome(outcome(status));
		event.getSource().setObserver(new Reference().setIdentifier(new Identifier().setValue(observer))
				.setDisplay(observer));
		event.getSource().addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
		return event;
	}

	private static void outcomeDescription(AuditEvent event, String description) {
		if (!description.isEmpty()) {
			event.setOutcomeDesc(description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION)
					: description);
		}
	}

	/** The requesting agent: the token's user (requestor) and its client, or an anonymous agent. */
	private static void requestor(AuditEvent event, AuditAgent agent) {
		AuditEventAgentComponent who = event.addAgent().setRequestor(true);
		if (agent.isAnonymous()) {
			who.setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")));
			who.setWho(new Reference().setDisplay("anonymous"));
			who.setName("anonymous");
		} else {
			String subject = agent.subject().isEmpty() ? agent.clientId() : agent.subject();
			who.setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")));
			who.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:openrcm:token-sub")
					.setValue(subject)).setDisplay(subject));
			who.setAltId(subject);
			if (!agent.clientId().isEmpty()) {
				who.setName(agent.clientId());
				AuditEventAgentComponent client = event.addAgent().setRequestor(false);
				client.setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")));
				client.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:openrcm:client-id")
						.setValue(agent.clientId())).setDisplay(agent.clientId()));
				client.setName(agent.clientId());
				network(client, agent.address());
			}
		}
		network(who, agent.address());
	}

	private static void network(AuditEventAgentComponent agent, String address) {
		if (!address.isEmpty()) {
			agent.getNetwork().setAddress(address).setType(AuditEventAgentNetworkType._2);
		}
	}

	private void destination(AuditEvent event) {
		AuditEventAgentComponent server = event.addAgent().setRequestor(false);
		server.setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")));
		server.setWho(new Reference().setIdentifier(new Identifier().setValue(observer)).setDisplay(observer));
	}

	private static void requestId(AuditEvent event, String requestId) {
		if (requestId != null && !requestId.isEmpty()) {
			AuditEventEntityComponent entity = event.addEntity();
			entity.setType(new Coding(BALP_ENTITY_TYPE, XREQUEST_ID, "X-Request-Id"));
			entity.setWhat(new Reference().setIdentifier(new Identifier().setValue(requestId)));
			// also as the entity's name, so that AuditEvent?entity-name:exact=<id> finds it with a standard parameter
			entity.setName(requestId);
		}
	}

	private static void tenant(AuditEvent event, String tenant) {
		if (tenant != null && !tenant.isEmpty()) {
			AuditEventEntityComponent entity = event.addEntity();
			entity.setType(new Coding(OPENRCM_AUDIT, "tenant", "Tenant"));
			entity.setWhat(new Reference().setIdentifier(new Identifier().setSystem(TENANT_SYSTEM).setValue(tenant)));
		}
	}

	/** A logical reference to one of this server's resources. */
	static Reference logical(String typeAndId) {
		int slash = typeAndId.indexOf('/');
		Reference reference = new Reference().setIdentifier(new Identifier().setSystem(RESOURCE_SYSTEM)
				.setValue(typeAndId)).setDisplay(typeAndId);
		if (slash > 0) {
			reference.setType(typeAndId.substring(0, slash));
		}
		return reference;
	}
}
