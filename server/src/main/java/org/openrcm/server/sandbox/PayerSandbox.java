package org.openrcm.server.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openrcm.server.clearinghouse.SandboxEndpoint;
import org.openrcm.server.sandbox.SandboxResponse.ResponseFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payer sandbox of a development server: an SFTP server on loopback ({@link SandboxSftpServer}) that plays
 * clearinghouse and payer. A connection with {@code channel.type=sandbox} uploads its 837 interchanges to the
 * sandbox's {@code outbound} folder; every {@code poll-interval} the sandbox answers each new file through the
 * {@link SandboxResponder} (a 999, then a 277CA, by the documented {@link SandboxRules}) into {@code inbound}, where
 * the connection fetches them, and moves the 837 to {@code processed} (or, when it has no readable envelope, to
 * {@code error} with a {@code .reason.txt}). A {@code .999} the connection sends about one of the sandbox's own
 * files is taken without an answer. Answers are written under a temporary name and renamed, so the
 * connection never fetches half a file.
 *
 * <p>The files live under {@code <openrcm.data-dir>/sandbox/sftp}, where a developer can also look at them. The
 * login is {@value #USERNAME} with a password made at each start and handed to the connection in memory only.
 */
public final class PayerSandbox {

	static final String USERNAME = "openrcm";

	private static final Logger log = LoggerFactory.getLogger(PayerSandbox.class);

	private final SandboxSftpServer server;
	private final SandboxRealTimeServer realTime;
	private final SandboxResponder responder;
	private final long pollMillis;
	private final String password;
	private ScheduledExecutorService poller;

	/**
	 * @param directory where the sandbox keeps its host key and its SFTP root
	 * @param port the SFTP port, 0 for any free port
	 * @param pollMillis how often new files are answered; 0 answers only on {@link #answerWaitingFiles()}
	 * @param realTimePort the loopback port of the real-time endpoint, 0 for any free port
	 * @param realTimeDelay how long the payer takes to answer a real-time request
	 */
	public PayerSandbox(Path directory, int port, SandboxResponder responder, long pollMillis, int realTimePort,
			Duration realTimeDelay, Clock clock) {
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		this.password = HexFormat.of().formatHex(secret);
		this.server = new SandboxSftpServer(directory.resolve("sftp"), directory.resolve("host-key.ser"), port,
				USERNAME, password);
		this.responder = responder;
		this.pollMillis = pollMillis;
		this.realTime = new SandboxRealTimeServer(responder, USERNAME, password, realTimePort, realTimeDelay, clock);
	}

	/** Starts the SFTP server and the answering loop; does nothing when running. */
	public synchronized void start() throws IOException {
		if (server.isRunning()) {
			return;
		}
		server.start();
		realTime.start();
		for (String folder : List.of("processed", "error")) {
			Files.createDirectories(server.root().resolve(folder));
		}
		if (pollMillis > 0) {
			poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "payer-sandbox");
				thread.setDaemon(true);
				return thread;
			});
			poller.scheduleWithFixedDelay(this::answerQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
		}
		log.info("Payer sandbox listening for SFTP on {}:{} (files under {}) and for real-time requests on"
				+ " http://{}:{}{}", SandboxSftpServer.HOST, server.port(), server.root(), SandboxSftpServer.HOST,
				realTime.port(), SandboxEndpoint.REAL_TIME_PATH);
	}

	/** Where and how a connection logs in; starts the sandbox first when it is not running. */
	public synchronized SandboxEndpoint endpoint() throws IOException {
		start();
		return new SandboxEndpoint(server.port(), USERNAME, password, server.hostKeyFingerprint(), realTime.port());
	}

	/** The SFTP root: {@code outbound}, {@code inbound}, {@code archive}, {@code processed}, {@code error}. */
	public Path root() {
		return server.root();
	}

	private void answerQuietly() {
		try {
			answerWaitingFiles();
		} catch (IOException | RuntimeException e) {
			log.warn("The payer sandbox could not answer its files: {}", e.getMessage());
		}
	}

	/**
	 * Answers every complete file waiting in {@code outbound}, oldest name first.
	 *
	 * @return the names of the files answered
	 */
	public synchronized List<String> answerWaitingFiles() throws IOException {
		List<Path> waiting = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(server.outbound())) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (Files.isRegularFile(file) && !name.startsWith(".") && !name.endsWith(".part")) {
					waiting.add(file);
				}
			}
		}
		waiting.sort(null);
		List<String> answered = new ArrayList<>();
		for (Path file : waiting) {
			answer(file);
			answered.add(file.getFileName().toString());
		}
		return answered;
	}

	private void answer(Path file) throws IOException {
		String name = file.getFileName().toString();
		if (name.endsWith(".999")) {
			// a 999 from the submitter about one of our answers: taken, and not answered
			Files.move(file, server.root().resolve("processed").resolve(name), StandardCopyOption.REPLACE_EXISTING);
			log.info("Payer sandbox took the acknowledgment {}", name);
			return;
		}
		SandboxResponse response = responder.respond(name, Files.readAllBytes(file));
		for (ResponseFile answer : response.files()) {
			Path temporary = server.inbound().resolve(answer.name() + ".part");
			Files.write(temporary, answer.content());
			Files.move(temporary, server.inbound().resolve(answer.name()), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		Path folder = server.root().resolve(response.files().isEmpty() ? "error" : "processed");
		if (!response.problems().isEmpty()) {
			Files.writeString(folder.resolve(name + ".reason.txt"), response.problems().stream()
					.map(problem -> problem.code() + ": " + problem.message()).reduce((a, b) -> a + "\n" + b)
					.orElse("") + "\n", StandardCharsets.UTF_8);
		}
		Files.move(file, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		log.info("Payer sandbox answered {} with {}{}", name, response.files().stream().map(ResponseFile::name)
				.toList(), response.problems().isEmpty() ? "" : "; problems: " + response.problems());
	}

	/** Stops the loop and the SFTP server. */
	public synchronized void close() throws IOException {
		if (poller != null) {
			poller.shutdownNow();
			poller = null;
		}
		realTime.close();
		server.close();
	}
}
