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
 * {@code POST [base]/$clearinghouse-exchange}: sends the queued claims of the tenant's clearinghouse connection now
 * and fetches its inbound files now, instead of waiting for the schedule. Answers a Parameters with what happened:
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
			Sent sent = exchange.send(connection);
			result.addParameter("claimsSent", new IntegerType(sent.claims()));
			result.addParameter("interchangesSent", new IntegerType(sent.interchanges()));
			result.addParameter("claimsRefused", new IntegerType(sent.refused()));
			sent.files().forEach(file -> result.addParameter("fileSent", new StringType(file)));
			Received received = exchange.receive(connection);
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
