package org.openrcm.server.tenancy;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.lang3.StringUtils;
import org.hl7.fhir.r4.model.Parameters;
import org.openrcm.server.errors.ErrorCode;

/**
 * Keeps a bulk export to one tenant. A kick-off ({@code $export}) must name one tenant: through {@code _ALL} (HAPI's
 * all-partitions tenant) it is refused with {@link ErrorCode#EXPORT_ONE_TENANT}. A job stays with the tenant it was
 * started in: {@code $export-poll-status} (poll, and {@code DELETE} to
 * cancel) through any other tenant's URL answers 404 exactly as for a job that does not exist, so the other tenant
 * learns neither the job's existence nor its files. HAPI itself answers such a poll with a 400 naming the job
 * (HAPI-2304); an unknown job id it answers with a bare 404. Both now carry {@link ErrorCode#EXPORT_JOB_NOT_FOUND}.
 *
 * <p>The job's output Binaries live in the job's tenant's partition, so reading them through another tenant's URL
 * is already a 404 by partitioning; nothing here is needed for them.
 */
@Interceptor
class ExportTenantInterceptor {

	/** After the authorization interceptors' checks, so an unauthorized caller is refused by them first. */
	private static final int ORDER = 100;

	private final IJobCoordinator jobs;

	ExportTenantInterceptor(IJobCoordinator jobs) {
		this.jobs = jobs;
	}

	/** Refuses an export across all tenants, and a poll of a job that is not this tenant's export job. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void checkTenant(RequestDetails request) {
		if (ProviderConstants.OPERATION_EXPORT.equals(request.getOperation())) {
			checkKickOffTenant(request.getTenantId());
		} else if (ProviderConstants.OPERATION_EXPORT_POLL_STATUS.equals(request.getOperation())) {
			checkPollTenant(request);
		}
	}

	private static void checkKickOffTenant(String tenant) {
		if (StringUtils.isBlank(tenant) || ProviderConstants.ALL_PARTITIONS_TENANT_NAME.equals(tenant)) {
			String message = "$export exports one tenant's data: name the tenant in the URL (/fhir/{tenant}/$export)";
			InvalidRequestException refused =
					new InvalidRequestException(ErrorCode.EXPORT_ONE_TENANT.code() + ": " + message);
			refused.setOperationOutcome(ErrorCode.EXPORT_ONE_TENANT.outcome(message));
			throw refused;
		}
	}

	private void checkPollTenant(RequestDetails request) {
		String jobId = jobId(request);
		if (StringUtils.isBlank(jobId)) {
			// HAPI answers a poll without a job id with its own 400
			return;
		}
		if (!isExportOfTenant(jobId, request.getTenantId())) {
			throw new ResourceNotFoundException(ErrorCode.EXPORT_JOB_NOT_FOUND.code() + ": no export job " + jobId
					+ " in this tenant", ErrorCode.EXPORT_JOB_NOT_FOUND.outcome("No export job " + jobId
					+ " in this tenant"));
		}
	}

	private boolean isExportOfTenant(String jobId, String tenant) {
		JobInstance job;
		try {
			job = jobs.getInstance(jobId);
		} catch (ResourceNotFoundException unknown) {
			return false;
		}
		if (job == null || !Batch2JobDefinitionConstants.BULK_EXPORT.equals(job.getJobDefinitionId())) {
			return false;
		}
		RequestPartitionId partition = job.getParameters(BulkExportJobParameters.class).getPartitionIdForSecurity();
		return partition != null
				&& !partition.isAllPartitions()
				&& StringUtils.isNotBlank(tenant)
				&& List.of(tenant).equals(partition.getPartitionNames());
	}

	/** The {@code _jobId} of a GET or DELETE, or of a POSTed Parameters body. */
	private static String jobId(RequestDetails request) {
		String[] values = request.getParameters().get(JpaConstants.PARAM_EXPORT_POLL_STATUS_JOB_ID);
		if (values != null && values.length > 0) {
			return values[0];
		}
		if (request.getRequestType() != RequestTypeEnum.POST) {
			return null;
		}
		byte[] body = request.loadRequestContents();
		EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
		if (body == null || body.length == 0 || encoding == null) {
			return null;
		}
		try {
			Parameters parameters = encoding.newParser(request.getFhirContext())
					.parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
			return parameters.getParameter().stream()
					.filter(parameter -> JpaConstants.PARAM_EXPORT_POLL_STATUS_JOB_ID.equals(parameter.getName()))
					.map(parameter -> parameter.getValue() == null ? null : parameter.getValue().primitiveValue())
					.findFirst()
					.orElse(null);
		} catch (RuntimeException unreadable) {
			// HAPI answers an unreadable body with its own 400
			return null;
		}
	}
}
