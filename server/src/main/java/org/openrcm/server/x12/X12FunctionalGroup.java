package org.openrcm.server.x12;

import java.util.List;

/**
 * One functional group (GS to GE) as read.
 *
 * @param functionalIdentifier GS01, e.g. {@code HC} for claims, {@code FA} for acknowledgments
 * @param senderCode GS02 application sender's code
 * @param receiverCode GS03 application receiver's code
 * @param date GS04 (CCYYMMDD)
 * @param time GS05 (HHMM[SS[d..]])
 * @param controlNumber GS06
 * @param version GS08, e.g. {@code 005010X222A1}
 * @param transactions its transaction sets in order
 * @param errors faults of the group envelope itself (GS, GE, counts); faults inside a transaction set are listed
 *     with that transaction
 */
public record X12FunctionalGroup(String functionalIdentifier, String senderCode, String receiverCode, String date,
		String time, String controlNumber, String version, List<X12Transaction> transactions, List<X12Error> errors) {

	public X12FunctionalGroup {
		transactions = List.copyOf(transactions);
		errors = List.copyOf(errors);
	}

	/** Whether the group and all its transaction sets were read without any fault. */
	public boolean isValid() {
		return errors.isEmpty() && transactions.stream().allMatch(X12Transaction::isValid);
	}
}
