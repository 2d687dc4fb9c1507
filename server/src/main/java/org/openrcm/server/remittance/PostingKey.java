package org.openrcm.server.remittance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one payment of one payer to one tenant, and every resource its posting writes.
 *
 * <p>A payment is named by its payer ({@link #payer}: TRN03, else the payer's identifier) and its trace number
 * (TRN02, the check or EFT number): the same payment in a second file is the same key, and is not posted again. Each
 * resource the posting writes has an id derived from the key (a hash, so it fits FHIR's 64 characters and says
 * nothing of the payment): replaying a posting after a crash writes the same resources under the same ids, and so
 * changes nothing that was already written.
 *
 * @param tenant the tenant the payment is posted in
 * @param payer the payer's identity in the 835
 * @param trace the trace number
 */
record PostingKey(String tenant, String payer, String trace) {

	/** The key of claim payment (CLP) number {@code index} (0-based, in file order) of this payment. */
	String claim(int index) {
		return payer + ":" + trace + ":" + index;
	}

	/** The payment's own key value. */
	String value() {
		return payer + ":" + trace;
	}

	/**
	 * A resource id for something this posting writes.
	 *
	 * @param kind a short prefix saying what it is, e.g. {@code cr} for a ClaimResponse
	 * @param part what it belongs to: {@link #value()} for the payment, a claim's key ({@link #claim}) for what is
	 *     written for one claim, possibly a claim key of an earlier payment of this tenant (what a reversal cancels)
	 */
	String id(String kind, String part) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest((tenant + "|" + kind + "|" + part)
					.getBytes(StandardCharsets.UTF_8));
			return "rm" + kind + "-" + HexFormat.of().formatHex(hash, 0, 16);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
		}
	}
}
