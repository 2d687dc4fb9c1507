package org.openrcm.server.priorauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;

/** The PAS request to 278 mapping and the 278 response to ClaimResponse mapping, without a server. */
class PasMappingTest {

	private static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 29, 18, 0);

	private final Map<String, Resource> resources = new HashMap<>();
	private final Function<Reference, Resource> resolver = r -> r == null ? null : resources.get(r.getReference());

	@Test
	void aChildsRequestNamesTheParentAsSubscriberAndTheChildAsDependent() {
		Claim claim = claim("Patient/child");
		Patient parent = patient("Garcia", "Luis", "1980-02-03", AdministrativeGender.MALE);
		resources.put("Patient/parent", parent);
		Coverage coverage = (Coverage) resources.get("Coverage/1");
		coverage.setSubscriber(new Reference("Patient/parent")).setRelationship(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "child", null)));

		PasRequestMapping.Mapped mapped = PasRequestMapping.map(claim, resolver, "PA1", "9OPENRCM00", NOW);

		assertThat(mapped.problems()).isEmpty();
		AuthorizationReview review = mapped.review();
		assertThat(review.subscriber().name()).isEqualTo("Garcia");
		assertThat(review.subscriber().id()).isEqualTo("M123");
		assertThat(review.dependent().entity()).isEqualTo("QC");
		assertThat(review.dependent().firstName()).isEqualTo("Mia");
		assertThat(review.dependent().birthDate()).isEqualTo(LocalDate.of(2015, 6, 1));
		assertThat(review.umo().idQualifier()).isEqualTo("PI");
		assertThat(review.umo().id()).isEqualTo("60054");
		assertThat(review.event().diagnoses()).extracting(AuthorizationReview.Diagnosis::code)
				.containsExactly("J0190");
		assertThat(review.event().review().facilityCode()).isEqualTo("11");
		assertThat(review.services()).singleElement().satisfies(s -> {
			assertThat(s.traces()).extracting(Trace::number).containsExactly("PA1-1");
			assertThat(s.procedure().code()).isEqualTo("70551");
			assertThat(s.charge()).isEqualByComparingTo("410");
		});
	}

	@Test
	void everyGapIsReportedAtOnce() {
		Claim claim = claim("Patient/child");
		((Organization) resources.get("Organization/payer")).getIdentifier().clear();
		claim.getDiagnosisFirstRep().setDiagnosis(new CodeableConcept(new Coding("http://snomed.info/sct", "1", null)));
		claim.setProvider(new Reference("Organization/unknown"));

		PasRequestMapping.Mapped mapped = PasRequestMapping.map(claim, resolver, "PA1", "9OPENRCM00", NOW);

		assertThat(mapped.review()).isNull();
		assertThat(mapped.problems()).extracting(PasRequestMapping.Problem::expression).containsExactlyInAnyOrder(
				"Organization.identifier", "Claim.provider", "Claim.diagnosis[0].diagnosisCodeableConcept");
	}

	@Test
	void aPartialCertificationMarksEachItemAndKeepsTheNumberAndPeriod() {
		Claim claim = claim("Patient/child");
		claim.addItem().setSequence(2).setProductOrService(new CodeableConcept(new Coding(CPT, "95810", null)));
		ClaimResponse response = PasResponseMapping.queued(claim, "Claim/9", "PA1", "9OPENRCM00",
				Instant.parse("2026-11-29T18:00:00Z"));
		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);

		Decision certified = new Decision("A1", "AUTH9", null, false);
		Decision denied = new Decision("A3", null, "0U", false);
		PatientEvent event = new PatientEvent(List.of(new Trace("2", "PA1", "9OPENRCM00", null)), null,
				new Decision("A2", "AUTH9", null, false), List.of(), List.of(new Dated("AAH", LocalDate.of(2026, 12, 1),
						LocalDate.of(2027, 2, 28))), List.of(), List.of(), List.of());
		AuthorizationReview answer = new AuthorizationReview(Kind.RESPONSE, "1", "PA1", NOW, null, null, null, null,
				null, event, List.of(service("PA1-2", denied), service("PA1-1", certified)), List.of());
		PasResponseMapping.apply(response, answer, "PA1");

		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
		assertThat(response.getPreAuthRef()).isEqualTo("AUTH9");
		assertThat(response.getPreAuthPeriod().getEndElement().getValueAsString()).isEqualTo("2027-02-28");
		assertThat(response.getItem()).extracting(i -> PasResponseMapping.reviewActionCode(i).orElse(null))
				.as("matched by trace, not by order").containsExactly("A1", "A3");
		assertThat(response.getItem().get(0).getExtensionByUrl(PasProfile.ITEM_PRE_AUTH_PERIOD)).isNotNull();
		assertThat(response.getItem().get(1).getExtensionByUrl(PasProfile.ITEM_PRE_AUTH_PERIOD)).isNull();

		ApprovedAuthorization approved = ApprovedAuthorization.of(response, claim).orElseThrow();
		assertThat(approved.codes()).containsExactly("70551");
		assertThat(approved.covers("Organization/payer", "70551", LocalDate.of(2026, 12, 5))).isTrue();
		assertThat(approved.covers("Organization/payer", "70551", LocalDate.of(2027, 3, 1))).isFalse();
		assertThat(approved.covers("Organization/payer", "95810", LocalDate.of(2026, 12, 5))).isFalse();
		assertThat(approved.covers("Organization/other", "70551", LocalDate.of(2026, 12, 5))).isFalse();
	}

	@Test
	void aRejectionWithoutDecisionIsAnErrorWithTheReasonCodes() {
		Claim claim = claim("Patient/child");
		ClaimResponse response = PasResponseMapping.queued(claim, "Claim/9", "PA1", "9OPENRCM00", Instant.now());
		PatientEvent event = new PatientEvent(List.of(), null, null, List.of(), List.of(), List.of(), List.of(),
				List.of());
		AuthorizationReview answer = new AuthorizationReview(Kind.RESPONSE, "1", "PA1", NOW, null, null, null, null,
				null, event, List.of(), List.of(new Rejection("2010A", false, "42", "R")));

		PasResponseMapping.apply(response, answer, "PA1");

		assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.ERROR);
		assertThat(response.getDisposition()).contains("the payer cannot answer at this time (AAA 42), send again later");
		assertThat(response.getErrorFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("42");
		assertThat(ApprovedAuthorization.of(response, claim)).isEmpty();
	}

	private static Service service(String trace, Decision decision) {
		return new Service(List.of(new Trace("2", trace, "9OPENRCM00", null)), null, decision, List.of(), List.of(),
				null, null, null, null, null, List.of(), List.of());
	}

	private Claim claim(String patient) {
		resources.put("Patient/child", patient("Garcia", "Mia", "2015-06-01", AdministrativeGender.FEMALE));
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.addIdentifier().setSystem(PasRequestMapping.PAYER_ID_SYSTEM).setValue("60054");
		resources.put("Organization/payer", payer);
		Organization practice = new Organization().setName("Springfield Pediatrics");
		practice.addIdentifier().setSystem(PasRequestMapping.NPI_SYSTEM).setValue("1987654328");
		resources.put("Organization/practice", practice);
		resources.put("Coverage/1", new Coverage().setSubscriberId("M123").setBeneficiary(new Reference(patient)));
		Claim claim = new Claim().setUse(Claim.Use.PREAUTHORIZATION).setPatient(new Reference(patient))
				.setInsurer(new Reference("Organization/payer")).setProvider(new Reference("Organization/practice"));
		claim.addInsurance().setFocal(true).setCoverage(new Reference("Coverage/1"));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(
				"http://hl7.org/fhir/sid/icd-10-cm", "J01.90", null)));
		claim.addItem().setSequence(1).setProductOrService(new CodeableConcept(new Coding(CPT, "70551", null)))
				.setServiced(new DateType("2026-12-01"))
				.setLocation(new CodeableConcept(new Coding("https://www.cms.gov/pos", "11", null)))
				.setNet(new Money().setValue(new BigDecimal("410.00"))).getQuantity().setValue(1);
		return claim;
	}

	private static Patient patient(String family, String given, String birth, AdministrativeGender gender) {
		Patient patient = new Patient().setGender(gender).setBirthDateElement(new DateType(birth));
		patient.addName().setFamily(family).addGiven(given);
		return patient;
	}
}
