package org.openrcm.server.x12.status;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.LineReport;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * Reads a 277 claim status response (005010X212), as {@link org.openrcm.server.x12.X12Reader} read it with its
 * segments kept, into a {@link ClaimStatusResponse}. (The 277CA, 005010X214, has its own reader in
 * {@code x12.ack}.)
 *
 * <p>The levels come from HL03 ({@code 20} payer, {@code 21} receiver, {@code 19} provider, {@code 22} subscriber,
 * {@code 23} dependent) in the order they appear, so a response that breaks its guide is read as far as its segments
 * make sense. On the subscriber and dependent levels each TRN opens a claim report, each SVC a line of it; STC, REF
 * and DTP belong to the line or report open. A TRN on the receiver or provider level opens a {@link LevelStatus}
 * that collects the STC segments after it. It never throws on content; amounts and dates that do not parse read as
 * {@code null}.
 */
public final class ClaimStatus277Reader {

	private ClaimStatus277Reader() {}

	/**
	 * Reads one 277 claim status response.
	 *
	 * @param transaction a transaction set whose ST01 is {@code 277}, read with its segments
	 * @throws IllegalArgumentException when it is not a 277, or its segments were not kept
	 */
	public static ClaimStatusResponse read(X12Transaction transaction) {
		if (!"277".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 277: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException(
					"the 277 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		transaction.segments().forEach(session::accept);
		session.close();
		return new ClaimStatusResponse(transaction.controlNumber(), session.reference, session.created,
				session.reports, session.levels);
	}

	/** One STC segment. */
	static StatusDetail detail(X12Segment stc) {
		List<Status> statuses = new ArrayList<>();
		for (int position : new int[] {1, 10, 11}) {
			if (!stc.component(position, 1).isEmpty() || !stc.component(position, 2).isEmpty()) {
				statuses.add(new Status(stc.component(position, 1), stc.component(position, 2),
						stc.component(position, 3)));
			}
		}
		return new StatusDetail(statuses, X12Text.date(stc.element(2)), X12Text.decimal(stc.element(4)),
				X12Text.decimal(stc.element(5)), X12Text.date(stc.element(6)), stc.element(7),
				X12Text.date(stc.element(8)), stc.element(9), stc.element(12));
	}

	/** The state of one read. */
	private static final class Session {
		String reference = "";
		LocalDateTime created;
		final List<Report> reports = new ArrayList<>();
		final List<LevelStatus> levels = new ArrayList<>();
		private String level = "";
		private Party payer;
		private Party receiver;
		private Party provider;
		private Party subscriber;
		private Party dependent;
		private ReportBuilder report;
		private LineBuilder line;
		private LevelBuilder levelStatus;

		void accept(X12Segment segment) {
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = StatusReading.dateTime(segment.element(4), segment.element(5));
				}
				case "HL" -> level(segment.element(3));
				case "NM1" -> name(StatusText.party(segment));
				case "TRN" -> trace(segment.element(2));
				case "STC" -> status(detail(segment));
				case "REF" -> reference(segment.element(1), segment.element(2));
				case "DTP" -> {
					if ("472".equals(segment.element(1))) {
						if (line != null) {
							line.dates = StatusText.period(segment);
						} else if (report != null) {
							report.dates = StatusText.period(segment);
						}
					}
				}
				case "SVC" -> {
					if (report != null) {
						line = new LineBuilder(segment);
						report.lines.add(line);
					}
				}
				default -> {
					// ST, SE, PER and anything the guide does not define
				}
			}
		}

		private void level(String code) {
			close();
			level = code;
			switch (code) {
				case "20" -> {
					payer = null;
					receiver = null;
					provider = null;
					subscriber = null;
					dependent = null;
				}
				case "21" -> {
					receiver = null;
					provider = null;
					subscriber = null;
					dependent = null;
				}
				case "19" -> {
					provider = null;
					subscriber = null;
					dependent = null;
				}
				case "22" -> {
					subscriber = null;
					dependent = null;
				}
				case "23" -> dependent = null;
				default -> {
					// an unknown level
				}
			}
		}

		private void name(Party party) {
			switch (level) {
				case "20" -> payer = party;
				case "21" -> receiver = party;
				case "19" -> provider = party;
				case "22" -> subscriber = party;
				case "23" -> dependent = party;
				default -> {
					// a name outside any known level
				}
			}
		}

		private void trace(String number) {
			close();
			switch (level) {
				case "21", "19" -> levelStatus = new LevelBuilder(number, "19".equals(level) ? provider : null);
				case "22", "23" -> report = new ReportBuilder(number);
				default -> {
					// a trace outside the levels that carry one
				}
			}
		}

		private void status(StatusDetail detail) {
			if (line != null) {
				line.statuses.add(detail);
			} else if (report != null) {
				report.statuses.add(detail);
			} else if (levelStatus != null) {
				levelStatus.statuses.add(detail);
			}
		}

		private void reference(String qualifier, String value) {
			if (line != null) {
				if ("FJ".equals(qualifier)) {
					line.controlNumber = value;
				}
				return;
			}
			if (report == null) {
				return;
			}
			switch (qualifier) {
				case "1K" -> report.payerClaimNumber = value;
				case "EJ" -> report.patientControlNumber = value;
				case "BLT" -> report.billType = value;
				case "D9" -> report.clearinghouseTrace = value;
				default -> {
					// XZ and VV are not kept
				}
			}
		}

		void close() {
			if (report != null) {
				reports.add(new Report(payer, receiver, provider, subscriber, "23".equals(level) ? dependent : null,
						report.trace, report.statuses, report.payerClaimNumber, report.patientControlNumber,
						report.billType, report.clearinghouseTrace, report.dates,
						report.lines.stream().map(LineBuilder::build).toList()));
			}
			if (levelStatus != null) {
				levels.add(new LevelStatus(payer, receiver, levelStatus.provider, levelStatus.trace,
						levelStatus.statuses));
			}
			report = null;
			line = null;
			levelStatus = null;
		}
	}

	private static final class ReportBuilder {
		final String trace;
		final List<StatusDetail> statuses = new ArrayList<>();
		String payerClaimNumber = "";
		String patientControlNumber = "";
		String billType = "";
		String clearinghouseTrace = "";
		DatePeriod dates;
		final List<LineBuilder> lines = new ArrayList<>();

		ReportBuilder(String trace) {
			this.trace = trace;
		}
	}

	private static final class LevelBuilder {
		final String trace;
		final Party provider;
		final List<StatusDetail> statuses = new ArrayList<>();

		LevelBuilder(String trace, Party provider) {
			this.trace = trace;
			this.provider = provider;
		}
	}

	private static final class LineBuilder {
		final X12Segment svc;
		final List<StatusDetail> statuses = new ArrayList<>();
		String controlNumber = "";
		DatePeriod dates;

		LineBuilder(X12Segment svc) {
			this.svc = svc;
		}

		LineReport build() {
			return new LineReport(svc.component(1, 1), svc.component(1, 2), StatusReading.modifiers(svc),
					X12Text.decimal(svc.element(2)), X12Text.decimal(svc.element(3)), svc.element(4),
					X12Text.decimal(svc.element(7)), statuses, controlNumber, dates);
		}
	}
}
