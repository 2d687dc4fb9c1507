package org.openrcm.server.submission;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A 999's verdict on one transaction set this server sent (loop 2000, or the group's AK9 when the group was rejected
 * as a whole).
 *
 * @param controlNumber the transaction set's ST02 as sent
 * @param verdict accepted, rejected, or not answered by this 999
 * @param faults why it was rejected, each coded ({@code IK304-<code>}, {@code IK403-<code>}, {@code IK5-<status>},
 *     {@code AK9-<status>}) and in words; empty unless rejected
 */
public record AcknowledgedSet(String controlNumber, Verdict verdict, List<AckFault> faults) {

	/** What the 999 says about a transaction set. */
	public enum Verdict {
		/** IK501 {@code A} or {@code E} in a group not rejected as a whole: the answer is still to come. */
		ACCEPTED,
		/** IK501 {@code R}, {@code M}, {@code W} or {@code X}, or the whole group rejected (AK9). */
		REJECTED,
		/** The 999 does not mention it and does not reject its group: a later 999 may. */
		NOT_ANSWERED
	}

	public AcknowledgedSet {
		faults = List.copyOf(faults);
	}

	/** Whether the 999 rejected the transaction set. */
	public boolean rejected() {
		return verdict == Verdict.REJECTED;
	}

	/** The faults in words, one after the other, each with its code; empty unless rejected. */
	public String reason() {
		return faults.stream().map(f -> f.text() + " [" + f.code() + "]").collect(Collectors.joining("; "));
	}
}
