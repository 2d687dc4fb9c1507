package org.openrcm.server.submission;

import org.openrcm.server.inbound.InboundResult;

/**
 * Applies a 999 to the requests of one feature (eligibility 270s, claim status 276s, prior authorization 278s) that
 * went out as a batch file. {@link Ack999Handler} applies a 999 to the 837 claims it acknowledges itself; a 999 that
 * acknowledges a functional group no claim batch holds is offered to each listener bean, in order, until one knows
 * the group.
 *
 * <p>A listener fails the requests of the transaction sets the 999 rejects ({@link AcknowledgedSet#rejected()}),
 * storing the reason where a user sees it, and leaves the accepted ones (and the ones the 999 does not mention)
 * waiting for their answer. It must be idempotent: a request that is no longer waiting is left as it is, so the same
 * 999 ingested twice changes nothing the second time.
 */
public interface AckListener {

	/**
	 * Applies the 999's verdict on one functional group.
	 *
	 * @param group the group acknowledged: the sender and GS06 it names, and the verdict per transaction set
	 * @param result where to record what was changed and what could not be applied
	 * @return whether this feature sent the group (then no other listener is asked), even when nothing changed
	 */
	boolean acknowledged(AcknowledgedGroup group, InboundResult result);

	/**
	 * The DDL that gives a listener's request table the control numbers its files went out under (sender, ISA13,
	 * GS06, ST02) and the index a 999's group is found by; idempotent, so it also upgrades tables of earlier versions.
	 */
	static String[] controlNumberColumns(String table) {
		return new String[] {
			"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS sender VARCHAR(80)",
			"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS interchange_control VARCHAR(9)",
			"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS group_control VARCHAR(9)",
			"ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS set_control VARCHAR(9)",
			"CREATE INDEX IF NOT EXISTS " + table + "_group ON " + table + " (sender, group_control)"};
	}
}
