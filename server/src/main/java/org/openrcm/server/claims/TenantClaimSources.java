package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.StoredReferences;

/**
 * A claim's sources in its tenant, read through HAPI's DAOs with the request's {@link RequestDetails}, so the
 * tenant's partition applies to every read and search: a reference to another tenant's resource does not resolve.
 *
 * <p>Outside an HTTP request (a submission job), pass request details that carry the claim's tenant the way HAPI's
 * partition interceptors read it, e.g. a {@code SystemRequestDetails} with the tenant id set.
 *
 * <p>For a batch of claims ({@link #forBatch}), every stored resource is read once for the whole batch and kept
 * until the batch is written: the practice and payer of a thousand claims are read once, not a thousand times.
 */
public final class TenantClaimSources implements ClaimSources {

	/** The ClaimResponses to one claim looked at for its payer claim number, most recent first. */
	static final int MAX_RESPONSES = 20;

	private final DaoRegistry daos;
	private final RequestDetails request;
	/** Stored resources read so far, by {@code Type/id} (null: nothing there); null when not a batch. */
	private final Map<String, Resource> read;

	/**
	 * @param daos the server's DAOs
	 * @param request the request whose tenant (partition) every read and search is made in
	 */
	public TenantClaimSources(DaoRegistry daos, RequestDetails request) {
		this(daos, request, null);
	}

	private TenantClaimSources(DaoRegistry daos, RequestDetails request, Map<String, Resource> read) {
		this.daos = daos;
		this.request = request;
		this.read = read;
	}

	/**
	 * Sources for the claims of one batch in one tenant, each stored resource read once for all of them. Not
	 * thread-safe; meant for the few seconds a batch takes to write: a change made meanwhile is not seen.
	 */
	public static TenantClaimSources forBatch(DaoRegistry daos, RequestDetails request) {
		return new TenantClaimSources(daos, request, new HashMap<>());
	}

	/** The request (tenant) every read is made with. */
	public RequestDetails request() {
		return request;
	}

	@Override
	public Resource resolve(Reference reference) {
		if (read == null) {
			return StoredReferences.resolve(daos, request, reference);
		}
		IdType id = new IdType(reference.getReference());
		String key = id.getResourceType() + "/" + id.getIdPart();
		if (read.containsKey(key)) {
			return read.get(key);
		}
		Resource resource = StoredReferences.resolve(daos, request, reference);
		read.put(key, resource);
		return resource;
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
