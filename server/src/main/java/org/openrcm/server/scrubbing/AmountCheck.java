package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.math.BigDecimal;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code AMOUNT-MISMATCH}: a line charge that is zero or negative, or a claim total (CLM02) that is not the sum of
 * the line charges (SV102), compared to the cent.
 */
final class AmountCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		BigDecimal sum = BigDecimal.ZERO;
		boolean complete = true;
		for (ServiceLine line : context.lines()) {
			if (line.net() == null) {
				complete = false; // REQUIRED-ELEMENT
				continue;
			}
			if (line.net().signum() <= 0) {
				context.add(error(ScrubRule.AMOUNT_MISMATCH, "The charge of line " + (line.index() + 1) + " is "
						+ line.net().toPlainString() + ".", "Enter the practice's charge for the service; a payer "
						+ "rejects zero or negative charges.", line.path() + ".net"));
			}
			sum = sum.add(line.net());
		}
		BigDecimal total = context.claim().getTotal().getValue();
		if (complete && total != null && total.compareTo(sum) != 0) {
			context.add(error(ScrubRule.AMOUNT_MISMATCH, "The total charge " + total.toPlainString()
					+ " is not the sum of the line charges, " + sum.toPlainString() + ".", "Set the total to "
					+ sum.toPlainString() + " or correct the line charges.", "Claim.total"));
		}
	}
}
