package org.openrcm.server.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.priorauth.PriorAuthorizations;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code POST [base]/Claim/[id]/$submit} (the stored claim) and the standard {@code POST [base]/Claim/$submit} (a
 * Bundle whose first Claim entry is the claim, with the resources it refers to; as the body or in a Parameters
 * {@code resource}). The Bundle's resources are stored first, in one transaction: an entry whose resource has an id
 * is written under that id (update or create), any other is created and references to its {@code fullUrl} are
 * rewritten. Then the claim is submitted ({@link ClaimSubmitter}); the answer is its ClaimResponse, outcome
 * {@code queued}. A Bundle whose first Claim is a prior authorization request ({@code use = preauthorization}, a Da
 * Vinci PAS request Bundle) goes to {@link PriorAuthorizations} instead, which answers with the PAS response Bundle.
 */
final class SubmitOperationProvider {

	private final ClaimSubmitter submitter;
	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final FhirContext fhirContext;
	private final ObjectProvider<PriorAuthorizations> priorAuthorizations;

	SubmitOperationProvider(ClaimSubmitter submitter, DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao,
			FhirContext fhirContext, ObjectProvider<PriorAuthorizations> priorAuthorizations) {
		this.submitter = submitter;
		this.daos = daos;
		this.systemDao = systemDao;
		this.fhirContext = fhirContext;
		this.priorAuthorizations = priorAuthorizations;
	}

	@Operation(name = "$submit", type = Claim.class, idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Scrub a claim and queue it for its clearinghouse (837): a ClaimResponse with "
			+ "outcome 'queued', or 422 with the scrub findings; a PAS prior authorization Bundle (use "
			+ "preauthorization) is sent as a 278 and answered with the PAS response Bundle")
	public IBaseResource submit(@IdParam(optional = true) IdType id, RequestDetails request) {
		String claimId;
		if (id != null && id.hasIdPart()) {
			claimId = id.getIdPart();
		} else {
			Bundle bundle = bundle(request);
			PriorAuthorizations priorAuthorization = priorAuthorizations.getIfAvailable();
			if (priorAuthorization != null && PriorAuthorizations.isPriorAuthorization(bundle)) {
				return priorAuthorization.submit(bundle, request);
			}
			claimId = store(bundle, request);
		}
		Claim claim = daos.getResourceDao(Claim.class).read(new IdType("Claim", claimId), request);
		return submitter.submit(claim, request);
	}

	private Bundle bundle(RequestDetails request) {
		byte[] content = request.loadRequestContents();
		String text = content == null ? "" : new String(content, StandardCharsets.UTF_8);
		IBaseResource body = null;
		if (!text.isBlank()) {
			EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
			try {
				body = (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext).parseResource(text);
			} catch (DataFormatException e) {
				throw invalid("The request body is not a FHIR resource: " + e.getMessage());
			}
		}
		if (body instanceof Parameters parameters) {
			body = parameters.getParameter().stream().filter(p -> "resource".equals(p.getName())).findFirst()
					.map(Parameters.ParametersParameterComponent::getResource).orElse(null);
		}
		if (!(body instanceof Bundle bundle)) {
			throw invalid("Claim/$submit needs a Bundle whose first Claim entry is the claim to submit (as the body, or "
					+ "in parameter 'resource'); to submit a stored claim, call Claim/[id]/$submit");
		}
		return bundle;
	}

	/** Stores the Bundle's resources in one transaction; returns the id of its first Claim. */
	private String store(Bundle bundle, RequestDetails request) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		int claimIndex = -1;
		for (BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			if (resource == null) {
				continue;
			}
			if (claimIndex < 0 && resource instanceof Claim) {
				claimIndex = transaction.getEntry().size();
			}
			BundleEntryComponent copy = transaction.addEntry().setFullUrl(entry.getFullUrl()).setResource(resource);
			String idPart = resource.getIdElement().getIdPart();
			boolean placeholder = idPart == null || resource.getIdElement().getValue().startsWith("urn:");
			if (placeholder) {
				copy.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
			} else {
				copy.getRequest().setMethod(HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + idPart);
			}
		}
		if (claimIndex < 0) {
			throw invalid("The Bundle holds no Claim: its first Claim entry is the claim to submit");
		}
		Bundle response = systemDao.transaction(request, transaction);
		String location = response.getEntry().get(claimIndex).getResponse().getLocation();
		return new IdType(location).getIdPart();
	}

	private static InvalidRequestException invalid(String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(ErrorCode.SUBMIT_NO_CLAIM.outcome(message));
		return exception;
	}
}
