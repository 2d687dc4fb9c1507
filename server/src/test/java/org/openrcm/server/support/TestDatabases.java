package org.openrcm.server.support;

import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Named;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases a storage test runs on: a fresh in-memory H2 always, and the PostgreSQL database named by
 * {@code OPENRCM_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}) when set, as CI does. Tests that
 * share the PostgreSQL database keep apart by their own keys (tenants, senders).
 */
public final class TestDatabases {

	private TestDatabases() {}

	/** For {@code @MethodSource}: each database, named. */
	public static Stream<Named<DataSource>> databases() {
		Stream<Named<DataSource>> databases = Stream.of(Named.of("H2", h2("test")));
		String url = System.getenv("OPENRCM_TEST_POSTGRES_URL");
		if (url != null && !url.isBlank()) {
			PGSimpleDataSource postgres = new PGSimpleDataSource();
			postgres.setURL(url);
			postgres.setUser(System.getenv("OPENRCM_TEST_POSTGRES_USER"));
			postgres.setPassword(System.getenv("OPENRCM_TEST_POSTGRES_PASSWORD"));
			databases = Stream.concat(databases, Stream.of(Named.of("PostgreSQL", postgres)));
		}
		return databases;
	}

	/** A fresh in-memory H2 database, in the server's compatibility mode. */
	public static DataSource h2(String name) {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY");
		return h2;
	}
}
