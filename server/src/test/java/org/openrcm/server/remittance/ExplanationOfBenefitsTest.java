package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.adjustment;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.baseR4Errors;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.institutionalClaim;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.postLine;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.postTotals;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.professionalClaim;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.remark;
import static org.openrcm.server.remittance.ExplanationOfBenefitsFixtures.response;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.AdjudicationComponent;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.ItemComponent;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.server.remittance.ExplanationOfBenefits.NetworkStatus;

/** The patient-facing EOB of a posted claim: what a patient app shows, and base R4 validity. */
class ExplanationOfBenefitsTest {

	private static final String C4BB_ADJUDICATION = ExplanationOfBenefitsPosting.CARIN_ADJUDICATION_SYSTEM;

	/**
	 * 99213: billed 125, allowed 100, CO-45 25, deductible 20, coinsurance 20, paid 60; 36415: billed 30, allowed 20,
	 * CO-45 10, coinsurance 4, paid 16.
	 */
	private static ClaimResponse paidResponse(Claim claim) {
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "60.00", "CO", "45", "25.00", "PR", "1", "20.00", "PR", "2", "20.00");
		postLine(response, 2, "30.00", "20.00", "16.00", "CO", "45", "10.00", "PR", "2", "4.00");
		postTotals(response, "155.00", "120.00", "76.00", "44.00");
		return response;
	}

	@Test
	void paidProfessionalClaimShowsBilledAllowedPaidAndWhatThePatientOwes() {
		Claim claim = professionalClaim();
		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, paidResponse(claim), NetworkStatus.UNKNOWN);

		assertThat(eob.getStatus()).isEqualTo(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
		assertThat(eob.getUse()).isEqualTo(ExplanationOfBenefit.Use.CLAIM);
		assertThat(eob.getOutcome()).isEqualTo(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
		assertThat(code(eob.getType())).isEqualTo("professional");
		assertThat(eob.getPatient().getReference()).isEqualTo("Patient/pat-1");
		assertThat(eob.getProvider().getReference()).isEqualTo("Organization/springfield-clinic");
		assertThat(eob.getInsurer().getReference()).isEqualTo("Organization/prairie-health");
		assertThat(eob.getClaim().getReference()).isEqualTo("Claim/clm-1001");
		assertThat(eob.getClaimResponse().getReference()).isEqualTo("ClaimResponse/cr-clm-1001");
		assertThat(eob.getCreatedElement().getValueAsString()).isEqualTo("2024-07-01T10:15:00Z");
		assertThat(eob.getBillablePeriod().getStartElement().getValueAsString()).isEqualTo("2024-06-17");
		assertThat(eob.getIdentifier()).singleElement().satisfies(id -> {
			assertThat(id.getValue()).isEqualTo("7100001");
			assertThat(id.getType().getCodingFirstRep().getSystem()).endsWith("/C4BBIdentifierType");
			assertThat(id.getType().getCodingFirstRep().getCode()).isEqualTo("uc");
		});
		assertThat(eob.getInsurance()).singleElement().satisfies(insurance -> {
			assertThat(insurance.getFocal()).isTrue();
			assertThat(insurance.getCoverage().getReference()).isEqualTo("Coverage/cov-1");
		});
		assertThat(eob.getCareTeamFirstRep().getRole().getCodingFirstRep().getCode()).isEqualTo("rendering");
		assertThat(eob.getDiagnosis()).extracting(d -> code(d.getTypeFirstRep()))
				.containsExactly("principal", "secondary");
		assertThat(eob.getSupportingInfo()).anySatisfy(info -> {
			assertThat(code(info.getCategory())).isEqualTo("patientaccountnumber");
			assertThat(info.getValueStringType().getValue()).isEqualTo("clm-1001");
		});

		ItemComponent office = eob.getItem().get(0);
		assertThat(office.getSequence()).isEqualTo(1);
		assertThat(office.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("99213");
		assertThat(office.getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("11");
		assertThat(office.getServicedDateType().getValueAsString()).isEqualTo("2024-06-17");
		assertThat(office.getDiagnosisSequence()).extracting(PositiveIntType::getValue).containsExactly(1, 2);
		Map<String, BigDecimal> line = amounts(office.getAdjudication());
		assertThat(line).containsEntry("submitted", new BigDecimal("125.00"))
				.containsEntry("eligible", new BigDecimal("100.00"))
				.containsEntry("discount", new BigDecimal("25.00"))
				.containsEntry("deductible", new BigDecimal("20.00"))
				.containsEntry("coinsurance", new BigDecimal("20.00"))
				.containsEntry("benefit", new BigDecimal("60.00"))
				.containsEntry("memberliability", new BigDecimal("40.00"));
		assertThat(label(office.getAdjudication(), "memberliability")).isEqualTo("You owe");
		assertThat(entry(office.getAdjudication(), "deductible").getReason().getCodingFirstRep().getCode())
				.isEqualTo("1");
		assertThat(reasons(office.getAdjudication(), "benefitpaymentstatus")).containsExactly("other");
		assertThat(reasons(office.getAdjudication(), "adjustmentreason")).containsExactly("45", "1", "2");
		assertThat(amounts(eob.getItem().get(1).getAdjudication())).containsEntry("memberliability",
				new BigDecimal("4.00"));

		Map<String, BigDecimal> totals = eob.getTotal().stream()
				.collect(Collectors.toMap(t -> code(t.getCategory()), t -> t.getAmount().getValue()));
		assertThat(totals).containsEntry("submitted", new BigDecimal("155.00"))
				.containsEntry("eligible", new BigDecimal("120.00"))
				.containsEntry("benefit", new BigDecimal("76.00"))
				.containsEntry("paidtoprovider", new BigDecimal("76.00"))
				.containsEntry("deductible", new BigDecimal("20.00"))
				.containsEntry("coinsurance", new BigDecimal("24.00"))
				.containsEntry("discount", new BigDecimal("35.00"))
				.containsEntry("memberliability", new BigDecimal("44.00"));
		assertThat(eob.getTotal()).filteredOn(t -> code(t.getCategory()).equals("memberliability"))
				.singleElement().satisfies(t -> assertThat(t.getCategory().getCodingFirstRep().getSystem())
						.isEqualTo(C4BB_ADJUDICATION));

		assertThat(code(eob.getPayment().getType())).isEqualTo("paid");
		assertThat(eob.getPayment().getAmount().getValue()).isEqualByComparingTo("76.00");
		assertThat(eob.getPayment().getDateElement().getValueAsString()).isEqualTo("2024-07-01");
		assertThat(eob.getPayment().getIdentifier().getValue()).isEqualTo(ExplanationOfBenefitsFixtures.TRACE_NUMBER);
		assertThat(eob.getMeta().getProfile()).isEmpty();
		assertThat(baseR4Errors(eob)).isEmpty();
	}

	@Test
	void aDeniedLineCarriesItsReasonsAndThePatientOwesNothingOnIt() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "60.00", "CO", "45", "25.00", "PR", "1", "20.00", "PR", "2", "20.00");
		remark(postLine(response, 2, "30.00", null, "0.00", "CO", "197", "30.00"), "N130");
		postTotals(response, "155.00", null, "60.00", "40.00");

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.IN_NETWORK);

		ItemComponent denied = eob.getItem().get(1);
		assertThat(reasons(denied.getAdjudication(), "adjustmentreason")).containsExactly("197", "N130");
		assertThat(amounts(denied.getAdjudication())).containsEntry("benefit", new BigDecimal("0.00"))
				.containsEntry("memberliability", BigDecimal.ZERO)
				.containsEntry("noncovered", new BigDecimal("30.00"));
		assertThat(denied.getNoteNumber()).extracting(PositiveIntType::getValue).containsExactly(1);
		assertThat(eob.getProcessNote()).singleElement().satisfies(note -> {
			assertThat(note.getNumber()).isEqualTo(1);
			assertThat(note.getText()).contains("N130");
		});
		assertThat(reasons(eob.getItem().get(0).getAdjudication(), "benefitpaymentstatus"))
				.containsExactly("innetwork");
		assertThat(reasons(eob.getAdjudication(), "billingnetworkstatus")).containsExactly("innetwork");
		assertThat(code(eob.getPayment().getType())).isEqualTo("partiallypaid");
		assertThat(baseR4Errors(eob)).isEmpty();
	}

	@Test
	void aServiceThePlanDoesNotCoverIsDeniedEvenWhenThePatientOwesIt() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid in part (Processed as primary)");
		postLine(response, 1, "125.00", "100.00", "100.00", "CO", "45", "25.00");
		postLine(response, 2, "30.00", "30.00", "0.00", "PR", "96", "30.00");
		postTotals(response, "155.00", "130.00", "100.00", "30.00");

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(code(eob.getPayment().getType())).isEqualTo("partiallypaid");
		assertThat(amounts(eob.getItem().get(1).getAdjudication()))
				.containsEntry("noncovered", new BigDecimal("30.00"))
				.containsEntry("memberliability", new BigDecimal("30.00"));
		assertThat(reasons(eob.getItem().get(1).getAdjudication(), "adjustmentreason")).containsExactly("96");
	}

	@Test
	void aLineAppliedWholeToTheDeductibleIsNotDenied() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", null, "0.00", "CO", "45", "25.00", "PR", "1", "100.00");
		postLine(response, 2, "30.00", null, "0.00", "CO", "45", "10.00", "PR", "1", "20.00");
		postTotals(response, "155.00", null, "0.00", "120.00");

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(code(eob.getPayment().getType())).isEqualTo("paid");
		assertThat(amounts(eob.getItem().get(0).getAdjudication())).containsEntry("eligible", new BigDecimal("100.00"));
	}

	@Test
	void aClaimTheWholeOfWhichWasDeniedIsDenied() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Denied");
		response.addAdjudication(adjustment("CO", "29", "155.00"));
		postTotals(response, "155.00", null, "0.00", "0.00");

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(code(eob.getPayment().getType())).isEqualTo("denied");
		assertThat(eob.getDisposition()).isEqualTo("Denied");
		assertThat(reasons(eob.getAdjudication(), "adjustmentreason")).containsExactly("29");
		assertThat(amounts(eob.getItem().get(0).getAdjudication())).containsEntry("submitted", new BigDecimal("125.00"))
				.containsEntry("benefit", BigDecimal.ZERO).containsEntry("memberliability", BigDecimal.ZERO);
		assertThat(baseR4Errors(eob)).isEmpty();
	}

	@Test
	void institutionalClaimGetsItsTypeSubtypeAndRevenueCodes() {
		Claim claim = institutionalClaim("0131");
		claim.addProcedure().setSequence(1).setProcedure(
				ExplanationOfBenefitsFixtures.concept("http://www.cms.gov/Medicare/Coding/ICD10", "4A023N7"));
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "800.00", "600.00", "400.00", "CO", "45", "200.00", "PR", "1", "200.00");
		postLine(response, 2, "200.00", "150.00", "150.00", "CO", "45", "50.00");
		postTotals(response, "1000.00", "750.00", "550.00", "200.00");

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(code(eob.getType())).isEqualTo("institutional");
		assertThat(code(eob.getSubType())).isEqualTo("outpatient");
		assertThat(eob.getItem()).extracting(item -> item.getRevenue().getCodingFirstRep().getCode())
				.containsExactly("0450", "0301");
		assertThat(eob.getItem()).allSatisfy(item ->
				assertThat(reasons(item.getAdjudication(), "benefitpaymentstatus")).isEmpty());
		assertThat(reasons(eob.getAdjudication(), "benefitpaymentstatus")).containsExactly("other");
		assertThat(eob.getCareTeamFirstRep().getRole().getCodingFirstRep().getCode()).isEqualTo("attending");
		assertThat(eob.getDiagnosis()).extracting(d -> code(d.getTypeFirstRep())).containsExactly("principal", "other");
		assertThat(eob.getSupportingInfo()).anySatisfy(info -> assertThat(code(info.getCategory()))
				.isEqualTo("typeofbill"));
		assertThat(eob.getProcedure()).singleElement().satisfies(procedure -> {
			assertThat(procedure.getProcedureCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("4A023N7");
			assertThat(code(procedure.getTypeFirstRep())).isEqualTo("principal");
		});
		assertThat(amounts(eob.getItem().get(0).getAdjudication()))
				.containsEntry("deductible", new BigDecimal("200.00"))
				.containsEntry("benefit", new BigDecimal("400.00"));
		assertThat(eob.getTotal()).anySatisfy(t -> {
			assertThat(code(t.getCategory())).isEqualTo("memberliability");
			assertThat(t.getAmount().getValue()).isEqualByComparingTo("200.00");
		});
		assertThat(baseR4Errors(eob)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({"0111, inpatient", "111, inpatient", "0181, inpatient", "0211, inpatient", "0131, outpatient",
			"0231, outpatient", "0831, outpatient", "0711, outpatient"})
	void institutionalSubtypeFollowsTheTypeOfBill(String typeOfBill, String subType) {
		Claim claim = institutionalClaim(typeOfBill);
		ClaimResponse response = response(claim, "Paid");
		postTotals(response, "1000.00", null, "1000.00", null);

		assertThat(code(ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN).getSubType()))
				.isEqualTo(subType);
	}

	@Test
	void aReversedResponseGivesACancelledEob() {
		Claim claim = professionalClaim();
		ClaimResponse response = paidResponse(claim).setStatus(ClaimResponse.ClaimResponseStatus.CANCELLED);

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(eob.getStatus()).isEqualTo(ExplanationOfBenefit.ExplanationOfBenefitStatus.CANCELLED);
		assertThat(eob.getItem()).hasSize(2);
		assertThat(baseR4Errors(eob)).isEmpty();
	}

	@Test
	void withoutClp05OrAllowedAmountsTheTotalsAreDerivedFromTheLines() {
		Claim claim = professionalClaim();
		ClaimResponse response = response(claim, "Paid");
		postLine(response, 1, "125.00", "100.00", "80.00", "CO", "45", "25.00", "PR", "3", "20.00");
		postLine(response, 2, "30.00", "20.00", "20.00", "CO", "45", "10.00");
		postTotals(response, "155.00", null, "100.00", null);

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		Map<String, BigDecimal> totals = eob.getTotal().stream()
				.collect(Collectors.toMap(t -> code(t.getCategory()), t -> t.getAmount().getValue()));
		assertThat(totals).containsEntry("memberliability", new BigDecimal("20.00"))
				.containsEntry("copay", new BigDecimal("20.00"))
				.containsEntry("eligible", new BigDecimal("120.00")); // paid + patient share, line by line
	}

	@Test
	void withoutCreatedTheEobIsDatedByThePayment() {
		Claim claim = professionalClaim();
		ClaimResponse response = paidResponse(claim);
		response.setCreatedElement(null);

		ExplanationOfBenefit eob = ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN);

		assertThat(eob.getCreatedElement().getValueAsString()).isEqualTo("2024-07-01");
		response.setPayment(null);
		assertThatThrownBy(() -> ExplanationOfBenefits.from(claim, response, NetworkStatus.UNKNOWN))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theValidatorTheseTestsUseReportsAnIncompleteEob() {
		assertThat(baseR4Errors(new ExplanationOfBenefit())).anySatisfy(error -> assertThat(error).contains("created"));
	}

	private static String code(CodeableConcept concept) {
		return concept.getCodingFirstRep().getCode();
	}

	/** The amounts of the amount entries by category code (adjustments of one category summed). */
	private static Map<String, BigDecimal> amounts(List<AdjudicationComponent> entries) {
		return entries.stream().filter(AdjudicationComponent::hasAmount)
				.collect(Collectors.toMap(e -> code(e.getCategory()), e -> e.getAmount().getValue(), BigDecimal::add));
	}

	private static AdjudicationComponent entry(List<AdjudicationComponent> entries, String category) {
		return entries.stream().filter(e -> code(e.getCategory()).equals(category)).findFirst().orElseThrow();
	}

	private static String label(List<AdjudicationComponent> entries, String category) {
		return entry(entries, category).getCategory().getText();
	}

	/** The reason codes of the entries of a C4BB discriminator category. */
	private static List<String> reasons(List<AdjudicationComponent> entries, String category) {
		Function<AdjudicationComponent, Coding> reason = e -> e.getReason().getCodingFirstRep();
		return entries.stream().filter(e -> code(e.getCategory()).equals(category))
				.map(reason.andThen(Coding::getCode)).toList();
	}
}
