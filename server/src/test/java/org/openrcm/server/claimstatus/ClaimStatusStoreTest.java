package org.openrcm.server.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrcm.server.claimstatus.ClaimStatusStore.Request;
import org.openrcm.server.claimstatus.ClaimStatusStore.State;
import org.openrcm.server.support.TestDatabases;

/**
 * The claim status requests on H2 and PostgreSQL: a request is found by its tracking number with its outcome, and
 * the last time a claim was asked about is the latest request's.
 */
class ClaimStatusStoreTest {

	private final String tenant = "T" + UUID.randomUUID().toString().substring(0, 8);
	private final Instant now = Instant.parse("2026-11-29T10:15:30Z");

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void requestsAndTheirOutcomes(DataSource database) {
		ClaimStatusStore store = new ClaimStatusStore(database);
		store.createTable();
		store.createTable(); // idempotent, as at every start
		String first = "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
		String second = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);

		assertThat(store.lastRequested(tenant, "c1")).isEmpty();
		store.sent(tenant, "c1", first, "default", true, now);
		store.sent(tenant, "c1", second, "default", false, now.plusSeconds(60));
		store.outcome(first, State.TIMEOUT, "no answer", now.plusSeconds(20));

		Request timedOut = store.byTrace(first).orElseThrow();
		assertThat(timedOut.tenant()).isEqualTo(tenant);
		assertThat(timedOut.claimId()).isEqualTo("c1");
		assertThat(timedOut.realTime()).isTrue();
		assertThat(timedOut.state()).isEqualTo(State.TIMEOUT);
		assertThat(timedOut.detail()).isEqualTo("no answer");
		assertThat(store.byTrace(second).orElseThrow().state()).isEqualTo(State.SENT);
		assertThat(store.byTrace("unknown")).isEmpty();
		assertThat(store.lastRequested(tenant, "c1")).contains(now.plusSeconds(60));
		assertThat(store.lastRequested(tenant, "c2")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aFilesControlNumbersFindItsRequestBySenderAndGroup(DataSource database) {
		ClaimStatusStore store = new ClaimStatusStore(database);
		store.createTable();
		String trace = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
		String realTime = "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
		String sender = "S" + UUID.randomUUID().toString().substring(0, 8);
		store.sent(tenant, "c3", trace, "default", false, now);
		store.sent(tenant, "c4", realTime, "default", true, now);
		store.sentIn(trace, sender, "000000041", "41", "0001");

		assertThat(store.inGroup(sender, "41")).singleElement().satisfies(sent -> {
			assertThat(sent.request().trace()).isEqualTo(trace);
			assertThat(sent.request().claimId()).isEqualTo("c3");
			assertThat(sent.interchangeControlNumber()).isEqualTo("000000041");
			assertThat(sent.transactionControlNumber()).isEqualTo("0001");
		});
		assertThat(store.inGroup(sender, "42")).isEmpty();
		assertThat(store.inGroup("OTHER" + sender, "41")).as("GS06 is unique per sender only").isEmpty();
	}
}
