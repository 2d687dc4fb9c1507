package org.openrcm.server.submission;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims this server sent, looked up by the patient control number (CLM01) the payer echoes back, for the
 * features that read what payers answer after the acknowledgments (the 835 remittance, the 277 claim status).
 */
public final class SentClaims {

	/**
	 * A claim as it was sent.
	 *
	 * @param tenant the tenant it lives in
	 * @param claimId its id
	 * @param claimResponseId the id of the ClaimResponse that follows its submission
	 */
	public record SentClaim(String tenant, String claimId, String claimResponseId) {}

	private final SubmissionStore store;

	SentClaims(SubmissionStore store) {
		this.store = store;
	}

	/**
	 * The most recent submission sent with each of these patient control numbers.
	 *
	 * @param tenant only this tenant's claims, or {@code null} for any tenant
	 * @return by patient control number; numbers this server never sent are absent
	 */
	public Map<String, SentClaim> byPatientControlNumber(Collection<String> patientControlNumbers, String tenant) {
		Map<String, SentClaim> found = new LinkedHashMap<>();
		store.sentWithPatientControlNumbers(patientControlNumbers, tenant).forEach((number, submission) -> found.put(
				number, new SentClaim(submission.tenant(), submission.claimId(), submission.claimResponseId())));
		return found;
	}
}
