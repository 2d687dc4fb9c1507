package org.openrcm.server.submission;

import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * One reason a 999 gives for rejecting a transaction set, coded in the IG's CodeSystem {@code x12-999-error}:
 * {@code IK304-<code>} (a segment at fault), {@code IK403-<code>} (a data element at fault), {@code IK5-<status>}
 * (the set rejected without a located fault) or {@code AK9-<status>} (the whole functional group rejected).
 *
 * @param segmentPosition IK302, the position of the segment at fault in the transaction set as sent; 0 when the fault
 *     lies in no segment
 * @param code the code, e.g. {@code IK403-7}
 * @param text the fault in words: where it lies and what the acknowledgment says
 */
public record AckFault(int segmentPosition, String code, String text) {

	/**
	 * The faults a 999 reports for one transaction set.
	 *
	 * @param response the set's loop 2000, or null when the 999 has none for it (its group rejected as a whole); an
	 *     accepted response in a group rejected as a whole gives the group's fault too
	 */
	public static List<AckFault> of(ImplementationAcknowledgment ack, TransactionSetResponse response) {
		List<AckFault> faults = new ArrayList<>();
		if (response == null || response.accepted()) {
			String codes = String.join("; ", ack.groupResponse().errorDescriptions());
			faults.add(new AckFault(0, "AK9-" + ack.groupResponse().status(), "The whole functional group was "
					+ "rejected: " + ack.groupResponse().statusDescription() + (codes.isEmpty() ? "" : " (" + codes
							+ ")")));
			return faults;
		}
		for (SegmentError segment : response.segmentErrors()) {
			String where = segment.segmentId() + " (segment " + segment.position()
					+ (segment.loopId().isEmpty() ? "" : ", loop " + segment.loopId()) + ")";
			if (segment.elementErrors().isEmpty()) {
				faults.add(new AckFault(segment.position(), "IK304-" + segment.errorCode(),
						where + ": " + segment.errorDescription()));
			}
			for (ElementError element : segment.elementErrors()) {
				String at = segment.segmentId() + String.format("%02d", element.elementPosition())
						+ (element.componentPosition() > 0 ? "-" + element.componentPosition() : "");
				faults.add(new AckFault(segment.position(), "IK403-" + element.errorCode(),
						at + " in " + where + ": " + element.errorDescription()
								+ (element.badData().isEmpty() ? "" : " (value \"" + element.badData() + "\")")));
			}
		}
		if (faults.isEmpty()) {
			String codes = String.join("; ", response.errorDescriptions());
			faults.add(new AckFault(0, "IK5-" + response.status(), "The transaction set was rejected: "
					+ response.statusDescription() + (codes.isEmpty() ? "" : " (" + codes + ")")));
		}
		return faults;
	}
}
