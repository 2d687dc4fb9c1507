package org.openrcm.server.submission;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.io.IOException;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.submission.ClaimSender.Sent;
import org.openrcm.server.submission.ClearinghouseExchange.Received;

/**
 * {@code POST [base]/$clearinghouse-exchange}: fetches the inbound files of the tenant's clearinghouse connection
 * now and sends its queued claims now, instead of waiting for the schedule. The files are fetched first, so what a
 * call reports received never depends on how quickly the other side answered the files the same call sent (the
 * payer sandbox answers within its poll interval): answers to a batch come with the next call. When fetching fails,
 * the queued claims are still written and sent, and the call then fails. Answers a Parameters with what happened:
 * {@code connection}, {@code claimsSent}, {@code interchangesSent}, {@code claimsRefused}, {@code fileSent} (each
 * file name), {@code filesReceived}, {@code filesProcessed}, {@code filesRejected}, {@code fileReceived} (each).
 * A channel failure is a 500 whose message says what failed; everything recorded before it stays recorded.
 */
final class ExchangeOperationProvider {

	private final ClearinghouseExchange exchange;
	private final ClearinghouseConnections connections;

	ExchangeOperationProvider(ClearinghouseExchange exchange, ClearinghouseConnections connections) {
		this.exchange = exchange;
		this.connections = connections;
	}

	@Operation(name = "$clearinghouse-exchange", idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Send the queued claims of this tenant's clearinghouse and fetch its inbound files "
			+ "now")
	public Parameters exchange(RequestDetails request) {
		String connection = connections.connectionFor(request.getTenantId());
		Parameters result = new Parameters();
		result.addParameter("connection", new StringType(connection));
		try {
			Received received;
			try {
				received = exchange.receive(connection);
			} catch (IOException e) {
				// the claims are written and recorded all the same; the failure is the answer after that
				exchange.send(connection);
				throw e;
			}
			Sent sent = exchange.send(connection);
			result.addParameter("claimsSent", new IntegerType(sent.claims()));
			result.addParameter("interchangesSent", new IntegerType(sent.interchanges()));
			result.addParameter("claimsRefused", new IntegerType(sent.refused()));
			sent.files().forEach(file -> result.addParameter("fileSent", new StringType(file)));
			result.addParameter("filesReceived", new IntegerType(received.files()));
			result.addParameter("filesProcessed", new IntegerType(received.processed()));
			result.addParameter("filesRejected", new IntegerType(received.rejected()));
			received.names().forEach(file -> result.addParameter("fileReceived", new StringType(file)));
		} catch (IOException e) {
			throw new InternalErrorException("The exchange with clearinghouse " + connection + " failed: "
					+ e.getMessage() + ". What was recorded before the failure is kept and goes in the next round.",
					e);
		}
		return result;
	}
}
