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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Payer rules are data ({@code Basic} with a payer-rule-type code): a rule the scrubber could not apply is refused
 * with 422 ({@code ORCM-5004}, every problem listed), and any write of a rule empties the payer-rule cache once its
 * transaction commits, so the next scrub applies it without a restart.
 */
@Interceptor
final class PayerRuleInterceptor {

	private final PayerRuleReader reader;
	private final PayerRuleCache cache;
	private final FhirContext fhirContext;

	PayerRuleInterceptor(PayerRuleReader reader, PayerRuleCache cache, FhirContext fhirContext) {
		this.reader = reader;
		this.cache = cache;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		check(updated);
		if (previous instanceof Basic before && PayerRuleReader.isPayerRule(before)) {
			invalidateAfterCommit();
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof Basic basic && PayerRuleReader.isPayerRule(basic)) {
			invalidateAfterCommit();
		}
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
		invalidateAfterCommit();
	}

	private void invalidateAfterCommit() {
		cache.invalidate();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cache.invalidate();
				}
			});
		}
	}
}
