package org.openrcm.server.x12.remit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * Whether an 835 balances, by the three balancing rules of the 835 TR3 (005010X221A1 section 1.10.2):
 * <ul>
 * <li>transaction: the payment BPR02 equals the sum of the claims' paid amounts (CLP04) minus the sum of the
 * provider adjustments (PLB); a failure here makes the whole file unpostable ({@value #TRANSACTION});</li>
 * <li>claim: the charge CLP03 minus the paid amount CLP04 equals the sum of the claim's adjustments (CAS of loop
 * 2100) and of its lines' adjustments (CAS of loop 2110) ({@value #CLAIM});</li>
 * <li>line: the charge SVC02 minus the paid amount SVC03 equals the sum of the line's adjustments
 * ({@value #LINE}).</li>
 * </ul>
 * An absent amount counts as zero. Each imbalance is reported in plain words with its stable code, the amounts and
 * the difference, naming the claim by CLP01 and the line by its position (and its control number when it has one).
 *
 * @param balanced whether every rule holds
 * @param transactionDifference BPR02 minus (sum of CLP04 minus sum of PLB amounts): zero when the transaction
 *     balances, positive when the payment is more than the claims and adjustments account for
 * @param messages one per imbalance, transaction first, then claims and their lines in file order
 */
public record RemittanceBalance(boolean balanced, BigDecimal transactionDifference, List<String> messages) {

	/** Stable code of a payment that does not match its claims and provider adjustments. */
	public static final String TRANSACTION = "REMIT-BALANCE-PAYMENT";
	/** Stable code of a claim whose charge minus payment does not match its adjustments. */
	public static final String CLAIM = "REMIT-BALANCE-CLAIM";
	/** Stable code of a service line whose charge minus payment does not match its adjustments. */
	public static final String LINE = "REMIT-BALANCE-LINE";

	public RemittanceBalance {
		messages = List.copyOf(messages);
	}

	/** Whether the transaction-level rule holds (the posting rejects the file otherwise). */
	public boolean transactionBalanced() {
		return transactionDifference.signum() == 0;
	}

	/** Checks the balancing rules of one 835. */
	public static RemittanceBalance of(Remittance remittance) {
		List<String> messages = new ArrayList<>();
		BigDecimal payment = remittance.payment() == null ? BigDecimal.ZERO : value(remittance.payment().amount());
		BigDecimal paid = remittance.claims().stream().map(c -> value(c.paid()))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal providerAdjustments = remittance.providerAdjustments().stream().map(ProviderAdjustment::amount)
				.map(RemittanceBalance::value).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal expected = paid.subtract(providerAdjustments);
		BigDecimal difference = payment.subtract(expected);
		if (difference.signum() != 0) {
			messages.add(TRANSACTION + ": the payment (BPR02) of " + plain(payment)
					+ " does not equal the claims' paid amounts " + plain(paid) + " minus the provider adjustments "
					+ plain(providerAdjustments) + " = " + plain(expected) + "; it is off by " + plain(difference));
		}
		for (ClaimPayment claim : remittance.claims()) {
			claim(claim, messages);
		}
		return new RemittanceBalance(messages.isEmpty(), difference, messages);
	}

	private static void claim(ClaimPayment claim, List<String> messages) {
		BigDecimal unpaid = value(claim.charge()).subtract(value(claim.paid()));
		BigDecimal claimAdjustments = sum(claim.adjustments());
		BigDecimal lineAdjustments = BigDecimal.ZERO;
		for (ServicePayment line : claim.services()) {
			lineAdjustments = lineAdjustments.add(sum(line.adjustments()));
		}
		BigDecimal adjusted = claimAdjustments.add(lineAdjustments);
		if (unpaid.compareTo(adjusted) != 0) {
			messages.add(CLAIM + ": claim " + claim.patientControlNumber() + ": the charge " + plain(claim.charge())
					+ " minus the paid amount " + plain(claim.paid()) + " is " + plain(unpaid)
					+ ", but its adjustments add up to " + plain(adjusted) + " (claim " + plain(claimAdjustments)
					+ ", lines " + plain(lineAdjustments) + "); it is off by " + plain(unpaid.subtract(adjusted)));
		}
		for (int i = 0; i < claim.services().size(); i++) {
			ServicePayment line = claim.services().get(i);
			BigDecimal lineUnpaid = value(line.charge()).subtract(value(line.paid()));
			BigDecimal lineAdjusted = sum(line.adjustments());
			if (lineUnpaid.compareTo(lineAdjusted) != 0) {
				messages.add(LINE + ": claim " + claim.patientControlNumber() + ", line " + (i + 1)
						+ (line.lineControlNumber() == null ? "" : " (control number " + line.lineControlNumber() + ")")
						+ procedure(line) + ": the charge " + plain(line.charge()) + " minus the paid amount "
						+ plain(line.paid()) + " is " + plain(lineUnpaid) + ", but its adjustments add up to "
						+ plain(lineAdjusted) + "; it is off by " + plain(lineUnpaid.subtract(lineAdjusted)));
			}
		}
	}

	private static String procedure(ServicePayment line) {
		return line.procedure() == null ? "" : " " + line.procedure().qualifier() + " " + line.procedure().code();
	}

	private static BigDecimal sum(List<Adjustment> adjustments) {
		return adjustments.stream().map(Adjustment::amount).map(RemittanceBalance::value).reduce(BigDecimal.ZERO,
				BigDecimal::add);
	}

	private static BigDecimal value(BigDecimal amount) {
		return amount == null ? BigDecimal.ZERO : amount;
	}

	private static String plain(BigDecimal amount) {
		return value(amount).toPlainString();
	}
}
