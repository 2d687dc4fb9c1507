package org.openrcm.server.claims;

import java.util.List;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the 837 mapping reads from outside the claim: the stored resources its references name, and the payers'
 * responses to a claim (for the payer's claim number a replacement or void refers to, and for an earlier payer's
 * adjudication on a secondary claim). The server answers from the claim's tenant ({@link TenantClaimSources});
 * tests from memory. References to contained resources ({@code #id}) never reach here.
 *
 * <p>An implementation is used by one claim's mapping at a time; each stored resource is asked for once per claim.
 */
public interface ClaimSources {

	/** The stored resource a literal reference ({@code Type/id}) names, or {@code null} when it does not resolve. */
	Resource resolve(Reference reference);

	/** The ClaimResponses whose {@code request} is the claim {@code Claim/id}, most recent first. */
	List<ClaimResponse> responsesTo(String claimReference);

	/** Nothing stored: only contained resources resolve. */
	ClaimSources NONE = new ClaimSources() {
		@Override
		public Resource resolve(Reference reference) {
			return null;
		}

		@Override
		public List<ClaimResponse> responsesTo(String claimReference) {
			return List.of();
		}
	};
}
