package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The payer sandbox's SFTP server, seen through a plain MINA SSHD client. */
class SandboxSftpServerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path temp;

	private SshClient client;

	@BeforeEach
	void startClient() {
		client = SshClient.setUpDefaultClient();
		client.start();
	}

	@AfterEach
	void stopClient() {
		client.stop();
	}

	private SandboxSftpServer server() {
		return new SandboxSftpServer(temp.resolve("root"), temp.resolve("keys/host-key"), 0, "openrcm", "sandbox");
	}

	private ClientSession login(SandboxSftpServer server, String user, String password) throws IOException {
		ClientSession session = client.connect(user, SandboxSftpServer.HOST, server.port()).verify(TIMEOUT)
				.getSession();
		session.addPasswordIdentity(password);
		try {
			session.auth().verify(TIMEOUT);
		} catch (IOException e) {
			session.close(true);
			throw e;
		}
		return session;
	}

	@Test
	void servesItsRootAsSlashWithTheThreeDirectoriesAndNothingOutside() throws IOException {
		Files.writeString(temp.resolve("outside.txt"), "not for the clearinghouse");
		try (SandboxSftpServer server = server()) {
			server.start();
			assertThat(server.port()).isPositive();

			try (ClientSession session = login(server, "openrcm", "sandbox");
					SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
				List<String> names = new ArrayList<>();
				sftp.readDir("/").forEach(entry -> names.add(entry.getFilename()));
				assertThat(names).contains("outbound", "inbound", "archive").doesNotContain("outside.txt", "keys");
				assertThat(sftp.canonicalPath("/../..")).isEqualTo("/");
				assertThatThrownBy(() -> sftp.read("/../outside.txt").readAllBytes()).isInstanceOf(IOException.class);
			}
		}
		assertThat(temp.resolve("root/outbound")).isDirectory();
		assertThat(temp.resolve("root/inbound")).isDirectory();
		assertThat(temp.resolve("root/archive")).isDirectory();
	}

	@Test
	void keepsItsHostKeyAndPortAcrossRestarts() throws IOException {
		SandboxSftpServer server = server();
		server.start();
		int port = server.port();
		String fingerprint = server.hostKeyFingerprint();
		server.close();
		assertThat(server.isRunning()).isFalse();
		assertThat(temp.resolve("keys/host-key")).isNotEmptyFile();

		server.start();
		try {
			assertThat(server.port()).isEqualTo(port);
			assertThat(server.hostKeyFingerprint()).isEqualTo(fingerprint).startsWith("SHA256:");
			login(server, "openrcm", "sandbox").close();
		} finally {
			server.close();
		}
		try (SandboxSftpServer another = server()) {
			another.start();
			assertThat(another.hostKeyFingerprint()).as("a new server on the same key file").isEqualTo(fingerprint);
		}
	}

	@Test
	void refusesAWrongPasswordOrUser() throws IOException {
		try (SandboxSftpServer server = server()) {
			server.start();

			assertThatThrownBy(() -> login(server, "openrcm", "guess")).isInstanceOf(IOException.class);
			assertThatThrownBy(() -> login(server, "root", "sandbox")).isInstanceOf(IOException.class);
		}
	}

	@Test
	@Timeout(30)
	void runsNoCommands() throws IOException {
		try (SandboxSftpServer server = server()) {
			server.start();
			Files.writeString(server.inbound().resolve("999.x12"), "ISA*00");
			try (ClientSession session = login(server, "openrcm", "sandbox");
					ChannelExec exec = session.createExecChannel("cat inbound/999.x12")) {
				ByteArrayOutputStream output = new ByteArrayOutputStream();
				exec.setOut(output);
				exec.setErr(output);
				exec.open().verify(TIMEOUT);
				exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(1));

				assertThat(exec.getExitStatus()).isNull();
				assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("ISA");
			}
		}
	}
}
