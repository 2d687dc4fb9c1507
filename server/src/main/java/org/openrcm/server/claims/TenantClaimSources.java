package org.openrcm.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coverage;
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
 * until the batch is written (the practice and payer of a thousand claims are read once, not a thousand times), and
 * {@link #prefetch} reads what the claims refer to with one search per resource type and {@value #CHUNK} ids, rather
 * than one read per reference.
 */
public final class TenantClaimSources implements ClaimSources {

	/** The ClaimResponses to one claim looked at for its payer claim number, most recent first. */
	static final int MAX_RESPONSES = 20;

	/** The most ids in one search by {@code _id}. */
	public static final int CHUNK = 500;

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

	/**
	 * Reads the stored resources the claims refer to (patient, provider, insurer, coverages, care team, facility,
	 * referral, and the coverages' payors, subscribers and policy holders) in bulk, for a batch's sources; does
	 * nothing for other sources. What is not found resolves to nothing, as it would one by one.
	 */
	public void prefetch(Collection<Claim> claims) {
		if (read == null) {
			return;
		}
		List<Reference> references = new ArrayList<>();
		for (Claim claim : claims) {
			references.add(claim.getPatient());
			references.add(claim.getProvider());
			references.add(claim.getInsurer());
			references.add(claim.getFacility());
			references.add(claim.getReferral());
			claim.getInsurance().forEach(insurance -> references.add(insurance.getCoverage()));
			claim.getCareTeam().forEach(member -> references.add(member.getProvider()));
		}
		List<Resource> found = prefetch(references);
		List<Reference> next = new ArrayList<>();
		for (Resource resource : found) {
			if (resource instanceof Coverage coverage) {
				next.addAll(coverage.getPayor());
				next.add(coverage.getSubscriber());
				next.add(coverage.getPolicyHolder());
			}
		}
		prefetch(next);
	}

	/** Reads the stored resources not read yet that literal references name; returns those found. */
	private List<Resource> prefetch(List<Reference> references) {
		Map<String, Set<String>> idsByType = new LinkedHashMap<>();
		for (Reference reference : references) {
			if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
				continue;
			}
			IdType id = new IdType(reference.getReference());
			if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()
					|| !daos.isResourceTypeSupported(id.getResourceType())
					|| read.containsKey(id.getResourceType() + "/" + id.getIdPart())) {
				continue;
			}
			idsByType.computeIfAbsent(id.getResourceType(), t -> new LinkedHashSet<>()).add(id.getIdPart());
		}
		List<Resource> found = new ArrayList<>();
		for (Map.Entry<String, Set<String>> type : idsByType.entrySet()) {
			Map<String, ? extends IBaseResource> byId = readAll(daos, request,
					daos.getResourceDao(type.getKey()).getResourceType(), type.getValue());
			for (String id : type.getValue()) {
				Resource resource = (Resource) byId.get(id);
				read.put(type.getKey() + "/" + id, resource);
				if (resource != null) {
					found.add(resource);
				}
			}
		}
		return found;
	}

	/**
	 * The current versions of stored resources of one type, by id, read with searches by {@code _id} of at most
	 * {@value #CHUNK} ids each, in the request's tenant. Ids with nothing (or a deleted resource) there are absent
	 * from the answer.
	 */
	public static <T extends IBaseResource> Map<String, T> readAll(DaoRegistry daos, RequestDetails request,
			Class<T> type, Collection<String> ids) {
		List<String> all = List.copyOf(new LinkedHashSet<>(ids));
		Map<String, T> found = new HashMap<>();
		IFhirResourceDao<T> dao = daos.getResourceDao(type);
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			TokenOrListParam idParam = new TokenOrListParam();
			chunk.forEach(id -> idParam.addOr(new TokenParam(id)));
			SearchParameterMap map = SearchParameterMap.newSynchronous();
			map.add(IAnyResource.SP_RES_ID, idParam);
			map.setLoadSynchronousUpTo(chunk.size());
			for (IBaseResource resource : dao.search(map, request).getAllResources()) {
				found.put(resource.getIdElement().getIdPart(), type.cast(resource));
			}
		}
		return found;
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
