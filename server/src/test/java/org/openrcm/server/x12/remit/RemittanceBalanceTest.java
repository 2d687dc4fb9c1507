package org.openrcm.server.x12.remit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * The 835 balancing rules on a remittance of two claims (one with two lines, one without lines) and a provider
 * adjustment: balanced as built, then with the payment, a claim or a line off.
 */
class RemittanceBalanceTest {

	private static final LocalDate DAY = LocalDate.of(2024, 8, 1);

	@Test
	void balanced() {
		RemittanceBalance balance = RemittanceBalance.of(remittance("73.50", "90.00", "60.00", "40.00"));

		assertThat(balance.balanced()).isTrue();
		assertThat(balance.transactionBalanced()).isTrue();
		assertThat(balance.transactionDifference()).isEqualByComparingTo("0");
		assertThat(balance.messages()).isEmpty();
	}

	@Test
	void paymentOffByOneCent() {
		RemittanceBalance balance = RemittanceBalance.of(remittance("73.51", "90.00", "60.00", "40.00"));

		assertThat(balance.balanced()).isFalse();
		assertThat(balance.transactionBalanced()).isFalse();
		assertThat(balance.transactionDifference()).isEqualByComparingTo("0.01");
		assertThat(balance.messages()).singleElement().asString()
				.startsWith(RemittanceBalance.TRANSACTION)
				.contains("payment (BPR02) of 73.51", "claims' paid amounts 76.00", "provider adjustments 2.50",
						"off by 0.01");
	}

	@Test
	void claimOff() {
		// claim B: charge 100.00 - paid 60.00 = 40.00, but its only adjustment says 39.00
		RemittanceBalance balance = RemittanceBalance.of(remittance("73.50", "90.00", "60.00", "39.00"));

		assertThat(balance.balanced()).isFalse();
		assertThat(balance.transactionBalanced()).as("the payment still matches its claims").isTrue();
		assertThat(balance.messages()).singleElement().asString()
				.startsWith(RemittanceBalance.CLAIM)
				.contains("claim CLAIM-B", "is 40.00", "add up to 39.00", "off by 1.00");
	}

	@Test
	void lineOff() {
		// line 2 of claim A: charge 100.00 - paid 10.00 = 90.00, adjusted 80.00; claim A is off by the same amount
		RemittanceBalance balance = RemittanceBalance.of(remittance("73.50", "80.00", "60.00", "40.00"));

		assertThat(balance.balanced()).isFalse();
		assertThat(balance.transactionBalanced()).isTrue();
		assertThat(balance.messages()).hasSize(2);
		assertThat(balance.messages().get(0)).startsWith(RemittanceBalance.CLAIM).contains("claim CLAIM-A",
				"off by 10.00");
		assertThat(balance.messages().get(1)).startsWith(RemittanceBalance.LINE)
				.contains("claim CLAIM-A, line 2 (control number 2) HC 99214", "is 90.00", "add up to 80.00",
						"off by 10.00");
	}

	/**
	 * Claim A: charge 200.00, paid 16.00 = 184.00 adjusted: claim CAS OA 23 4.00, line 1 100.00 - 10.00 = CO 45
	 * 90.00, line 2 100.00 - 10.00 = CO 45 and PR 1 10.00 adding up to {@code line2Adjustments}. Claim B (no lines):
	 * 100.00 - {@code paidB} = PR 1 {@code claimBAdjustment}. PLB L6 -2.50 and WO 5.00: the payment is 16.00 + 60.00
	 * - 2.50 = 73.50.
	 */
	private static Remittance remittance(String payment, String line2Adjustments, String paidB,
			String claimBAdjustment) {
		ServicePayment line1 = line("99213", "1", "100.00", "10.00",
				List.of(new Adjustment("CO", "45", new BigDecimal("90.00"), null)));
		ServicePayment line2 = line("99214", "2", "100.00", "10.00",
				List.of(new Adjustment("CO", "45", new BigDecimal(line2Adjustments).subtract(BigDecimal.TEN), null),
						new Adjustment("PR", "1", new BigDecimal("10.00"), null)));
		ClaimPayment claimA = claim("CLAIM-A", "200.00", "16.00",
				List.of(new Adjustment("OA", "23", new BigDecimal("4.00"), null)), List.of(line1, line2));
		ClaimPayment claimB = claim("CLAIM-B", "100.00", paidB,
				List.of(new Adjustment("PR", "1", new BigDecimal(claimBAdjustment), null)), List.of());
		List<ProviderAdjustment> plb = List.of(
				new ProviderAdjustment("1245319599", DAY, "L6", null, new BigDecimal("-2.50")),
				new ProviderAdjustment("1245319599", DAY, "WO", "PCN1", new BigDecimal("5.00")));
		return new Remittance("0001", new Payment("I", new BigDecimal(payment), "C", "CHK", DAY), "CHK1",
				"1123456789", null, null, null, List.of(claimA, claimB), plb);
	}

	private static ServicePayment line(String code, String control, String charge, String paid,
			List<Adjustment> adjustments) {
		return new ServicePayment(new Procedure("HC", code, List.of()), new BigDecimal(charge), new BigDecimal(paid),
				null, null, null, null, DAY, DAY, adjustments, control, List.of(), null, List.of());
	}

	private static ClaimPayment claim(String id, String charge, String paid, List<Adjustment> adjustments,
			List<ServicePayment> lines) {
		return new ClaimPayment(id, "1", new BigDecimal(charge), new BigDecimal(paid), null, "12", "PCN-" + id, null,
				null, adjustments, new Party("QC", "DOE", "JANE", "MI", "M1", List.of()), null, null, null, null, null,
				null, null, List.of(), List.of(), lines);
	}
}
