package org.openrcm.server.clearinghouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clearinghouse channel over SFTP ({@code channel.type=sftp}, and {@code sandbox} for the payer sandbox), with
 * Apache MINA SSHD.
 *
 * <p>One SSH session and SFTP subsystem serve every call; they are opened on the first call, and opened again on the
 * next call after they failed or the server closed them (an idle session is closed after the operation timeout).
 * When a call fails on a session that was opened earlier, it is tried once more on a new session, since the failure
 * may be the server having gone away in between; a call on a fresh session is not repeated here (that is
 * {@link RetryingChannel}'s job).
 *
 * <p>The server's host key is checked against the pinned fingerprints or the known_hosts file of the
 * {@link SftpSettings}; accepting any key is logged as a warning on every connection. A refused host key or login
 * is a {@link ChannelAccessException}. Passwords and passphrases never appear in messages, logs or
 * {@link #describe()}. The client reads nothing from {@code ~/.ssh}: no config, no default identities.
 */
public final class SftpChannel implements ClearinghouseChannel {

	private static final Logger log = LoggerFactory.getLogger(SftpChannel.class);

	private final SftpSettings settings;
	private final HostKeyCheck hostKeyCheck;
	private SshClient client;
	private ClientSession session;
	private SftpClient sftp;
	private boolean archiveReady;
	private boolean closed;

	/** Connects nothing yet: the session is opened by the first call. */
	public SftpChannel(SftpSettings settings) {
		this.settings = settings;
		this.hostKeyCheck = new HostKeyCheck();
	}

	@Override
	public boolean upload(String name, byte[] content) throws IOException {
		ChannelFileNames.require(name);
		String target = ChannelDirectories.join(settings.directories().outbound(), name);
		return call("upload " + target, sftp -> {
			if (alreadyThere(sftp, target, content.length)) {
				return false;
			}
			String part = target + ChannelFileNames.PART;
			try (OutputStream out = sftp.write(part, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
				out.write(content);
			}
			long written = sftp.stat(part).getSize();
			if (written != content.length) {
				throw new IOException("the server holds " + written + " bytes of " + part + " after "
						+ content.length + " were written");
			}
			if (alreadyThere(sftp, target, content.length)) {
				sftp.remove(part);
				return false;
			}
			sftp.rename(part, target);
			return true;
		});
	}

	@Override
	public List<String> listInbound() throws IOException {
		String inbound = settings.directories().inbound();
		return call("list " + (inbound.isEmpty() ? "the login directory" : inbound), sftp -> {
			List<String> names = new ArrayList<>();
			for (DirEntry entry : sftp.readDir(inbound.isEmpty() ? "." : inbound)) {
				if (ChannelFileNames.isComplete(entry.getFilename()) && entry.getAttributes().isRegularFile()) {
					names.add(entry.getFilename());
				}
			}
			names.sort(null);
			return names;
		});
	}

	@Override
	public byte[] fetch(String name) throws IOException {
		ChannelFileNames.require(name);
		String path = ChannelDirectories.join(settings.directories().inbound(), name);
		return call("fetch " + path, sftp -> {
			try (InputStream in = sftp.read(path)) {
				return in.readAllBytes();
			}
		});
	}

	@Override
	public void remove(String name) throws IOException {
		ChannelFileNames.require(name);
		ChannelDirectories directories = settings.directories();
		String path = ChannelDirectories.join(directories.inbound(), name);
		call("remove " + path, sftp -> {
			if (stat(sftp, path) == null) {
				return null;
			}
			if (!directories.archives()) {
				sftp.remove(path);
				return null;
			}
			ensureArchive(sftp, directories.archive());
			for (int n = 0; n < 10_000; n++) {
				String target = ChannelDirectories.join(directories.archive(), n == 0 ? name : name + "." + n);
				if (stat(sftp, target) == null) {
					sftp.rename(path, target);
					return null;
				}
			}
			throw new IOException("the archive directory already holds 10000 files named " + name + "[.n]");
		});
	}

	@Override
	public String describe() {
		return settings.describe();
	}

	@Override
	public String toString() {
		return describe();
	}

	/** Closes the session and the SSH client; a closed channel refuses further calls. */
	@Override
	public synchronized void close() {
		closed = true;
		closeSession();
		if (client != null) {
			try {
				client.stop();
			} finally {
				client = null;
			}
		}
	}

	/**
	 * Reads a private key file (OpenSSH or PEM).
	 *
	 * @param file the key file
	 * @param passphrase its passphrase, or null when it is not encrypted
	 * @return the key pair
	 * @throws IOException when the file cannot be read, holds no key, or the passphrase is missing or wrong; the
	 *                     message names the file, never the passphrase
	 */
	public static KeyPair loadKeyPair(Path file, String passphrase) throws IOException {
		FilePasswordProvider passwords =
				passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
		Iterable<KeyPair> keys;
		try (InputStream in = Files.newInputStream(file)) {
			keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, passwords);
		} catch (NoSuchFileException e) {
			throw new IOException("the private key file " + file + " does not exist");
		} catch (IOException | GeneralSecurityException | RuntimeException e) {
			String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			if (passphrase != null) {
				reason = reason.replace(passphrase, "****");
			}
			throw new IOException("cannot read the private key file " + file + " ("
					+ (passphrase == null ? "no passphrase given" : "with the passphrase given") + "): " + reason);
		}
		Iterator<KeyPair> first = keys == null ? null : keys.iterator();
		if (first == null || !first.hasNext()) {
			throw new IOException("the private key file " + file + " holds no private key");
		}
		return first.next();
	}

	/** The SHA-256 fingerprint of a public key as {@code ssh-keygen -l} prints it: {@code SHA256:} and base64. */
	public static String fingerprint(PublicKey key) {
		return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
	}

	@FunctionalInterface
	private interface SftpCall<T> {
		T run(SftpClient sftp) throws IOException;
	}

	private synchronized <T> T call(String action, SftpCall<T> call) throws IOException {
		if (closed) {
			throw new IOException(describe() + " is closed");
		}
		boolean reused = sftp != null && sftp.isOpen() && session.isOpen();
		if (!reused) {
			open();
		}
		while (true) {
			try {
				try {
					return call.run(sftp);
				} catch (UncheckedIOException e) {
					// MINA's directory listing reports a failed session this way while it iterates
					throw e.getCause();
				}
			} catch (SftpException e) {
				throw translate(action, e);
			} catch (FileSystemException e) {
				throw e;
			} catch (IOException e) {
				closeSession();
				if (!reused) {
					throw failure(action, e);
				}
				log.info("Clearinghouse {}: the session failed ({}); opening a new one", where(), message(e));
				reused = false;
				open();
			}
		}
	}

	private void open() throws IOException {
		closeSession();
		if (client == null) {
			SshClient created = SshClient.setUpDefaultClient();
			created.setServerKeyVerifier(hostKeyCheck);
			created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
			created.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
			created.setFilePasswordProvider(FilePasswordProvider.EMPTY);
			CoreModuleProperties.IO_CONNECT_TIMEOUT.set(created, settings.connectTimeout());
			CoreModuleProperties.IDLE_TIMEOUT.set(created, settings.operationTimeout());
			created.start();
			client = created;
		}
		KeyPair key = settings.privateKey() == null
				? null
				: loadKeyPair(settings.privateKey(), settings.privateKeyPassphrase());
		hostKeyCheck.refusal = null;
		ClientSession opened;
		try {
			opened = client.connect(settings.username(), settings.host(), settings.port())
					.verify(settings.connectTimeout())
					.getSession();
		} catch (IOException e) {
			throw new IOException("cannot connect to the SFTP server " + where() + ": " + message(e), e);
		}
		try {
			if (key != null) {
				opened.addPublicKeyIdentity(key);
			}
			if (settings.password() != null) {
				opened.addPasswordIdentity(settings.password());
			}
			opened.auth().verify(settings.authTimeout());
			sftp = SftpClientFactory.instance().createSftpClient(opened);
			session = opened;
		} catch (IOException e) {
			opened.close(true);
			String refusal = hostKeyCheck.refusal;
			if (refusal != null) {
				throw new ChannelAccessException("refused the SFTP server " + where() + ": " + refusal);
			}
			if (disconnectCode(e) == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
				throw new ChannelAccessException("the SFTP server " + where() + " refused the login of '"
						+ settings.username() + "' with the " + credentials() + " configured");
			}
			throw new IOException("cannot log in to the SFTP server " + where() + ": " + message(e), e);
		}
		archiveReady = false;
		log.info("Clearinghouse session opened: {}", describe());
	}

	private void closeSession() {
		SftpClient openSftp = sftp;
		ClientSession openSession = session;
		sftp = null;
		session = null;
		if (openSftp != null) {
			try {
				openSftp.close();
			} catch (IOException e) {
				log.debug("Closing the SFTP subsystem of {}: {}", where(), message(e));
			}
		}
		if (openSession != null) {
			openSession.close(true);
		}
	}

	private boolean alreadyThere(SftpClient sftp, String target, long size) throws IOException {
		Attributes attributes = stat(sftp, target);
		if (attributes == null) {
			return false;
		}
		if (attributes.isRegularFile() && attributes.getSize() == size) {
			return true;
		}
		throw new FileAlreadyExistsException(target, null, "a different file of that name (" + attributes.getSize()
				+ " bytes, this one " + size + ") is already in the outbound directory of " + where()
				+ "; it is not overwritten");
	}

	private void ensureArchive(SftpClient sftp, String archive) throws IOException {
		if (archiveReady) {
			return;
		}
		if (stat(sftp, archive) == null) {
			try {
				sftp.mkdir(archive);
			} catch (SftpException e) {
				if (stat(sftp, archive) == null) {
					throw e;
				}
			}
		}
		archiveReady = true;
	}

	/** The attributes of a path, or null when there is nothing there. */
	private static Attributes stat(SftpClient sftp, String path) throws IOException {
		try {
			return sftp.lstat(path);
		} catch (SftpException e) {
			int status = e.getStatus();
			if (status == SftpConstants.SSH_FX_NO_SUCH_FILE || status == SftpConstants.SSH_FX_NO_SUCH_PATH) {
				return null;
			}
			throw e;
		}
	}

	private IOException translate(String action, SftpException e) {
		String detail = " on " + where() + " (" + redact(e.getMessage()) + ")";
		return switch (e.getStatus()) {
			case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
				new NoSuchFileException(action, null, "no such file or directory" + detail);
			case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS ->
				new FileAlreadyExistsException(action, null, "already exists" + detail);
			case SftpConstants.SSH_FX_PERMISSION_DENIED ->
				new AccessDeniedException(action, null, "permission denied" + detail);
			default -> new IOException(action + " failed" + detail, e);
		};
	}

	private IOException failure(String action, IOException e) {
		if (e instanceof ChannelAccessException) {
			return e;
		}
		return new IOException(action + " on " + where() + " failed: " + message(e), e);
	}

	private String where() {
		return settings.username() + "@" + settings.host() + ":" + settings.port();
	}

	private String credentials() {
		if (settings.privateKey() != null) {
			return settings.password() != null ? "key and password" : "key";
		}
		return "password";
	}

	/** An exception's message for a log or another message, secrets replaced. */
	private String message(Throwable e) {
		StringBuilder text = new StringBuilder();
		for (Throwable t = e; t != null && text.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
			if (!text.isEmpty()) {
				text.append(": ");
			}
			text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
		}
		return redact(text.toString());
	}

	private String redact(String text) {
		if (text == null) {
			return "";
		}
		String redacted = text;
		for (String secret : new String[] {settings.password(), settings.privateKeyPassphrase()}) {
			if (secret != null && !secret.isEmpty()) {
				redacted = redacted.replace(secret, "****");
			}
		}
		return redacted;
	}

	private static int disconnectCode(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SshException ssh && ssh.getDisconnectCode() != 0) {
				return ssh.getDisconnectCode();
			}
		}
		return 0;
	}

	/** Checks the server's host key as the settings say, and remembers why it refused one. */
	private final class HostKeyCheck implements ServerKeyVerifier {

		private final ServerKeyVerifier knownHosts = settings.knownHosts() == null
				? null
				: new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, settings.knownHosts());
		private volatile String refusal;

		@Override
		public boolean verifyServerKey(ClientSession clientSession, SocketAddress remoteAddress, PublicKey serverKey) {
			String fingerprint = fingerprint(serverKey);
			if (!settings.hostKeyFingerprints().isEmpty()) {
				for (String pinned : settings.hostKeyFingerprints()) {
					if (sameFingerprint(pinned, fingerprint)) {
						return true;
					}
				}
				refusal = "its host key is " + fingerprint + ", not the pinned "
						+ String.join(" or ", settings.hostKeyFingerprints());
				return false;
			}
			if (knownHosts != null) {
				if (!Files.isReadable(settings.knownHosts())) {
					refusal = "the known_hosts file " + settings.knownHosts() + " cannot be read";
					return false;
				}
				if (knownHosts.verifyServerKey(clientSession, remoteAddress, serverKey)) {
					return true;
				}
				refusal = "its host key " + fingerprint + " is not the one listed for " + settings.host() + ":"
						+ settings.port() + " in " + settings.knownHosts();
				return false;
			}
			log.warn("Clearinghouse {}: accepting host key {} without checking it (accept-any-host-key); pin it with"
					+ " host-key-fingerprint={}", where(), fingerprint, fingerprint);
			return true;
		}

		private static boolean sameFingerprint(String pinned, String actual) {
			return strip(pinned).equals(strip(actual));
		}

		private static String strip(String fingerprint) {
			String value = fingerprint.trim();
			int colon = value.indexOf(':');
			String digest = colon < 0 ? "" : value.substring(0, colon).toUpperCase(java.util.Locale.ROOT);
			String hash = value.substring(colon + 1);
			while (hash.endsWith("=")) {
				hash = hash.substring(0, hash.length() - 1);
			}
			return digest + ":" + hash;
		}
	}
}
