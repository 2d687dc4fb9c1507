package org.openrcm.server.clearinghouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything an {@link SftpChannel} needs, with its secrets resolved. {@link #toString()} and {@link #describe()}
 * leave the secrets out.
 *
 * @param label how {@link #describe()} starts: {@code sftp}, or {@code sandbox sftp} for the payer sandbox
 * @param host the server's host name or address
 * @param port the server's port
 * @param username the login
 * @param password the password, or null to log in with the key only
 * @param privateKey the private key file to log in with, or null to log in with the password only
 * @param privateKeyPassphrase the key file's passphrase, or null when it is not encrypted
 * @param hostKeyFingerprints the accepted host key fingerprints ({@code SHA256:...}); empty when the host key is
 *                            checked otherwise
 * @param knownHosts an OpenSSH {@code known_hosts} file that lists the server's host key, or null
 * @param acceptAnyHostKey accept whatever host key the server shows (only when neither of the above is set)
 * @param connectTimeout how long the TCP connection and SSH handshake may take
 * @param authTimeout how long logging in may take
 * @param operationTimeout how long a request may wait for the server's answer; also the idle time after which the
 *                         session is closed
 * @param directories the outbound, inbound and archive directories on the server
 */
public record SftpSettings(
		String label,
		String host,
		int port,
		String username,
		String password,
		Path privateKey,
		String privateKeyPassphrase,
		List<String> hostKeyFingerprints,
		Path knownHosts,
		boolean acceptAnyHostKey,
		Duration connectTimeout,
		Duration authTimeout,
		Duration operationTimeout,
		ChannelDirectories directories) {

	/**
	 * @throws IllegalArgumentException when a required part is missing, there is neither a password nor a key, or the
	 *                                  host key is not checked and {@code acceptAnyHostKey} was not said
	 */
	public SftpSettings {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(directories, "directories");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(authTimeout, "authTimeout");
		Objects.requireNonNull(operationTimeout, "operationTimeout");
		hostKeyFingerprints = List.copyOf(hostKeyFingerprints);
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("no SFTP host");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("SFTP port " + port + " is not between 1 and 65535");
		}
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("no SFTP username");
		}
		if (password == null && privateKey == null) {
			throw new IllegalArgumentException("neither a password nor a private key to log in to " + host + " with");
		}
		if (hostKeyFingerprints.isEmpty() && knownHosts == null && !acceptAnyHostKey) {
			throw new IllegalArgumentException("the host key of " + host + " is not checked: pin its fingerprint,"
					+ " name a known_hosts file, or accept any host key explicitly");
		}
	}

	/**
	 * The settings of a {@code type=sftp} connection, its secrets read from the environment variables the
	 * properties name.
	 *
	 * @param channel the connection's channel properties
	 * @param environment looks an environment variable up (null when unset), e.g. {@code System::getenv}
	 * @throws IllegalArgumentException as the constructor does
	 */
	public static SftpSettings of(ChannelProperties channel, Function<String, String> environment) {
		ChannelProperties.Sftp sftp = channel.sftp();
		return new SftpSettings("sftp", sftp.host().trim(), sftp.port(), sftp.username(),
				secret(environment, sftp.passwordEnv()),
				sftp.privateKey().isBlank() ? null : Path.of(sftp.privateKey()),
				secret(environment, sftp.privateKeyPassphraseEnv()), fingerprints(sftp.hostKeyFingerprint()),
				sftp.knownHosts().isBlank() ? null : Path.of(sftp.knownHosts()), sftp.acceptAnyHostKey(),
				sftp.connectTimeout(), sftp.authTimeout(), sftp.operationTimeout(), channel.directories());
	}

	/** The fingerprints in a comma-separated list. */
	static List<String> fingerprints(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
	}

	/** The value of an environment variable, or null when it is unset or empty. */
	static String secret(Function<String, String> environment, String variable) {
		String value = environment.apply(variable);
		return value == null || value.isEmpty() ? null : value;
	}

	/** Where the channel goes: label, user, host, port, directories and how the host key is checked. */
	public String describe() {
		String hostKey;
		if (!hostKeyFingerprints.isEmpty()) {
			hostKey = "pinned " + String.join(",", hostKeyFingerprints);
		} else if (knownHosts != null) {
			hostKey = "known_hosts " + knownHosts;
		} else {
			hostKey = "ANY (not checked)";
		}
		return label + " " + username + "@" + host + ":" + port + " (outbound=" + directories.outbound()
				+ ", inbound=" + directories.inbound() + ", archive="
				+ (directories.archives() ? directories.archive() : "none, files are deleted") + ", login="
				+ (privateKey != null ? "key " + privateKey + (password != null ? " or password" : "") : "password")
				+ ", host key=" + hostKey + ")";
	}

	/** {@link #describe()}: never the password or passphrase. */
	@Override
	public String toString() {
		return describe();
	}
}
