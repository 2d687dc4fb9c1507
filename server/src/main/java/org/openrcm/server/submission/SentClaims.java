package org.openrcm.server.submission;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

	/**
	 * A claim's submission as the claim status features see it.
	 *
	 * @param tenant the tenant the claim lives in
	 * @param claimId the claim's id
	 * @param claimResponseId the ClaimResponse that follows the submission
	 * @param connection the clearinghouse connection it went to
	 * @param patientControlNumber the CLM01 the 837 carried; {@code null} before it was written
	 * @param sentAt when it was uploaded; {@code null} before
	 * @param state {@code queued}, {@code generated}, {@code sent}, {@code acknowledged} (999), {@code accepted}
	 *     (277CA), {@code rejected} or {@code refused}
	 */
	public record Submission(String tenant, String claimId, String claimResponseId, String connection,
			String patientControlNumber, Instant sentAt, String state) {

		/** Whether the claim left and was not rejected: sent, acknowledged by a 999 or accepted by a 277CA. */
		public boolean outstanding() {
			return OUTSTANDING.contains(state);
		}
	}

	private static final Set<String> OUTSTANDING = Set.of("sent", "acknowledged", "accepted");

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

	/** The claim's most recent submission, if it was ever submitted. */
	public Optional<Submission> latest(String tenant, String claimId) {
		return store.latest(tenant, claimId).map(SentClaims::submission);
	}

	/**
	 * Claims whose latest submission left before a moment and is still outstanding (sent, acknowledged or accepted,
	 * not rejected), oldest first: the candidates of claim status follow-up. Whether the payer has paid them is for
	 * the caller to check (the 835 is recorded on the ClaimResponses, not here).
	 *
	 * @param tenant only this tenant's claims, or {@code null} for any tenant
	 * @param limit the most returned
	 */
	public List<Submission> outstandingSentBefore(Instant sentBefore, String tenant, int limit) {
		return store.outstandingSentBefore(sentBefore, tenant, limit).stream().map(SentClaims::submission).toList();
	}

	private static Submission submission(SubmissionStore.Submission submission) {
		return new Submission(submission.tenant(), submission.claimId(), submission.claimResponseId(),
				submission.connection(), submission.patientControlNumber(), submission.sentAt(),
				submission.state().name().toLowerCase(Locale.ROOT));
	}
}
