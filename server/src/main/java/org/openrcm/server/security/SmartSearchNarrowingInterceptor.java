package org.openrcm.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.openrcm.server.security.SmartScope.Interaction;

/**
 * Narrows a search that only {@code patient/} scopes allow to the token patient's compartment (HAPI adds the
 * compartment's search parameter, e.g. {@code patient=Patient/123}), so a patient app searching
 * {@code ExplanationOfBenefit} gets its patient's EOBs rather than a refusal. Searches a {@code user/} or
 * {@code system/} scope allows are left as they are. Whether a request may search at all is decided by
 * {@link SmartAuthorizationInterceptor}.
 */
class SmartSearchNarrowingInterceptor extends SearchNarrowingInterceptor {

	private final SmartAccessResolver resolver;

	SmartSearchNarrowingInterceptor(SmartAccessResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		String type = request.getResourceName();
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || type == null) {
			return null;
		}
		return resolver.resolve(request)
				.filter(access -> !access.grantsBroadly(type, Interaction.SEARCH)
						&& access.grantsForPatient(type, Interaction.SEARCH))
				.map(access -> new AuthorizedList().addCompartment("Patient/" + access.patient().orElseThrow()))
				.orElse(null);
	}
}
