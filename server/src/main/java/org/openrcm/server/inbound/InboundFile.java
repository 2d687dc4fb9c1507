package org.openrcm.server.inbound;

import java.time.Instant;

/**
 * An inbound X12 file as stored before it is processed.
 *
 * @param id its row in the inbound file store
 * @param source {@code clearinghouse:<connection>} for a file fetched from a clearinghouse, {@code ingest:<tenant>}
 *     for one posted to {@code $x12-ingest}
 * @param name its file name at the source
 * @param sha256 the hex SHA-256 of its bytes (a file is processed once by its content)
 * @param content its bytes
 * @param receivedAt when it was stored
 */
public record InboundFile(long id, String source, String name, String sha256, byte[] content, Instant receivedAt) {

	static final String CLEARINGHOUSE = "clearinghouse:";
	static final String INGEST = "ingest:";

	/** The tenant the file was posted to through {@code $x12-ingest}, or {@code null} for a clearinghouse file. */
	public String tenant() {
		return source.startsWith(INGEST) ? source.substring(INGEST.length()) : null;
	}
}
