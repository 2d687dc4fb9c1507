package org.openrcm.server.x12.remit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * The 835 reader on small files written for these tests ({@code fixtures/remit/}), each valid under the 835 schema
 * and balanced: a reversal followed by its correction with two provider adjustments, and a denial with line
 * remarks next to a claim paid without service lines.
 */
class Remittance835ReaderTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	@Test
	void reversalFollowedByItsCorrection() {
		Remittance remittance = read("835-reversal-and-correction.edi");

		assertThat(remittance.claims()).hasSize(2);
		ClaimPayment reversal = remittance.claims().get(0);
		ClaimPayment correction = remittance.claims().get(1);
		assertThat(reversal.isReversal()).isTrue();
		assertThat(reversal.patientControlNumber()).isEqualTo(correction.patientControlNumber()).isEqualTo("CLAIM0001");
		assertThat(reversal.charge()).isEqualTo(new BigDecimal("-155.00"));
		assertThat(reversal.paid()).isEqualTo(new BigDecimal("-80.00"));
		assertThat(reversal.payerClaimNumber()).isEqualTo("PCN0001");
		ServicePayment reversedLine = reversal.services().get(0);
		assertThat(reversedLine.units()).isEqualTo(new BigDecimal("-1"));
		assertThat(reversedLine.adjustments())
				.containsExactly(new Adjustment("CO", "45", new BigDecimal("-75.00"), null));

		assertThat(correction.isReversal()).isFalse();
		assertThat(correction.status()).isEqualTo("1");
		assertThat(correction.paid()).isEqualTo(new BigDecimal("100.00"));
		assertThat(correction.patientResponsibility()).isEqualTo(new BigDecimal("20.00"));
		assertThat(correction.facilityType()).isEqualTo("11");
		assertThat(correction.frequency()).isEqualTo("1");
		ServicePayment line = correction.services().get(0);
		assertThat(line.procedure()).isEqualTo(new Procedure("HC", "99213", List.of("25")));
		assertThat(line.submittedProcedure()).isNull();
		assertThat(line.lineControlNumber()).isEqualTo("1");
		assertThat(line.references()).isEmpty();
		assertThat(line.allowed()).isEqualTo(new BigDecimal("120.00"));
		assertThat(line.serviceFrom()).isEqualTo(LocalDate.of(2024, 8, 1)).isEqualTo(line.serviceTo());
		assertThat(line.adjustments()).extracting(Adjustment::group, Adjustment::reason)
				.containsExactly(tuple("CO", "45"), tuple("PR", "2"));

		assertThat(RemittanceBalance.of(remittance).balanced()).isTrue();
	}

	@Test
	void providerAdjustmentsOneAPairOfThePlb() {
		Remittance remittance = read("835-reversal-and-correction.edi");

		assertThat(remittance.providerAdjustments()).containsExactly(
				new ProviderAdjustment("1245319599", LocalDate.of(2024, 12, 31), "L6", null, new BigDecimal("-5.50")),
				new ProviderAdjustment("1245319599", LocalDate.of(2024, 12, 31), "WO", "PCN0000",
						new BigDecimal("10.00")));
		// 15.50 paid = 100.00 - 80.00 of the claims, plus 5.50 of interest, minus 10.00 recovered
		assertThat(remittance.payment().amount()).isEqualTo(new BigDecimal("15.50"));
		assertThat(RemittanceBalance.of(remittance).transactionBalanced()).isTrue();
	}

	@Test
	void headerPayerAndPayee() {
		Remittance remittance = read("835-reversal-and-correction.edi");

		assertThat(remittance.controlNumber()).isEqualTo("0001");
		assertThat(remittance.payment()).isEqualTo(new Remittance.Payment("I", new BigDecimal("15.50"), "C", "ACH",
				LocalDate.of(2024, 8, 16)));
		assertThat(remittance.traceNumber()).isEqualTo("EFT20240816001");
		assertThat(remittance.originatorId()).isEqualTo("1123456789");
		assertThat(remittance.productionDate()).isEqualTo(LocalDate.of(2024, 8, 15));
		assertThat(remittance.payer().address()).isEqualTo(new Remittance.Address("100 PAYER WAY", null, "SPRINGFIELD",
				"IL", "62701", null));
		assertThat(remittance.payer().additionalIds()).containsExactly(new Reference("2U", "SBX01"));
		assertThat(remittance.payer().contacts()).containsExactly(new Remittance.Contact("BL", "EDI SUPPORT",
				List.of(new Reference("TE", "8005550100"), new Reference("EM", "edi@sandbox.example"))));
		assertThat(remittance.payee().name()).isEqualTo("LAKESIDE FAMILY CLINIC");
		assertThat(remittance.payee().idQualifier()).isEqualTo("XX");
		assertThat(remittance.payee().id()).isEqualTo("1245319599");
		assertThat(remittance.payee().additionalIds()).containsExactly(new Reference("TJ", "371234567"));
		assertThat(remittance.payee().address()).isNull();
	}

	@Test
	void deniedClaimWithLineRemarks() {
		Remittance remittance = read("835-denial-and-remarks.edi");

		ClaimPayment denied = remittance.claims().get(0);
		assertThat(denied.isDenied()).isTrue();
		assertThat(denied.paid()).isEqualTo(new BigDecimal("0.00"));
		assertThat(denied.remarks()).as("MOA03").containsExactly("MA130");
		assertThat(denied.patient().name()).isEqualTo("CHEN");
		assertThat(denied.patient().firstName()).isEqualTo("LI");
		assertThat(denied.patient().idQualifier()).isEqualTo("MI");
		ServicePayment line = denied.services().get(0);
		assertThat(line.remarks()).as("LQ*HE").containsExactly("N211", "M86");
		assertThat(line.adjustments()).containsExactly(new Adjustment("CO", "29", new BigDecimal("200.00"), null));
		assertThat(line.paid()).isEqualTo(new BigDecimal("0.00"));
	}

	@Test
	void claimWithoutServiceLines() {
		Remittance remittance = read("835-denial-and-remarks.edi");

		ClaimPayment claim = remittance.claims().get(1);
		assertThat(claim.services()).isEmpty();
		assertThat(claim.adjustments()).containsExactly(new Adjustment("PR", "1", new BigDecimal("40.00"), null));
		assertThat(claim.renderingProvider().firstName()).isEqualTo("GRACE");
		assertThat(claim.renderingProvider().id()).isEqualTo("1234567893");
		assertThat(claim.statementFrom()).isEqualTo(LocalDate.of(2024, 7, 5));
		assertThat(claim.statementTo()).isEqualTo(LocalDate.of(2024, 7, 5));
		assertThat(claim.received()).isEqualTo(LocalDate.of(2024, 7, 10));
		assertThat(claim.coverageAmount()).isEqualTo(new BigDecimal("100.00"));
		assertThat(claim.insured()).isNull();
		assertThat(remittance.productionDate()).isNull();
		assertThat(RemittanceBalance.of(remittance).balanced()).isTrue();
	}

	@Test
	void valuesThatDoNotParseReadAsNull() {
		String text = new String(bytes("835-denial-and-remarks.edi"), StandardCharsets.UTF_8)
				.replace("CLP*CLAIM0003*1*100*60*", "CLP*CLAIM0003*1*100*SIXTY*")
				.replace("DTM*232*20240705", "DTM*232*20241305");
		X12Transaction transaction = READER.read(text.getBytes(StandardCharsets.UTF_8),
				X12Reader.Options.DEFAULT.keepingSegments()).transactions().findFirst().orElseThrow();
		assertThat(transaction.isValid()).isFalse();

		ClaimPayment claim = Remittance835Reader.read(transaction).claims().get(1);

		assertThat(claim.paid()).isNull();
		assertThat(claim.statementFrom()).isNull();
		assertThat(claim.statementTo()).isEqualTo(LocalDate.of(2024, 7, 5));
	}

	@Test
	void onlyAn835WithItsSegments() {
		X12Transaction withoutSegments = READER.read(bytes("835-denial-and-remarks.edi"), X12Reader.Options.DEFAULT)
				.transactions().findFirst().orElseThrow();

		assertThatThrownBy(() -> Remittance835Reader.read(withoutSegments))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepSegments");
	}

	private static Remittance read(String fixture) {
		X12Transaction transaction = READER.read(bytes(fixture), X12Reader.Options.DEFAULT.keepingSegments())
				.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.REMITTANCE_835);
		assertThat(transaction.errors()).as("the fixture is valid under the 835 schema").isEmpty();
		return Remittance835Reader.read(transaction);
	}

	static byte[] bytes(String fixture) {
		try (InputStream in = Remittance835ReaderTest.class.getResourceAsStream("/fixtures/remit/" + fixture)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + fixture);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
