package org.openrcm.server.claims;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The 837P codes a FHIR claim does not carry, under {@code openrcm.claims.*}: statements the practice makes once,
 * in its payer enrolment and its patients' intake forms, rather than per claim. The defaults are what a
 * participating practice with signed assignment and release forms on file sends.
 *
 * @param providerSignatureOnFile CLM06: whether the provider's signature is on file with the payer. Default true
 *                                ({@code Y}).
 * @param assignment CLM07, provider accept assignment: {@code A} assigned (default), {@code B} assignment accepted on
 *                   clinical lab services only, {@code C} not assigned
 * @param benefitsAssignment CLM08 (and OI03 of every other payer), benefits assignment certification: {@code Y}
 *                           (default, the patient signed the assignment of benefits to the provider), {@code N},
 *                           {@code W} (not applicable)
 * @param releaseOfInformation CLM09 (and OI06): {@code Y} (default, a signed release is on file) or {@code I}
 *                             (informed consent without a signature, as permitted by HIPAA)
 * @param claimFilingIndicator SBR09 (and 2320 SBR09) when the Coverage does not say which kind of plan it is (see
 *                             {@link Claim837Writer}): {@code CI} commercial insurance (default), {@code MB}
 *                             Medicare Part B, {@code MC} Medicaid, {@code BL}, {@code HM}, {@code 12}, ... (X12
 *                             element 1032)
 */
@Validated
@ConfigurationProperties("openrcm.claims")
public record ClaimsProperties(
		@DefaultValue("true") boolean providerSignatureOnFile,
		@DefaultValue("A") @Pattern(regexp = "[ABC]") String assignment,
		@DefaultValue("Y") @Pattern(regexp = "[YNW]") String benefitsAssignment,
		@DefaultValue("Y") @Pattern(regexp = "[YI]") String releaseOfInformation,
		@DefaultValue("CI") @Pattern(regexp = "1[1-7]|AM|BL|CH|CI|DS|FI|HM|LM|MA|MB|MC|OF|TV|VA|WC|ZZ")
		String claimFilingIndicator) {

	/** The defaults, as bound when nothing is configured. */
	public static ClaimsProperties defaults() {
		return new ClaimsProperties(true, "A", "Y", "Y", "CI");
	}
}
