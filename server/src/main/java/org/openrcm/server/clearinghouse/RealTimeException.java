package org.openrcm.server.clearinghouse;

/** A real-time exchange that brought no answer; {@link #kind()} says why, the message says it in words. */
public final class RealTimeException extends Exception {

	/** Why no answer came. */
	public enum Kind {
		/** The payer did not answer within the connection's timeout. */
		TIMEOUT,
		/** The endpoint could not be reached, or said the payer or clearinghouse is unavailable. */
		UNAVAILABLE,
		/** The endpoint refused the message envelope: credentials, payload type, sender or receiver. */
		REFUSED
	}

	private final Kind kind;

	public RealTimeException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}
