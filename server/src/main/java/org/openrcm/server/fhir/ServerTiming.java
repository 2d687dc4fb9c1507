package org.openrcm.server.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import java.util.Locale;

/**
 * The W3C {@code Server-Timing} response header of a request that waited on a payer in real time: {@code payer;dur=}
 * the milliseconds the real-time exchange took (sending, the payer's own time, reading the answer). What the caller
 * measured beyond it is OpenRCM's own time, so a dashboard (and the eligibility benchmark) can tell the two apart.
 */
public final class ServerTiming {

	/** The metric name of the payer's part. */
	public static final String PAYER = "payer";

	private ServerTiming() {}

	/** Adds {@code payer;dur=<ms>} to the response of a request served over HTTP; does nothing otherwise. */
	public static void payer(RequestDetails request, Duration exchange) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null
				&& !servlet.getServletResponse().isCommitted()) {
			servlet.getServletResponse().addHeader("Server-Timing", String.format(Locale.ROOT, "%s;dur=%.1f", PAYER,
					exchange.toNanos() / 1_000_000.0));
		}
	}
}
