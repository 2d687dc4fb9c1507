package org.openrcm.server.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Following a literal reference to the stored resource in the request's tenant. */
public final class StoredReferences {

	private StoredReferences() {}

	/**
	 * The stored resource {@code Type/id} names, read through HAPI's DAO with the request (so its tenant's partition
	 * applies); {@code null} when the reference is not a relative literal one, its type is not served, or nothing
	 * (or a deleted resource) stands there.
	 */
	public static Resource resolve(DaoRegistry daos, RequestDetails request, Reference reference) {
		IdType id = new IdType(reference.getReference());
		if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()
				|| !daos.isResourceTypeSupported(id.getResourceType())) {
			return null;
		}
		try {
			return (Resource) daos.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), request);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}
}
