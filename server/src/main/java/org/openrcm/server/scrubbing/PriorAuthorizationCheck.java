package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import org.hl7.fhir.r4.model.Claim.InsuranceComponent;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code PRIOR-AUTH-REQUIRED}: a line bills a code the payer's {@code prior-authorization} rule lists, and the focal
 * insurance carries no {@code preAuthRef}.
 */
final class PriorAuthorizationCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		boolean authorized = context.focalInsurance().map(InsuranceComponent::hasPreAuthRef).orElse(false);
		if (authorized) {
			return;
		}
		for (PayerRule rule : context.payerRules()) {
			if (rule.type() != PayerRule.Type.PRIOR_AUTHORIZATION) {
				continue;
			}
			for (ServiceLine line : context.lines()) {
				if (line.code() != null && rule.codes().contains(line.code())) {
					context.add(error(ScrubRule.PRIOR_AUTH_REQUIRED, "The payer requires prior authorization for "
							+ line.code() + " (line " + (line.index() + 1) + ") and the claim carries none.",
							"Enter the authorization number in Claim.insurance.preAuthRef, or obtain one before "
									+ "sending (payer rule " + rule.label() + ").", line.path() + ".productOrService"));
				}
			}
		}
	}
}
