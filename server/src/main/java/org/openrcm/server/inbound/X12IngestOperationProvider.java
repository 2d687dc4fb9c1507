package org.openrcm.server.inbound;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundFileStore.Entry;
import org.openrcm.server.inbound.InboundProcessor.Outcome;
import org.openrcm.server.inbound.InboundResult.Change;
import org.openrcm.server.inbound.InboundService.Ingested;
import org.openrcm.server.x12.X12Error;

/**
 * {@code POST [base]/$x12-ingest}: any inbound X12 file, as the raw body ({@code Content-Type: application/EDI-X12})
 * or in a Parameters with a Binary in {@code content} (and optionally a {@code name}). The file is stored, then read
 * and dispatched by transaction set to what applies it (999 and 277CA to the claims they acknowledge; later 835 and
 * 271). The answer is a collection Bundle of the resources created or updated, with an OperationOutcome entry for
 * anything not applied; 422 with one issue per fault (segment and element named) when the whole file is rejected.
 * The same bytes posted again change nothing: the answer says when they were received and what became of them.
 */
final class X12IngestOperationProvider {

	/** The most resources the answer lists (a large 835 changes tens of thousands). */
	static final int MAX_ENTRIES = 1000;

	static final String X12_CONTENT_TYPE = "application/EDI-X12";

	private final InboundService inbound;
	private final FhirContext fhirContext;

	X12IngestOperationProvider(InboundService inbound, FhirContext fhirContext) {
		this.inbound = inbound;
		this.fhirContext = fhirContext;
	}

	@Operation(name = "$x12-ingest", idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Apply an inbound X12 file (999, 277CA, ...): the raw file with Content-Type "
			+ "application/EDI-X12, or a Parameters with a Binary 'content'")
	public Bundle ingest(RequestDetails request) {
		byte[] body = request.loadRequestContents();
		String name = "posted.x12";
		byte[] content = body;
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
		if (encoding != null && body != null && body.length > 0) {
			Parameters parameters = parameters(body, encoding);
			Binary binary = null;
			for (ParametersParameterComponent parameter : parameters.getParameter()) {
				if ("content".equals(parameter.getName()) && parameter.getResource() instanceof Binary found) {
					binary = found;
				} else if ("name".equals(parameter.getName()) && parameter.hasValue()) {
					name = parameter.getValue().primitiveValue();
				}
			}
			content = binary == null ? null : binary.getData();
		}
		if (content == null || content.length == 0) {
			throw invalid("No X12 file in the request: send the file as the body with Content-Type " + X12_CONTENT_TYPE
					+ ", or a Parameters resource with the file in a Binary in parameter 'content'");
		}
		Ingested ingested = inbound.ingest(request.getTenantId(), name, content);
		if (ingested.earlier().isPresent()) {
			return earlier(ingested.earlier().get());
		}
		Outcome outcome = ingested.outcome().orElseThrow();
		if (outcome.rejected()) {
			OperationOutcome rejection = new OperationOutcome();
			ErrorCode.INGEST_REJECTED.addIssue(rejection, IssueSeverity.ERROR, "The X12 file was rejected (inbound "
					+ "file " + outcome.fileId() + "): " + outcome.reason() + ". Nothing in it was applied.");
			for (X12Error error : outcome.rejections()) {
				ErrorCode.INGEST_REJECTED.addIssue(rejection, IssueSeverity.ERROR, error.toString())
						.addLocation(location(error));
			}
			if (outcome.acknowledgment() != null) {
				rejection.addIssue().setSeverity(IssueSeverity.INFORMATION)
						.setCode(OperationOutcome.IssueType.INFORMATIONAL)
						.setDiagnostics("A 999 rejecting it for its sender is kept with the file (inbound file "
								+ outcome.fileId() + ", in the error folder).");
			}
			throw new UnprocessableEntityException(outcome.reason(), rejection);
		}
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.setTimestamp(new Date());
		List<Change> changes = outcome.result().changes();
		for (Change change : changes.subList(0, Math.min(changes.size(), MAX_ENTRIES))) {
			Resource resource = change.resource();
			bundle.addEntry().setFullUrl(resource.getIdElement().toUnqualifiedVersionless().getValue())
					.setResource(resource);
		}
		OperationOutcome notes = new OperationOutcome();
		for (String note : outcome.result().notes()) {
			ErrorCode.INGEST_NOT_APPLIED.addIssue(notes, IssueSeverity.WARNING, note);
		}
		if (changes.size() > MAX_ENTRIES) {
			notes.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
					.setDiagnostics("The file created or updated " + changes.size() + " resources; the first "
							+ MAX_ENTRIES + " are listed here. Search for the rest (e.g. PaymentReconciliation, "
							+ "ClaimResponse?_lastUpdated=ge...).");
		}
		if (notes.hasIssue()) {
			bundle.addEntry().setResource(notes);
		}
		return bundle;
	}

	private Parameters parameters(byte[] body, EncodingEnum encoding) {
		IBaseResource parsed;
		try {
			parsed = encoding.newParser(fhirContext).parseResource(new String(body,
					java.nio.charset.StandardCharsets.UTF_8));
		} catch (DataFormatException e) {
			throw invalid("The request body is not a FHIR resource: " + e.getMessage());
		}
		if (!(parsed instanceof Parameters parameters)) {
			throw invalid("A FHIR body of $x12-ingest must be a Parameters resource, not " + parsed.fhirType());
		}
		return parameters;
	}

	/** A file received before: its record, in an information issue. */
	private static Bundle earlier(Entry entry) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.DUPLICATE)
				.setDiagnostics("This file was received before (inbound file " + entry.id() + ", " + entry.name()
						+ ", on " + entry.receivedAt() + ") and was " + entry.state().name().toLowerCase()
						+ "; nothing was applied again." + (entry.detail() == null ? "" : " " + entry.detail()));
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.setTimestamp(new Date());
		bundle.addEntry().setResource(outcome);
		return bundle;
	}

	/** Where the fault is, as X12 people write it: {@code ISA13}, {@code NM109-2}, {@code CLM}; with its loop. */
	private static String location(X12Error error) {
		if (error.segmentId() == null) {
			return "X12 file";
		}
		StringBuilder text = new StringBuilder(error.segmentId());
		if (error.elementPosition() > 0) {
			text.append(String.format("%02d", error.elementPosition()));
			if (error.componentPosition() > 0) {
				text.append('-').append(error.componentPosition());
			}
		}
		if (error.segmentPosition() > 0) {
			text.append(" (segment ").append(error.segmentPosition()).append(error.loop() == null ? ""
					: ", loop " + error.loop()).append(')');
		}
		return text.toString();
	}

	private static InvalidRequestException invalid(String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(ErrorCode.INGEST_NO_CONTENT.outcome(message));
		return exception;
	}
}
