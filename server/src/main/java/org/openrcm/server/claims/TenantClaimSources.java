package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A claim's sources in its tenant, read through HAPI's DAOs with the request's {@link RequestDetails}, so the
 * tenant's partition applies to every read and search: a reference to another tenant's resource does not resolve.
 */
final class TenantClaimSources implements ClaimSources {

	/** The ClaimResponses to one claim looked at for its payer claim number, most recent first. */
	static final int MAX_RESPONSES = 20;

	private final DaoRegistry daos;
	private final RequestDetails request;

	TenantClaimSources(DaoRegistry daos, RequestDetails request) {
		this.daos = daos;
		this.request = request;
	}

	@Override
	public Resource resolve(Reference reference) {
		IdType id = new IdType(reference.getReference());
		if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()
				|| !daos.isResourceTypeSupported(id.getResourceType())) {
			return null;
		}
		IFhirResourceDao<? extends IBaseResource> dao = daos.getResourceDao(id.getResourceType());
		try {
			return (Resource) dao.read(id.toUnqualifiedVersionless(), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	@Override
	public List<ClaimResponse> responsesTo(String claimReference) {
		IFhirResourceDao<ClaimResponse> dao = daos.getResourceDaoOrNull(ClaimResponse.class);
		if (dao == null) {
			return List.of();
		}
		SearchParameterMap map = SearchParameterMap.newSynchronous(ClaimResponse.SP_REQUEST,
				new ReferenceParam(claimReference));
		map.setLoadSynchronousUpTo(MAX_RESPONSES);
		map.setSort(new SortSpec("_lastUpdated", SortOrderEnum.DESC));
		List<ClaimResponse> responses = new ArrayList<>();
		for (IBaseResource found : dao.search(map, request).getAllResources()) {
			responses.add((ClaimResponse) found);
		}
		return responses;
	}
}
