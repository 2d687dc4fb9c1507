package org.openrcm.server.priorauth;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.InsuranceComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;

/**
 * Puts an approved prior authorization on the claims it covers: when a claim for payment (use {@code claim}) is
 * created or updated and its focal insurance carries no {@code preAuthRef}, the patient's
 * {@link ApprovedAuthorization}s are looked up and the number of the first one that covers a line (same payer,
 * the line's procedure code, its date of service within the period) is added. The 837 then carries it (2300
 * REF*G1) and the scrubber's {@code PRIOR-AUTH-REQUIRED} rule is satisfied. Runs before scrub on write. In a tenant
 * without any decided prior authorization request nothing is looked up (one indexed query per claim written).
 */
@Interceptor
final class PreAuthRefInterceptor {

	private final DaoRegistry daos;
	private final PriorAuthStore store;

	PreAuthRefInterceptor(DaoRegistry daos, PriorAuthStore store) {
		this.daos = daos;
		this.store = store;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -100)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Claim claim) {
			attach(claim, request);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -100)
	public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (updated instanceof Claim claim) {
			attach(claim, request);
		}
	}

	private void attach(Claim claim, RequestDetails request) {
		if (claim.getUse() != Claim.Use.CLAIM || claim.getInsurance().isEmpty() || request == null) {
			return;
		}
		InsuranceComponent focal = claim.getInsurance().stream().filter(InsuranceComponent::getFocal).findFirst()
				.orElse(claim.getInsurance().size() == 1 ? claim.getInsuranceFirstRep() : null);
		if (focal == null || focal.hasPreAuthRef() || request.getTenantId() == null
				|| !store.anyDecided(request.getTenantId())) {
			return;
		}
		String payer = payer(claim, focal, request);
		if (payer == null) {
			return;
		}
		List<ApprovedAuthorization> approved = ApprovedAuthorization.load(daos, request,
				claim.getPatient().getReference());
		for (Claim.ItemComponent item : claim.getItem()) {
			String code = code(item);
			LocalDate day = item.hasServicedDateType() ? FhirValues.day(item.getServicedDateType())
					: item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getStartElement()) : null;
			for (ApprovedAuthorization authorization : approved) {
				if (authorization.covers(payer, code, day)) {
					focal.addPreAuthRef(authorization.preAuthRef());
					return;
				}
			}
		}
	}

	/** The payer: {@code Claim.insurer}, else the focal coverage's first payor. */
	private String payer(Claim claim, InsuranceComponent focal, RequestDetails request) {
		if (claim.hasInsurer() && claim.getInsurer().hasReference()) {
			return ApprovedAuthorization.key(claim.getInsurer());
		}
		if (StoredReferences.resolve(daos, request, focal.getCoverage()) instanceof Coverage coverage
				&& coverage.hasPayor()) {
			return ApprovedAuthorization.key(coverage.getPayorFirstRep());
		}
		return null;
	}

	private static String code(Claim.ItemComponent item) {
		for (Coding coding : item.getProductOrService().getCoding()) {
			if ((CptCodeSet.SYSTEM.equals(coding.getSystem()) || HcpcsCodeSet.SYSTEM.equals(coding.getSystem()))
					&& coding.hasCode()) {
				return coding.getCode().strip().toUpperCase(Locale.ROOT);
			}
		}
		return null;
	}
}
