package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.scrubbing.ScrubbingProperties.OnWrite;

/**
 * Scrub on write, per tenant ({@link ScrubbingProperties#onWrite(String)}): when a claim with status {@code active}
 * is created or updated, {@code annotate} stores the scrub outcome in it (contained OperationOutcome {@code scrub},
 * extension {@code scrub-outcome}) and {@code reject} does the same but refuses a claim with errors with 422 and the
 * outcome. A clean claim (no errors) gets {@code scrubbed-clean} the first time. Whatever the mode, an update that
 * drops {@code scrubbed-clean} gets it back from the previous version: the clean-claim KPI is never lost.
 */
@Interceptor
final class ScrubOnWriteInterceptor {

	private final ScrubService scrubs;
	private final ScrubbingProperties properties;
	private final FhirContext fhirContext;

	ScrubOnWriteInterceptor(ScrubService scrubs, ScrubbingProperties properties, FhirContext fhirContext) {
		this.scrubs = scrubs;
		this.properties = properties;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Claim claim) {
			scrubOnWrite(claim, request);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (updated instanceof Claim claim) {
			if (previous instanceof Claim before && claim.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION) == null) {
				Extension clean = before.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION);
				if (clean != null) {
					claim.addExtension(clean.copy());
				}
			}
			scrubOnWrite(claim, request);
		}
	}

	private void scrubOnWrite(Claim claim, RequestDetails request) {
		OnWrite mode = properties.onWrite(request == null ? null : request.getTenantId());
		if (mode == OnWrite.OFF || !ScrubService.scrubbable(claim)) {
			return;
		}
		List<ScrubFinding> findings = scrubs.scrub(claim, request);
		OperationOutcome outcome = scrubs.outcome(findings);
		if (mode == OnWrite.REJECT && !ScrubService.clean(findings)) {
			OperationOutcome refusal = ErrorCode.SCRUB_REJECTED.outcome("The claim was not stored: the scrubber found "
					+ "errors that a payer would reject it for (this tenant rejects such claims on write). Fix the "
					+ "issues below and send it again.");
			outcome.getIssue().forEach(refusal::addIssue);
			throw new UnprocessableEntityException(fhirContext, refusal);
		}
		ScrubService.annotate(claim, outcome);
		if (ScrubService.clean(findings)) {
			scrubs.markClean(claim);
		}
	}
}
