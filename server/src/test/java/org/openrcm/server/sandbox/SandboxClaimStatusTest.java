package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.status.ClaimStatus276Writer;
import org.openrcm.server.x12.status.ClaimStatus277Reader;
import org.openrcm.server.x12.status.ClaimStatusRequest;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Line;
import org.openrcm.server.x12.status.ClaimStatusRequest.Member;
import org.openrcm.server.x12.status.ClaimStatusResponse;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * The sandbox's claim status answers: each rule of {@link SandboxClaimStatus} decides the 277 it writes for a 276
 * written by the project's own writer: unknown claims are not found, pending members and recent services are
 * pending, other claims are paid with the configured share and a stable EFT trace, an unavailable payer gets a
 * receiver-level E1, a slow member id holds the answer back, and the same request gets the same answer.
 */
class SandboxClaimStatusTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
	private static final LocalDateTime RECEIVED = LocalDateTime.of(2026, 11, 29, 10, 0);
	private static final LocalDate TODAY = RECEIVED.toLocalDate();
	private static final X12Envelope REQUESTER = new X12Envelope("ZZ", "OPENRCM", "ZZ", "SANDBOX", "OPENRCM",
			"SANDBOX", X12Usage.TEST, false);
	private static final X12Envelope ANSWER = new X12Envelope("ZZ", "SANDBOX", "ZZ", "OPENRCM", "SANDBOX",
			"OPENRCM", X12Usage.TEST, false);
	private static final Party PAYER = Party.organization("PR", "SANDBOX PLAN", "PI", "SBX01");
	private static final Party RECEIVER = Party.organization("41", "LAKESIDE BILLING", "46", "OPENRCM");
	private static final Party CLINIC = Party.organization("1P", "LAKESIDE CLINIC", "XX", "1245319599");
	private static final String SANDBOX_NUMBER = "00000012312345678";

	@Test
	void aClaimWithoutTheSandboxsPayerClaimNumberIsNotFound() {
		ClaimStatusResponse answer = answer(SandboxClaimStatusRules.defaults(),
				inquiry("MBR1", "T1", "", "120"), inquiry("MBR1", "T2", "05347006051", "120"));

		assertThat(answer.reports()).extracting(Report::traceNumber).containsExactly("T1", "T2");
		assertThat(answer.reports()).allSatisfy(report -> {
			assertThat(only(report).category()).isEqualTo("A4");
			assertThat(only(report).statuses().get(0).code()).isEqualTo("35");
			assertThat(only(report).paidAmount()).isNull();
		});
	}

	@Test
	void aClaimTheSandboxAcceptedIsPaidWithTheConfiguredShare() {
		Line line = new Line("HC", "99213", List.of(), new BigDecimal("100"), "", BigDecimal.ONE, "L1",
				DatePeriod.of(TODAY.minusDays(40)));
		Inquiry inquiry = new Inquiry(PAYER, RECEIVER, CLINIC, member("MBR1"), null, "T1", SANDBOX_NUMBER, "CLM1",
				"", "", new BigDecimal("155"), DatePeriod.of(TODAY.minusDays(40)), List.of(line));

		ClaimStatusResponse answer = answer(SandboxClaimStatusRules.defaults(), inquiry);

		Report report = answer.reports().get(0);
		StatusDetail paid = only(report);
		assertThat(paid.category()).isEqualTo("F1");
		assertThat(paid.statuses().get(0).code()).isEqualTo("65");
		assertThat(paid.chargeAmount()).isEqualByComparingTo("155");
		assertThat(paid.paidAmount()).isEqualByComparingTo("99.20");
		assertThat(paid.adjudicationDate()).isEqualTo(TODAY);
		assertThat(paid.paymentMethod()).isEqualTo("ACH");
		assertThat(paid.remittanceDate()).isEqualTo(TODAY);
		assertThat(paid.remittanceTrace()).matches("SBX\\d{9}");
		assertThat(report.payerClaimNumber()).isEqualTo(SANDBOX_NUMBER);
		assertThat(report.patientControlNumber()).isEqualTo("CLM1");
		assertThat(report.lines()).singleElement().satisfies(l -> {
			assertThat(l.paidAmount()).isEqualByComparingTo("64.00");
			assertThat(l.lineItemControlNumber()).isEqualTo("L1");
		});
	}

	@Test
	void pendingMembersAndRecentServicesArePending() {
		SandboxClaimStatusRules rules = SandboxClaimStatusRules.defaults().withPendingDays(30);
		Inquiry pendingMember = inquiry("PEND0001", "T1", SANDBOX_NUMBER, "80");
		Inquiry recent = new Inquiry(PAYER, RECEIVER, CLINIC, member("MBR2"), null, "T2", SANDBOX_NUMBER, "CLM2",
				"", "", new BigDecimal("80"), DatePeriod.of(TODAY.minusDays(29)), List.of());
		Inquiry old = new Inquiry(PAYER, RECEIVER, CLINIC, member("MBR3"), null, "T3", SANDBOX_NUMBER, "CLM3", "",
				"", new BigDecimal("80"), DatePeriod.of(TODAY.minusDays(30)), List.of());

		ClaimStatusResponse answer = answer(rules, pendingMember, recent, old);

		assertThat(answer.reports()).extracting(r -> only(r).category()).containsExactly("P1", "P1", "F1");
	}

	@Test
	void anUnavailablePayerAnswersNoClaimButTheWholeRequest() {
		SandboxClaimStatusRules rules = SandboxClaimStatusRules.defaults().withUnavailablePayerIds("SBX01");

		ClaimStatusResponse answer = answer(rules, inquiry("MBR1", "T1", SANDBOX_NUMBER, "80"));

		assertThat(answer.reports()).isEmpty();
		assertThat(answer.levelStatuses()).singleElement().satisfies(level -> {
			assertThat(level.traceNumber()).isEqualTo("REQ-1");
			assertThat(level.provider()).isNull();
			assertThat(level.statuses().get(0).category()).isEqualTo("E1");
			assertThat(level.statuses().get(0).statuses().get(0).code()).isEqualTo("484");
		});
	}

	@Test
	void aSlowMemberIdHoldsTheAnswerBack() {
		List<Duration> waited = new ArrayList<>();
		SandboxClaimStatusRules rules = SandboxClaimStatusRules.defaults().withSlowAnswers("SLOW",
				Duration.ofSeconds(3));
		SandboxClaimStatus sandbox = new SandboxClaimStatus(rules, waited::add);

		written(sandbox, inquiry("MBR1", "T1", SANDBOX_NUMBER, "80"));
		assertThat(waited).isEmpty();
		WrittenInterchange slow = written(sandbox, inquiry("SLOW0001", "T2", SANDBOX_NUMBER, "80"));
		assertThat(waited).containsExactly(Duration.ofSeconds(3));
		assertThat(only(read(slow).reports().get(0)).category()).isEqualTo("F1");
	}

	@Test
	void theSameRequestGetsTheSameAnswer() {
		SandboxClaimStatus sandbox = new SandboxClaimStatus(SandboxClaimStatusRules.defaults(), d -> {});
		Inquiry inquiry = inquiry("MBR1", "T1", SANDBOX_NUMBER, "80");

		ClaimStatusResponse first = read(written(sandbox, inquiry));
		ClaimStatusResponse second = read(written(sandbox, inquiry));

		assertThat(second.reports()).isEqualTo(first.reports());
		assertThat(sandbox.requestGuide()).isEqualTo(X12Guide.CLAIM_STATUS_276);
		assertThat(sandbox.answerExtension()).isEqualTo("277");
	}

	private static ClaimStatusResponse answer(SandboxClaimStatusRules rules, Inquiry... inquiries) {
		return read(written(new SandboxClaimStatus(rules, d -> {}), inquiries));
	}

	private static WrittenInterchange written(SandboxClaimStatus sandbox, Inquiry... inquiries) {
		ClaimStatusRequest request = new ClaimStatusRequest("", "REQ-1", RECEIVED, List.of(inquiries));
		WrittenInterchange written = new ClaimStatus276Writer(writer()).write(REQUESTER, List.of(request));
		X12ReadResult read = new X12Reader(SCHEMAS).read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		List<X12Transaction> requests = read.transactions().toList();
		return sandbox.answer(writer(), ANSWER, requests, RECEIVED);
	}

	private static ClaimStatusResponse read(WrittenInterchange answer) {
		X12ReadResult read = new X12Reader(SCHEMAS).read(answer.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).isEmpty();
		X12Transaction transaction = read.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.CLAIM_STATUS_277);
		return ClaimStatus277Reader.read(transaction);
	}

	private static Inquiry inquiry(String memberId, String trace, String payerClaimNumber, String charge) {
		return new Inquiry(PAYER, RECEIVER, CLINIC, member(memberId), null, trace, payerClaimNumber, "CLM-" + trace,
				"", "", new BigDecimal(charge), DatePeriod.of(TODAY.minusDays(60)), List.of());
	}

	private static Member member(String id) {
		return new Member(new Party("IL", "1", "RIVERA", "ANA", "", "", "MI", id), LocalDate.of(1980, 4, 12), "F");
	}

	private static StatusDetail only(Report report) {
		assertThat(report.statuses()).hasSize(1);
		return report.statuses().get(0);
	}

	private static X12InterchangeWriter writer() {
		return new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);
	}
}
