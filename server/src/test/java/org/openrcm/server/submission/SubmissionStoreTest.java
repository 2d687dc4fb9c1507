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
import org.openrcm.server.submission.SubmissionStore.Batch;
import org.openrcm.server.submission.SubmissionStore.BatchClaim;
import org.openrcm.server.submission.SubmissionStore.State;
import org.openrcm.server.submission.SubmissionStore.Submission;
import org.openrcm.server.support.TestDatabases;

/**
 * The submission outbox on H2 and PostgreSQL: a claim goes queued → generated → sent; an interchange recorded but not
 * marked sent is found again (what a restart re-uploads); acknowledgments find their claims by group and transaction
 * control number or by patient control number, in the right tenant.
 */
class SubmissionStoreTest {

	private final String tenant = "T" + UUID.randomUUID().toString().substring(0, 8);
	private final String connection = "conn-" + tenant;
	private final String sender = "S" + tenant;
	private final Instant now = Instant.parse("2026-11-29T10:15:30Z");

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	private static SubmissionStore store(DataSource database) {
		SubmissionStore store = new SubmissionStore(database);
		store.createTables();
		store.createTables(); // idempotent, as at every start
		return store;
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aClaimGoesFromTheQueueIntoAnInterchangeAndOut(DataSource database) {
		SubmissionStore store = store(database);
		long first = store.queue(tenant, "c1", "r1", connection, false, now);
		long second = store.queue(tenant, "c2", "r2", connection, false, now.plusSeconds(1));

		assertThat(store.queued(connection, 10)).extracting(Submission::id).containsExactly(first, second);
		assertThat(store.queued(connection, 1)).extracting(Submission::id).containsExactly(first);
		assertThat(store.latest(tenant, "c1").orElseThrow().state().inFlight()).isTrue();

		Batch batch = store.generated(connection, sender + "-000000007.x12", sender, "000000007", "7", "ISA*...~",
				List.of(new BatchClaim(first, "0001", "c1"), new BatchClaim(second, "0002", "c2")), now);

		assertThat(store.queued(connection, 10)).isEmpty();
		assertThat(store.unsent(connection)).extracting(Batch::fileName).containsExactly(sender + "-000000007.x12");
		assertThat(store.unsent(connection).get(0).content()).isEqualTo("ISA*...~");

		List<Submission> sent = store.sent(batch.id(), now.plusSeconds(5));

		assertThat(sent).extracting(Submission::state).containsOnly(State.SENT);
		assertThat(sent).extracting(Submission::sentAt).containsOnly(now.plusSeconds(5));
		assertThat(store.unsent(connection)).isEmpty();
		assertThat(store.batchOfGroup(sender, "7").orElseThrow().id()).isEqualTo(batch.id());
		assertThat(store.inBatch(batch.id())).extracting(Submission::transactionControlNumber)
				.containsExactly("0001", "0002");
		assertThat(store.sentWithPatientControlNumber("c2", tenant).orElseThrow().id()).isEqualTo(second);
		assertThat(store.sentWithPatientControlNumber("c2", "another-tenant")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aRejectedClaimMaySubmitAgainAndItsNewestSubmissionIsTheOneThatCounts(DataSource database) {
		SubmissionStore store = store(database);
		long first = store.queue(tenant, "c1", "r1", connection, false, now);
		store.state(first, State.REJECTED, now.plusSeconds(60));

		assertThat(store.latest(tenant, "c1").orElseThrow().state().inFlight()).isFalse();

		long again = store.queue(tenant, "c1", "r9", connection, true, now.plusSeconds(120));

		assertThat(store.latest(tenant, "c1").orElseThrow().id()).isEqualTo(again);
		assertThat(store.latest(tenant, "c1").orElseThrow().claimResponseId()).isEqualTo("r9");
		assertThat(store.latest(tenant, "c1").orElseThrow().voids()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void anInterchangeRecordedButNotMarkedSentIsFoundByANewStoreAsARestartWould(DataSource database) {
		SubmissionStore before = store(database);
		long id = before.queue(tenant, "c1", "r1", connection, false, now);
		before.generated(connection, sender + "-000000011.x12", sender, "000000011", "11", "ISA~",
				List.of(new BatchClaim(id, "0001", "c1")), now);

		SubmissionStore after = store(database);

		assertThat(after.unsent(connection)).extracting(Batch::interchangeControlNumber).containsExactly("000000011");
		assertThat(after.queued(connection, 10)).isEmpty();
		assertThat(after.latest(tenant, "c1").orElseThrow().state()).isEqualTo(State.GENERATED);
	}
}
