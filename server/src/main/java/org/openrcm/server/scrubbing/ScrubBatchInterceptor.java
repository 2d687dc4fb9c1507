package org.openrcm.server.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A {@code batch} Bundle whose entries are all {@code POST Claim/$scrub} or {@code POST Claim/[id]/$scrub} calls,
 * sent to the tenant's base: HAPI's batch processor runs only reads as sub-requests and treats every POST entry as a
 * create, so this interceptor answers such a batch itself. Each entry is scrubbed as the single call would be and
 * gets its own status and OperationOutcome in the {@code batch-response}; one failing entry does not stop the others.
 * Any other Bundle goes on to HAPI untouched.
 */
@Interceptor
final class ScrubBatchInterceptor {

	private static final Pattern SCRUB_URL = Pattern.compile("/?Claim(?:/([A-Za-z0-9\\-.]{1,64}))?/\\$scrub");

	private final ScrubOperationProvider operation;
	private final FhirContext fhirContext;

	ScrubBatchInterceptor(ScrubOperationProvider operation, FhirContext fhirContext) {
		this.operation = operation;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean scrubBatch(RequestDetails request, HttpServletResponse response) throws IOException {
		if (request.getRestOperationType() != RestOperationTypeEnum.TRANSACTION) {
			return true;
		}
		byte[] content = request.loadRequestContents();
		String text = content == null ? "" : new String(content, StandardCharsets.UTF_8);
		if (!text.contains("$scrub")) {
			return true;
		}
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		IParser parser = (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext);
		Bundle batch;
		try {
			if (!(parser.parseResource(text) instanceof Bundle bundle)) {
				return true;
			}
			batch = bundle;
		} catch (DataFormatException e) {
			return true; // HAPI answers the parse error
		}
		if (batch.getType() != Bundle.BundleType.BATCH || batch.getEntry().isEmpty()
				|| !batch.getEntry().stream().allMatch(ScrubBatchInterceptor::isScrub)) {
			return true;
		}
		Bundle answer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
		for (BundleEntryComponent entry : batch.getEntry()) {
			answer.addEntry(answer(entry, request));
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType((encoding == EncodingEnum.XML ? EncodingEnum.XML : EncodingEnum.JSON).getResourceContentTypeNonLegacy());
		parser.encodeResourceToWriter(answer, response.getWriter());
		return false;
	}

	private BundleEntryComponent answer(BundleEntryComponent entry, RequestDetails request) {
		BundleEntryComponent answer = new BundleEntryComponent();
		Matcher url = SCRUB_URL.matcher(entry.getRequest().getUrl());
		url.matches();
		IdType id = url.group(1) == null ? null : new IdType("Claim", url.group(1));
		try {
			answer.setResource(operation.scrub(id, entry.getResource(), request));
			answer.getResponse().setStatus("200 OK");
		} catch (BaseServerResponseException e) {
			answer.getResponse().setStatus(String.valueOf(e.getStatusCode()));
			OperationOutcome outcome = e.getOperationOutcome() instanceof OperationOutcome o ? o : new OperationOutcome();
			if (outcome.getIssue().isEmpty()) {
				outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING)
						.setDiagnostics(e.getMessage());
			}
			answer.getResponse().setOutcome(outcome);
		}
		return answer;
	}

	private static boolean isScrub(BundleEntryComponent entry) {
		return entry.getRequest().getMethod() == Bundle.HTTPVerb.POST && entry.getRequest().hasUrl()
				&& SCRUB_URL.matcher(entry.getRequest().getUrl()).matches();
	}
}
