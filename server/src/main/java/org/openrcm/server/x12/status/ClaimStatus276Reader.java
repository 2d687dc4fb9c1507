package org.openrcm.server.x12.status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Line;
import org.openrcm.server.x12.status.ClaimStatusRequest.Member;

/**
 * Reads a 276 transaction set (005010X212), as {@link org.openrcm.server.x12.X12Reader} read it with its segments
 * kept, into a {@link ClaimStatusRequest}.
 *
 * <p>The levels come from HL03 ({@code 20} payer, {@code 21} receiver, {@code 19} provider, {@code 22} subscriber,
 * {@code 23} dependent) in the order they appear, so a request that breaks its guide is read as far as its segments
 * make sense; the caller decides from {@link X12Transaction#errors()} whether to trust it. Each TRN opens an inquiry
 * with the parties of the levels open at that point, each SVC a line of it; REF, AMT and DTP belong to the line or
 * inquiry open. It never throws on content; amounts and dates that do not parse read as {@code null}.
 */
public final class ClaimStatus276Reader {

	private ClaimStatus276Reader() {}

	/**
	 * Reads one 276.
	 *
	 * @param transaction a transaction set whose ST01 is {@code 276}, read with its segments
	 * @throws IllegalArgumentException when it is not a 276, or its segments were not kept
	 */
	public static ClaimStatusRequest read(X12Transaction transaction) {
		if (!"276".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 276: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException(
					"the 276 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		transaction.segments().forEach(session::accept);
		session.closeInquiry();
		return new ClaimStatusRequest(transaction.controlNumber(), session.reference, session.created,
				session.inquiries);
	}

	/** The state of one read. */
	private static final class Session {
		String reference = "";
		java.time.LocalDateTime created;
		final List<Inquiry> inquiries = new ArrayList<>();
		private String level = "";
		private Party payer;
		private Party receiver;
		private Party provider;
		private Member subscriber;
		private Member dependent;
		private InquiryBuilder inquiry;
		private LineBuilder line;

		void accept(X12Segment segment) {
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = StatusReading.dateTime(segment.element(4), segment.element(5));
				}
				case "HL" -> level(segment.element(3));
				case "DMG" -> demographics(segment);
				case "NM1" -> name(StatusText.party(segment));
				case "TRN" -> {
					closeInquiry();
					inquiry = new InquiryBuilder(segment.element(2));
				}
				case "REF" -> reference(segment.element(1), segment.element(2));
				case "AMT" -> {
					if (inquiry != null && line == null && "T3".equals(segment.element(1))) {
						inquiry.charge = X12Text.decimal(segment.element(2));
					}
				}
				case "DTP" -> {
					if ("472".equals(segment.element(1))) {
						if (line != null) {
							line.dates = StatusText.period(segment);
						} else if (inquiry != null) {
							inquiry.dates = StatusText.period(segment);
						}
					}
				}
				case "SVC" -> {
					if (inquiry != null) {
						line = new LineBuilder(segment);
						inquiry.lines.add(line);
					}
				}
				default -> {
					// ST, SE and anything the guide does not define
				}
			}
		}

		private void level(String code) {
			closeInquiry();
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
					subscriber = new Member(null, null, "");
					dependent = null;
				}
				case "23" -> dependent = new Member(null, null, "");
				default -> {
					// an unknown level: its segments go to the levels open
				}
			}
		}

		private void demographics(X12Segment dmg) {
			Member member = "23".equals(level) ? dependent : "22".equals(level) ? subscriber : null;
			if (member == null) {
				return;
			}
			Member read = new Member(member.party(), X12Text.date(dmg.element(2)), dmg.element(3));
			if ("23".equals(level)) {
				dependent = read;
			} else {
				subscriber = read;
			}
		}

		private void name(Party party) {
			switch (level) {
				case "20" -> payer = party;
				case "21" -> receiver = party;
				case "19" -> provider = party;
				case "22" -> subscriber = new Member(party, subscriber.birthDate(), subscriber.gender());
				case "23" -> dependent = new Member(party, dependent.birthDate(), dependent.gender());
				default -> {
					// a name outside any known level
				}
			}
		}

		private void reference(String qualifier, String value) {
			if (line != null) {
				if ("FJ".equals(qualifier)) {
					line.controlNumber = value;
				}
				return;
			}
			if (inquiry == null) {
				return;
			}
			switch (qualifier) {
				case "1K" -> inquiry.payerClaimNumber = value;
				case "EJ" -> inquiry.patientControlNumber = value;
				case "BLT" -> inquiry.billType = value;
				case "D9" -> inquiry.clearinghouseTrace = value;
				default -> {
					// other claim identifiers (LU, 6P, XZ) are not kept
				}
			}
		}

		void closeInquiry() {
			if (inquiry != null) {
				inquiries.add(new Inquiry(payer, receiver, provider, subscriber, dependent, inquiry.trace,
						inquiry.payerClaimNumber, inquiry.patientControlNumber, inquiry.billType,
						inquiry.clearinghouseTrace, inquiry.charge, inquiry.dates,
						inquiry.lines.stream().map(LineBuilder::build).toList()));
			}
			inquiry = null;
			line = null;
		}
	}

	private static final class InquiryBuilder {
		final String trace;
		String payerClaimNumber = "";
		String patientControlNumber = "";
		String billType = "";
		String clearinghouseTrace = "";
		BigDecimal charge;
		DatePeriod dates;
		final List<LineBuilder> lines = new ArrayList<>();

		InquiryBuilder(String trace) {
			this.trace = trace;
		}
	}

	private static final class LineBuilder {
		final X12Segment svc;
		String controlNumber = "";
		DatePeriod dates;

		LineBuilder(X12Segment svc) {
			this.svc = svc;
		}

		Line build() {
			return new Line(svc.component(1, 1), svc.component(1, 2), StatusReading.modifiers(svc),
					X12Text.decimal(svc.element(2)), svc.element(4), X12Text.decimal(svc.element(7)), controlNumber,
					dates);
		}
	}
}
