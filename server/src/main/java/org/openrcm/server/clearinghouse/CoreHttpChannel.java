package org.openrcm.server.clearinghouse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openrcm.server.clearinghouse.RealTimeException.Kind;
import org.openrcm.server.x12.X12Guide;

/**
 * The real-time channel over HTTP: each request is POSTed as a {@link CoreMessage} ({@code ProcessingMode=RealTime})
 * and the answer read from the response's {@link CoreMessage}. The whole exchange - connecting, sending, the payer's
 * time and reading the answer - is bounded by the connection's timeout: after it the exchange is abandoned and the
 * caller gets {@link Kind#TIMEOUT}.
 *
 * <p>HTTP 401/403 and the envelope errors ({@code ErrorCode} other than {@code Success}) are {@link Kind#REFUSED};
 * HTTP 5xx, {@code ReceiverUnavailable} and a connection that cannot be made are {@link Kind#UNAVAILABLE}.
 * Requests are never repeated here: a 270 may be asked again by its caller, a 278 should not be sent twice blindly.
 */
final class CoreHttpChannel implements RealTimeChannel {

	private final HttpClient client;
	private final URI endpoint;
	private final String username;
	private final String password;
	private final String senderId;
	private final String receiverId;
	private final Duration timeout;
	private final Clock clock;

	/**
	 * @param endpoint where requests are POSTed
	 * @param username the CORE {@code UserName}
	 * @param password the CORE {@code Password}; never logged
	 * @param senderId {@code SenderID}: the submitter id at the clearinghouse
	 * @param receiverId {@code ReceiverID}: the clearinghouse's id
	 * @param timeout the longest an exchange may take
	 */
	CoreHttpChannel(URI endpoint, String username, String password, String senderId, String receiverId,
			Duration timeout, Clock clock) {
		this.endpoint = endpoint;
		this.username = username;
		this.password = password;
		this.senderId = senderId;
		this.receiverId = receiverId;
		this.timeout = timeout;
		this.clock = clock;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
	}

	@Override
	public RealTimeAnswer exchange(X12Guide requestGuide, byte[] request) throws RealTimeException {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("PayloadType", CoreMessage.requestType(requestGuide));
		fields.put("ProcessingMode", "RealTime");
		fields.put("PayloadID", UUID.randomUUID().toString());
		fields.put("TimeStamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
		fields.put("UserName", username);
		fields.put("Password", password);
		fields.put("SenderID", senderId);
		fields.put("ReceiverID", receiverId);
		fields.put("CORERuleVersion", CoreMessage.RULE_VERSION);
		String boundary = CoreMessage.newBoundary();
		HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(timeout)
				.header("Content-Type", CoreMessage.contentType(boundary))
				.POST(HttpRequest.BodyPublishers.ofByteArray(new CoreMessage(fields, request).encode(boundary)))
				.build();
		long started = System.nanoTime();
		CompletableFuture<HttpResponse<byte[]>> sending = client.sendAsync(post,
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try {
			response = sending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		} catch (TimeoutException e) {
			sending.cancel(true);
			throw timedOut(e);
		} catch (InterruptedException e) {
			sending.cancel(true);
			Thread.currentThread().interrupt();
			throw new RealTimeException(Kind.UNAVAILABLE, "interrupted while waiting for " + endpoint, e);
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof HttpTimeoutException) {
				throw timedOut(cause);
			}
			throw new RealTimeException(Kind.UNAVAILABLE, "the real-time endpoint " + endpoint
					+ " could not be reached: " + (cause == null ? e : cause), cause);
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		int status = response.statusCode();
		CoreMessage answer = null;
		try {
			answer = CoreMessage.parse(response.headers().firstValue("Content-Type").orElse(null), response.body());
		} catch (IllegalArgumentException e) {
			if (status == 200) {
				throw new RealTimeException(Kind.REFUSED, "the real-time endpoint " + endpoint
						+ " answered with no CORE envelope: " + e.getMessage(), e);
			}
		}
		String errorCode = answer == null ? "" : answer.field("ErrorCode").orElse(CoreMessage.SUCCESS);
		String why = answer == null ? "" : answer.field("ErrorMessage").map(m -> ": " + m).orElse("");
		if (status == 401 || status == 403 || CoreMessage.UNAUTHORIZED.equals(errorCode)) {
			throw new RealTimeException(Kind.REFUSED, "the real-time endpoint " + endpoint + " refused the login "
					+ username + " (HTTP " + status + ")" + why, null);
		}
		if (status >= 500 || CoreMessage.RECEIVER_UNAVAILABLE.equals(errorCode)) {
			throw new RealTimeException(Kind.UNAVAILABLE, "the real-time endpoint " + endpoint
					+ " is unavailable (HTTP " + status + (errorCode.isEmpty() ? "" : ", " + errorCode) + ")" + why,
					null);
		}
		if (status != 200 || answer == null || !CoreMessage.SUCCESS.equals(errorCode)) {
			throw new RealTimeException(Kind.REFUSED, "the real-time endpoint " + endpoint + " refused the request"
					+ " (HTTP " + status + (errorCode.isEmpty() ? "" : ", " + errorCode) + ")" + why, null);
		}
		return new RealTimeAnswer(answer.field("PayloadType").orElse(CoreMessage.responseType(answer.payload())),
				answer.payload(), elapsed);
	}

	private RealTimeException timedOut(Throwable cause) {
		return new RealTimeException(Kind.TIMEOUT, "no answer from " + endpoint + " within " + timeout.toMillis()
				+ " ms", cause);
	}

	@Override
	public String toString() {
		return "real time " + endpoint + " as " + username + " (timeout " + timeout.toMillis() + " ms)";
	}
}
