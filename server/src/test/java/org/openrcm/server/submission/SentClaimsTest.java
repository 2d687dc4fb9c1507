package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrcm.server.submission.SentClaims.Submission;
import org.openrcm.server.submission.SubmissionStore.BatchClaim;
import org.openrcm.server.submission.SubmissionStore.State;
import org.openrcm.server.support.TestDatabases;

/**
 * What the claim status features read of the outbox, on H2 and PostgreSQL: a claim's latest submission with the
 * CLM01 it went out with, and the claims still outstanding (sent, acknowledged, accepted; their latest submission
 * only, oldest first) that left before a moment, in one tenant or all.
 */
class SentClaimsTest {

	private final String tenant = "T" + UUID.randomUUID().toString().substring(0, 8);
	private final String connection = "conn-" + tenant;
	private final Instant now = Instant.parse("2026-11-29T10:15:30Z");

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void outstandingClaimsSentBeforeAMoment(DataSource database) {
		SubmissionStore store = new SubmissionStore(database);
		store.createTables();
		SentClaims sent = new SentClaims(store);
		long old = store.queue(tenant, "old", "r1", connection, false, now);
		long rejected = store.queue(tenant, "rejected", "r2", connection, false, now);
		long recent = store.queue(tenant, "recent", "r3", connection, false, now);
		long accepted = store.queue(tenant, "accepted", "r4", connection, false, now);
		store.generated(connection, connection + "-1.x12", "S" + tenant, "000000001", "1", "ISA~",
				List.of(new BatchClaim(old, "0001", "PCN-OLD"), new BatchClaim(rejected, "0002", "PCN-REJ"),
						new BatchClaim(accepted, "0003", "PCN-ACC")), now);
		store.sent(store.unsent(connection).get(0).id(), now);
		store.state(rejected, State.REJECTED, now);
		store.state(accepted, State.ACCEPTED, now);
		store.generated(connection, connection + "-2.x12", "S" + tenant, "000000002", "2", "ISA~",
				List.of(new BatchClaim(recent, "0001", "PCN-NEW")), now);
		store.sent(store.unsent(connection).get(0).id(), now.plusSeconds(3600));

		assertThat(sent.outstandingSentBefore(now.plusSeconds(60), tenant, 10)).extracting(Submission::claimId)
				.containsExactly("old", "accepted");
		assertThat(sent.outstandingSentBefore(now.plusSeconds(7200), tenant, 10)).extracting(Submission::claimId)
				.containsExactly("old", "accepted", "recent");
		assertThat(sent.outstandingSentBefore(now.plusSeconds(7200), tenant, 1)).extracting(Submission::claimId)
				.containsExactly("old");
		assertThat(sent.outstandingSentBefore(now.plusSeconds(7200), "other-" + tenant, 10)).isEmpty();
		assertThat(sent.outstandingSentBefore(now.plusSeconds(7200), null, 100_000)).extracting(Submission::claimId)
				.contains("old", "accepted", "recent").doesNotContain("rejected");

		Submission latest = sent.latest(tenant, "accepted").orElseThrow();
		assertThat(latest.patientControlNumber()).isEqualTo("PCN-ACC");
		assertThat(latest.state()).isEqualTo("accepted");
		assertThat(latest.outstanding()).isTrue();
		assertThat(latest.sentAt()).isEqualTo(now);
		assertThat(latest.connection()).isEqualTo(connection);
		assertThat(sent.latest(tenant, "rejected").orElseThrow().outstanding()).isFalse();
		assertThat(sent.latest(tenant, "never")).isEmpty();

		// a claim submitted again: only its latest submission counts
		long again = store.queue(tenant, "old", "r5", connection, false, now.plusSeconds(7200));
		assertThat(sent.outstandingSentBefore(now.plusSeconds(7200), tenant, 10)).extracting(Submission::claimId)
				.containsExactly("accepted", "recent");
		assertThat(sent.latest(tenant, "old").orElseThrow().state()).isEqualTo("queued");
		assertThat(again).isPositive();
	}
}
