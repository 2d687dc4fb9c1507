package org.openrcm.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The start-up decisions about the embedded database's encryption, on real database files. */
class H2EncryptionPostProcessorTest {

	@TempDir
	Path dir;

	private final H2EncryptionPostProcessor processor = new H2EncryptionPostProcessor();

	@Test
	void withoutSettingsNothingChanges() {
		StandardEnvironment environment = environment(Map.of(), Map.of());
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(url());
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("pw");
	}

	@Test
	void aKeyFromTheEnvironmentTurnsTheCipherOn() {
		StandardEnvironment environment = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY"), Map.of("OPENRCM_DB_KEY", "k3y"));
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(url() + ";CIPHER=AES");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("k3y pw");
	}

	@Test
	void aKeyFromAFileTurnsTheCipherOn() throws Exception {
		Path keyFile = Files.writeString(dir.resolve("db-key"), "fil3key\n");
		StandardEnvironment environment = environment(
				Map.of(H2EncryptionPostProcessor.KEY_FILE_PROPERTY, keyFile.toString()), Map.of());
		processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("fil3key pw");
	}

	@Test
	void aMissingKeyRefusesToStart() {
		StandardEnvironment environment = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY"), Map.of());
		assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
				.isInstanceOf(H2EncryptionException.class).hasMessageContaining("OPENRCM_DB_KEY is not set");
		StandardEnvironment noFile = environment(
				Map.of(H2EncryptionPostProcessor.KEY_FILE_PROPERTY, dir.resolve("absent").toString()), Map.of());
		assertThatThrownBy(() -> processor.postProcessEnvironment(noFile, new SpringApplication()))
				.isInstanceOf(H2EncryptionException.class).hasMessageContaining("cannot be read");
	}

	@Test
	void anUnencryptedDatabaseIsNotOpenedWithAKey() throws Exception {
		H2EncryptionTest.createWithMarker(url(), "pw");
		StandardEnvironment environment = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY"), Map.of("OPENRCM_DB_KEY", "k3y"));
		assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
				.isInstanceOf(H2EncryptionException.class).hasMessageContaining("is not encrypted")
				.hasMessageNotContaining("k3y");
	}

	@Test
	void anEncryptedDatabaseNeedsItsOwnKey() throws Exception {
		H2EncryptionTest.createWithMarker(url() + ";CIPHER=AES", "right-key pw");
		StandardEnvironment withoutKey = environment(Map.of(), Map.of());
		assertThatThrownBy(() -> processor.postProcessEnvironment(withoutKey, new SpringApplication()))
				.isInstanceOf(H2EncryptionException.class).hasMessageContaining("no key is configured");
		StandardEnvironment wrongKey = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY"),
				Map.of("OPENRCM_DB_KEY", "wrong-key"));
		H2EncryptionException refused = org.junit.jupiter.api.Assertions.assertThrows(H2EncryptionException.class,
				() -> processor.postProcessEnvironment(wrongKey, new SpringApplication()));
		assertThat(refused).hasMessageContaining("another key").hasMessageNotContaining("wrong-key");
		FailureAnalysis analysis = new H2EncryptionFailureAnalyzer().analyze(refused);
		assertThat(analysis.getDescription()).contains("another key");
		assertThat(analysis.getAction()).contains("openrcm.storage.h2-encryption-key-env");

		StandardEnvironment rightKey = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY"),
				Map.of("OPENRCM_DB_KEY", "right-key"));
		processor.postProcessEnvironment(rightKey, new SpringApplication());
		assertThat(rightKey.getProperty("spring.datasource.url")).endsWith(";CIPHER=AES");
	}

	@Test
	void aServerDatabaseIsNotSilentlyLeftUnencrypted() {
		StandardEnvironment environment = environment(
				Map.of(H2EncryptionPostProcessor.KEY_ENV_PROPERTY, "OPENRCM_DB_KEY",
						"spring.datasource.url", "jdbc:postgresql://127.0.0.1/openrcm"),
				Map.of("OPENRCM_DB_KEY", "k3y"));
		assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
				.isInstanceOf(H2EncryptionException.class).hasMessageContaining("not an embedded H2 file");
	}

	private String url() {
		return "jdbc:h2:file:" + dir.resolve("openrcm") + ";DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY";
	}

	/** An environment with the properties (over the datasource defaults) and the given environment variables. */
	private StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment() {
			@Override
			public Map<String, Object> getSystemEnvironment() {
				return variables;
			}
		};
		environment.getPropertySources().addFirst(new MapPropertySource("defaults", Map.of(
				"spring.datasource.url", url(), "spring.datasource.username", "openrcm",
				"spring.datasource.password", "pw")));
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}
}
