package org.openrcm.server.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openrcm.server.support.TestDatabases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Control numbers kept in the database: they count per sender and kind, continue after a restart and after a crash
 * without ever handing out a number twice, stay unique when several instances draw at once, and stop at the X12
 * maximum. Runs on H2, and on PostgreSQL as well when {@code OPENRCM_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}) names a database, as in CI. Each test uses senders of its own, so runs never share rows.
 */
class JdbcControlNumbersTest {

	private final String sender = "ZZ:" + UUID.randomUUID().toString().substring(0, 12).toUpperCase();

	static Stream<Named<DataSource>> databases() {
		return TestDatabases.databases();
	}

	private static JdbcControlNumbers numbers(DataSource database, int blockSize) {
		JdbcControlNumbers numbers = new JdbcControlNumbers(database, blockSize);
		numbers.createTable();
		return numbers;
	}

	@ParameterizedTest
	@MethodSource("databases")
	void numbersCountFromOnePerSenderAndKind(DataSource database) {
		JdbcControlNumbers numbers = numbers(database, 20);
		String other = sender + "X";

		assertThat(List.of(numbers.nextInterchange(sender), numbers.nextInterchange(sender),
				numbers.nextInterchange(sender))).containsExactly(1L, 2L, 3L);
		assertThat(numbers.nextGroup(sender)).isEqualTo(1);
		assertThat(numbers.nextTransaction(sender)).isEqualTo(1);
		assertThat(numbers.nextTransaction(sender)).isEqualTo(2);
		assertThat(numbers.nextInterchange(other)).isEqualTo(1);
		assertThat(numbers.nextInterchange(sender)).isEqualTo(4);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aRestartContinuesAfterWhatTheLastRunReserved(DataSource database) {
		JdbcControlNumbers before = numbers(database, 20);
		List<Long> first = List.of(before.nextInterchange(sender), before.nextInterchange(sender));

		// the table is there already: creating it again at the next start-up is harmless
		JdbcControlNumbers after = numbers(database, 20);

		assertThat(first).containsExactly(1L, 2L);
		// 3..20 were reserved by the first run and are skipped, never handed out again
		assertThat(after.nextInterchange(sender)).isEqualTo(21);
		assertThat(before.nextInterchange(sender)).isEqualTo(3);
		assertThat(after.nextInterchange(sender)).isEqualTo(22);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void instancesDrawingAtOnceNeverShareANumber(DataSource database) throws Exception {
		List<JdbcControlNumbers> instances = List.of(numbers(database, 7), numbers(database, 7));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Long>>> draws = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				JdbcControlNumbers numbers = instances.get(t % 2);
				draws.add(threads.submit(() -> {
					List<Long> drawn = new ArrayList<>();
					for (int i = 0; i < 150; i++) {
						drawn.add(numbers.nextTransaction(sender));
					}
					return drawn;
				}));
			}
			Set<Long> all = new HashSet<>();
			for (Future<List<Long>> draw : draws) {
				all.addAll(draw.get());
			}
			assertThat(all).hasSize(8 * 150).allMatch(n -> n >= 1 && n <= ControlNumbers.MAX);
		} finally {
			threads.shutdownNow();
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void theLastNumberIsNineDigits(DataSource database) throws SQLException {
		JdbcControlNumbers numbers = numbers(database, 20);
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO " + JdbcControlNumbers.TABLE + " (sender, kind, next_value) VALUES ('"
					+ sender + "', 'ISA', " + (ControlNumbers.MAX - 1) + ")");
		}

		assertThat(numbers.nextInterchange(sender)).isEqualTo(ControlNumbers.MAX - 1);
		assertThat(numbers.nextInterchange(sender)).isEqualTo(ControlNumbers.MAX);
		assertThatThrownBy(() -> numbers.nextInterchange(sender)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("exhausted");
	}

	/**
	 * A crash right after numbers were handed out: H2 is shut down without writing what it still holds in memory
	 * ({@code SHUTDOWN IMMEDIATELY}, H2's own crash simulation) while a connection keeps the database open, as the
	 * server's pool does. The reservation was forced to disk, so the next run starts after it.
	 */
	@Test
	void aCrashNeverReusesANumber(@TempDir Path folder) throws SQLException {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:file:" + folder.resolve("control-numbers") + ";DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY");
		Connection pool = database.getConnection();
		JdbcControlNumbers beforeCrash = numbers(database, 20);
		List<Long> drawn = List.of(beforeCrash.nextInterchange(sender), beforeCrash.nextInterchange(sender),
				beforeCrash.nextInterchange(sender));
		try (Statement statement = pool.createStatement()) {
			statement.execute("SHUTDOWN IMMEDIATELY");
		} catch (SQLException closedUnderneath) {
			// the connection goes down with the database
		}

		JdbcControlNumbers afterCrash = numbers(database, 20);

		assertThat(drawn).containsExactly(1L, 2L, 3L);
		assertThat(afterCrash.nextInterchange(sender)).isEqualTo(21);
	}

	@Test
	void aBlockHoldsAtLeastOneNumber() {
		assertThatThrownBy(() -> new JdbcControlNumbers(new JdbcDataSource(), 0))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
