package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openrcm.server.claims.Claim837Fixtures.contained;
import static org.openrcm.server.claims.Claim837Fixtures.hospitalStay;
import static org.openrcm.server.claims.Claim837Fixtures.officeVisit;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;

/**
 * Coordination of benefits: the office visit and the hospital stay sent to Illinois Medicaid after Prairie Health
 * Plan, the primary, paid part of them. The primary's remittance, as the 835 posting records it in a ClaimResponse
 * (group code in {@code adjudication.category}, CARC in {@code reason}, payment in category {@code benefit}), goes
 * into the secondary claim's 2320 and 2430 loops, balanced to the charges.
 */
class Claim837CobTest {

	private final InMemoryControlNumbers numbers = new InMemoryControlNumbers();
	private final Claim837Writer writer = Claim837Fixtures.writer(numbers);
	private final X12Reader reader = new X12Reader(Claim837Fixtures.SCHEMAS);

	/** The claim sent to Medicaid (focal, sequence 2), Prairie Health Plan being the primary (sequence 1). */
	private static Claim toSecondary(Claim claim) {
		claim.addContained(Claim837Fixtures.payer("medicaid", "Illinois Medicaid", "77001"));
		Coverage medicaid = Claim837Fixtures.coverage("medicaid-coverage", "MCD55501", "#medicaid", "self");
		medicaid.getType().addCoding().setSystem(Claim837Codes.SOPT_SYSTEM).setCode("2");
		claim.addContained(medicaid);
		claim.getInsuranceFirstRep().setFocal(false);
		claim.addInsurance().setSequence(2).setFocal(true).setCoverage(new Reference("#medicaid-coverage"));
		claim.setInsurer(new Reference("#medicaid"));
		return claim;
	}

	/** Prairie Health Plan's response to claim 1001, paid on 2024-06-28, its claim number PHP-ICN-778. */
	private static ClaimResponse primaryResponse(Claim claim) {
		ClaimResponse response = new ClaimResponse();
		response.setId("primary-eob");
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE);
		response.setCreatedElement(new DateTimeType("2024-06-27"));
		response.setRequest(new Reference("Claim/" + claim.getIdElement().getIdPart()));
		response.setInsurer(new Reference("#payer"));
		response.addIdentifier().setSystem(Claim837Writer.PAYER_CLAIM_NUMBER_SYSTEM).setValue("PHP-ICN-778");
		response.getPayment().setDateElement(new DateType("2024-06-28"));
		return response;
	}

	private static ItemComponent line(ClaimResponse response, int sequence, String paid) {
		ItemComponent item = response.addItem().setItemSequence(sequence);
		item.addAdjudication(benefit(paid));
		return item;
	}

	private static AdjudicationComponent benefit(String amount) {
		return new AdjudicationComponent().setCategory(new CodeableConcept(new Coding(
				PayerAdjudication.ADJUDICATION_SYSTEM, "benefit", null))).setAmount(usd(amount));
	}

	/** An adjustment as the 835 posting records a CAS triplet. */
	private static AdjudicationComponent adjustment(String group, String reason, String amount) {
		return new AdjudicationComponent()
				.setCategory(new CodeableConcept(new Coding(PayerAdjudication.GROUP_SYSTEM, group, null)))
				.setReason(new CodeableConcept(new Coding(PayerAdjudication.REASON_SYSTEM, reason, null)))
				.setAmount(usd(amount));
	}

	private static Money usd(String amount) {
		return new Money().setValue(new BigDecimal(amount)).setCurrency("USD");
	}

	/** The primary's line-by-line remittance of the office visit: 80.00 paid of 155.00. */
	private static ClaimResponse officeVisitRemittance(Claim claim) {
		ClaimResponse response = primaryResponse(claim);
		line(response, 1, "80.00").addAdjudication(adjustment("CO", "45", "25.00"))
				.addAdjudication(adjustment("PR", "2", "20.00"));
		line(response, 2, "0.00").addAdjudication(adjustment("CO", "97", "30.00"));
		response.addTotal().setAmount(usd("80.00")).getCategory().addCoding()
				.setSystem(PayerAdjudication.ADJUDICATION_SYSTEM).setCode("benefit");
		return response;
	}

	private X12Transaction write(Claim claim, ClaimSources sources) {
		WrittenInterchange written = writer.write(claim, sources);
		X12ReadResult read = reader.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(written.text()).isEmpty();
		return read.transactions().findFirst().orElseThrow();
	}

	private static List<String> text(X12Transaction transaction) {
		return transaction.segments().stream().map(X12Segment::toString).toList();
	}

	private static String loopOf(X12Transaction transaction, String segment) {
		return transaction.segments().stream().filter(s -> s.toString().equals(segment)).findFirst()
				.map(X12Segment::loop).orElseThrow(() -> new AssertionError(segment + " not in " + text(transaction)));
	}

	@Test
	void theSecondaryClaimCarriesThePrimarysPaymentAndAdjustmentsPerLine() {
		Claim claim = toSecondary(officeVisit());
		ClaimResponse remittance = officeVisitRemittance(claim);
		claim.addContained(remittance);
		claim.getInsuranceFirstRep().setClaimResponse(new Reference("#primary-eob"));

		X12Transaction written = write(claim, ClaimSources.NONE);

		assertThat(text(written)).containsSubsequence(
				"SBR*S*18*******MC",
				"NM1*IL*1*RIVERA*ANA*LUCIA***MI*MCD55501",
				"NM1*PR*2*ILLINOIS MEDICAID*****PI*77001",
				"CLM*1001*155***11:B:1*Y*A*Y*Y",
				"SBR*P*18*GRP-20071******CI",
				"AMT*D*80",
				"AMT*EAF*20",
				"OI***Y***Y",
				"NM1*IL*1*RIVERA*ANA*LUCIA***MI*PHP884421907",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"REF*F8*PHP-ICN-778",
				"LX*1",
				"SV1*HC:99213*125*UN*1***1:2",
				"DTP*472*D8*20240617",
				"REF*6R*1",
				"SVD*60054*80*HC:99213**1",
				"CAS*CO*45*25",
				"CAS*PR*2*20",
				"DTP*573*D8*20240628",
				"LX*2",
				"SV1*HC:96372:25*30*UN*1***1",
				"DTP*472*D8*20240617",
				"REF*6R*2",
				"SVD*60054*0*HC:96372:25**1",
				"CAS*CO*97*30",
				"DTP*573*D8*20240628");
		assertThat(written.segments("DTP").stream().filter(s -> s.toString().startsWith("DTP*573")).map(X12Segment::loop))
				.as("with line adjudication the remittance date is per line, not in 2330B").containsExactly("2430", "2430");
		assertThat(loopOf(written, "AMT*D*80")).isEqualTo("2320");
		assertThat(loopOf(written, "REF*F8*PHP-ICN-778")).isEqualTo("2330B");
		assertThat(loopOf(written, "SVD*60054*80*HC:99213**1")).isEqualTo("2430");
		assertThat(loopOf(written, "CAS*PR*2*20")).isEqualTo("2430");
	}

	/**
	 * Without {@code insurance.claimResponse}, the primary's response is found among the claim's responses by its
	 * insurer; a claim-level remittance carries its CAS in 2320 and the remittance date in 2330B.
	 */
	@Test
	void aClaimLevelRemittanceFoundByItsInsurerGoesTo2320And2330B() {
		Claim claim = toSecondary(officeVisit());
		Organization prairie = contained(claim, "payer", Organization.class);
		ClaimResponse fromMedicaid = primaryResponse(claim);
		fromMedicaid.setInsurer(new Reference("Organization/medicaid-elsewhere"));
		ClaimResponse queued = primaryResponse(claim).setOutcome(ClaimResponse.RemittanceOutcome.QUEUED);
		queued.setInsurer(new Reference("Organization/prairie"));
		ClaimResponse remittance = primaryResponse(claim);
		remittance.setInsurer(new Reference("Organization/prairie"));
		remittance.getPayment().setAmount(usd("115.00"));
		remittance.addAdjudication(adjustment("PR", "1", "30.00")).addAdjudication(adjustment("PR", "3", "10.00"));
		Claim837Fixtures.Stored stored = new Claim837Fixtures.Stored()
				.with("Organization/prairie", prairie)
				.with("Organization/medicaid-elsewhere", Claim837Fixtures.payer("x", "Illinois Medicaid", "77001"))
				.response("Claim/1001", fromMedicaid).response("Claim/1001", queued).response("Claim/1001", remittance);

		X12Transaction written = write(claim, stored);

		assertThat(text(written)).containsSubsequence(
				"SBR*P*18*GRP-20071******CI",
				"CAS*PR*1*30**3*10",
				"AMT*D*115",
				"AMT*EAF*40",
				"OI***Y***Y",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"DTP*573*D8*20240628",
				"REF*F8*PHP-ICN-778",
				"LX*1");
		assertThat(loopOf(written, "CAS*PR*1*30**3*10")).isEqualTo("2320");
		assertThat(loopOf(written, "DTP*573*D8*20240628")).isEqualTo("2330B");
		assertThat(text(written)).noneMatch(s -> s.startsWith("SVD"));
	}

	@Test
	void aRemittanceThatDoesNotBalanceStopsTheClaimWithTheAmounts() {
		Claim claim = toSecondary(officeVisit());
		ClaimResponse remittance = officeVisitRemittance(claim);
		remittance.getItem().get(1).getAdjudication().get(1).getAmount().setValue(new BigDecimal("25.00"));
		claim.addContained(remittance);
		claim.getInsuranceFirstRep().setClaimResponse(new Reference("#primary-eob"));

		Claim837Exception refusal = catchThrowableOfType(() -> writer.write(claim, ClaimSources.NONE),
				Claim837Exception.class);

		assertThat(refusal.problems()).extracting(Claim837Problem::text).containsExactly(
				"PRAIRIE HEALTH PLAN's adjudication of line 2 does not balance: its charge 30.00 is not the paid 0.00 "
						+ "plus the adjustments 25.00.",
				"PRAIRIE HEALTH PLAN's adjudication does not balance: the claim's charge 155.00 is not the paid 80.00 "
						+ "plus the claim adjustments 0.00 and the line adjustments 70.00.");
		assertThat(refusal.problems()).allSatisfy(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_COB_UNBALANCED);
			assertThat(problem.expression()).isEqualTo("Claim.insurance[0].claimResponse");
		});
		assertThat(refusal.outcome().getIssueFirstRep().getDiagnostics()).startsWith("ORCM-6004: ");
	}

	@Test
	void anAdjustmentWithoutItsReasonCodeIsMissingData() {
		Claim claim = toSecondary(officeVisit());
		ClaimResponse remittance = officeVisitRemittance(claim);
		remittance.getItem().get(0).getAdjudication().get(2).getReason().getCodingFirstRep()
				.setSystem("http://example.org/payer-reasons");
		claim.addContained(remittance);
		claim.getInsuranceFirstRep().setClaimResponse(new Reference("#primary-eob"));

		Claim837Exception refusal = catchThrowableOfType(() -> writer.write(claim, ClaimSources.NONE),
				Claim837Exception.class);

		assertThat(refusal.problems()).extracting(Claim837Problem::expression)
				.contains("Claim.insurance[0].claimResponse.resolve().item[0].adjudication[2].reason");
		assertThat(refusal.problems()).extracting(Claim837Problem::code).contains(ErrorCode.CLAIM_837_MISSING_DATA);
	}

	/** The primary claim lists the secondary payer, who has not adjudicated anything yet. */
	@Test
	void aLaterPayerIsListedWithoutAdjudication() {
		Claim claim = toSecondary(officeVisit());
		claim.getInsurance().get(0).setFocal(true);
		claim.getInsurance().get(1).setFocal(false);
		claim.setInsurer(new Reference("#payer"));
		claim.addContained(officeVisitRemittance(claim));
		claim.getInsurance().get(1).setClaimResponse(new Reference("#primary-eob"));

		X12Transaction written = write(claim, ClaimSources.NONE);

		assertThat(text(written)).containsSubsequence("SBR*P*18*GRP-20071******CI", "CLM*1001*155***11:B:1*Y*A*Y*Y",
				"SBR*S*18*******MC", "OI***Y***Y");
		assertThat(text(written)).noneMatch(s -> s.startsWith("AMT") || s.startsWith("SVD") || s.startsWith("CAS"));
	}

	@Test
	void anInstitutionalSecondaryClaimNamesTheRevenueCodeInSvd04() {
		Claim stay = toSecondary(hospitalStay());
		ClaimResponse remittance = primaryResponse(stay);
		line(remittance, 1, "2400.00").addAdjudication(adjustment("CO", "45", "900.00"))
				.addAdjudication(adjustment("PR", "1", "300.00"));
		line(remittance, 2, "400.00").addAdjudication(adjustment("CO", "45", "50.00"));
		line(remittance, 3, "1000.00").addAdjudication(adjustment("CO", "45", "200.00"));
		stay.addContained(remittance);
		stay.getInsuranceFirstRep().setClaimResponse(new Reference("#primary-eob"));

		X12Transaction written = write(stay, ClaimSources.NONE);

		assertThat(text(written)).containsSubsequence(
				"SBR*P*18*GRP-20071******CI",
				"AMT*D*3800",
				"AMT*EAF*300",
				"OI***Y***Y",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"REF*F8*PHP-ICN-778",
				"SV2*0120**3600*UN*3",
				"SVD*60054*2400**0120*3",
				"CAS*CO*45*900",
				"CAS*PR*1*300",
				"DTP*573*D8*20240628",
				"SV2*0250**450*UN*1",
				"SVD*60054*400**0250*1",
				"SV2*0450*HC:99284*1200*UN*1",
				"SVD*60054*1000*HC:99284*0450*1",
				"CAS*CO*45*200",
				"DTP*573*D8*20240628");
		assertThat(loopOf(written, "SVD*60054*1000*HC:99284*0450*1")).isEqualTo("2430");
	}
}
