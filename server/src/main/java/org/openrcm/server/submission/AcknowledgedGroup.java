package org.openrcm.server.submission;

import java.util.List;
import java.util.Optional;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.submission.AcknowledgedSet.Verdict;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * A 999 acknowledging one functional group this server may have sent, as handed to the {@link AckListener}s. The
 * group is named by its sender (the 999's receiver, ISA08: the interchange sender id the group went out under) and its
 * GS06 (AK102), which the control numbers make unique per sender.
 *
 * @param file where the 999 came from; its tenant, when posted to one, limits what it may change
 * @param senderId the interchange sender id (ISA06 without qualifier) the acknowledged group went out under
 * @param interchangeControlNumber ISA13 of the 999's own interchange, for the record
 * @param acknowledgment the 999 as read
 */
public record AcknowledgedGroup(InboundFile file, String senderId, String interchangeControlNumber,
		ImplementationAcknowledgment acknowledgment) {

	/** AK102: the acknowledged group's GS06. */
	public String groupControlNumber() {
		return acknowledgment.groupControlNumber();
	}

	/** AK101: the acknowledged group's GS01 (e.g. {@code HS} for 270s, {@code HR} for 276s, {@code HI} for 278s). */
	public String functionalIdentifier() {
		return acknowledgment.functionalIdentifier();
	}

	/** Whether a file posted to a tenant may change what this tenant sent (a file with no tenant may change all). */
	public boolean concerns(String tenant) {
		return file.tenant() == null || file.tenant().equals(tenant);
	}

	/**
	 * The verdict on one transaction set of the group: rejected when its loop 2000 rejects it or the group is
	 * rejected as a whole (then even an accepted set is rejected), accepted when its loop 2000 accepts it, and not
	 * answered when the 999 does not mention it (a 999 may answer part of a group).
	 *
	 * @param controlNumber ST02 as sent
	 */
	public AcknowledgedSet transactionSet(String controlNumber) {
		Optional<TransactionSetResponse> response = acknowledgment.transactionSet(controlNumber);
		if (acknowledgment.groupResponse().rejected() || response.map(r -> !r.accepted()).orElse(false)) {
			return new AcknowledgedSet(controlNumber, Verdict.REJECTED,
					AckFault.of(acknowledgment, response.orElse(null)));
		}
		return new AcknowledgedSet(controlNumber, response.isPresent() ? Verdict.ACCEPTED : Verdict.NOT_ANSWERED,
				List.of());
	}

	/** Where the 999 came from, for notes: {@code 999 of interchange <ISA13> (group <GS06>)}. */
	public String label() {
		return "999 of interchange " + interchangeControlNumber + " (acknowledging group " + groupControlNumber()
				+ " of " + senderId + ")";
	}
}
