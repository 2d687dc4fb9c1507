package org.openrcm.server.claims;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves the references of one claim and of the resources they lead to (a Coverage's payor, a PractitionerRole's
 * practitioner): a {@code #id} reference among the contained resources of the resource that holds it (the claim's,
 * for the claim and everything contained in it), any other through {@link ClaimSources}, each stored resource read
 * once. Not thread-safe: one per mapping.
 */
final class ClaimReferences {

	private final Claim claim;
	private final ClaimSources sources;
	private final Map<String, Resource> stored = new HashMap<>();
	private final Map<String, List<ClaimResponse>> responses = new HashMap<>();

	ClaimReferences(Claim claim, ClaimSources sources) {
		this.claim = claim;
		this.sources = sources;
	}

	/**
	 * The resource a reference names, or {@code null}.
	 *
	 * @param holder the resource the reference sits in: the claim, a resource contained in it, or a stored one
	 */
	Resource resolve(Reference reference, Resource holder) {
		if (reference == null || reference.isEmpty()) {
			return null;
		}
		if (reference.getResource() instanceof Resource inline) {
			return inline;
		}
		String ref = reference.getReference();
		if (ref == null || ref.isBlank()) {
			return null;
		}
		if (ref.startsWith("#")) {
			return contained(container(holder), ref.substring(1));
		}
		IdType id = new IdType(ref);
		if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()) {
			return null;
		}
		String key = id.getResourceType() + "/" + id.getIdPart();
		return stored.computeIfAbsent(key, k -> sources.resolve(new Reference(k)));
	}

	/** The resource a reference names when it is of {@code type}, else {@code null}. */
	<T extends Resource> T resolve(Reference reference, Resource holder, Class<T> type) {
		Resource resource = resolve(reference, holder);
		return type.isInstance(resource) ? type.cast(resource) : null;
	}

	/** The payers' responses to a stored claim, most recent first (asked for once per claim reference). */
	List<ClaimResponse> responsesTo(String claimReference) {
		return responses.computeIfAbsent(claimReference, sources::responsesTo);
	}

	/**
	 * Whether two resolved resources are the same one. Every reference to one resource resolves to the same object
	 * (contained resources are the claim's own objects, stored ones are read once per id), so this is identity.
	 */
	static boolean same(Resource a, Resource b) {
		return a != null && a == b;
	}

	private DomainResource container(Resource holder) {
		if (holder instanceof DomainResource domain && holder != claim && !isContainedInClaim(holder)) {
			return domain;
		}
		return claim;
	}

	private boolean isContainedInClaim(Resource resource) {
		for (Resource contained : claim.getContained()) {
			if (contained == resource) {
				return true;
			}
		}
		return false;
	}

	private static Resource contained(DomainResource container, String id) {
		for (Resource contained : container.getContained()) {
			String containedId = contained.getIdElement().getIdPart();
			if (id.equals(containedId) || ("#" + id).equals(contained.getId())) {
				return contained;
			}
		}
		return null;
	}
}
