package org.openrcm.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Encryption at rest of the embedded H2 database (H2's file cipher, AES): the JDBC URL gets {@code CIPHER=AES} and
 * the password becomes {@code "<file key> <user password>"}, as H2 expects. Also tells, before anything opens the
 * database, whether an existing database file matches what is configured, so that a mismatch is a clear refusal
 * to start rather than a corrupted-file error deep in the connection pool. Plain Java, no Spring.
 */
public final class H2Encryption {

	/** What H2 writes at the start of every encrypted file. */
	private static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(StandardCharsets.US_ASCII);
	private static final String FILE_PREFIX = "jdbc:h2:file:";
	// H2's error codes (org.h2.api.ErrorCode; H2 is a run-time dependency only)
	private static final int FILE_ENCRYPTION_ERROR = 90049;
	private static final int WRONG_USER_OR_PASSWORD = 28000;
	private static final int DATABASE_ALREADY_OPEN = 90020;

	private H2Encryption() {}

	/** Whether the URL is an embedded H2 database in a file (not in memory, not a TCP/SSL server). */
	public static boolean isEmbeddedFile(String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
			return false;
		}
		String rest = url.substring(8).toLowerCase(Locale.ROOT);
		return rest.startsWith("file:") || !(rest.startsWith("mem:") || rest.startsWith("tcp:")
				|| rest.startsWith("ssl:") || rest.startsWith("zip:") || rest.startsWith("split:"));
	}

	/** The URL with {@code CIPHER=AES} (unchanged when it names a cipher already). */
	public static String encryptedUrl(String url) {
		if (url.toUpperCase(Locale.ROOT).contains(";CIPHER=")) {
			return url;
		}
		return url + ";CIPHER=AES";
	}

	/** H2's password for an encrypted database: the file key, a space, the user's password. */
	public static String password(String fileKey, String userPassword) {
		requireUsableKey(fileKey);
		return fileKey + " " + (userPassword == null ? "" : userPassword);
	}

	/** Refuses a key H2 cannot take: empty, or with a space (H2 splits the password at the first space). */
	public static void requireUsableKey(String fileKey) {
		if (fileKey == null || fileKey.isEmpty()) {
			throw new IllegalArgumentException("the H2 encryption key is empty");
		}
		if (fileKey.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("the H2 encryption key must not contain spaces");
		}
	}

	/** The database file ({@code <path>.mv.db}) an embedded file URL names. */
	public static Path databaseFile(String url) {
		String rest = url.substring(url.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())
				? FILE_PREFIX.length() : "jdbc:h2:".length());
		int parameters = rest.indexOf(';');
		String path = parameters < 0 ? rest : rest.substring(0, parameters);
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Path.of(path + ".mv.db");
	}

	/** Whether there is a database file and it is encrypted; empty when there is no file yet. */
	public static Optional<Boolean> existingFileEncrypted(Path databaseFile) throws IOException {
		if (!Files.isRegularFile(databaseFile)) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(databaseFile)) {
			byte[] start = in.readNBytes(ENCRYPTED_HEADER.length);
			return Optional.of(Arrays.equals(start, ENCRYPTED_HEADER));
		}
	}

	/**
	 * Opens the database once and closes it, to see whether the key fits. Returns empty when it opens, else why not
	 * in words for an operator (without the key or password).
	 */
	public static Optional<String> tryOpen(String encryptedUrl, String user, String password) {
		try (Connection ignored = DriverManager.getConnection(encryptedUrl, user, password)) {
			return Optional.empty();
		} catch (SQLException e) {
			return Optional.of(switch (e.getErrorCode()) {
				case FILE_ENCRYPTION_ERROR -> "the encryption key does not open it "
						+ "(it was encrypted with another key)";
				case WRONG_USER_OR_PASSWORD -> "the user name or password is wrong";
				case DATABASE_ALREADY_OPEN -> "another process has it open";
				default -> "H2 error " + e.getErrorCode();
			});
		}
	}
}
