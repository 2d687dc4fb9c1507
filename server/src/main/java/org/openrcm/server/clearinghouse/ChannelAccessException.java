package org.openrcm.server.clearinghouse;

import java.io.IOException;

/**
 * The clearinghouse refused OpenRCM, or OpenRCM refused the clearinghouse: the login failed, or the server showed a
 * host key other than the one configured. Retrying does not help (and retrying a wrong password can lock the
 * account), so {@link RetryingChannel} does not; the settings or the server must change. The message names the
 * host, port and user, never a secret.
 */
public class ChannelAccessException extends IOException {

	private static final long serialVersionUID = 1L;

	public ChannelAccessException(String message) {
		super(message);
	}
}
