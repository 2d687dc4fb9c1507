package org.openrcm.server.clearinghouse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.sandbox.SandboxSftpServer;

/** SftpChannel against a real SFTP server: the payer sandbox's, on loopback, serving a temporary directory. */
class SftpChannelTest {

	private static final String USER = "openrcm";
	private static final String PASSWORD = "Corr3ct-Horse-Battery";
	private static final byte[] INTERCHANGE = "ISA*00*          *00*~IEA*1*000000001~".getBytes(US_ASCII);

	@TempDir
	Path temp;

	private Path root;
	private SandboxSftpServer server;
	private final List<SftpChannel> channels = new ArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		root = temp.resolve("root");
		server = new SandboxSftpServer(root, temp.resolve("host-key"), 0, USER, PASSWORD);
		server.start();
	}

	@AfterEach
	void stop() throws IOException {
		channels.forEach(SftpChannel::close);
		server.close();
	}

	private SftpChannel channel(ChannelDirectories directories) {
		return track(new SftpChannel(settings(PASSWORD, null, null, List.of(server.hostKeyFingerprint()), null,
				directories)));
	}

	private SftpChannel channel() {
		return channel(ChannelDirectories.defaults());
	}

	private SftpChannel track(SftpChannel channel) {
		channels.add(channel);
		return channel;
	}

	private SftpSettings settings(String password, Path key, String passphrase, List<String> fingerprints,
			Path knownHosts, ChannelDirectories directories) {
		return new SftpSettings("sftp", SandboxSftpServer.HOST, server.port(), USER, password, key, passphrase,
				fingerprints, knownHosts, false, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
				directories);
	}

	@Test
	void uploadWithAPasswordPutsTheFileInTheServersOutboundDirectory() throws IOException {
		assertThat(channel().upload("837P-000000001.x12", INTERCHANGE)).isTrue();

		assertThat(root.resolve("outbound/837P-000000001.x12")).hasBinaryContent(INTERCHANGE);
		assertThat(root.resolve("outbound")).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void theReceiverNeverSeesAPartlyUploadedFile() throws Exception {
		byte[] large = new byte[24 * 1024 * 1024];
		Arrays.fill(large, (byte) 'X');
		Path outbound = root.resolve("outbound");
		// the clearinghouse's view: what it picks up from OpenRCM's outbound directory
		FolderChannel receiver = new FolderChannel(root, new ChannelDirectories("inbound", "outbound", ""));
		Set<String> listed = ConcurrentHashMap.newKeySet();
		AtomicBoolean sawPart = new AtomicBoolean();
		AtomicReference<String> partlyVisible = new AtomicReference<>();
		AtomicBoolean uploading = new AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			while (uploading.get()) {
				try {
					for (String name : receiver.listInbound()) {
						listed.add(name);
						long size = Files.size(outbound.resolve(name));
						if (size != large.length) {
							partlyVisible.set(name + " listed with " + size + " bytes");
						}
					}
					try (Stream<Path> files = Files.list(outbound)) {
						if (files.anyMatch(file -> file.getFileName().toString().endsWith(".part"))) {
							sawPart.set(true);
						}
					}
				} catch (IOException e) {
					// the file moved between the listing and the size: look again
				}
			}
		});
		watcher.start();
		try {
			assertThat(channel().upload("837P-large.x12", large)).isTrue();
		} finally {
			uploading.set(false);
			watcher.join();
		}

		assertThat(sawPart).as("the watcher looked while the upload was in progress").isTrue();
		assertThat(partlyVisible.get()).isNull();
		assertThat(listed).isSubsetOf("837P-large.x12");
		assertThat(receiver.listInbound()).containsExactly("837P-large.x12");
		assertThat(Files.size(outbound.resolve("837P-large.x12"))).isEqualTo(large.length);
	}

	@Test
	void uploadingAgainAfterACrashUploadsNothing() throws IOException {
		SftpChannel channel = channel();
		channel.upload("837P-000000001.x12", INTERCHANGE);
		Path file = root.resolve("outbound/837P-000000001.x12");
		FileTime firstUpload = FileTime.from(Instant.parse("2024-03-01T08:00:00Z"));
		Files.setLastModifiedTime(file, firstUpload);

		assertThat(channel().upload("837P-000000001.x12", INTERCHANGE)).isFalse();

		assertThat(Files.getLastModifiedTime(file)).isEqualTo(firstUpload);
		assertThat(file).hasBinaryContent(INTERCHANGE);
	}

	@Test
	void aDifferentFileUnderTheSameNameIsNotOverwritten() throws IOException {
		channel().upload("837P-000000001.x12", INTERCHANGE);

		assertThatThrownBy(() -> channel().upload("837P-000000001.x12", "ISA*different".getBytes(US_ASCII)))
				.isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not overwritten");
		assertThat(root.resolve("outbound/837P-000000001.x12")).hasBinaryContent(INTERCHANGE);
	}

	@Test
	void listInboundShowsCompleteFilesSortedAndSkipsPartialHiddenAndDirectories() throws IOException {
		Path inbound = root.resolve("inbound");
		Files.writeString(inbound.resolve("999-000000002.x12"), "ISA");
		Files.writeString(inbound.resolve("277CA-000000001.x12"), "ISA");
		Files.writeString(inbound.resolve("835-000000003.x12.part"), "ISA");
		Files.writeString(inbound.resolve("835-000000004.x12.filepart"), "ISA");
		Files.writeString(inbound.resolve(".835-000000005.x12"), "ISA");
		Files.createDirectories(inbound.resolve("2024"));

		assertThat(channel().listInbound()).containsExactly("277CA-000000001.x12", "999-000000002.x12");
	}

	@Test
	void fetchReadsAnInboundFile() throws IOException {
		Files.write(root.resolve("inbound/999-000000001.x12"), INTERCHANGE);

		assertThat(channel().fetch("999-000000001.x12")).isEqualTo(INTERCHANGE);
		assertThatThrownBy(() -> channel().fetch("missing.x12")).isInstanceOf(NoSuchFileException.class)
				.hasMessageContaining("inbound/missing.x12");
	}

	@Test
	void removeMovesTheFileToTheArchiveCreatingItAndNeverOverwrites() throws IOException {
		Path inbound = root.resolve("inbound");
		SftpChannel channel = channel(new ChannelDirectories("outbound", "inbound", "archive/2024"));
		Files.writeString(inbound.resolve("999.x12"), "first");
		channel.remove("999.x12");
		Files.writeString(inbound.resolve("999.x12"), "second");

		channel.remove("999.x12");
		channel.remove("999.x12");

		assertThat(channel.listInbound()).isEmpty();
		assertThat(root.resolve("archive/2024/999.x12")).hasContent("first");
		assertThat(root.resolve("archive/2024/999.x12.1")).hasContent("second");
	}

	@Test
	void removeWithoutAnArchiveDeletes() throws IOException {
		Files.writeString(root.resolve("inbound/999.x12"), "ISA");

		channel(new ChannelDirectories("outbound", "inbound", "")).remove("999.x12");

		assertThat(root.resolve("inbound/999.x12")).doesNotExist();
		assertThat(root.resolve("archive")).isEmptyDirectory();
	}

	@Test
	void logsInWithAnEncryptedPrivateKey() throws Exception {
		KeyPair key = ecKeyPair();
		server.authorize(key.getPublic());
		Path keyFile = writeOpenSshKey(key, "key passphrase");
		SftpChannel channel = track(new SftpChannel(settings(null, keyFile, "key passphrase",
				List.of(server.hostKeyFingerprint()), null, ChannelDirectories.defaults())));

		assertThat(channel.upload("837P.x12", INTERCHANGE)).isTrue();
		assertThat(root.resolve("outbound/837P.x12")).exists();
		assertThat(channel.describe()).contains("login=key " + keyFile).doesNotContain("key passphrase");
	}

	@Test
	void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
		Path keyFile = writeOpenSshKey(ecKeyPair(), null);
		SftpChannel channel = track(new SftpChannel(settings(null, keyFile, null,
				List.of(server.hostKeyFingerprint()), null, ChannelDirectories.defaults())));

		assertThatThrownBy(channel::listInbound).isInstanceOf(ChannelAccessException.class)
				.hasMessageContaining("refused the login of 'openrcm' with the key configured");
	}

	@Test
	void aWrongPassphraseIsReportedWithoutThePassphrase() throws Exception {
		Path keyFile = writeOpenSshKey(ecKeyPair(), "the real one");

		assertThatThrownBy(() -> SftpChannel.loadKeyPair(keyFile, "Wr0ng-Passphrase"))
				.isInstanceOf(IOException.class)
				.hasMessageContaining(keyFile.toString())
				.hasMessageNotContaining("Wr0ng-Passphrase");
	}

	@Test
	void aWrongPasswordIsRefusedWithAClearMessageThatDoesNotHoldIt() {
		String wrong = "Wrong-Passw0rd-4711";
		SftpChannel channel = track(new SftpChannel(settings(wrong, null, null,
				List.of(server.hostKeyFingerprint()), null, ChannelDirectories.defaults())));

		assertThatThrownBy(() -> channel.upload("837P.x12", INTERCHANGE))
				.isInstanceOf(ChannelAccessException.class)
				.hasMessage("the SFTP server openrcm@127.0.0.1:" + server.port()
						+ " refused the login of 'openrcm' with the password configured")
				.hasMessageNotContaining(wrong);
		assertThat(root.resolve("outbound")).isEmptyDirectory();
		assertThat(channel.describe()).doesNotContain(wrong);
		assertThat(channel.toString()).doesNotContain(wrong);
	}

	@Test
	void aHostKeyOtherThanThePinnedOneIsRefused() {
		String pinned = "SHA256:" + "A".repeat(43);
		SftpChannel channel = track(new SftpChannel(settings(PASSWORD, null, null, List.of(pinned), null,
				ChannelDirectories.defaults())));

		assertThatThrownBy(() -> channel.upload("837P.x12", INTERCHANGE))
				.isInstanceOf(ChannelAccessException.class)
				.hasMessageContaining("its host key is " + server.hostKeyFingerprint() + ", not the pinned " + pinned);
		assertThat(root.resolve("outbound")).isEmptyDirectory();
	}

	@Test
	void theHostKeyCanBeCheckedAgainstAKnownHostsFile() throws Exception {
		Path knownHosts = temp.resolve("known_hosts");
		Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
				+ PublicKeyEntry.toString(server.hostKey()) + "\n");
		SftpChannel known = track(new SftpChannel(settings(PASSWORD, null, null, List.of(), knownHosts,
				ChannelDirectories.defaults())));

		assertThat(known.upload("837P.x12", INTERCHANGE)).isTrue();

		Path otherHost = temp.resolve("known_hosts_other");
		Files.writeString(otherHost, "[127.0.0.1]:" + server.port() + " "
				+ PublicKeyEntry.toString(ecKeyPair().getPublic()) + "\n");
		SftpChannel unknown = track(new SftpChannel(settings(PASSWORD, null, null, List.of(), otherHost,
				ChannelDirectories.defaults())));
		assertThatThrownBy(unknown::listInbound).isInstanceOf(ChannelAccessException.class)
				.hasMessageContaining("is not the one listed for 127.0.0.1:" + server.port() + " in " + otherHost);
	}

	@Test
	void reconnectsAfterTheServerRestarts() throws IOException {
		SftpChannel channel = channel();
		channel.upload("837P-1.x12", INTERCHANGE);

		server.close();
		assertThatThrownBy(channel::listInbound).isInstanceOf(IOException.class)
				.hasMessageContaining("cannot connect to the SFTP server openrcm@127.0.0.1:" + server.port());

		server.start();
		assertThat(channel.upload("837P-2.x12", INTERCHANGE)).isTrue();
		server.close();
		server.start();
		assertThat(channel.upload("837P-3.x12", INTERCHANGE)).isTrue();

		assertThat(root.resolve("outbound")).isDirectoryContaining("glob:**837P-3.x12");
	}

	@Test
	void describeSaysWhereWithoutThePassword() {
		assertThat(channel().describe()).isEqualTo("sftp openrcm@127.0.0.1:" + server.port()
				+ " (outbound=outbound, inbound=inbound, archive=archive, login=password, host key=pinned "
				+ server.hostKeyFingerprint() + ")");
	}

	private static KeyPair ecKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private Path writeOpenSshKey(KeyPair key, String passphrase) throws Exception {
		OpenSSHKeyEncryptionContext encryption = null;
		if (passphrase != null) {
			encryption = new OpenSSHKeyEncryptionContext();
			encryption.setPassword(passphrase);
			encryption.setCipherName("AES");
			encryption.setCipherMode("CTR");
			encryption.setCipherType("256");
		}
		Path file = Files.createTempFile(temp, "id_ecdsa", "");
		try (OutputStream out = Files.newOutputStream(file)) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "openrcm test", encryption, out);
		}
		return file;
	}
}
