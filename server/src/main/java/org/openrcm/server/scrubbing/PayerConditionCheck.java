package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Base;

/**
 * {@code PAYER-RULE}: the tenant's {@code condition} rules for the claim's payer, each a FHIRPath over the Claim
 * that fires when it is true. A rule that cannot be evaluated on this claim is reported as a warning rather than
 * silently skipped.
 */
final class PayerConditionCheck implements ScrubCheck {

	/** FHIRPath engines are not documented as thread-safe: one per thread. */
	private final ThreadLocal<IFhirPath> fhirPath;

	PayerConditionCheck(FhirContext fhirContext) {
		this.fhirPath = ThreadLocal.withInitial(fhirContext::newFhirPath);
	}

	@Override
	public void check(ScrubContext context) {
		for (PayerRule rule : context.payerRules()) {
			if (rule.type() != PayerRule.Type.CONDITION) {
				continue;
			}
			boolean fired;
			try {
				List<Base> result = fhirPath.get().evaluate(context.claim(), rule.condition(), Base.class);
				fired = result.size() == 1 && result.get(0) instanceof BooleanType b && Boolean.TRUE.equals(b.getValue());
			} catch (RuntimeException e) {
				context.add(new ScrubFinding(ScrubRule.PAYER_RULE, IssueSeverity.WARNING, "Payer rule " + rule.label()
						+ " could not be evaluated on this claim: " + e.getMessage(), "Correct the rule's condition ("
						+ rule.conditionText() + ").", List.of("Claim"), rule.id()));
				continue;
			}
			if (fired) {
				context.add(new ScrubFinding(ScrubRule.PAYER_RULE, rule.severity(), rule.message(),
						(rule.fix() == null ? "" : rule.fix() + " ") + "(payer rule " + rule.label() + ": "
								+ rule.conditionText() + ")", List.of("Claim"), rule.id()));
			}
		}
	}
}
