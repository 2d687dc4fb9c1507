package org.openrcm.server.submission;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openrcm.server.claims.Claim837Batch;
import org.openrcm.server.claims.Claim837Batch.BatchEntry;
import org.openrcm.server.claims.Claim837Batch.BatchInterchange;
import org.openrcm.server.claims.Claim837Exception;
import org.openrcm.server.claims.Claim837Writer;
import org.openrcm.server.claims.ClaimToWrite;
import org.openrcm.server.claims.TenantClaimSources;
import org.openrcm.server.clearinghouse.ClearinghouseChannel;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.submission.SubmissionRecords.Fault;
import org.openrcm.server.submission.SubmissionRecords.Rejection;
import org.openrcm.server.submission.SubmissionStore.Batch;
import org.openrcm.server.submission.SubmissionStore.BatchClaim;
import org.openrcm.server.submission.SubmissionStore.State;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a clearinghouse's queued claims: first every interchange written before but not known to be uploaded (a
 * crash or an outage came between), then the queue in batches of at most {@code batchSize} claims, each batch one
 * 837 interchange per guide with one transaction set per claim. Each interchange is recorded with its claims
 * ({@link SubmissionStore#generated}) before it is uploaded under the name {@code <sender id>-<ISA13>.x12}, and
 * marked sent after; the channel's upload skips a file already there, so an interchange is never sent twice.
 *
 * <p>A claim the 837 mapping refuses is not sent: its submission becomes {@code REFUSED} and its ClaimResponse gets
 * the reasons with a Task in the rejection queue, as for a rejection by the payer. A claim deleted since it was
 * queued is refused the same way. An upload that fails (after the channel's retries) leaves the interchange for the
 * next round.
 */
final class ClaimSender {

	/** What one round sent. */
	record Sent(int claims, int interchanges, int refused, List<String> files) {}

	private static final Logger log = LoggerFactory.getLogger(ClaimSender.class);
	private static final Pattern ITEM = Pattern.compile("^Claim\\.item\\[(\\d+)]");
	private static final String NOT_SENT = "Not sent: the claim cannot be written as an 837";

	private final SubmissionStore store;
	private final SubmissionRecords records;
	private final Claim837Writer writer;
	private final ClearinghouseConnections connections;
	private final DaoRegistry daos;
	private final TenantRequests tenants;
	private final int batchSize;
	private final Clock clock;

	ClaimSender(SubmissionStore store, SubmissionRecords records, Claim837Writer writer,
			ClearinghouseConnections connections, DaoRegistry daos, TenantRequests tenants, int batchSize,
			Clock clock) {
		this.store = store;
		this.records = records;
		this.writer = writer;
		this.connections = connections;
		this.daos = daos;
		this.tenants = tenants;
		this.batchSize = batchSize;
		this.clock = clock;
	}

	/**
	 * Sends what is waiting for one clearinghouse connection.
	 *
	 * @throws IOException when the channel fails; what was recorded stays recorded and goes in the next round
	 */
	synchronized Sent send(String connection) throws IOException {
		ClearinghouseChannel channel = connections.channel(connection);
		int claims = 0;
		int interchanges = 0;
		int refused = 0;
		List<String> files = new ArrayList<>();
		for (Batch batch : store.unsent(connection)) {
			claims += upload(channel, batch);
			interchanges++;
			files.add(batch.fileName());
		}
		ClearinghouseProperties properties = connections.properties(connection);
		while (true) {
			List<Submission> queued = store.queued(connection, batchSize);
			if (queued.isEmpty()) {
				break;
			}
			Map<String, Submission> byKey = new HashMap<>();
			List<ClaimToWrite> toWrite = new ArrayList<>();
			List<Rejection> refusals = new ArrayList<>();
			Map<String, Claim> stored = new HashMap<>();
			Map<String, TenantClaimSources> sources = new HashMap<>();
			readClaims(queued, stored, sources);
			for (Submission submission : queued) {
				Claim claim = stored.get(submission.tenant() + "/" + submission.claimId());
				if (claim == null) {
					refusals.add(new Rejection(submission, NOT_SENT, List.of(new Fault(null,
							code(ErrorCode.CLAIM_837_MISSING_DATA), "The claim cannot be read any more (Claim/"
									+ submission.claimId() + " was deleted)"))));
					continue;
				}
				String key = Long.toString(submission.id());
				byKey.put(key, submission);
				toWrite.add(new ClaimToWrite(key, claim, sources.get(submission.tenant())));
			}
			Claim837Batch written = writer.writeBatch(properties, toWrite);
			for (Map.Entry<String, Claim837Exception> refusal : written.refused().entrySet()) {
				Submission submission = byKey.get(refusal.getKey());
				refusals.add(new Rejection(submission, NOT_SENT, faults(refusal.getValue().outcome(), toWrite,
						refusal.getKey())));
			}
			refuse(refusals);
			refused += refusals.size();
			for (BatchInterchange interchange : written.interchanges()) {
				List<BatchClaim> batchClaims = new ArrayList<>();
				for (BatchEntry entry : interchange.entries()) {
					batchClaims.add(new BatchClaim(byKey.get(entry.key()).id(), entry.transactionControlNumber(),
							entry.patientControlNumber()));
				}
				String sender = properties.submitterId();
				String fileName = fileName(sender, interchange.written().interchangeControlNumber());
				Batch batch = store.generated(connection, fileName, sender,
						interchange.written().interchangeControlNumber(), interchange.written().groupControlNumber(),
						interchange.written().text(), batchClaims, clock.instant());
				log.info("Interchange {} written for clearinghouse {} with {} claims; uploading", fileName, connection,
						batchClaims.size());
				claims += upload(channel, batch);
				interchanges++;
				files.add(fileName);
			}
		}
		if (interchanges > 0 || refused > 0) {
			log.info("Clearinghouse {}: sent {} claims in {} interchanges {}, refused {}", connection, claims,
					interchanges, files, refused);
		}
		return new Sent(claims, interchanges, refused, files);
	}

	/** Uploads a recorded interchange (again, after a crash: the channel skips a file already there). */
	private int upload(ClearinghouseChannel channel, Batch batch) throws IOException {
		boolean uploaded = channel.upload(batch.fileName(), batch.content().getBytes(StandardCharsets.UTF_8));
		if (!uploaded) {
			log.info("Interchange {} was on the clearinghouse already (sent before a stop); marked sent",
					batch.fileName());
		}
		Instant now = clock.instant();
		List<Submission> claims = store.inBatch(batch.id());
		// before the batch is marked sent, so a crash in between repeats this (it is idempotent), never skips it
		records.sent(claims, batch.sender(), batch.interchangeControlNumber(), now);
		store.sent(batch.id(), now);
		return claims.size();
	}

	/**
	 * Reads the queued claims into {@code claims} (by {@code tenant/id}; a claim that cannot be read any more is
	 * absent), and makes each tenant's batch sources, which read every resource the claims refer to once for the
	 * batch.
	 */
	private void readClaims(List<Submission> queued, Map<String, Claim> claims,
			Map<String, TenantClaimSources> sources) {
		for (Submission submission : queued) {
			TenantClaimSources tenantSources = sources.computeIfAbsent(submission.tenant(),
					tenant -> TenantClaimSources.forBatch(daos, tenants.in(tenant)));
			try {
				claims.put(submission.tenant() + "/" + submission.claimId(), daos.getResourceDao(Claim.class)
						.read(new IdType("Claim", submission.claimId()), tenantSources.request()));
			} catch (BaseServerResponseException e) {
				log.info("Claim/{} of submission {} cannot be read any more: {}", submission.claimId(),
						submission.id(), e.getMessage());
			}
		}
	}

	private void refuse(List<Rejection> refusals) {
		if (refusals.isEmpty()) {
			return;
		}
		Map<Long, State> states = new LinkedHashMap<>();
		refusals.forEach(refusal -> states.put(refusal.submission().id(), State.REFUSED));
		store.states(states, clock.instant());
		records.rejected(refusals, new InboundResult());
	}

	/** A file name unique per sender: {@code OPENRCM-000000123.x12}. */
	static String fileName(String sender, String interchangeControlNumber) {
		return sender.replaceAll("[^A-Za-z0-9]", "_") + "-" + interchangeControlNumber + ".x12";
	}

	private static List<Fault> faults(OperationOutcome outcome, List<ClaimToWrite> claims, String key) {
		Claim claim = claims.stream().filter(c -> c.key().equals(key)).findFirst().map(ClaimToWrite::claim)
				.orElse(null);
		List<Fault> faults = new ArrayList<>();
		for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
			Integer item = null;
			if (claim != null && issue.hasExpression()) {
				Matcher matcher = ITEM.matcher(issue.getExpression().get(0).getValue());
				if (matcher.find()) {
					int index = Integer.parseInt(matcher.group(1));
					item = index < claim.getItem().size() ? claim.getItem().get(index).getSequence() : null;
				}
			}
			faults.add(new Fault(item, issue.getDetails().getCodingFirstRep().copy(), issue.getDetails().getText()));
		}
		return faults;
	}

	private static Coding code(ErrorCode code) {
		return new Coding(ErrorCode.SYSTEM, code.code(), null);
	}
}
