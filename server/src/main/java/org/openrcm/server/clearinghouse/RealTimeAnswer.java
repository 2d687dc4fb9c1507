package org.openrcm.server.clearinghouse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a real-time exchange.
 *
 * @param payloadType the CORE payload type the answer was labelled with, e.g. {@code X12_271_Response_005010X279A1},
 *                    or {@code X12_999_Response_005010X231A1} when the request was refused
 * @param payload the answer interchange
 * @param elapsed how long the exchange took, from sending to the whole answer read
 */
public record RealTimeAnswer(String payloadType, byte[] payload, Duration elapsed) {

	public RealTimeAnswer {
		Objects.requireNonNull(payloadType, "payloadType");
		payload = payload.clone();
		Objects.requireNonNull(elapsed, "elapsed");
	}

	@Override
	public byte[] payload() {
		return payload.clone();
	}

	/** The answer as text. */
	public String text() {
		return new String(payload, StandardCharsets.UTF_8);
	}

	/** Whether the answer is a 999 (the request was refused) rather than the response to the request. */
	public boolean acknowledgmentOnly() {
		return payloadType.startsWith("X12_999_");
	}
}
