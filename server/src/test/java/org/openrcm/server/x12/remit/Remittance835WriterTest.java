package org.openrcm.server.x12.remit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.remit.Remittance.Address;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Contact;
import org.openrcm.server.x12.remit.Remittance.Party;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * The 835 writer: remittances written through the envelope writer (which validates them against the 835 schema) and
 * read back through {@link Remittance835Reader} equal to what was written.
 */
class Remittance835WriterTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12Reader READER = new X12Reader(SCHEMAS);
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "PAYERSANDBOX", "ZZ", "OPENRCM", "PAYERSANDBOX",
			"OPENRCM", X12Usage.TEST, false);
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-16T09:30:00Z"), ZoneOffset.UTC);
	private static final LocalDate DAY = LocalDate.of(2024, 8, 16);
	private static final Party PAYER = new Party("PR", "SANDBOX HEALTH PLAN", null, null, null,
			List.of(new Reference("2U", "SBX01")))
			.withAddress(new Address("100 PAYER WAY", "SUITE 5", "SPRINGFIELD", "IL", "62701", null))
			.withContacts(List.of(new Contact("CX", "CLAIMS", List.of(new Reference("TE", "8005550199"))),
					new Contact("BL", null, List.of(new Reference("TE", "8005550100"), new Reference("EX", "12")))));
	private static final Party PAYEE = new Party("PE", "LAKESIDE FAMILY CLINIC", null, "XX", "1245319599",
			List.of(new Reference("TJ", "371234567")));

	@Test
	void twoRemittancesInOneInterchangeReadBackEqual() {
		Remittance first = Remittance835Reader.read(fixture("835-reversal-and-correction.edi"));
		Remittance second = Remittance835Reader.read(fixture("835-denial-and-remarks.edi"));

		WrittenInterchange written = writer().write(ENVELOPE, List.of(first, second));

		X12ReadResult result = READER.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).as("the written 835s pass the schema").isEmpty();
		X12FunctionalGroup group = result.interchanges().get(0).groups().get(0);
		assertThat(group.functionalIdentifier()).isEqualTo("HP");
		assertThat(group.transactions()).hasSize(2).allSatisfy(t -> {
			assertThat(t.guide()).contains(X12Guide.REMITTANCE_835);
			assertThat(t.segments("LX")).extracting(Object::toString).containsExactly("LX*1");
		});
		assertThat(written.text()).contains("GE*2*");
		List<Remittance> read = group.transactions().stream().map(Remittance835Reader::read).toList();
		assertThat(read).extracting(Remittance::controlNumber).isEqualTo(written.transactionControlNumbers());
		assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields("controlNumber")
				.containsExactly(first, second);
	}

	@Test
	void everyFieldOfTheModelReadsBack() {
		Remittance remittance = fullRemittance();

		WrittenInterchange written = writer().write(ENVELOPE, List.of(remittance));

		X12Transaction transaction = READER.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments())
				.transactions().findFirst().orElseThrow();
		assertThat(transaction.errors()).isEmpty();
		assertThat(Remittance835Reader.read(transaction)).usingRecursiveComparison().ignoringFields("controlNumber")
				.isEqualTo(remittance);
		assertThat(transaction.segments("BPR")).extracting(Object::toString)
				.containsExactly("BPR*I*47*C*CHK************20240816");
		assertThat(transaction.segments("SVC")).extracting(Object::toString)
				.containsExactly("SVC*HC:99214:25*150*60*0510*1*HC:99215*1");
		assertThat(transaction.segments("NM1")).extracting(s -> s.element(1) + s.element(2))
				.containsExactly("QC1", "IL1", "822", "TT2");
		// the claim's OA; seven line adjustments of one group: six in the first CAS, the seventh (with its quantity)
		// in a second one
		assertThat(transaction.segments("CAS")).extracting(s -> s.element(1) + ":" + s.size())
				.containsExactly("OA:3", "CO:18", "CO:4", "PR:3");
		assertThat(transaction.segments("PLB")).extracting(Object::toString).containsExactly(
				"PLB*1245319599*20241231*L6*-2.5*WO:PCN0000*10", "PLB*9999999999*20241231*FB*5.5");
		assertThat(transaction.segments("MOA")).extracting(Object::toString).containsExactly("MOA***MA01*N1");
		assertThat(transaction.segments("DTM")).extracting(s -> s.element(1))
				.containsExactly("405", "232", "233", "050", "150", "151");
		assertThat(RemittanceBalance.of(remittance).balanced()).isTrue();
	}

	@Test
	void aPayerWithoutContactIsWrittenWithoutPer() {
		Remittance remittance = fullRemittance();
		Remittance noContact = new Remittance(remittance.controlNumber(), remittance.payment(),
				remittance.traceNumber(), remittance.originatorId(), remittance.productionDate(),
				remittance.payer().withContacts(List.of()), remittance.payee(), remittance.claims(),
				remittance.providerAdjustments());

		String written = new String(writer().write(ENVELOPE, List.of(noContact)).bytes(), StandardCharsets.US_ASCII);

		assertThat(written).doesNotContain("~PER*");
	}

	@Test
	void moreRemarksThanAnMoaCarriesAreRefused() {
		Remittance remittance = fullRemittance();
		ClaimPayment claim = remittance.claims().get(0);
		ClaimPayment tooMany = new ClaimPayment(claim.patientControlNumber(), claim.status(), claim.charge(),
				claim.paid(), claim.patientResponsibility(), claim.filingIndicator(), claim.payerClaimNumber(),
				claim.facilityType(), claim.frequency(), claim.adjustments(), claim.patient(), claim.insured(),
				claim.renderingProvider(), claim.crossoverCarrier(), claim.statementFrom(), claim.statementTo(),
				claim.received(), claim.coverageAmount(), claim.references(),
				List.of("MA01", "N1", "N2", "N3", "N4", "N5"), claim.services());
		Remittance refused = new Remittance(null, remittance.payment(), remittance.traceNumber(),
				remittance.originatorId(), null, remittance.payer(), remittance.payee(), List.of(tooMany), List.of());

		assertThatThrownBy(() -> writer().write(ENVELOPE, List.of(refused)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLAIM0009");
	}

	/** One claim with a line using every field of the model; balanced. */
	private static Remittance fullRemittance() {
		List<Adjustment> lineAdjustments = new ArrayList<>();
		for (String reason : List.of("45", "59", "97", "B15", "131", "253", "16")) {
			lineAdjustments.add(new Adjustment("CO", reason, new BigDecimal("10.00"), null));
		}
		lineAdjustments.set(6, new Adjustment("CO", "16", new BigDecimal("10.00"), new BigDecimal("1")));
		lineAdjustments.add(new Adjustment("PR", "2", new BigDecimal("20.00"), null));
		ServicePayment line = new ServicePayment(new Procedure("HC", "99214", List.of("25")),
				new BigDecimal("150.00"), new BigDecimal("60.00"), "0510", new BigDecimal("1"),
				new Procedure("HC", "99215", List.of()), new BigDecimal("1"), DAY.minusDays(20), DAY.minusDays(19),
				lineAdjustments, "2", List.of(new Reference("G1", "AUTH778")), new BigDecimal("80.00"),
				List.of("N130", "M15"));
		ClaimPayment claim = new ClaimPayment("CLAIM0009", "1", new BigDecimal("180.00"), new BigDecimal("60.00"),
				new BigDecimal("20.00"), "12", "PCN0009", "11", "1",
				List.of(new Adjustment("OA", "23", new BigDecimal("30.00"), null)),
				new Party("QC", "RIVERA", "ANA", "MI", "MBR0001", List.of()),
				new Party("IL", "RIVERA", "JOSE", "MI", "MBR0000", List.of()),
				new Party("82", "LAKESIDE FAMILY CLINIC", null, "XX", "1245319599", List.of()),
				new Party("TT", "SECOND PLAN", null, "PI", "SP001", List.of()), DAY.minusDays(20), DAY.minusDays(19),
				DAY.minusDays(10), new BigDecimal("90.00"), List.of(new Reference("EA", "MRN42")),
				List.of("MA01", "N1"), List.of(line));
		List<ProviderAdjustment> plb = List.of(
				new ProviderAdjustment("1245319599", LocalDate.of(2024, 12, 31), "L6", null, new BigDecimal("-2.50")),
				new ProviderAdjustment("1245319599", LocalDate.of(2024, 12, 31), "WO", "PCN0000",
						new BigDecimal("10.00")),
				new ProviderAdjustment("9999999999", LocalDate.of(2024, 12, 31), "FB", null, new BigDecimal("5.50")));
		// 60.00 paid - (-2.50 + 10.00 + 5.50) = 47.00
		return new Remittance("", new Payment("I", new BigDecimal("47.00"), "C", "CHK", DAY), "CHK000777",
				"1123456789", DAY.minusDays(1), PAYER, PAYEE, List.of(claim), plb);
	}

	private static Remittance835Writer writer() {
		return new Remittance835Writer(new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK));
	}

	private static X12Transaction fixture(String name) {
		return READER.read(Remittance835ReaderTest.bytes(name), X12Reader.Options.DEFAULT.keepingSegments())
				.transactions().findFirst().orElseThrow();
	}
}
