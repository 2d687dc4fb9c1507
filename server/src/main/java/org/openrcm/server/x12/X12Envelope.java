package org.openrcm.server.x12;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who sends an outbound interchange to whom, as a clearinghouse connection configures it.
 *
 * @param senderQualifier ISA05, e.g. {@code ZZ} (mutually defined) or {@code 30} (federal tax id)
 * @param senderId ISA06, 1 to 15 characters (padded with spaces when written)
 * @param receiverQualifier ISA07
 * @param receiverId ISA08, 1 to 15 characters
 * @param applicationSenderCode GS02, 2 to 15 characters (often the submitter id the clearinghouse assigned)
 * @param applicationReceiverCode GS03, 2 to 15 characters
 * @param usage ISA15, test or production
 * @param acknowledgmentRequested ISA14: ask the receiver for a TA1 interchange acknowledgment
 */
public record X12Envelope(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
		String applicationSenderCode, String applicationReceiverCode, X12Usage usage, boolean acknowledgmentRequested) {

	private static final Pattern QUALIFIER = Pattern.compile("[0-9A-Z]{2}");
	/** Letters, digits, space and the X12 basic special characters that are not our separators. */
	private static final Pattern ID = Pattern.compile("[0-9A-Za-z !\"&'()+,\\-./;?=%@\\[\\]_{}\\\\|<>#$]+");

	public X12Envelope {
		check("ISA05", senderQualifier, QUALIFIER, 2, 2);
		check("ISA06", senderId, ID, 1, 15);
		check("ISA07", receiverQualifier, QUALIFIER, 2, 2);
		check("ISA08", receiverId, ID, 1, 15);
		check("GS02", applicationSenderCode, ID, 2, 15);
		check("GS03", applicationReceiverCode, ID, 2, 15);
		Objects.requireNonNull(usage, "ISA15 usage indicator");
	}

	/** The sender's interchange id as {@code qualifier:id}: the key its control numbers are counted under. */
	public String sender() {
		return senderQualifier + ":" + senderId;
	}

	private static void check(String element, String value, Pattern pattern, int min, int max) {
		if (value == null || value.length() < min || value.length() > max || !pattern.matcher(value).matches()
				|| !value.strip().equals(value)) {
			throw new IllegalArgumentException(element + " must be " + min + " to " + max
					+ " X12 characters without separators or surrounding spaces, not \"" + value + "\"");
		}
	}
}
