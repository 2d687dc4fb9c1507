package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.openrcm.server.terminology.BillingTerminology;

/**
 * Scrubs a professional claim against the code sets and edit tables in effect on its dates of service, the 837P's
 * required data and the tenant's payer rules. Plain Java and thread-safe: the server calls it from {@code $scrub}
 * and on write, benchmarks in process.
 */
public final class ClaimScrubber {

	private final Supplier<BillingTerminology> terminology;
	private final ScrubSettings settings;
	private final List<ScrubCheck> checks;

	public ClaimScrubber(Supplier<BillingTerminology> terminology, ScrubSettings settings, FhirContext fhirContext) {
		this.terminology = terminology;
		this.settings = settings;
		// in the order of the rule table (scrub-rule CodeSystem): findings of one severity read in this order
		this.checks = List.of(
				new RequiredElementCheck(),
				new NpiCheck(),
				new DiagnosisCheck(),
				new DiagnosisPointerCheck(),
				new ServiceCodeCheck(),
				new NcciPtpCheck(),
				new MueCheck(),
				new AddOnCodeCheck(),
				new CoverageCheck(),
				new DuplicateClaimCheck(),
				new TimelyFilingCheck(),
				new PriorAuthorizationCheck(),
				new AmountCheck(),
				new ServiceDateCheck(),
				new PayerConditionCheck(fhirContext));
	}

	/**
	 * The findings on {@code claim}, errors first, in rule order within each severity. A claim with nothing to fix
	 * gets one {@link ScrubRule#CLEAN} information finding naming the releases it was checked against (next to an
	 * {@link ScrubRule#EDIT_TABLES_OUTDATED} warning when those do not cover its dates).
	 */
	public List<ScrubFinding> scrub(Claim claim, ClaimSurroundings surroundings) {
		ScrubContext context = new ScrubContext(claim, terminology.get(), settings, surroundings);
		for (ScrubCheck check : checks) {
			check.check(context);
		}
		List<ScrubFinding> findings = new ArrayList<>(context.findings());
		if (findings.isEmpty()) {
			findings.add(new ScrubFinding(ScrubRule.CLEAN, IssueSeverity.INFORMATION, "The claim is clean: no edit "
					+ "found anything to fix.", "Checked against " + (context.checkedAgainst().isEmpty() ? "no loaded "
					+ "release" : String.join(", ", context.checkedAgainst())) + ".", List.of(), null));
		}
		if (!context.outdated().isEmpty()) {
			findings.add(new ScrubFinding(ScrubRule.EDIT_TABLES_OUTDATED, IssueSeverity.WARNING, "The tables OpenRCM "
					+ "checked this claim against do not all cover its dates of service: "
					+ String.join("; ", context.outdated().values()) + ".", "Load the code sets and NCCI tables of "
					+ "the claim's quarter into the terminology import folder and scrub again; until then the nearest "
					+ "loaded release is used.", List.of(), null));
		}
		findings.sort((a, b) -> Integer.compare(a.severity().ordinal(), b.severity().ordinal()));
		return findings;
	}
}
