package org.openrcm.server.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openrcm.server.clearinghouse.CoreMessage;
import org.openrcm.server.clearinghouse.SandboxEndpoint;
import org.openrcm.server.sandbox.SandboxResponse.ResponseFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payer sandbox's real-time endpoint: an HTTP server on loopback that takes CORE-style requests
 * ({@link CoreMessage}, {@code POST} {@value SandboxEndpoint#REAL_TIME_PATH}) and answers each with the
 * {@link SandboxResponder}'s real-time answer (a 271, 277 or 278 response, or the 999 refusing the request) in the
 * same exchange. The login is the sandbox's SFTP login. A configurable delay plays the payer's own time, so the
 * server's overhead can be measured beyond it and timeouts can be tried.
 *
 * <p>Envelope errors answer as a CORE receiver would: 401 {@code UnAuthorized} for a wrong login, 400
 * {@code EnvelopeIncorrect} / {@code PayloadTypeIncorrect} for a message that is not a real-time request; content
 * that has no readable interchange is answered 400 with the reason.
 */
final class SandboxRealTimeServer {

	private static final Logger log = LoggerFactory.getLogger(SandboxRealTimeServer.class);

	private final SandboxResponder responder;
	private final String username;
	private final byte[] password;
	private final Duration delay;
	private final Clock clock;
	private final int requestedPort;
	private HttpServer server;
	private ExecutorService workers;

	/**
	 * @param port the loopback port, 0 for any free port
	 * @param delay how long the payer takes before each answer
	 */
	SandboxRealTimeServer(SandboxResponder responder, String username, String password, int port, Duration delay,
			Clock clock) {
		this.responder = responder;
		this.username = username;
		this.password = password.getBytes(StandardCharsets.UTF_8);
		this.requestedPort = port;
		this.delay = delay;
		this.clock = clock;
	}

	synchronized void start() throws IOException {
		if (server != null) {
			return;
		}
		HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort),
				64);
		AtomicInteger count = new AtomicInteger();
		workers = Executors.newFixedThreadPool(8, runnable -> {
			Thread thread = new Thread(runnable, "payer-sandbox-realtime-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		started.setExecutor(workers);
		started.createContext(SandboxEndpoint.REAL_TIME_PATH, this::handle);
		started.start();
		server = started;
	}

	synchronized int port() {
		return server == null ? 0 : server.getAddress().getPort();
	}

	synchronized void close() {
		if (server != null) {
			server.stop(0);
			workers.shutdownNow();
			server = null;
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().add("Allow", "POST");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			CoreMessage request;
			try {
				request = CoreMessage.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
			} catch (IllegalArgumentException e) {
				reply(exchange, 400, Map.of(), CoreMessage.ENVELOPE_INCORRECT, e.getMessage(), new byte[0]);
				return;
			}
			if (!loginMatches(request)) {
				reply(exchange, 401, request.fields(), CoreMessage.UNAUTHORIZED, "the user name or password is wrong",
						new byte[0]);
				return;
			}
			String type = request.field("PayloadType").orElse("");
			if (!"RealTime".equals(request.field("ProcessingMode").orElse("")) || !type.contains("_Request_")) {
				reply(exchange, 400, request.fields(), CoreMessage.PAYLOAD_TYPE_INCORRECT, "only real-time requests"
						+ " are taken here, not " + type, new byte[0]);
				return;
			}
			pause();
			SandboxResponder.RealTimeResponse response = responder.respondRealTime(request.payload());
			Optional<ResponseFile> answer = response.answer();
			if (answer.isEmpty()) {
				reply(exchange, 400, request.fields(), CoreMessage.ENVELOPE_INCORRECT, response.problems().toString(),
						new byte[0]);
				return;
			}
			reply(exchange, 200, request.fields(), CoreMessage.SUCCESS, "", answer.get().content());
		} catch (IOException | RuntimeException e) {
			log.warn("The payer sandbox could not answer a real-time request: {}", e.toString());
			throw e;
		}
	}

	private boolean loginMatches(CoreMessage request) {
		byte[] given = request.field("Password").orElse("").getBytes(StandardCharsets.UTF_8);
		return username.equals(request.field("UserName").orElse(null)) && MessageDigest.isEqual(given, password);
	}

	private void pause() {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void reply(HttpExchange exchange, int status, Map<String, String> request, String errorCode,
			String errorMessage, byte[] payload) throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("PayloadType", payload.length == 0 ? "CoreEnvelopeError" : CoreMessage.responseType(payload));
		fields.put("ProcessingMode", "RealTime");
		fields.put("PayloadID", request.getOrDefault("PayloadID", ""));
		fields.put("TimeStamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
		fields.put("SenderID", request.getOrDefault("ReceiverID", ""));
		fields.put("ReceiverID", request.getOrDefault("SenderID", ""));
		fields.put("CORERuleVersion", CoreMessage.RULE_VERSION);
		fields.put("ErrorCode", errorCode);
		fields.put("ErrorMessage", errorMessage);
		String boundary = CoreMessage.newBoundary();
		byte[] body = new CoreMessage(fields, payload).encode(boundary);
		exchange.getResponseHeaders().add("Content-Type", CoreMessage.contentType(boundary));
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}
}
