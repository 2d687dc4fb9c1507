package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.StoredReferences;

/**
 * A claim's sources in its tenant, read through HAPI's DAOs with the request's {@link RequestDetails}, so the
 * tenant's partition applies to every read and search: a reference to another tenant's resource does not resolve.
 *
 * <p>Outside an HTTP request (a submission job), pass request details that carry the claim's tenant the way HAPI's
 * partition interceptors read it, e.g. a {@code SystemRequestDetails} with the tenant id set.
 */
public final class TenantClaimSources implements ClaimSources {

	/** The ClaimResponses to one claim looked at for its payer claim number, most recent first. */
	static final int MAX_RESPONSES = 20;

	private final DaoRegistry daos;
	private final RequestDetails request;

	/**
	 * @param daos the server's DAOs
	 * @param request the request whose tenant (partition) every read and search is made in
	 */
	public TenantClaimSources(DaoRegistry daos, RequestDetails request) {
		this.daos = daos;
		this.request = request;
	}

	@Override
	public Resource resolve(Reference reference) {
		return StoredReferences.resolve(daos, request, reference);
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
