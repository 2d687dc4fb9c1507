package org.openrcm.server.fhir;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;

/**
 * Lets a bulk export advance as its client polls. HAPI moves a batch job from one step to the next only in its
 * maintenance pass, which its scheduler runs once a minute, so even a small export took a few minutes to finish.
 * Each {@code $export-poll-status} now asks for a pass right away (HAPI runs at most one at a time and skips the
 * request while one is running); the answer to this poll is unchanged, the next poll sees the progress. HAPI honours
 * the request only with job fast-tracking on ({@link FhirServerConfig#storageSettings()}).
 */
@Interceptor
class BulkExportPollInterceptor {

	/** After the authorization and tenant checks: a refused poll triggers nothing. */
	private static final int ORDER = 200;

	private final IJobMaintenanceService maintenance;

	BulkExportPollInterceptor(IJobMaintenanceService maintenance) {
		this.maintenance = maintenance;
	}

	/** Asks for a batch maintenance pass on each poll. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void advanceOnPoll(RequestDetails request) {
		if (ProviderConstants.OPERATION_EXPORT_POLL_STATUS.equals(request.getOperation())) {
			maintenance.triggerMaintenancePass();
		}
	}
}
