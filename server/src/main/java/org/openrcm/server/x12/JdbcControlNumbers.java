package org.openrcm.server.x12;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ControlNumbers} kept in the server's database, so they survive restarts and crashes: one row per sender and
 * kind (ISA, GS, ST) in the table {@value #TABLE}, which {@link #createTable()} makes at start-up with plain SQL that
 * H2 and PostgreSQL both run.
 *
 * <p>Numbers are reserved in blocks: a row holds the first number not yet reserved, and one short transaction
 * advances it by the block size ({@code UPDATE ... SET next_value = next_value + block}, whose row lock serializes
 * concurrent reservations, also across several server instances on one database). The block is durable before any
 * number of it is handed out; the numbers are then handed out from memory. A restart or crash loses the rest of a
 * block: those numbers are skipped, never reused (gaps are harmless to receivers, repeats are not). Several
 * instances on one database get disjoint blocks, so numbers stay unique per sender, though no longer in the order
 * interchanges were written.
 *
 * <p>H2 writes committed changes to its file after a short delay (its {@code WRITE_DELAY}, 500 ms by default), so a
 * process killed in that window would lose a reservation it had already used from. On H2 each reservation is
 * therefore followed by {@code CHECKPOINT SYNC}, which forces it to disk: one sync per block, not per number.
 * PostgreSQL's commit is durable by itself.
 *
 * <p>Safe for concurrent use: each sender and kind has its own lock, held while a block is reserved.
 */
public final class JdbcControlNumbers implements ControlNumbers {

	/** The table of reservations: {@code sender}, {@code kind}, {@code next_value} (the first number not reserved). */
	static final String TABLE = "orcm_x12_control_number";

	/** Numbers reserved per database round trip unless configured otherwise; at most this many are lost per restart. */
	public static final int DEFAULT_BLOCK_SIZE = 20;

	private static final Logger log = LoggerFactory.getLogger(JdbcControlNumbers.class);
	/** SQLSTATE class 23, integrity constraint violation: another instance inserted the same row first. */
	private static final String INTEGRITY_VIOLATION = "23";
	private static final int ATTEMPTS = 5;

	private final DataSource dataSource;
	private final int blockSize;
	private final Map<String, Block> blocks = new ConcurrentHashMap<>();
	/** Whether to force each reservation to disk: decided from the first connection (H2 or not). */
	private volatile Boolean syncAfterReserve;

	/**
	 * @param dataSource the server's database
	 * @param blockSize numbers reserved per round trip, at least 1
	 */
	public JdbcControlNumbers(DataSource dataSource, int blockSize) {
		if (blockSize < 1) {
			throw new IllegalArgumentException("the block size must be at least 1, not " + blockSize);
		}
		this.dataSource = dataSource;
		this.blockSize = blockSize;
	}

	/** Creates the table unless it exists; run once at start-up, before the first number is asked for. */
	public void createTable() {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (sender VARCHAR(40) NOT NULL, "
					+ "kind VARCHAR(3) NOT NULL, next_value BIGINT NOT NULL, PRIMARY KEY (sender, kind))");
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		} catch (SQLException e) {
			throw new IllegalStateException("the X12 control number table " + TABLE + " could not be created: "
					+ e.getMessage(), e);
		}
	}

	@Override
	public long nextInterchange(String sender) {
		return next(sender, "ISA");
	}

	@Override
	public long nextGroup(String sender) {
		return next(sender, "GS");
	}

	@Override
	public long nextTransaction(String sender) {
		return next(sender, "ST");
	}

	private long next(String sender, String kind) {
		if (sender == null || sender.isEmpty() || sender.length() > 40) {
			throw new IllegalArgumentException("a sender key has 1 to 40 characters, not \"" + sender + "\"");
		}
		Block block = blocks.computeIfAbsent(kind + "|" + sender, key -> new Block());
		synchronized (block) {
			if (block.next >= block.end) {
				long first = reserve(sender, kind);
				block.next = first;
				block.end = Math.min(first + blockSize, MAX + 1);
			}
			return block.next++;
		}
	}

	/** Reserves the next block in the database; returns its first number. */
	private long reserve(String sender, String kind) {
		SQLException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try (Connection connection = dataSource.getConnection()) {
				boolean autoCommit = connection.getAutoCommit();
				connection.setAutoCommit(false);
				try {
					long first = advance(connection, sender, kind);
					connection.commit();
					forceToDisk(connection);
					if (first > MAX) {
						throw new IllegalStateException("X12 " + kind + " control numbers of " + sender
								+ " are exhausted (the largest is " + MAX + ")");
					}
					return first;
				} catch (SQLException e) {
					connection.rollback();
					if (!isIntegrityViolation(e)) {
						throw e;
					}
					// another instance created the row between our update and insert: update it now
					last = e;
				} finally {
					connection.setAutoCommit(autoCommit);
				}
			} catch (SQLException e) {
				throw new IllegalStateException("no X12 " + kind + " control number could be reserved for " + sender
						+ ": " + e.getMessage(), e);
			}
		}
		throw new IllegalStateException("no X12 " + kind + " control number could be reserved for " + sender
				+ " after " + ATTEMPTS + " attempts", last);
	}

	/** Moves the row on by a block (creating it at 1 when absent) and returns the block's first number. */
	private long advance(Connection connection, String sender, String kind) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE " + TABLE + " SET next_value = next_value + ? WHERE sender = ? AND kind = ?")) {
			update.setLong(1, blockSize);
			update.setString(2, sender);
			update.setString(3, kind);
			if (update.executeUpdate() == 0) {
				try (PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO " + TABLE + " (sender, kind, next_value) VALUES (?, ?, ?)")) {
					insert.setString(1, sender);
					insert.setString(2, kind);
					insert.setLong(3, 1L + blockSize);
					insert.executeUpdate();
				}
				return 1;
			}
		}
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT next_value FROM " + TABLE + " WHERE sender = ? AND kind = ?")) {
			select.setString(1, sender);
			select.setString(2, kind);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					throw new SQLException("the control number row of " + sender + " " + kind + " vanished");
				}
				return row.getLong(1) - blockSize;
			}
		}
	}

	/** On H2, writes the committed reservation to disk now (see the class comment). */
	private void forceToDisk(Connection connection) throws SQLException {
		if (syncAfterReserve == null) {
			syncAfterReserve = connection.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT)
					.contains("H2");
		}
		if (syncAfterReserve) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CHECKPOINT SYNC");
			} catch (SQLException e) {
				// e.g. a database user without admin rights: the reservation stands, with H2's own durability
				syncAfterReserve = false;
				log.warn("CHECKPOINT SYNC after reserving X12 control numbers failed ({}); reservations are no "
						+ "longer forced to disk, so a crash within H2's write delay could reuse numbers",
						e.getMessage());
			}
		}
	}

	private static boolean isIntegrityViolation(SQLException e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
				return true;
			}
		}
		return false;
	}

	/** The numbers of one sender and kind reserved by this instance and not yet handed out: {@code [next, end)}. */
	private static final class Block {
		long next;
		long end;
	}
}
