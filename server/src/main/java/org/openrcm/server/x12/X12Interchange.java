package org.openrcm.server.x12;

import java.util.List;

/**
 * One interchange (ISA to IEA) as read.
 *
 * @param senderQualifier ISA05
 * @param senderId ISA06, trailing spaces removed
 * @param receiverQualifier ISA07
 * @param receiverId ISA08, trailing spaces removed
 * @param date ISA09 (YYMMDD)
 * @param time ISA10 (HHMM)
 * @param version ISA12, e.g. {@code 00501}
 * @param controlNumber ISA13
 * @param acknowledgmentRequested ISA14 is {@code 1} (a TA1 is asked for)
 * @param usageIndicator ISA15: {@code P} production, {@code T} test, {@code I} information
 * @param delimiters the separators the ISA declares
 * @param groups its functional groups in order
 * @param errors faults of the interchange envelope itself (ISA, IEA, counts, truncation)
 */
public record X12Interchange(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
		String date, String time, String version, String controlNumber, boolean acknowledgmentRequested,
		String usageIndicator, X12Delimiters delimiters, List<X12FunctionalGroup> groups, List<X12Error> errors) {

	public X12Interchange {
		groups = List.copyOf(groups);
		errors = List.copyOf(errors);
	}

	/** Whether the interchange and everything in it was read without any fault. */
	public boolean isValid() {
		return errors.isEmpty() && groups.stream().allMatch(X12FunctionalGroup::isValid);
	}
}
