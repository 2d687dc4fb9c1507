package org.openrcm.server.priorauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrcm.server.support.TestDatabases;

/**
 * The prior authorization requests on H2 and PostgreSQL: a request sent as a batch file is found by the sender and
 * GS06 a 999 names, with the control numbers of its latest file (a request sent again moves to its new file).
 */
class PriorAuthStoreTest {

	private final String tenant = "T" + UUID.randomUUID().toString().substring(0, 8);
	private final Instant now = Instant.parse("2026-11-29T10:15:30Z");

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aRequestIsFoundByTheControlNumbersOfItsLatestFile(DataSource database) {
		PriorAuthStore store = new PriorAuthStore(database);
		store.createTable();
		store.createTable(); // idempotent, as at every start (the added columns too)
		String sender = "S" + UUID.randomUUID().toString().substring(0, 8);
		String trace = "PA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		PriorAuthStore.Request request = store.sent(trace, tenant, "default", "c1", "cr1", "sys|1", "ISA*...", now);

		store.sentIn(request.id(), sender, "000000031", "31", "0001");
		assertThat(store.inGroup(sender, "31")).singleElement().satisfies(sent -> {
			assertThat(sent.request().trace()).isEqualTo(trace);
			assertThat(sent.request().claimResponseId()).isEqualTo("cr1");
			assertThat(sent.request().state()).isEqualTo(PriorAuthStore.State.SENT);
			assertThat(sent.interchangeControlNumber()).isEqualTo("000000031");
			assertThat(sent.transactionControlNumber()).isEqualTo("0001");
		});

		store.sentIn(request.id(), sender, "000000035", "35", "0004");
		assertThat(store.inGroup(sender, "31")).as("sent again in another file").isEmpty();
		assertThat(store.inGroup(sender, "35")).singleElement()
				.satisfies(sent -> assertThat(sent.transactionControlNumber()).isEqualTo("0004"));
	}
}
