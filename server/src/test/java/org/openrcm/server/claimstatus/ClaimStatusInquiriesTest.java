package org.openrcm.server.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.claims.ClaimSources;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;

/**
 * The 276 question built from a stored claim: the payer, receiver, provider and subscriber as the 837 named them,
 * a dependent when the coverage is not the patient's own, the payer claim number of the latest ClaimResponse that
 * has one, the charge and the span of service dates; and every missing piece named at once.
 */
class ClaimStatusInquiriesTest {

	private static final ClearinghouseProperties CLEARINGHOUSE = ClearinghouseProperties.defaults();

	private final Map<String, Resource> stored = new HashMap<>();
	private final List<ClaimResponse> responses = new ArrayList<>();
	private final ClaimSources sources = new ClaimSources() {
		@Override
		public Resource resolve(Reference reference) {
			return stored.get(reference.getReference());
		}

		@Override
		public List<ClaimResponse> responsesTo(String claimReference) {
			return responses;
		}
	};

	@Test
	void theSubscribersOwnClaim() throws Exception {
		Claim claim = claim("self", "Organization/payer");
		responses.add(response("000000001", new Date(1_000)));
		responses.add(response("000000007", new Date(2_000)));
		responses.add(new ClaimResponse());

		Inquiry inquiry = ClaimStatusInquiries.inquiry(claim, sources, CLEARINGHOUSE, "TRACE1", "CLM-9");

		assertThat(inquiry.payer().entityCode()).isEqualTo("PR");
		assertThat(inquiry.payer().name()).isEqualTo("PRAIRIE HEALTH PLAN");
		assertThat(inquiry.payer().id()).isEqualTo("60054");
		assertThat(inquiry.receiver().id()).isEqualTo(CLEARINGHOUSE.submitterId());
		assertThat(inquiry.receiver().idQualifier()).isEqualTo("46");
		assertThat(inquiry.provider().id()).isEqualTo("1987654328");
		assertThat(inquiry.provider().idQualifier()).isEqualTo("XX");
		assertThat(inquiry.subscriber().party().name()).isEqualTo("RIVERA");
		assertThat(inquiry.subscriber().party().firstName()).isEqualTo("ANA");
		assertThat(inquiry.subscriber().party().id()).isEqualTo("MBR001");
		assertThat(inquiry.subscriber().birthDate()).isEqualTo(LocalDate.of(1971, 4, 18));
		assertThat(inquiry.subscriber().gender()).isEqualTo("F");
		assertThat(inquiry.dependent()).isNull();
		assertThat(inquiry.traceNumber()).isEqualTo("TRACE1");
		assertThat(inquiry.patientControlNumber()).isEqualTo("CLM-9");
		assertThat(inquiry.payerClaimNumber()).isEqualTo("000000007");
		assertThat(inquiry.chargeAmount()).isEqualByComparingTo("155.00");
		assertThat(inquiry.serviceDates()).isEqualTo(new DatePeriod(LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 3)));
	}

	@Test
	void aDependentsClaimNamesTheSubscriberAndThePatient() throws Exception {
		Claim claim = claim("child", null);
		RelatedPerson parent = new RelatedPerson();
		parent.addName().setFamily("Rivera").addGiven("Luis");
		stored.put("RelatedPerson/parent", parent);
		((Coverage) stored.get("Coverage/cov")).setSubscriber(new Reference("RelatedPerson/parent"));

		Inquiry inquiry = ClaimStatusInquiries.inquiry(claim, sources, CLEARINGHOUSE, "TRACE2", "CLM-10");

		assertThat(inquiry.payer().id()).as("the coverage's payor").isEqualTo("60054");
		assertThat(inquiry.subscriber().party().firstName()).isEqualTo("LUIS");
		assertThat(inquiry.subscriber().party().id()).isEqualTo("MBR001");
		assertThat(inquiry.dependent().party().entityCode()).isEqualTo("QC");
		assertThat(inquiry.dependent().party().firstName()).isEqualTo("ANA");
		assertThat(inquiry.dependent().party().id()).isEmpty();
		assertThat(inquiry.payerClaimNumber()).isEmpty();
	}

	@Test
	void everythingMissingIsNamedAtOnce() {
		Claim claim = claim("self", "Organization/payer");
		((Organization) stored.get("Organization/payer")).getIdentifier().clear();
		((Organization) stored.get("Organization/practice")).getIdentifier().clear();
		((Coverage) stored.get("Coverage/cov")).setSubscriberId(null);

		assertThatThrownBy(() -> ClaimStatusInquiries.inquiry(claim, sources, CLEARINGHOUSE, "T", "C"))
				.isInstanceOf(ClaimStatusInquiries.Missing.class)
				.satisfies(e -> assertThat(((ClaimStatusInquiries.Missing) e).reasons()).hasSize(3))
				.hasMessageContaining("payer id").hasMessageContaining("NPI").hasMessageContaining("subscriberId");
	}

	@Test
	void aPractitionerAsProvider() throws Exception {
		Claim claim = claim("self", "Organization/payer");
		Practitioner doctor = new Practitioner();
		doctor.addName().setFamily("Okafor").addGiven("Daniel");
		doctor.addIdentifier().setSystem(ClaimStatusInquiries.NPI_SYSTEM).setValue("1234567893");
		stored.put("Practitioner/doc", doctor);
		claim.setProvider(new Reference("Practitioner/doc"));

		Inquiry inquiry = ClaimStatusInquiries.inquiry(claim, sources, CLEARINGHOUSE, "T", "C");

		assertThat(inquiry.provider().entityType()).isEqualTo("1");
		assertThat(inquiry.provider().name()).isEqualTo("OKAFOR");
		assertThat(inquiry.provider().firstName()).isEqualTo("DANIEL");
		assertThat(inquiry.provider().id()).isEqualTo("1234567893");
	}

	private Claim claim(String relationship, String insurer) {
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.addIdentifier().setSystem(ClaimStatusInquiries.PAYER_ID_SYSTEM).setValue("60054");
		Organization practice = new Organization().setName("Springfield Family Medicine");
		practice.addIdentifier().setSystem(ClaimStatusInquiries.NPI_SYSTEM).setValue("1987654328");
		Patient patient = new Patient();
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		Coverage coverage = new Coverage().setSubscriberId("MBR001").setBeneficiary(new Reference("Patient/pat"))
				.addPayor(new Reference("Organization/payer")).setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", relationship, null)));
		stored.put("Organization/payer", payer);
		stored.put("Organization/practice", practice);
		stored.put("Patient/pat", patient);
		stored.put("Coverage/cov", coverage);
		Claim claim = new Claim().setPatient(new Reference("Patient/pat"))
				.setProvider(new Reference("Organization/practice"));
		claim.setId("Claim/c1");
		if (insurer != null) {
			claim.setInsurer(new Reference(insurer));
		}
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/cov"));
		claim.addItem().setSequence(1).setServiced(new DateType("2026-10-03"));
		claim.addItem().setSequence(2).setServiced(new DateType("2026-10-01"));
		claim.setTotal(new Money().setValue(new BigDecimal("155.00")));
		return claim;
	}

	private static ClaimResponse response(String payerClaimNumber, Date created) {
		ClaimResponse response = new ClaimResponse();
		response.setCreated(created);
		response.addIdentifier().setSystem(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).setValue(payerClaimNumber);
		return response;
	}
}
