package org.openrcm.server.scrubbing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.fhir.TenantResourceCache;
import org.openrcm.server.priorauth.ApprovedAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A claim's surroundings in its tenant, read through HAPI's DAOs with the request's {@link RequestDetails} so the
 * tenant's partition applies to every read and search.
 */
final class TenantClaimSurroundings implements ClaimSurroundings {

	private static final Logger log = LoggerFactory.getLogger(TenantClaimSurroundings.class);

	private final DaoRegistry daos;
	private final RequestDetails request;
	private final TenantResourceCache<List<PayerRule>> payerRules;
	private final PayerRuleReader reader;
	private final int duplicateSearchLimit;

	TenantClaimSurroundings(DaoRegistry daos, RequestDetails request, TenantResourceCache<List<PayerRule>> payerRules,
			PayerRuleReader reader, int duplicateSearchLimit) {
		this.daos = daos;
		this.request = request;
		this.payerRules = payerRules;
		this.reader = reader;
		this.duplicateSearchLimit = duplicateSearchLimit;
	}

	@Override
	public Resource resolve(Reference reference) {
		return StoredReferences.resolve(daos, request, reference);
	}

	@Override
	public List<Claim> otherClaimsOfPatient(Claim claim) {
		String patient = claim.getPatient().getReference();
		if (patient == null || patient.startsWith("#") || !new IdType(patient).hasIdPart()) {
			return List.of();
		}
		SearchParameterMap map = SearchParameterMap.newSynchronous(Claim.SP_PATIENT, new ReferenceParam(patient));
		String provider = claim.getProvider().getReference();
		if (provider != null && !provider.startsWith("#") && new IdType(provider).hasIdPart()) {
			map.add(Claim.SP_PROVIDER, new ReferenceParam(provider)); // a duplicate has the same billing provider
		}
		map.setLoadSynchronousUpTo(duplicateSearchLimit);
		map.setSort(new SortSpec("_lastUpdated", SortOrderEnum.DESC));
		List<Claim> claims = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao(Claim.class).search(map, request).getAllResources()) {
			claims.add((Claim) found);
		}
		return claims;
	}

	@Override
	public List<ApprovedAuthorization> authorizations(Claim claim) {
		return ApprovedAuthorization.load(daos, request, claim.getPatient().getReference());
	}

	@Override
	public List<PayerRule> payerRules(Reference insurer) {
		String payer = insurer.getReference();
		if (payer == null || payer.startsWith("#")) {
			return List.of();
		}
		return payerRules.get(String.valueOf(request.getTenantId()), payer, () -> List.copyOf(load(payer)));
	}

	private List<PayerRule> load(String payer) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(Basic.SP_SUBJECT, new ReferenceParam(payer))
				.add(Basic.SP_CODE, new TokenParam(OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM, null));
		List<PayerRule> rules = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao(Basic.class).search(map, request).getAllResources()) {
			try {
				rules.add(reader.read((Basic) found));
			} catch (PayerRuleReader.InvalidPayerRuleException e) {
				// rules are checked when written; one stored before that check is skipped, loudly
				log.warn("Payer rule {} is not applied: {}", found.getIdElement().toUnqualifiedVersionless().getValue(),
						e.getMessage());
			}
		}
		return rules;
	}
}
