package org.openrcm.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.support.ClaimFixtures;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpenRcmServerTest
class ProfileValidationIT {

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;
	ClaimFixtures.Parties parties;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
		parties = ClaimFixtures.storeParties(http, tenant);
	}

	@Test
	void theImplementationGuideAndStarterTerminologyAreInstalled() {
		// the IG is stored in the background once the server is ready
		Awaitility.await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
						http.search("DEFAULT", "StructureDefinition?url=" + OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE)
								.getTotal())
				.isEqualTo(1));
		assertThat(http.search("DEFAULT", "StructureDefinition?url=" + OpenRcmIg.COVERAGE_PROFILE).getTotal())
				.isEqualTo(1);
		assertThat(http.search("DEFAULT", "OperationDefinition?url=" + OpenRcmIg.DRAFT_CLAIM_OPERATION).getTotal())
				.isEqualTo(1);

		FhirHttp.Response lookup =
				http.get(tenant, "CodeSystem/$lookup?system=" + ClaimFixtures.POS + "&code=11");
		assertThat(lookup.status()).as(lookup.body()).isEqualTo(200);
		assertThat(lookup.resource(Parameters.class).getParameter("display").getValue().primitiveValue()).isEqualTo("Office");
	}

	@Test
	void aCompleteProfessionalClaimIsAccepted() {
		FhirHttp.Response response = http.post(tenant, "Claim", ClaimFixtures.professionalClaim(parties));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	@Test
	void aClaimWithoutDiagnosesIs422NamingTheElement() {
		Claim claim = ClaimFixtures.professionalClaim(parties);
		claim.getDiagnosis().clear();
		claim.getItem().forEach(item -> item.getDiagnosisSequence().clear());

		FhirHttp.Response response = http.post(tenant, "Claim", claim);

		assertThat(response.status()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssue())
				.filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.isNotEmpty()
				.allSatisfy(issue -> assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("ORCM-3001"))
				.anySatisfy(issue -> assertThat(issue.getExpression().toString() + issue.getDiagnostics())
						.contains("diagnosis"));
		assertThat(http.search(tenant, "Claim").getTotal()).isZero();
	}

	@Test
	void anUnknownPlaceOfServiceIs422PointingAtTheLine() {
		Claim claim = ClaimFixtures.professionalClaim(parties);
		claim.getItem().get(1).setLocation(new CodeableConcept(new Coding(ClaimFixtures.POS, "00", null)));

		FhirHttp.Response response = http.post(tenant, "Claim", claim);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.outcome().getIssue())
				.filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.anySatisfy(issue -> assertThat(issue.getExpression()).anySatisfy(e ->
						assertThat(e.getValue()).startsWith("Claim.item[1].location")));
	}

	@Test
	void aDraftClaimIsAWorkInProgressAndIsNotHeldToTheProfile() {
		Claim draft = new Claim().setStatus(Claim.ClaimStatus.DRAFT).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference(parties.patient()));
		draft.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null)));
		draft.setCreated(new java.util.Date());
		draft.setProvider(new Reference(parties.provider()));
		draft.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
		draft.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(parties.coverage()));

		assertThat(http.post(tenant, "Claim", draft).status()).isEqualTo(201);
	}

	@Test
	void anInvalidClaimInsideATransactionRollsBackEveryEntry() {
		Claim claim = ClaimFixtures.professionalClaim(parties);
		claim.setTotal(null);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry()
				.setResource(new Patient().addName(new HumanName().setFamily("Rollback")))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setResource(claim).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Claim");

		FhirHttp.Response response = http.post(tenant, "", transaction);

		assertThat(response.status()).isEqualTo(422);
		assertThat(http.search(tenant, "Patient?name=Rollback").getTotal()).isZero();
		assertThat(http.search(tenant, "Claim").getTotal()).isZero();
	}

	@Test
	void coverageValidationIsOffByDefault() {
		Coverage partial = new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setBeneficiary(new Reference(parties.patient()));

		assertThat(http.post(tenant, "Coverage", partial).status()).isEqualTo(201);
	}
}
