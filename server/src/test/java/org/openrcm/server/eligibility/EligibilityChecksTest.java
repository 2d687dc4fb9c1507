package org.openrcm.server.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrcm.server.eligibility.EligibilityChecks.Check;
import org.openrcm.server.eligibility.EligibilityChecks.Sent;
import org.openrcm.server.support.TestDatabases;
import org.openrcm.server.x12.WrittenInterchange;

/**
 * The checks of a batch file on H2 and PostgreSQL: each keeps the control numbers it went out under, so a 999 naming
 * the sender and GS06 finds the checks of that file with the ST02 of each, in file order, and nothing else.
 */
class EligibilityChecksTest {

	private final String tenant = "T" + UUID.randomUUID().toString().substring(0, 8);
	private final Instant now = Instant.parse("2026-11-29T10:15:30Z");

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aBatchFilesChecksAreFoundByTheSenderAndGroupA999Names(DataSource database) {
		EligibilityChecks checks = new EligibilityChecks(database);
		checks.createTable();
		checks.createTable(); // idempotent, as at every start (the added columns too)
		String sender = "S" + UUID.randomUUID().toString().substring(0, 8);
		Check first = checks.open(tenant, "r1", "default", "task1", now);
		Check second = checks.open(tenant, "r2", "default", "task1", now);
		Check realTime = checks.open(tenant, "r3", "default", null, now);
		checks.sentIn(sender, List.of(first, second), new WrittenInterchange("", "000000077", "77",
				List.of("0001", "0002")));

		List<Sent> sent = checks.inGroup(sender, "77");
		assertThat(sent).extracting(s -> s.check().requestId()).containsExactly("r1", "r2");
		assertThat(sent).extracting(Sent::transactionControlNumber).containsExactly("0001", "0002");
		assertThat(sent).allSatisfy(s -> {
			assertThat(s.interchangeControlNumber()).isEqualTo("000000077");
			assertThat(s.check().state()).isEqualTo(EligibilityChecks.State.SENT);
			assertThat(s.check().batch()).isEqualTo("task1");
		});
		assertThat(checks.inGroup(sender, "78")).isEmpty();
		assertThat(checks.inGroup("OTHER" + sender, "77")).isEmpty();
		assertThat(sent).noneMatch(s -> s.check().id() == realTime.id());
	}
}
