package org.openrcm.server.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openrcm.server.eligibility.EligibilityRequests.Parties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.Trace;
import org.openrcm.server.x12.elig.EligibilityInquiry;

/**
 * How a CoverageEligibilityRequest and what it names become a 270: the payer by its payer id, the provider by its
 * NPI, the subscriber by the member id, the patient as subscriber or as dependent, the date of service and the
 * service types asked about at the patient's level with the trace; and the request that lacks one of them, refused
 * with its code and the element to fix.
 */
class EligibilityRequestsTest {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 15, 9, 12);
	private static final String TRACE = "E17-0123456789";

	@Test
	void thePatientAsSubscriber() {
		EligibilityInquiry inquiry = inquiry(parties(request("98", "2026-03-20"), coverage("self"), payer("60054"),
				practice("1987654328"), null));

		assertThat(inquiry.reference()).isEqualTo(TRACE);
		assertThat(inquiry.source().id()).isEqualTo("60054");
		assertThat(inquiry.source().idQualifier()).isEqualTo("PI");
		assertThat(inquiry.source().name()).isEqualTo("Prairie Health Plan");
		assertThat(inquiry.receiver().idQualifier()).isEqualTo("XX");
		assertThat(inquiry.receiver().id()).isEqualTo("1987654328");
		assertThat(inquiry.receiver().entityType()).isEqualTo("2");
		assertThat(inquiry.dependent()).isNull();
		Person subscriber = inquiry.subscriber();
		assertThat(subscriber.memberId()).isEqualTo("PHP884421907");
		assertThat(subscriber.name().name()).isEqualTo("Rivera");
		assertThat(subscriber.name().firstName()).isEqualTo("Ana");
		assertThat(subscriber.birthDate()).isEqualTo(LocalDate.of(1971, 4, 18));
		assertThat(subscriber.gender()).isEqualTo("F");
		assertThat(subscriber.traces()).containsExactly(new Trace("1", TRACE, "9OPENRCM00", ""));
		assertThat(subscriber.dates()).containsExactly(DatePeriod.of("291", LocalDate.of(2026, 3, 20)));
		assertThat(subscriber.serviceTypes()).containsExactly("98");
	}

	@Test
	void aChildOnAParentsCoverageIsTheDependent() {
		Patient parent = new Patient();
		parent.setId("Patient/parent");
		parent.addName().setFamily("Rivera").addGiven("Luis");
		parent.setBirthDateElement(new DateType("1969-11-02"));
		Practitioner physician = new Practitioner();
		physician.addName().setFamily("Okafor").addGiven("Daniel");
		physician.addIdentifier().setSystem(EligibilityRequests.NPI_SYSTEM).setValue("1234567893");

		EligibilityInquiry inquiry = inquiry(parties(request(null, null), coverage("child"), payer("60054"),
				physician, parent));

		assertThat(inquiry.subscriber().name().firstName()).isEqualTo("Luis");
		assertThat(inquiry.subscriber().memberId()).isEqualTo("PHP884421907");
		assertThat(inquiry.subscriber().traces()).isEmpty();
		Person child = inquiry.dependent();
		assertThat(child).isSameAs(inquiry.patient());
		assertThat(child.name().entityCode()).isEqualTo("03");
		assertThat(child.memberId()).isEmpty();
		assertThat(child.traces()).extracting(Trace::number).containsExactly(TRACE);
		assertThat(child.serviceTypes()).as("the configured default").containsExactly("30");
		assertThat(child.dates()).containsExactly(DatePeriod.of("291", NOW.toLocalDate()));
		assertThat(inquiry.receiver().entityType()).isEqualTo("1");
		assertThat(inquiry.receiver().name()).isEqualTo("Okafor");
	}

	@Test
	void whatA270NeedsIsRequired() {
		assertProblem(parties(request(null, null), coverage("self"), payer(null), practice("1987654328"), null),
				ErrorCode.ELIGIBILITY_NO_PAYER_ID, "Coverage.payor.resolve().identifier");
		Coverage noMember = coverage("self").setSubscriberId(null);
		assertProblem(parties(request(null, null), noMember, payer("60054"), practice("1987654328"), null),
				ErrorCode.ELIGIBILITY_NO_MEMBER_ID, "Coverage.subscriberId");
		assertProblem(parties(request(null, null), coverage("self"), payer("60054"), practice(null), null),
				ErrorCode.ELIGIBILITY_NO_PROVIDER, "CoverageEligibilityRequest.provider");
		assertProblem(parties(request(null, null), coverage("self"), payer("60054"), null, null),
				ErrorCode.ELIGIBILITY_NO_PROVIDER, "CoverageEligibilityRequest.provider");
	}

	private static void assertProblem(Parties parties, ErrorCode code, String expression) {
		assertThatThrownBy(() -> inquiry(parties)).isInstanceOfSatisfying(EligibilityProblem.class, problem -> {
			assertThat(problem.code()).isEqualTo(code);
			assertThat(problem.outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
					.isEqualTo(code.code());
			assertThat(problem.outcome().getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo(expression);
		});
	}

	private static EligibilityInquiry inquiry(Parties parties) {
		return EligibilityRequests.inquiry(parties, TRACE, "9OPENRCM00", List.of("30"), NOW);
	}

	private static Parties parties(CoverageEligibilityRequest request, Coverage coverage, Organization payer,
			Resource provider, Patient subscriber) {
		Patient patient = new Patient();
		patient.setId("Patient/ana");
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1971-04-18"));
		return new Parties(request, patient, coverage, payer, provider, subscriber);
	}

	private static CoverageEligibilityRequest request(String serviceType, String date) {
		CoverageEligibilityRequest request = new CoverageEligibilityRequest();
		if (serviceType != null) {
			request.addItem().setCategory(new CodeableConcept(new Coding(EligibilityRequests.SERVICE_TYPE_SYSTEM,
					serviceType, null)));
		}
		if (date != null) {
			request.setServiced(new DateType(date));
		}
		return request;
	}

	private static Coverage coverage(String relationship) {
		return new Coverage().setSubscriberId("PHP884421907").setBeneficiary(new Reference("Patient/ana"))
				.setRelationship(new CodeableConcept(new Coding(EligibilityRequests.RELATIONSHIP_SYSTEM, relationship,
						null)));
	}

	private static Organization payer(String payerId) {
		Organization payer = new Organization().setName("Prairie Health Plan");
		if (payerId != null) {
			payer.addIdentifier().setSystem(EligibilityRequests.PAYER_ID_SYSTEM).setValue(payerId);
		}
		return payer;
	}

	private static Organization practice(String npi) {
		Organization practice = new Organization().setName("Springfield Family Medicine");
		if (npi != null) {
			practice.addIdentifier().setSystem(EligibilityRequests.NPI_SYSTEM).setValue(npi);
		}
		return practice;
	}
}
