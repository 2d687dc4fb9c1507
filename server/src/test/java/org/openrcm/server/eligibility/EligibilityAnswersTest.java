package org.openrcm.server.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.BenefitComponent;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.ItemsComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.elig.Eligibility271Reader;
import org.openrcm.server.x12.elig.EligibilityResponse;

/**
 * What staff read on a CoverageEligibilityResponse: the benefits of a payer's 271 (this project's fixtures), its AAA
 * reasons, a real-time exchange that brought nothing, and how the Coverage follows what the payer said.
 */
class EligibilityAnswersTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	@Test
	void anActivePlanWithDeductibleOutOfPocketCopayCoinsuranceAndAVisitLimit() throws IOException {
		CoverageEligibilityResponse response = EligibilityAnswers.answered(frame(), fixture("271-active-plan.edi"));

		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.COMPLETE);
		assertThat(response.getDisposition()).isEqualTo("Coverage active: GREENFIELD SILVER PPO");
		assertThat(response.getErrorFirstRep().hasCode()).isFalse();
		CoverageEligibilityResponse.InsuranceComponent insurance = response.getInsuranceFirstRep();
		assertThat(insurance.getInforce()).isTrue();
		assertThat(insurance.getBenefitPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
		assertThat(insurance.getBenefitPeriod().getEndElement().getValueAsString()).isEqualTo("2026-12-31");
		ItemsComponent plan = item(response, "30", "in");
		assertThat(plan.getTerm().getCodingFirstRep().getCode()).isEqualTo("annual");
		assertThat(plan.getUnit().getCodingFirstRep().getCode()).isEqualTo("individual");
		BenefitComponent deductible = benefit(plan, "deductible (calendar year)");
		assertThat(deductible.getType().getCodingFirstRep().getCode()).isEqualTo("deductible");
		assertThat(deductible.getAllowedMoney().getValue()).isEqualByComparingTo("1500");
		assertThat(deductible.getUsedMoney().getValue()).isEqualByComparingTo("250");
		assertThat(benefit(plan, "deductible remaining").getAllowedMoney().getValue()).isEqualByComparingTo("1250");
		assertThat(benefit(plan, "out-of-pocket maximum (stop loss) (calendar year)").getUsedMoney().getValue())
				.isEqualByComparingTo("379.50");
		assertThat(benefit(item(response, "98", "in"), "co-payment (visit)").getAllowedMoney().getValue())
				.isEqualByComparingTo("25");
		assertThat(benefit(item(response, "98", "out"), "co-insurance (visit)").getAllowedStringType().getValue())
				.isEqualTo("20%");
		ItemsComponent mri = item(response, "62", "in");
		assertThat(mri.getAuthorizationRequired()).isTrue();
		assertThat(benefit(mri, "coverage basis").getAllowedUnsignedIntType().getValue()).isEqualTo(12);
	}

	@Test
	void aPayerThatCannotAnswerIsAnErrorWithItsReason() throws IOException {
		CoverageEligibilityResponse response = EligibilityAnswers.answered(frame(),
				fixture("271-payer-unavailable.edi"));

		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(response.getError()).singleElement().satisfies(error -> {
			assertThat(error.getCode().getCodingFirstRep().getSystem())
					.isEqualTo(OpenRcmIg.X12_AAA_REJECT_REASON_CODE_SYSTEM);
			assertThat(error.getCode().getCodingFirstRep().getCode()).isEqualTo("42");
			assertThat(error.getCode().getText()).isEqualTo("AAA 42 in loop 2000A: payer unable to respond at this"
					+ " time; follow-up R: resubmission allowed");
		});
		assertThat(response.getInsuranceFirstRep().hasInforce()).isFalse();
		assertThat(EligibilityAnswers.coverageChange(fixture("271-payer-unavailable.edi"))).isEmpty();
	}

	@Test
	void aTimeoutIsStoredWithItsCode() {
		EligibilityService.Failure failure = EligibilityService.failure(new RealTimeException(
				RealTimeException.Kind.TIMEOUT, "no answer within 20 s", null));
		CoverageEligibilityResponse response = EligibilityAnswers.failed(frame(), failure.code(), failure.message());

		assertThat(failure.code()).isEqualTo(ErrorCode.ELIGIBILITY_TIMEOUT);
		assertThat(response.getOutcome()).isEqualTo(RemittanceOutcome.ERROR);
		assertThat(response.getErrorFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("ORCM-7010");
		assertThat(response.getDisposition()).isEqualTo("The payer did not answer in time (no answer within 20 s);"
				+ " the check may be sent again");
		assertThat(EligibilityService.failure(new RealTimeException(RealTimeException.Kind.UNAVAILABLE, "down", null))
				.code()).isEqualTo(ErrorCode.ELIGIBILITY_UNAVAILABLE);
		assertThat(EligibilityService.failure(new RealTimeException(RealTimeException.Kind.REFUSED, "login", null))
				.code()).isEqualTo(ErrorCode.ELIGIBILITY_REFUSED);
	}

	@Test
	void theCoverageFollowsThePayer() throws IOException {
		Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE)
				.setPeriod(new Period().setStartElement(new DateTimeType("2025-06-01")));

		Coverage changed = EligibilityAnswers.coverageChange(fixture("271-active-plan.edi")).orElseThrow()
				.apply(coverage).orElseThrow();

		assertThat(changed.getStatus()).isEqualTo(Coverage.CoverageStatus.ACTIVE);
		assertThat(changed.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
		assertThat(changed.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-12-31");
		assertThat(EligibilityAnswers.coverageChange(fixture("271-active-plan.edi")).orElseThrow().apply(changed))
				.as("already says so").isEmpty();
		EligibilityAnswers.CoverageChange ended = new EligibilityAnswers.CoverageChange(
				Coverage.CoverageStatus.CANCELLED, null, LocalDate.of(2026, 2, 28));
		Optional<Coverage> cancelled = ended.apply(changed);
		assertThat(cancelled).hasValueSatisfying(c -> {
			assertThat(c.getStatus()).isEqualTo(Coverage.CoverageStatus.CANCELLED);
			assertThat(c.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-02-28");
		});
	}

	private static CoverageEligibilityResponse frame() {
		CoverageEligibilityRequest request = new CoverageEligibilityRequest();
		request.setPatient(new Reference("Patient/ana"));
		request.setProvider(new Reference("Organization/practice"));
		request.addInsurance().setCoverage(new Reference("Coverage/1"));
		Coverage coverage = new Coverage().addPayor(new Reference("Organization/payer"));
		CoverageEligibilityResponse frame = EligibilityAnswers.frame("eligibility-e1-abc", "E1-abc", "req-1", request,
				coverage, new Date());
		assertThat(frame.getInsurer().getReference()).isEqualTo("Organization/payer");
		assertThat(frame.getRequest().getReference()).isEqualTo("CoverageEligibilityRequest/req-1");
		assertThat(frame.getIdentifierFirstRep().getSystem()).isEqualTo(OpenRcmIg.ELIGIBILITY_TRACE_SYSTEM);
		return frame;
	}

	private static ItemsComponent item(CoverageEligibilityResponse response, String serviceType, String network) {
		return response.getInsuranceFirstRep().getItem().stream()
				.filter(i -> serviceType.equals(i.getCategory().getCodingFirstRep().getCode())
						&& network.equals(i.getNetwork().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow(() -> new AssertionError("no item " + serviceType + "/" + network));
	}

	private static BenefitComponent benefit(ItemsComponent item, String text) {
		return item.getBenefit().stream().filter(b -> text.equals(b.getType().getText())).findFirst()
				.orElseThrow(() -> new AssertionError("no benefit '" + text + "' in " + item.getBenefit().stream()
						.map(b -> b.getType().getText()).toList()));
	}

	private static EligibilityResponse fixture(String name) throws IOException {
		try (InputStream in = EligibilityAnswersTest.class.getResourceAsStream("/fixtures/elig/" + name)) {
			return Eligibility271Reader.read(READER.read(in.readAllBytes(), X12Reader.Options.DEFAULT.keepingSegments())
					.transactions().findFirst().orElseThrow());
		}
	}
}
