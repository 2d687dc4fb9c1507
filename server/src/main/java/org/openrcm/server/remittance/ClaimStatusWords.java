package org.openrcm.server.remittance;

import org.openrcm.server.x12.remit.Remittance.ClaimPayment;

/** The claim status codes of CLP02 in words, for a ClaimResponse's disposition. */
final class ClaimStatusWords {

	private ClaimStatusWords() {}

	/** CLP02 in words, or {@code null} for a code this project does not know. */
	static String status(String code) {
		return switch (code == null ? "" : code) {
			case "1" -> "Processed as primary";
			case "2" -> "Processed as secondary";
			case "3" -> "Processed as tertiary";
			case "4" -> "Denied";
			case "19" -> "Processed as primary, forwarded to another payer";
			case "20" -> "Processed as secondary, forwarded to another payer";
			case "21" -> "Processed as tertiary, forwarded to another payer";
			case "22" -> "Reversal of a previous payment";
			case "23" -> "Not our claim, forwarded to another payer";
			case "25" -> "Predetermination pricing only, no payment";
			default -> null;
		};
	}

	/** The disposition of an adjudicated claim: paid, paid in part or denied, and how the payer processed it. */
	static String disposition(ClaimPayment payment) {
		String status = status(payment.status());
		String verdict;
		if (payment.isDenied()) {
			verdict = "Denied";
		} else if (payment.paid() == null || payment.paid().signum() == 0) {
			verdict = "Not paid";
		} else if (payment.charge() != null && payment.paid().compareTo(payment.charge()) < 0) {
			verdict = "Paid in part";
		} else {
			verdict = "Paid";
		}
		return verdict + " (" + (status == null ? "claim status " + payment.status() : status) + ")";
	}
}
