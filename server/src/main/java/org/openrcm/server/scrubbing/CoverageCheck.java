package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Coverage.CoverageStatus;
import org.openrcm.server.fhir.FhirValues;

/**
 * {@code COVERAGE-MISSING}: no focal insurance, or its Coverage does not resolve. {@code COVERAGE-INACTIVE}: the
 * Coverage is not active, or a date of service lies outside {@code Coverage.period}.
 */
final class CoverageCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		if (context.focalInsuranceIndex() < 0) {
			context.add(error(ScrubRule.COVERAGE_MISSING, context.claim().hasInsurance()
					? "No insurance of the claim is marked focal." : "The claim has no insurance.",
					"Add the patient's Coverage as the focal insurance (the payer the claim goes to); verify "
							+ "eligibility first.", "Claim.insurance"));
			return;
		}
		String path = "Claim.insurance[" + context.focalInsuranceIndex() + "].coverage";
		Coverage coverage = context.coverage();
		if (coverage == null) {
			context.add(error(ScrubRule.COVERAGE_MISSING, "The claim's coverage could not be found.",
					"Point the focal insurance at the patient's stored Coverage (or a contained one).", path));
			return;
		}
		if (coverage.getStatus() != CoverageStatus.ACTIVE) {
			context.add(error(ScrubRule.COVERAGE_INACTIVE, "The coverage is "
					+ (coverage.hasStatus() ? coverage.getStatus().toCode() : "without status") + ", not active.",
					"Verify eligibility and bill the coverage in force on the date of service.", path));
			return;
		}
		LocalDate start = coverage.getPeriod().hasStart() ? FhirValues.day(coverage.getPeriod().getStartElement())
				: null;
		LocalDate end = coverage.getPeriod().hasEnd() ? FhirValues.day(coverage.getPeriod().getEndElement())
				: null;
		for (LocalDate date : context.datesOfService()) {
			if ((start != null && date.isBefore(start)) || (end != null && date.isAfter(end))) {
				context.add(error(ScrubRule.COVERAGE_INACTIVE, "The coverage was not in effect on " + date + " (period "
						+ (start == null ? "…" : start) + " to " + (end == null ? "…" : end) + ").", "Verify eligibility "
						+ "for the date of service and bill the coverage in force then, or the patient.", path));
				return;
			}
		}
	}
}
