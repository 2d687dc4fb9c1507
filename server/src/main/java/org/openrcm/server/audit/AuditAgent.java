package org.openrcm.server.audit;

/**
 * Who asked for what an AuditEvent records: the user or client of a bearer token, or nobody known (the open developer
 * mode, a refused token), and from where.
 *
 * @param subject the token's {@code sub}; empty when there is no accepted token
 * @param clientId the client the token was issued to ({@code azp} or {@code client_id}); empty when unknown
 * @param address the network address the request came from (the servlet's remote address); empty when none
 */
public record AuditAgent(String subject, String clientId, String address) {

	public AuditAgent {
		subject = subject == null ? "" : subject;
		clientId = clientId == null ? "" : clientId;
		address = address == null ? "" : address;
	}

	/** An agent without a token, seen at an address. */
	public static AuditAgent anonymous(String address) {
		return new AuditAgent("", "", address);
	}

	/** Whether no token identified the agent. */
	public boolean isAnonymous() {
		return subject.isEmpty() && clientId.isEmpty();
	}
}
