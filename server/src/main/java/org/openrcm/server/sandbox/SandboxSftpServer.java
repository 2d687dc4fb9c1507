package org.openrcm.server.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payer sandbox's SFTP server: an embedded Apache MINA SSHD server on loopback that plays the clearinghouse's
 * side of a {@code sandbox} clearinghouse channel. It serves one root directory as {@code /} (nothing outside it is
 * reachable) holding {@code outbound} (files OpenRCM sends), {@code inbound} (files for OpenRCM) and
 * {@code archive}, which {@link #start()} creates. SFTP only: no shell, no commands, no port forwarding.
 *
 * <p>One user logs in, with its password or, when one is authorized, a public key. The host key is generated on the
 * first start and kept in a file, so the server shows the same key after a restart and a client that pinned its
 * fingerprint ({@link #hostKeyFingerprint()}) keeps connecting. The server can be started again after
 * {@link #close()}; with port 0 it then binds the port it was given the first time, so clients find it again.
 */
public final class SandboxSftpServer implements Closeable {

	/** The address the server listens on. */
	public static final String HOST = "127.0.0.1";

	private static final Logger log = LoggerFactory.getLogger(SandboxSftpServer.class);

	private final Path root;
	private final Path hostKeyFile;
	private final SimpleGeneratorHostKeyProvider hostKeys;
	private final String username;
	private final byte[] password;
	private final List<PublicKey> authorizedKeys = new CopyOnWriteArrayList<>();
	private int port;
	private SshServer server;

	/**
	 * @param root the directory served as {@code /}; created when missing
	 * @param hostKeyFile where the host key is kept (generated there on the first start); keep it outside the root
	 * @param port the port to listen on, 0 for any free one ({@link #port()} tells which)
	 * @param username the login
	 * @param password the password
	 */
	public SandboxSftpServer(Path root, Path hostKeyFile, int port, String username, String password) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
		}
		this.root = root.toAbsolutePath().normalize();
		this.hostKeyFile = hostKeyFile.toAbsolutePath().normalize();
		this.hostKeys = new SimpleGeneratorHostKeyProvider(this.hostKeyFile);
		this.hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
		this.hostKeys.setKeySize(256);
		this.port = port;
		this.username = Objects.requireNonNull(username, "username");
		this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Lets the user log in with this public key as well as with the password.
	 *
	 * @return this server
	 */
	public SandboxSftpServer authorize(PublicKey key) {
		authorizedKeys.add(Objects.requireNonNull(key, "key"));
		return this;
	}

	/**
	 * Creates the root and its three directories and starts listening. Does nothing when already started.
	 *
	 * @throws IOException when the port cannot be bound or the host key cannot be read or written
	 */
	public synchronized void start() throws IOException {
		if (server != null) {
			return;
		}
		for (String directory : List.of("outbound", "inbound", "archive")) {
			Files.createDirectories(root.resolve(directory));
		}
		// the key provider keeps a key it cannot write in memory only: a restart would show another key
		Files.createDirectories(hostKeyFile.getParent());
		SshServer created = SshServer.setUpDefaultServer();
		created.setHost(HOST);
		created.setPort(port);
		created.setKeyPairProvider(hostKeys);
		created.setPasswordAuthenticator((user, offered, session) -> username.equals(user)
				&& MessageDigest.isEqual(password, offered.getBytes(StandardCharsets.UTF_8)));
		created.setPublickeyAuthenticator((user, key, session) -> username.equals(user)
				&& authorizedKeys.stream().anyMatch(authorized -> KeyUtils.compareKeys(authorized, key)));
		created.setKeyboardInteractiveAuthenticator(null);
		created.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
		created.setShellFactory(null);
		created.setCommandFactory(null);
		created.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
		created.setFileSystemFactory(new VirtualFileSystemFactory(root));
		try {
			created.start();
		} catch (IOException | RuntimeException e) {
			created.stop(true);
			throw e;
		}
		server = created;
		port = created.getPort();
		log.info("Payer sandbox SFTP server listening on {}:{} (user {}, host key {}), serving {}", HOST, port,
				username, hostKeyFingerprint(), root);
	}

	/** The port the server listens on (the one it was given, or the one it picked for port 0 once started). */
	public synchronized int port() {
		return port;
	}

	/** The login. */
	public String username() {
		return username;
	}

	/** The directory served as {@code /}. */
	public Path root() {
		return root;
	}

	/** Where OpenRCM's files arrive: {@code root/outbound}. */
	public Path outbound() {
		return root.resolve("outbound");
	}

	/** Where files for OpenRCM are put: {@code root/inbound}. */
	public Path inbound() {
		return root.resolve("inbound");
	}

	/** Where OpenRCM moves inbound files it has stored: {@code root/archive}. */
	public Path archive() {
		return root.resolve("archive");
	}

	/** Whether the server is listening. */
	public synchronized boolean isRunning() {
		return server != null && server.isStarted();
	}

	/**
	 * The host key's SHA-256 fingerprint as {@code ssh-keygen -l} prints it ({@code SHA256:...}), to pin in a
	 * client. Generates the key when it does not exist yet.
	 *
	 * @throws IllegalStateException when the host key cannot be read or generated
	 */
	public String hostKeyFingerprint() {
		return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey());
	}

	/**
	 * The public half of the host key, e.g. for a {@code known_hosts} line. Generates the key when it does not exist
	 * yet.
	 *
	 * @throws IllegalStateException when the host key cannot be read or generated
	 */
	public PublicKey hostKey() {
		try {
			Files.createDirectories(hostKeyFile.getParent());
			List<KeyPair> keys = hostKeys.loadKeys(null);
			return keys.get(0).getPublic();
		} catch (IOException | RuntimeException e) {
			throw new IllegalStateException("cannot read or generate the sandbox host key: " + e.getMessage(), e);
		}
	}

	/** Stops listening and closes every session at once. The server can be started again. */
	@Override
	public synchronized void close() throws IOException {
		if (server != null) {
			try {
				server.stop(true);
			} finally {
				server = null;
			}
			log.info("Payer sandbox SFTP server on {}:{} stopped", HOST, port);
		}
	}
}
