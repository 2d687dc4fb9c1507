package org.openrcm.server.clearinghouse;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * How one clearinghouse connection has been doing: when an exchange last succeeded and last failed, how many
 * attempts in a row have failed, and the last error. {@link RetryingChannel} records every attempt; the
 * {@code clearinghouse} health contributor reports it. Thread-safe.
 */
public final class ChannelHealth {

	private static final int MAX_ERROR_LENGTH = 500;

	private final Clock clock;
	private Snapshot state = new Snapshot(null, null, 0, null);

	/** @param clock the time successes and failures are recorded with */
	public ChannelHealth(Clock clock) {
		this.clock = clock;
	}

	/**
	 * What has been recorded so far.
	 *
	 * @param lastSuccess when an attempt last succeeded, or null
	 * @param lastFailure when an attempt last failed, or null
	 * @param consecutiveFailures failed attempts since the last success
	 * @param lastError the exception type and message of the last failure (as the channel wrote it, without
	 *                  secrets), or null
	 */
	public record Snapshot(Instant lastSuccess, Instant lastFailure, int consecutiveFailures, String lastError) {

		/** Whether any attempt has been made. */
		public boolean attempted() {
			return lastSuccess != null || lastFailure != null;
		}
	}

	/** Records a successful attempt: the failures in a row start again from zero. */
	public synchronized void succeeded() {
		state = new Snapshot(clock.instant(), state.lastFailure(), 0, state.lastError());
	}

	/** Records a failed attempt. */
	public synchronized void failed(IOException error) {
		String message = error.getMessage() == null || error.getMessage().isBlank()
				? error.getClass().getSimpleName()
				: error.getClass().getSimpleName() + ": " + error.getMessage();
		if (message.length() > MAX_ERROR_LENGTH) {
			message = message.substring(0, MAX_ERROR_LENGTH - 3) + "...";
		}
		state = new Snapshot(state.lastSuccess(), clock.instant(), state.consecutiveFailures() + 1, message);
	}

	public synchronized Snapshot snapshot() {
		return state;
	}
}
