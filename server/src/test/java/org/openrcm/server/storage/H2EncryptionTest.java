package org.openrcm.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2's file cipher as OpenRCM configures it, on real database files (no Spring). */
class H2EncryptionTest {

	static final String MARKER = "Quarrington-Zebedee-19570423";
	static final String KEY = "s3cret-file-key";

	@TempDir
	Path dir;

	@Test
	void anEncryptedDatabaseKeepsItsContentFromAnyoneWithoutTheKey() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("encrypted") + ";DB_CLOSE_ON_EXIT=FALSE";
		String encryptedUrl = H2Encryption.encryptedUrl(url);
		assertThat(encryptedUrl).endsWith(";CIPHER=AES");
		createWithMarker(encryptedUrl, H2Encryption.password(KEY, "userpw"));

		Path file = H2Encryption.databaseFile(url);
		assertThat(file).isEqualTo(dir.resolve("encrypted.mv.db"));
		assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
		assertThat(H2Encryption.existingFileEncrypted(file)).hasValue(true);

		assertThatThrownBy(() -> DriverManager.getConnection(url, "openrcm", "userpw"))
				.isInstanceOf(SQLException.class);
		assertThatThrownBy(() -> DriverManager.getConnection(encryptedUrl, "openrcm", "another-key userpw"))
				.isInstanceOf(SQLException.class);
		assertThat(H2Encryption.tryOpen(encryptedUrl, "openrcm", "another-key userpw"))
				.hasValueSatisfying(why -> assertThat(why).contains("another key"));

		assertThat(H2Encryption.tryOpen(encryptedUrl, "openrcm", H2Encryption.password(KEY, "userpw"))).isEmpty();
		try (Connection connection = DriverManager.getConnection(encryptedUrl, "openrcm",
				H2Encryption.password(KEY, "userpw"));
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from marker")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo(MARKER);
		}
	}

	@Test
	void withoutTheCipherTheMarkerIsInTheFile_soTheCheckAboveCanFail() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("plain") + ";DB_CLOSE_ON_EXIT=FALSE";
		createWithMarker(url, "userpw");
		Path file = H2Encryption.databaseFile(url);
		assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains(MARKER);
		assertThat(H2Encryption.existingFileEncrypted(file)).hasValue(false);
		assertThat(H2Encryption.existingFileEncrypted(dir.resolve("none.mv.db"))).isEmpty();
	}

	@Test
	void keysWithSpacesOrEmptyAreRefused() {
		assertThatThrownBy(() -> H2Encryption.password("two words", "pw")).hasMessageContaining("spaces");
		assertThatThrownBy(() -> H2Encryption.password("", "pw")).hasMessageContaining("empty");
	}

	@Test
	void onlyEmbeddedFileUrlsAreEncryptable() {
		assertThat(H2Encryption.isEmbeddedFile("jdbc:h2:file:/data/openrcm;MODE=LEGACY")).isTrue();
		assertThat(H2Encryption.isEmbeddedFile("jdbc:h2:/data/openrcm")).isTrue();
		assertThat(H2Encryption.isEmbeddedFile("jdbc:h2:mem:test")).isFalse();
		assertThat(H2Encryption.isEmbeddedFile("jdbc:h2:tcp://db/openrcm")).isFalse();
		assertThat(H2Encryption.isEmbeddedFile("jdbc:postgresql://db/openrcm")).isFalse();
		assertThat(H2Encryption.encryptedUrl("jdbc:h2:file:/x;CIPHER=AES")).isEqualTo("jdbc:h2:file:/x;CIPHER=AES");
	}

	static void createWithMarker(String url, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "openrcm", password);
				Statement statement = connection.createStatement()) {
			statement.execute("create table marker(name varchar(100))");
			statement.execute("insert into marker values ('" + MARKER + "')");
		}
	}
}
