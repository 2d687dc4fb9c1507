package org.openrcm.server.clearinghouse;

import org.openrcm.server.x12.X12Guide;

/**
 * A connection's real-time channel: one request interchange (a 270, 276 or 278) goes out and its answer (a 271, 277
 * or 278 response, or a 999 when the envelope or the request was refused) comes back on the same HTTP exchange, in
 * the CAQH CORE connectivity style (HTTP POST, MIME multipart, {@code ProcessingMode=RealTime}). A payer must answer
 * within the connection's timeout (CORE expects a 271 within 20 seconds); the caller's thread never waits longer.
 *
 * <p>Obtained from {@link ClearinghouseConnections#realTime(String)}; connections without a real-time endpoint
 * have none and use the batch (file) channel. Implementations are safe for use by several threads.
 */
public interface RealTimeChannel {

	/**
	 * Sends one request interchange and waits for its answer.
	 *
	 * @param requestGuide the guide of the request's transaction set (names the CORE payload type)
	 * @param request the whole request interchange (one ISA, one request transaction set in CORE real time)
	 * @return the answer interchange and how long the exchange took
	 * @throws RealTimeException when no answer came: the timeout passed, the endpoint was unreachable or said it is
	 *     unavailable, or it refused the message envelope (bad credentials, unknown payload type)
	 */
	RealTimeAnswer exchange(X12Guide requestGuide, byte[] request) throws RealTimeException;
}
