package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openrcm.ig.OpenRcmIg;

/**
 * Rejects incoming Claims (and, when configured, Coverages) that do not conform to their OpenRCM profile with
 * 422 and an OperationOutcome naming each offending element. It hooks the storage layer, so resources inside a
 * transaction Bundle or a conditional create are checked too, and a failure rolls the whole request back.
 *
 * <p>A Claim with status {@code draft} is a coder's work in progress and is not held to the submission-ready
 * profile until it leaves draft. A prior authorization request (use {@code preauthorization}, a Da Vinci PAS Claim)
 * is no claim for payment: the profile does not apply to it; its own checks are the 278 mapping's.
 */
@Interceptor
final class ProfileValidationInterceptor {

	private final FhirContext fhirContext;
	private final ProfileValidator validator;
	private final ValidationProperties properties;

	ProfileValidationInterceptor(FhirContext fhirContext, ProfileValidator validator, ValidationProperties properties) {
		this.fhirContext = fhirContext;
		this.validator = validator;
		this.properties = properties;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		check(updated);
	}

	private void check(IBaseResource resource) {
		String profile = profileFor(resource);
		if (profile == null) {
			return;
		}
		OperationOutcome outcome = validator.validate(resource, profile);
		if (outcome != null) {
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
	}

	private String profileFor(IBaseResource resource) {
		if (resource instanceof Claim claim && properties.claim()) {
			return claim.getStatus() == Claim.ClaimStatus.DRAFT || claim.getUse() == Claim.Use.PREAUTHORIZATION ? null
					: OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE;
		}
		if (resource instanceof org.hl7.fhir.r4.model.Coverage && properties.coverage()) {
			return OpenRcmIg.COVERAGE_PROFILE;
		}
		return null;
	}
}
