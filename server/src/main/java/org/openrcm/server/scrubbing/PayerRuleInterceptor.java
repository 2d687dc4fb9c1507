package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.openrcm.server.errors.ErrorCode;

/**
 * Payer rules are data ({@code Basic} with a payer-rule-type code): a rule the scrubber could not apply is refused
 * with 422 ({@code ORCM-5004}, every problem listed). (The payer-rule cache forgets its rules on any write of a
 * Basic: see {@link org.openrcm.server.fhir.TenantResourceCache}.)
 */
@Interceptor
final class PayerRuleInterceptor {

	private final PayerRuleReader reader;
	private final FhirContext fhirContext;

	PayerRuleInterceptor(PayerRuleReader reader, FhirContext fhirContext) {
		this.reader = reader;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		check(updated);
	}

	private void check(IBaseResource resource) {
		if (!(resource instanceof Basic basic) || !PayerRuleReader.isPayerRule(basic)) {
			return;
		}
		try {
			reader.read(basic);
		} catch (PayerRuleReader.InvalidPayerRuleException e) {
			OperationOutcome outcome = new OperationOutcome();
			for (String problem : e.problems()) {
				ErrorCode.PAYER_RULE_INVALID.addIssue(outcome, IssueSeverity.ERROR, "Payer rule: " + problem);
			}
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
	}
}
