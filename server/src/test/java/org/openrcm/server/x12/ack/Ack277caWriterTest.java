package org.openrcm.server.x12.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.BillingProvider;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.ClaimStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.LineStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Patient;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Receiver;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.StatusInformation;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Totals;

/**
 * The 277CA writer: a claim acknowledgment with one accepted and one rejected claim (with a rejected service line)
 * is written through the envelope writer, which validates it against the 277CA schema, and reads back unchanged.
 */
class Ack277caWriterTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "CLEARINGHOUSE", "ZZ", "OPENRCMSUBMIT",
			"CLEARINGHOUSE", "OPENRCMSUBMIT", X12Usage.TEST, false);
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-15T11:00:00Z"), ZoneOffset.UTC);
	private static final LocalDate DAY = LocalDate.of(2024, 8, 15);

	@Test
	void acceptedAndRejectedClaimsReadBackUnchanged() {
		StatusInformation accepted = new StatusInformation(List.of(new Status("A2", "20", "")), DAY, "WQ",
				new BigDecimal("150"), "");
		StatusInformation futureDate = new StatusInformation(
				List.of(new Status("A7", "510", ""), new Status("A7", "187", "")), DAY, "U", new BigDecimal("80.5"),
				"DATE OF SERVICE AFTER RECEIPT");
		LineStatus line = new LineStatus("HC", "99213", List.of("25"), new BigDecimal("80.5"), "",
				BigDecimal.ONE, List.of(futureDate), "LINE-2", DatePeriod.of(DAY.plusDays(3)));
		ClaimStatus acceptedClaim = new ClaimStatus("CLAIM0001", List.of(accepted), "000000101123456", "", "",
				new DatePeriod(DAY.minusDays(3), DAY.minusDays(1)), List.of());
		ClaimStatus rejectedClaim = new ClaimStatus("CLAIM0002", List.of(futureDate), "", "TRACE77", "",
				DatePeriod.of(DAY.plusDays(3)), List.of(line));
		Patient patient = new Patient(new Party("QC", "1", "RIVERA", "ANA", "L", "JR", "MI", "MBR0001"),
				List.of(acceptedClaim, rejectedClaim));
		BillingProvider provider = new BillingProvider(
				new Party("85", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "XX", "1245319599"), "0000001010001-3",
				List.of(), List.of("TJ:371234567"),
				new Totals(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("150"), new BigDecimal("80.5")),
				List.of(patient));
		Receiver receiver = new Receiver(Party.organization("41", "LAKESIDE FAMILY CLINIC", "46", "SUB0001"),
				"BATCH0001", List.of(new StatusInformation(List.of(new Status("A1", "19", "PR")), DAY, "WQ",
						new BigDecimal("230.5"), "")),
				new Totals(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("150"), new BigDecimal("80.5")),
				List.of(provider));
		ClaimAcknowledgment ack = new ClaimAcknowledgment("", "0000001010001", LocalDateTime.of(2024, 8, 15, 11, 0),
				Party.organization("AY", "EXAMPLE CLEARINGHOUSE", "46", "CLEARINGHOUSE"), "0000001010001", DAY, DAY,
				List.of(receiver));

		X12Transaction transaction = writeAndRead(ack);

		assertThat(transaction.segments("HL")).extracting(Object::toString)
				.containsExactly("HL*1**20*1", "HL*2*1*21*1", "HL*3*2*19*1", "HL*4*3*PT");
		assertThat(transaction.segments("STC").get(2).toString())
				.isEqualTo("STC*A7:510*20240815*U*80.5******A7:187**DATE OF SERVICE AFTER RECEIPT");
		ClaimAcknowledgment back = Ack277caReader.read(transaction);
		assertThat(back).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(ack);
		assertThat(back.claim("CLAIM0001").orElseThrow().accepted()).isTrue();
		assertThat(back.claim("CLAIM0002").orElseThrow().rejected()).isTrue();
		assertThat(back.claim("CLAIM0002").orElseThrow().lines().get(0).rejected()).isTrue();
	}

	@Test
	void receiverWithoutStatusBreaksTheGuide() {
		Receiver silent = new Receiver(Party.organization("41", "LAKESIDE", "46", "SUB0001"), "BATCH0001", List.of(),
				null, List.of());
		ClaimAcknowledgment ack = new ClaimAcknowledgment("", "REF1", LocalDateTime.of(2024, 8, 15, 11, 0),
				Party.organization("AY", "EXAMPLE CLEARINGHOUSE", "46", "CLEARINGHOUSE"), "REF1", DAY, DAY,
				List.of(silent));
		Ack277caWriter writer = new Ack277caWriter(
				new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK));

		assertThatThrownBy(() -> writer.write(ENVELOPE, List.of(ack))).isInstanceOf(X12ValidationException.class)
				.hasMessageContaining("STC");
	}

	private static X12Transaction writeAndRead(ClaimAcknowledgment ack) {
		X12InterchangeWriter writer = new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);
		WrittenInterchange written = new Ack277caWriter(writer).write(ENVELOPE, List.of(ack));
		X12ReadResult result = new X12Reader(SCHEMAS).read(written.bytes(),
				X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.CLAIM_ACK_277CA);
		return transaction;
	}
}
