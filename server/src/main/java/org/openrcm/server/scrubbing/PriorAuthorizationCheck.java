package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import org.hl7.fhir.r4.model.Claim.InsuranceComponent;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code PRIOR-AUTH-REQUIRED}: a line bills a code the payer's {@code prior-authorization} rule lists, the focal
 * insurance carries no {@code preAuthRef}, and no approved prior authorization of the patient (a certified PAS
 * ClaimResponse, {@link ScrubContext#authorizations()}) covers the line: same payer, its code, its date of service.
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
				if (line.code() != null && rule.codes().contains(line.code()) && !authorized(context, line)) {
					context.add(error(ScrubRule.PRIOR_AUTH_REQUIRED, "The payer requires prior authorization for "
							+ line.code() + " (line " + (line.index() + 1) + ") and the claim carries none.",
							"Enter the authorization number in Claim.insurance.preAuthRef, or obtain one before "
									+ "sending (payer rule " + rule.label() + ").", line.path() + ".productOrService"));
				}
			}
		}
	}

	private static boolean authorized(ScrubContext context, ServiceLine line) {
		Reference payer = context.payer();
		String key = payer == null ? null : payer.getReferenceElement().toUnqualifiedVersionless().getValue();
		return key != null && context.authorizations().stream().anyMatch(a -> a.covers(key, line.code(), line.date()));
	}
}
