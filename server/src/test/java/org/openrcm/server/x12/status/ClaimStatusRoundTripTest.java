package org.openrcm.server.x12.status;

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
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Line;
import org.openrcm.server.x12.status.ClaimStatusRequest.Member;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.LineReport;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * The 276 and 277 writers: requests and responses of this project's own (two providers, a subscriber's own claim and
 * a dependent's, service lines, a paid claim with its EFT, a pending claim, receiver and provider level statuses) are
 * written through the envelope writer, which validates them against the X212 schemas, and read back unchanged.
 */
class ClaimStatusRoundTripTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "OPENRCMSUBMIT", "ZZ", "CLEARINGHOUSE",
			"OPENRCMSUBMIT", "CLEARINGHOUSE", X12Usage.TEST, false);
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:30:00Z"), ZoneOffset.UTC);
	private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

	private static final Party PAYER = Party.organization("PR", "SANDBOX HEALTH PLAN", "PI", "SBX01");
	private static final Party RECEIVER = Party.organization("41", "LAKESIDE BILLING", "46", "SUB0001");
	private static final Party CLINIC = Party.organization("1P", "LAKESIDE FAMILY CLINIC", "XX", "1245319599");
	private static final Party SURGERY = Party.organization("1P", "LAKESIDE SURGERY", "XX", "1679576722");
	private static final Member ANA = new Member(new Party("IL", "1", "RIVERA", "ANA", "", "", "MI", "MBR0001"),
			LocalDate.of(1980, 4, 12), "F");
	private static final Member LEO = new Member(new Party("QC", "1", "RIVERA", "LEO", "", "", "", ""),
			LocalDate.of(2015, 6, 1), "M");

	@Test
	void requestReadsBackUnchanged() {
		Inquiry own = new Inquiry(PAYER, RECEIVER, CLINIC, ANA, null, "TRK-0001", "000000101123456", "CLM0001", "",
				"", new BigDecimal("150"), new DatePeriod(DAY.minusDays(40), DAY.minusDays(39)), List.of());
		Line line = new Line("HC", "99213", List.of("25"), new BigDecimal("95.5"), "", BigDecimal.ONE, "LINE-1",
				DatePeriod.of(DAY.minusDays(35)));
		Inquiry dependent = new Inquiry(PAYER, RECEIVER, CLINIC, ANA, LEO, "TRK-0002", "", "CLM0002", "", "",
				new BigDecimal("95.5"), DatePeriod.of(DAY.minusDays(35)), List.of(line));
		Inquiry other = new Inquiry(PAYER, RECEIVER, SURGERY, ANA, null, "TRK-0003", "", "CLM0003", "131", "D9-1",
				new BigDecimal("1200.25"), DatePeriod.of(DAY.minusDays(50)), List.of());
		ClaimStatusRequest request = new ClaimStatusRequest("", "REQ-0001", LocalDateTime.of(2026, 11, 2, 9, 30),
				List.of(own, dependent, other));

		WrittenInterchange written = new ClaimStatus276Writer(writer()).write(ENVELOPE, List.of(request));
		X12Transaction transaction = read(written, X12Guide.CLAIM_STATUS_276);

		assertThat(transaction.segments("HL")).extracting(Object::toString).containsExactly("HL*1**20*1",
				"HL*2*1*21*1", "HL*3*2*19*1", "HL*4*3*22*1", "HL*5*4*23", "HL*6*2*19*1", "HL*7*6*22*0");
		assertThat(written.text()).contains("GS*HR*", "ST*276*0001*005010X212~BHT*0010*13*REQ-0001*20261102*0930~",
				"TRN*1*TRK-0001~REF*1K*000000101123456~REF*EJ*CLM0001~AMT*T3*150~DTP*472*RD8*20260923-20260924~",
				"DMG*D8*20150601*M~NM1*QC*1*RIVERA*LEO~", "SVC*HC:99213:25*95.5*****1~REF*FJ*LINE-1~");
		ClaimStatusRequest back = ClaimStatus276Reader.read(transaction);
		assertThat(back.reference()).isEqualTo("REQ-0001");
		assertThat(back.created()).isEqualTo(request.created());
		assertThat(back.inquiries()).isEqualTo(request.inquiries());
	}

	@Test
	void responseReadsBackUnchanged() {
		StatusDetail paid = new StatusDetail(List.of(new Status("F1", "65", "")), DAY.minusDays(3),
				new BigDecimal("150"), new BigDecimal("96"), DAY.minusDays(3), "ACH", DAY.minusDays(1), "EFT0012345",
				"");
		StatusDetail pending = StatusDetail.of(new Status("P1", "20", ""), DAY);
		StatusDetail notFound = new StatusDetail(List.of(new Status("A4", "35", ""), new Status("A4", "33", "IL")),
				DAY, null, null, null, "", null, "", "NO SUCH CLAIM");
		LineReport line = new LineReport("HC", "99213", List.of("25"), new BigDecimal("95.5"), BigDecimal.ZERO, "",
				BigDecimal.ONE, List.of(pending), "LINE-1", DatePeriod.of(DAY.minusDays(35)));
		Report own = new Report(PAYER, RECEIVER, CLINIC, ANA.party(), null, "TRK-0001", List.of(paid),
				"000000101123456", "CLM0001", "", "", new DatePeriod(DAY.minusDays(40), DAY.minusDays(39)), List.of());
		Report dependent = new Report(PAYER, RECEIVER, CLINIC, ANA.party(), LEO.party(), "TRK-0002",
				List.of(pending), "000000101654321", "CLM0002", "", "", DatePeriod.of(DAY.minusDays(35)),
				List.of(line));
		Report unknown = new Report(PAYER, RECEIVER, SURGERY, ANA.party(), null, "TRK-0003", List.of(notFound), "",
				"CLM0003", "131", "", null, List.of());
		LevelStatus receiverLevel = new LevelStatus(PAYER, RECEIVER, null, "REQ-0009",
				List.of(StatusDetail.of(new Status("E0", "0", ""), DAY)));
		LevelStatus providerLevel = new LevelStatus(PAYER, RECEIVER, SURGERY, "0",
				List.of(StatusDetail.of(new Status("E0", "24", "1P"), DAY)));
		ClaimStatusResponse response = new ClaimStatusResponse("", "ANS-0001", LocalDateTime.of(2026, 11, 2, 9, 31),
				List.of(own, dependent, unknown), List.of(receiverLevel, providerLevel));

		WrittenInterchange written = new ClaimStatus277Writer(writer()).write(ENVELOPE, List.of(response));
		X12Transaction transaction = read(written, X12Guide.CLAIM_STATUS_277);

		assertThat(written.text()).contains("GS*HN*", "ST*277*0001*005010X212~BHT*0010*08*ANS-0001*20261102*0931*DG~",
				"TRN*2*TRK-0001~STC*F1:65*20261030**150*96*20261030*ACH*20261101*EFT0012345~",
				"STC*A4:35*20261102********A4:33:IL**NO SUCH CLAIM~", "SVC*HC:99213:25*95.5*0****1~");
		ClaimStatusResponse back = ClaimStatus277Reader.read(transaction);
		assertThat(back.reference()).isEqualTo("ANS-0001");
		assertThat(back.reports()).isEqualTo(response.reports());
		assertThat(back.levelStatuses()).isEqualTo(response.levelStatuses());
		assertThat(back.reports().get(0).statuses().get(0).words()).isEqualTo("F1 (finalized: paid) / 65"
				+ " (the claim or line was paid), effective 2026-10-30; billed 150, paid 96, finalized 2026-10-30,"
				+ " payment by ACH EFT0012345 on 2026-11-01");
	}

	@Test
	void aReportWithoutStatusBreaksTheGuide() {
		Report silent = new Report(PAYER, RECEIVER, CLINIC, ANA.party(), null, "TRK-0001", List.of(), "", "CLM0001",
				"", "", null, List.of());
		ClaimStatusResponse response = new ClaimStatusResponse("", "ANS-0002", null, List.of(silent), List.of());

		assertThatThrownBy(() -> new ClaimStatus277Writer(writer()).write(ENVELOPE, List.of(response)))
				.isInstanceOf(X12ValidationException.class).hasMessageContaining("STC");
	}

	@Test
	void aPayerWithoutIdBreaksTheGuide() {
		Inquiry inquiry = new Inquiry(Party.organization("PR", "NO ID PLAN", "", ""), RECEIVER, CLINIC, ANA, null,
				"TRK-1", "", "CLM1", "", "", null, DatePeriod.of(DAY), List.of());
		ClaimStatusRequest request = new ClaimStatusRequest("", "REQ-2", null, List.of(inquiry));

		assertThatThrownBy(() -> new ClaimStatus276Writer(writer()).write(ENVELOPE, List.of(request)))
				.isInstanceOf(X12ValidationException.class).hasMessageContaining("NM1");
	}

	private static X12InterchangeWriter writer() {
		return new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);
	}

	private static X12Transaction read(WrittenInterchange written, X12Guide guide) {
		X12ReadResult result = new X12Reader(SCHEMAS).read(written.bytes(),
				X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(guide);
		return transaction;
	}
}
