package org.openrcm.server.scrubbing;

import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.priorauth.ApprovedAuthorization;

/**
 * What the scrubber needs from outside the claim: the resources it references, the patient's other claims and the
 * payer's rules. The server answers from the claim's tenant; tests and benchmarks from memory.
 */
public interface ClaimSurroundings {

	/**
	 * The stored resource a (non-contained) reference of the claim names, or {@code null} when it does not resolve.
	 * Contained references ({@code #id}) are resolved by the scrubber itself.
	 */
	Resource resolve(Reference reference);

	/**
	 * Other claims of the claim's patient that may duplicate it (any status; may include the claim itself): at least
	 * those with the same billing provider.
	 */
	List<Claim> otherClaimsOfPatient(Claim claim);

	/** The rules the tenant authored for the payer the claim is sent to ({@code Claim.insurer}). */
	List<PayerRule> payerRules(Reference insurer);

	/**
	 * The approved prior authorizations of the claim's patient (certified PAS ClaimResponses with a
	 * {@code preAuthRef}); none by default.
	 */
	default List<ApprovedAuthorization> authorizations(Claim claim) {
		return List.of();
	}

	/** Nothing around the claim: only contained resources resolve; no other claims, no payer rules. */
	ClaimSurroundings NONE = new ClaimSurroundings() {
		@Override
		public Resource resolve(Reference reference) {
			return null;
		}

		@Override
		public List<Claim> otherClaimsOfPatient(Claim claim) {
			return List.of();
		}

		@Override
		public List<PayerRule> payerRules(Reference insurer) {
			return List.of();
		}
	};
}
