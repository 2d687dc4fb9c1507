package org.openrcm.server.audit;

import java.time.Instant;

/**
 * The facts of one X12 file sent to or received from a clearinghouse, or posted to {@code $x12-ingest}.
 *
 * @param recorded when the transfer ended (from the server's clock)
 * @param tenant the tenant the file belongs to, or null when it is not known (a shared connection)
 * @param direction whether the file left (export) or came in (import)
 * @param transfer how: {@code upload}, {@code download}, {@code real-time-request}, {@code real-time-answer},
 *                 {@code ingest}
 * @param connection the clearinghouse connection ({@code default} or a tenant's), or empty for a posted file
 * @param name the file name
 * @param size the file's size in bytes
 * @param controlNumber the interchange control number (ISA13), empty when it could not be read
 * @param success whether the transfer succeeded
 * @param outcomeDescription what went wrong, empty on success
 * @param agent who caused it, or null when the server did it on its own (a schedule)
 */
public record FileAudit(Instant recorded, String tenant, Direction direction, String transfer, String connection,
		String name, long size, String controlNumber, boolean success, String outcomeDescription, AuditAgent agent) {

	/** DICOM's Export (110106) and Import (110107) events. */
	public enum Direction { EXPORT, IMPORT }

	public FileAudit {
		connection = connection == null ? "" : connection;
		controlNumber = controlNumber == null ? "" : controlNumber;
		outcomeDescription = outcomeDescription == null ? "" : outcomeDescription;
	}

	/**
	 * The interchange control number (ISA13) of an X12 file: the ISA segment is fixed-length, with the element
	 * separator as its fourth character. Empty when the content does not start with an ISA segment.
	 */
	public static String controlNumber(byte[] content) {
		if (content == null || content.length < 106) {
			return "";
		}
		String isa = new String(content, 0, 106, java.nio.charset.StandardCharsets.ISO_8859_1);
		int start = 0;
		while (start < isa.length() && Character.isWhitespace(isa.charAt(start))) {
			start++;
		}
		if (!isa.startsWith("ISA", start) || isa.length() < start + 4) {
			return "";
		}
		String[] elements = isa.substring(start).split(java.util.regex.Pattern.quote(String.valueOf(
				isa.charAt(start + 3))), -1);
		return elements.length > 13 ? elements[13].trim() : "";
	}
}
