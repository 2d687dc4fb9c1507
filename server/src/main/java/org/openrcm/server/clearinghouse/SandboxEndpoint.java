package org.openrcm.server.clearinghouse;

import java.util.Objects;

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
 */
public record SandboxEndpoint(int port, String username, String password, String hostKeyFingerprint) {

	public SandboxEndpoint {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
	}

	/** Never the password. */
	@Override
	public String toString() {
		return "SandboxEndpoint[" + username + "@127.0.0.1:" + port + ", host key "
				+ (hostKeyFingerprint == null || hostKeyFingerprint.isEmpty() ? "not pinned" : hostKeyFingerprint)
				+ "]";
	}
}
