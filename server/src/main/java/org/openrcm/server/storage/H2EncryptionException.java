package org.openrcm.server.storage;

/** The embedded database's encryption settings do not fit the database; the server does not start. */
public final class H2EncryptionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	H2EncryptionException(String message) {
		super(message);
	}
}
