package org.openrcm.server.x12;

/**
 * Hands out the control numbers of outbound envelopes, per sender: ISA13 (interchange), GS06 (functional group) and
 * ST02 (transaction set). Receivers detect duplicates by these numbers, so an implementation must never hand out the
 * same number twice for a sender, including after a crash or restart: a number is spent once returned, whether or
 * not the interchange that used it was sent. Gaps are harmless.
 *
 * <p>Numbers are positive and at most {@value #MAX} (nine digits: ISA13 is fixed at nine, GS06 allows nine, ST02
 * four to nine). Implementations are safe for concurrent use.
 */
public interface ControlNumbers {

	/** The largest control number X12 can carry in every one of the three places. */
	long MAX = 999_999_999L;

	/**
	 * The next interchange control number (ISA13) for a sender.
	 *
	 * @param sender the sender's interchange id as {@code qualifier:id}, e.g. {@code ZZ:OPENRCM} (see
	 *     {@link X12Envelope#sender()})
	 */
	long nextInterchange(String sender);

	/** The next functional group control number (GS06) for a sender. */
	long nextGroup(String sender);

	/** The next transaction set control number (ST02) for a sender. */
	long nextTransaction(String sender);
}
