package org.openrcm.server.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Encrypts the embedded H2 database at rest when configured, before the data source is built:
 * <ul>
 *   <li>{@code openrcm.storage.h2-encryption-key-env}: the name of the environment variable holding the file key,
 *       or</li>
 *   <li>{@code openrcm.storage.h2-encryption-key-file}: a file holding it (a Docker/Kubernetes secret; a trailing
 *       line break is ignored).</li>
 * </ul>
 * The key itself is never a property, so it never shows in configuration listings or logs. With a key,
 * {@code spring.datasource.url} gets {@code CIPHER=AES} and {@code spring.datasource.password} becomes
 * {@code "<key> <password>"}. The server refuses to start ({@link H2EncryptionException}) when a key is asked for
 * but missing or unusable, when the datasource is not an embedded H2 file, when the existing database file is not
 * encrypted (or is, and no key is configured), and when the key does not open it. Runs after
 * {@code DataDirectoryPostProcessor}, which makes the data directory absolute.
 */
public final class H2EncryptionPostProcessor implements EnvironmentPostProcessor {

	static final String KEY_ENV_PROPERTY = "openrcm.storage.h2-encryption-key-env";
	static final String KEY_FILE_PROPERTY = "openrcm.storage.h2-encryption-key-file";
	private static final String URL = "spring.datasource.url";
	private static final String USER = "spring.datasource.username";
	private static final String PASSWORD = "spring.datasource.password";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty(URL);
		Optional<String> key = key(environment);
		if (key.isEmpty()) {
			refuseEncryptedFileWithoutKey(url);
			return;
		}
		if (!H2Encryption.isEmbeddedFile(url)) {
			throw new H2EncryptionException("H2 encryption is configured (" + configuredBy(environment) + ") but "
					+ URL + " is not an embedded H2 file database; remove the setting (encrypt other databases "
					+ "by their own means)");
		}
		try {
			H2Encryption.requireUsableKey(key.get());
		} catch (IllegalArgumentException e) {
			throw new H2EncryptionException(e.getMessage() + " (" + configuredBy(environment) + ")");
		}
		String encryptedUrl = H2Encryption.encryptedUrl(url);
		String password = H2Encryption.password(key.get(), environment.getProperty(PASSWORD, ""));
		Path file = H2Encryption.databaseFile(url);
		if (encrypted(file).orElse(true)) {
			if (Files.exists(file)) {
				H2Encryption.tryOpen(encryptedUrl, environment.getProperty(USER, ""), password).ifPresent(why -> {
					throw new H2EncryptionException("cannot open the encrypted database " + file + ": " + why);
				});
			}
		} else {
			throw new H2EncryptionException("the database " + file + " is not encrypted, but encryption is "
					+ "configured (" + configuredBy(environment) + "). Encrypt it first while the server is stopped "
					+ "(H2's org.h2.tools.ChangeFileEncryption -cipher AES), or start without the setting.");
		}
		Map<String, Object> overrides = new HashMap<>();
		overrides.put(URL, encryptedUrl);
		overrides.put(PASSWORD, password);
		environment.getPropertySources().addFirst(new MapPropertySource("openrcm-h2-encryption", overrides));
	}

	private static void refuseEncryptedFileWithoutKey(String url) {
		if (!H2Encryption.isEmbeddedFile(url) || url.toUpperCase(java.util.Locale.ROOT).contains(";CIPHER=")) {
			return;
		}
		Path file = H2Encryption.databaseFile(url);
		if (encrypted(file).orElse(false)) {
			throw new H2EncryptionException("the database " + file + " is encrypted, but no key is configured: set "
					+ KEY_ENV_PROPERTY + " or " + KEY_FILE_PROPERTY);
		}
	}

	private static Optional<Boolean> encrypted(Path file) {
		try {
			return H2Encryption.existingFileEncrypted(file);
		} catch (IOException e) {
			throw new H2EncryptionException("cannot read the database file " + file + ": " + e.getMessage());
		}
	}

	/** The key, from the named environment variable or file; empty when neither is configured. */
	private static Optional<String> key(ConfigurableEnvironment environment) {
		String variable = environment.getProperty(KEY_ENV_PROPERTY);
		String file = environment.getProperty(KEY_FILE_PROPERTY);
		if (StringUtils.hasText(variable) && StringUtils.hasText(file)) {
			throw new H2EncryptionException("set only one of " + KEY_ENV_PROPERTY + " and " + KEY_FILE_PROPERTY);
		}
		if (StringUtils.hasText(variable)) {
			Object value = environment.getSystemEnvironment().get(variable.trim());
			if (value == null || value.toString().isEmpty()) {
				throw new H2EncryptionException(KEY_ENV_PROPERTY + "=" + variable + " but the environment variable "
						+ variable + " is not set: the database key is missing");
			}
			return Optional.of(value.toString());
		}
		if (StringUtils.hasText(file)) {
			Path path = Path.of(file.trim());
			try {
				String value = Files.readString(path, StandardCharsets.UTF_8).strip();
				if (value.isEmpty()) {
					throw new H2EncryptionException(KEY_FILE_PROPERTY + "=" + file + " names an empty file");
				}
				return Optional.of(value);
			} catch (IOException e) {
				throw new H2EncryptionException(KEY_FILE_PROPERTY + "=" + file + " cannot be read: the database key "
						+ "is missing");
			}
		}
		return Optional.empty();
	}

	private static String configuredBy(ConfigurableEnvironment environment) {
		return StringUtils.hasText(environment.getProperty(KEY_ENV_PROPERTY)) ? KEY_ENV_PROPERTY : KEY_FILE_PROPERTY;
	}
}
