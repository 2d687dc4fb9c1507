package org.openrcm.server.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.status.ClaimStatus276Reader;
import org.openrcm.server.x12.status.ClaimStatus277Writer;
import org.openrcm.server.x12.status.ClaimStatusRequest;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Line;
import org.openrcm.server.x12.status.ClaimStatusResponse;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.LineReport;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * The sandbox payer's answer to claim status requests: each 276 (005010X212) with one 277 (005010X212), by the
 * {@link SandboxClaimStatusRules} ({@code openrcm.sandbox.claim-status.*}). The sandbox keeps no record of the claims
 * it adjudicated, so it decides from the request alone; the same request on the same day always gets the same answer.
 *
 * <p>Per 276, in this order:
 * <ol>
 * <li>unavailable payer: the payer id (2100A NM109) is listed in
 * {@link SandboxClaimStatusRules#unavailablePayerIds()}: no claim is answered; the receiver level carries
 * {@code E1:484} (no answer possible: the business application is not available) with TRN02 the 276's BHT03;</li>
 * <li>slow answer: when a subscriber's member id starts with {@link SandboxClaimStatusRules#slowMemberIdPrefix()}, the
 * answer is held back for {@link SandboxClaimStatusRules#slowDelay()} before it is written (a requester's timeout can
 * be tried); the answer itself follows the rules below.</li>
 * </ol>
 * Per claim asked about (2200D/E), one report with the same parties, tracking number (TRN02), identifiers (REF*1K,
 * REF*EJ, REF*BLT) and service dates as asked, and the first status that applies:
 * <ol>
 * <li>not found, {@code A4:35}: the request carries no payer claim number (REF*1K), or one the sandbox never gave
 * (its 277CA numbers are 17 digits: the 837's ISA13 and eight more, see {@link SandboxScreening});</li>
 * <li>pending, {@code P1:20} (in process): the member id starts with
 * {@link SandboxClaimStatusRules#pendingMemberIdPrefix()}, or the claim's last day of service lies fewer than
 * {@link SandboxClaimStatusRules#pendingDays()} days before the day of the request;</li>
 * <li>finalized and paid, {@code F1:65}: STC04 the charge asked about (AMT*T3), STC05 that charge times
 * {@link SandboxClaimStatusRules#paidPercent()} (half-up to cents), STC06 and STC08 the day of the request, STC07
 * {@link SandboxClaimStatusRules#paymentMethod()}, STC09 the trace {@code SBX} and nine digits of a hash of the
 * payer claim number. Each service line asked about is reported paid the same way.</li>
 * </ol>
 * All statuses take effect (STC02) on the day of the request. BHT03 echoes the 276's BHT03.
 *
 * <p>Safe for use by several threads.
 */
public final class SandboxClaimStatus implements SandboxRequestAnswerer {

	/** Waits, for the slow answers; {@code Thread::sleep} outside tests. */
	@FunctionalInterface
	public interface Sleeper {

		/** Waits this long. */
		void sleep(Duration duration) throws InterruptedException;
	}

	/** The payer claim numbers the sandbox's 277CA gives (see {@link SandboxScreening#payerClaimControlNumber}). */
	private static final Pattern SANDBOX_CLAIM_NUMBER = Pattern.compile("\\d{17}");
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final SandboxClaimStatusRules rules;
	private final Sleeper sleeper;

	public SandboxClaimStatus(SandboxClaimStatusRules rules) {
		this(rules, duration -> Thread.sleep(duration.toMillis()));
	}

	SandboxClaimStatus(SandboxClaimStatusRules rules, Sleeper sleeper) {
		this.rules = rules;
		this.sleeper = sleeper;
	}

	@Override
	public X12Guide requestGuide() {
		return X12Guide.CLAIM_STATUS_276;
	}

	@Override
	public String answerExtension() {
		return "277";
	}

	@Override
	public WrittenInterchange answer(X12InterchangeWriter writer, X12Envelope envelope, List<X12Transaction> requests,
			LocalDateTime received) {
		List<ClaimStatusRequest> read = requests.stream().map(ClaimStatus276Reader::read).toList();
		if (!rules.slowMemberIdPrefix().isEmpty() && !rules.slowDelay().isZero() && read.stream()
				.flatMap(r -> r.inquiries().stream())
				.anyMatch(i -> i.subscriber().party().id().startsWith(rules.slowMemberIdPrefix()))) {
			try {
				sleeper.sleep(rules.slowDelay());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		List<ClaimStatusResponse> responses = new ArrayList<>();
		for (ClaimStatusRequest request : read) {
			responses.add(answer(request, received));
		}
		return new ClaimStatus277Writer(writer).write(envelope, responses);
	}

	/** The answer to one 276. */
	ClaimStatusResponse answer(ClaimStatusRequest request, LocalDateTime received) {
		LocalDate today = received.toLocalDate();
		List<Report> reports = new ArrayList<>();
		List<LevelStatus> levels = new ArrayList<>();
		for (Inquiry inquiry : request.inquiries()) {
			if (rules.unavailablePayerIds().contains(inquiry.payer().id())) {
				if (levels.stream().noneMatch(l -> l.payer().equals(inquiry.payer())
						&& l.receiver().equals(inquiry.receiver()))) {
					levels.add(new LevelStatus(inquiry.payer(), inquiry.receiver(), null, request.reference(),
							List.of(StatusDetail.of(new Status("E1", "484", ""), today))));
				}
				continue;
			}
			reports.add(report(inquiry, today));
		}
		return new ClaimStatusResponse("", request.reference(), received, reports, levels);
	}

	private Report report(Inquiry inquiry, LocalDate today) {
		StatusDetail status;
		List<LineReport> lines = new ArrayList<>();
		if (!SANDBOX_CLAIM_NUMBER.matcher(inquiry.payerClaimNumber()).matches()) {
			status = StatusDetail.of(new Status("A4", "35", ""), today);
		} else if (pending(inquiry, today)) {
			status = StatusDetail.of(new Status("P1", "20", ""), today);
			for (Line line : inquiry.lines()) {
				lines.add(lineReport(line, null, StatusDetail.of(new Status("P1", "20", ""), today)));
			}
		} else {
			status = paid(inquiry.chargeAmount(), inquiry.payerClaimNumber(), today);
			for (Line line : inquiry.lines()) {
				StatusDetail linePaid = paid(line.chargeAmount(), inquiry.payerClaimNumber(), today);
				lines.add(lineReport(line, linePaid.paidAmount(), linePaid));
			}
		}
		return new Report(inquiry.payer(), inquiry.receiver(), inquiry.provider(), inquiry.subscriber().party(),
				inquiry.dependent() == null ? null : inquiry.dependent().party(), inquiry.traceNumber(),
				List.of(status), inquiry.payerClaimNumber(), inquiry.patientControlNumber(), inquiry.billType(), "",
				inquiry.serviceDates(), lines);
	}

	private boolean pending(Inquiry inquiry, LocalDate today) {
		String memberId = inquiry.subscriber().party().id();
		if (!rules.pendingMemberIdPrefix().isEmpty() && memberId.startsWith(rules.pendingMemberIdPrefix())) {
			return true;
		}
		return rules.pendingDays() > 0 && inquiry.serviceDates() != null
				&& inquiry.serviceDates().end().isAfter(today.minusDays(rules.pendingDays()));
	}

	private StatusDetail paid(BigDecimal charge, String payerClaimNumber, LocalDate today) {
		BigDecimal paid = charge == null ? null
				: charge.multiply(rules.paidPercent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
		String trace = "SBX" + String.format("%09d",
				Math.floorMod(SandboxScreening.hash("claim-status|" + payerClaimNumber), 1_000_000_000L));
		return new StatusDetail(List.of(new Status("F1", "65", "")), today, charge, paid, today,
				rules.paymentMethod(), today, trace, "");
	}

	private static LineReport lineReport(Line line, BigDecimal paid, StatusDetail status) {
		return new LineReport(line.procedureQualifier(), line.procedureCode(), line.modifiers(), line.chargeAmount(),
				paid == null ? BigDecimal.ZERO : paid, line.revenueCode(), line.units(), List.of(status),
				line.lineItemControlNumber(), line.serviceDates());
	}
}
