package org.openrcm.server.clearinghouse;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the in-process payer sandbox's SFTP server listens and how to log in to it, for connections with
 * {@code channel.type=sandbox}. The application provides it once the sandbox has started (a bean of this type);
 * {@link ClearinghouseConnections} asks for it only when a sandbox channel is first used. The server is on
 * loopback ({@code 127.0.0.1}).
 *
 * @param port the port the sandbox listens on
 * @param username the sandbox login
 * @param password the sandbox password
 * @param hostKeyFingerprint the sandbox's host key fingerprint ({@code SHA256:...}), pinned when given; null or
 *                           empty accepts any host key (logged as a warning)
 * @param realTimePort the port of the sandbox's real-time HTTP endpoint ({@value #REAL_TIME_PATH}, same login); 0
 *                     when it has none
 */
public record SandboxEndpoint(int port, String username, String password, String hostKeyFingerprint,
		int realTimePort) {

	/** The path of the sandbox's real-time endpoint. */
	public static final String REAL_TIME_PATH = "/core/realtime";

	public SandboxEndpoint {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
	}

	/** An endpoint without real time. */
	public SandboxEndpoint(int port, String username, String password, String hostKeyFingerprint) {
		this(port, username, password, hostKeyFingerprint, 0);
	}

	/** The real-time endpoint's address, when the sandbox has one. */
	public Optional<URI> realTimeUrl() {
		return realTimePort == 0 ? Optional.empty()
				: Optional.of(URI.create("http://127.0.0.1:" + realTimePort + REAL_TIME_PATH));
	}

	/** Never the password. */
	@Override
	public String toString() {
		return "SandboxEndpoint[" + username + "@127.0.0.1:" + port + ", host key "
				+ (hostKeyFingerprint == null || hostKeyFingerprint.isEmpty() ? "not pinned" : hostKeyFingerprint)
				+ (realTimePort == 0 ? "" : ", real time on port " + realTimePort) + "]";
	}
}
