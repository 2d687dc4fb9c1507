package org.openrcm.server.claimstatus;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.openrcm.server.claims.TenantClaimSources;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.SentClaims.Submission;
import org.openrcm.server.submission.TenantRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Claim status follow-up: every {@code openrcm.claim-status.follow-up-interval} a pass asks the payer about claims
 * that were sent (or accepted by the payer's 277CA) at least {@code follow-up-after-days} ago (per tenant:
 * {@code tenant-follow-up-after-days}) and are not paid: no ClaimResponse of the claim is complete (an 835 has
 * adjudicated it). A claim asked about, by this pass or on request, is not asked again before
 * {@code recheck-after-days} have passed. At most {@code max-per-pass} candidates per pass, the oldest first (a
 * tenant's claims not yet due by its own days count among them); a request that fails (no answer in time, say) is
 * recorded on the claim's status trail and the pass goes on. Real-time requests are made one after the other on the
 * pass's own thread, each bounded by its connection's timeout.
 */
final class ClaimStatusFollowUp implements SmartLifecycle {

	/**
	 * What one pass did.
	 *
	 * @param asked the claims asked about, as {@code tenant/claim id}
	 * @param paid the candidates skipped because they are paid
	 * @param recent the candidates skipped because they were asked about recently
	 * @param failed the claims whose request failed, with why
	 */
	record Pass(List<String> asked, List<String> paid, List<String> recent, List<String> failed) {}

	private static final Logger log = LoggerFactory.getLogger(ClaimStatusFollowUp.class);

	private final ClaimStatusService service;
	private final ClaimStatusStore store;
	private final SentClaims sentClaims;
	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final ClaimStatusProperties properties;
	private final Clock clock;
	private ScheduledExecutorService scheduler;

	ClaimStatusFollowUp(ClaimStatusService service, ClaimStatusStore store, SentClaims sentClaims, DaoRegistry daos,
			TenantRequests tenants, ClaimStatusProperties properties, Clock clock) {
		this.service = service;
		this.store = store;
		this.sentClaims = sentClaims;
		this.daos = daos;
		this.tenants = tenants;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs one pass as of a moment.
	 *
	 * @param now the moment the ages are counted from (the schedule passes the clock's)
	 * @param tenant only this tenant's claims, or {@code null} for every tenant
	 */
	synchronized Pass pass(Instant now, String tenant) {
		List<String> asked = new ArrayList<>();
		List<String> paid = new ArrayList<>();
		List<String> recent = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		Instant sentBefore = now.minus(Duration.ofDays(properties.fewestFollowUpDays()));
		for (Submission submission : sentClaims.outstandingSentBefore(sentBefore, tenant, properties.maxPerPass())) {
			String key = submission.tenant() + "/" + submission.claimId();
			Instant due = submission.sentAt().plus(Duration.ofDays(properties.followUpAfterDays(submission.tenant())));
			if (due.isAfter(now)) {
				continue;
			}
			if (paid(submission)) {
				paid.add(key);
				continue;
			}
			Optional<Instant> last = store.lastRequested(submission.tenant(), submission.claimId());
			if (last.isPresent() && last.get().plus(Duration.ofDays(properties.recheckAfterDays())).isAfter(now)) {
				recent.add(key);
				continue;
			}
			try {
				service.request(submission.tenant(), submission.claimId(), now, "by the follow-up schedule");
				asked.add(key);
			} catch (BaseServerResponseException e) {
				// recorded on the claim's status trail already (or the claim cannot be asked about)
				failed.add(key + ": " + e.getMessage());
				log.info("Claim status follow-up of {}: {}", key, e.getMessage());
			} catch (RuntimeException e) {
				failed.add(key + ": " + e);
				log.warn("Claim status follow-up of {} failed: {}", key, e.toString());
			}
		}
		if (!asked.isEmpty() || !failed.isEmpty()) {
			log.info("Claim status follow-up: asked about {} claims, {} failed, {} paid, {} asked recently",
					asked.size(), failed.size(), paid.size(), recent.size());
		}
		return new Pass(asked, paid, recent, failed);
	}

	/** Whether a ClaimResponse of the claim is complete and active: an 835 adjudicated it. */
	private boolean paid(Submission submission) {
		TenantClaimSources sources = new TenantClaimSources(daos, tenants.in(submission.tenant()));
		return sources.responsesTo("Claim/" + submission.claimId()).stream()
				.anyMatch(r -> r.getOutcome() == ClaimResponse.RemittanceOutcome.COMPLETE
						&& r.getStatus() == ClaimResponse.ClaimResponseStatus.ACTIVE);
	}

	@Override
	public void start() {
		if (!properties.followUpScheduled()) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "claim-status-follow-up");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.followUpInterval().toMillis();
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				pass(clock.instant(), null);
			} catch (RuntimeException e) {
				log.warn("Claim status follow-up failed, tried again in the next pass: {}", e.toString());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}
