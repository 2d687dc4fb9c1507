package org.openrcm.server.x12;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An outbound interchange that passed validation, ready to send.
 *
 * @param text the interchange on one line, each segment ended by {@code ~}
 * @param interchangeControlNumber ISA13 (nine digits)
 * @param groupControlNumber GS06
 * @param transactionControlNumbers ST02 of each transaction set, in the order they were given
 */
public record WrittenInterchange(String text, String interchangeControlNumber, String groupControlNumber,
		List<String> transactionControlNumbers) {

	public WrittenInterchange {
		transactionControlNumbers = List.copyOf(transactionControlNumbers);
	}

	/** The interchange as bytes (X12 basic and extended characters are ASCII; UTF-8 otherwise). */
	public byte[] bytes() {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
