package org.openrcm.server.x12.status;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusRequest.Line;
import org.openrcm.server.x12.status.ClaimStatusRequest.Member;

/**
 * Writes 276 claim status requests (005010X212) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HR} functional group, one 276 transaction set per {@link ClaimStatusRequest}, each validated against the 276
 * schema before it is returned.
 *
 * <p>Segments: BHT ({@code 0010}, purpose {@code 13} request, BHT03 the reference, BHT04/BHT05 the creation time);
 * then, for each run of consecutive inquiries with the same payer, receiver, provider and subscriber, one level each:
 * 2000A HL (20) with NM1*PR, 2000B HL (21) with NM1*41, 2000C HL (19) with NM1*1P, 2000D HL (22) with DMG and
 * NM1*IL; a claim of the subscriber's own sits in 2200D, a dependent's claim under a 2000E HL (23) with DMG and
 * NM1*QC in 2200E. Per claim: TRN*1 (the tracking number), REF*1K, REF*BLT, REF*EJ, REF*D9, AMT*T3, DTP*472; per
 * line SVC, REF*FJ, DTP*472. HL ids count from 1 in document order; HL04 says whether a level has children. Empty
 * values are left out; free text is written as the 276 can carry it (this server's separators become spaces).
 *
 * <p>Instances are immutable and may be shared.
 */
public final class ClaimStatus276Writer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public ClaimStatus276Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 276s.
	 *
	 * @param envelope who asks (the submitter) whom (the clearinghouse or payer)
	 * @param requests one per transaction set; each with at least one inquiry
	 * @throws X12ValidationException when the content breaks the 276 guide (e.g. a payer without an id)
	 * @throws IllegalArgumentException when a request has no inquiry
	 */
	public WrittenInterchange write(X12Envelope envelope, List<ClaimStatusRequest> requests) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (ClaimStatusRequest request : requests) {
			if (request.inquiries().isEmpty()) {
				throw new IllegalArgumentException("a 276 needs at least one claim to ask about");
			}
			bodies.add(out -> new Body(out).write(request));
		}
		return writer.write(envelope, X12Guide.CLAIM_STATUS_276, bodies);
	}

	/** One transaction set being written. */
	private static final class Body {
		private final X12SegmentSink out;
		private int hl;

		Body(X12SegmentSink out) {
			this.out = out;
		}

		void write(ClaimStatusRequest request) {
			LocalDateTime created = request.created();
			out.segment("BHT", "0010", "13", StatusText.clean(request.reference(), 50),
					created == null ? null : StatusText.d8(created.toLocalDate()),
					created == null ? null : created.format(TIME));
			List<Inquiry> inquiries = request.inquiries();
			int source = 0;
			int receiver = 0;
			int provider = 0;
			int subscriber = 0;
			for (int i = 0; i < inquiries.size(); i++) {
				Inquiry inquiry = inquiries.get(i);
				Inquiry previous = i == 0 ? null : inquiries.get(i - 1);
				boolean newPayer = previous == null || !previous.payer().equals(inquiry.payer());
				boolean newReceiver = newPayer || !previous.receiver().equals(inquiry.receiver());
				boolean newProvider = newReceiver || !previous.provider().equals(inquiry.provider());
				boolean newSubscriber = newProvider || !previous.subscriber().equals(inquiry.subscriber());
				if (newPayer) {
					source = level(0, "20", "1");
					name(inquiry.payer());
				}
				if (newReceiver) {
					receiver = level(source, "21", "1");
					name(inquiry.receiver());
				}
				if (newProvider) {
					provider = level(receiver, "19", "1");
					name(inquiry.provider());
				}
				if (newSubscriber) {
					boolean dependents = hasDependents(inquiries, i);
					subscriber = level(provider, "22", dependents ? "1" : "0");
					demographics(inquiry.subscriber());
					name(inquiry.subscriber().party());
				}
				if (inquiry.dependent() != null) {
					boolean sameDependent = !newSubscriber && previous.dependent() != null
							&& previous.dependent().equals(inquiry.dependent());
					if (!sameDependent) {
						level(subscriber, "23", null);
						demographics(inquiry.dependent());
						Party party = inquiry.dependent().party();
						out.segment("NM1", "QC", "1", text(party.name(), 60), text(party.firstName(), 35),
								text(party.middleName(), 25), null, text(party.suffix(), 10));
					}
				}
				claim(inquiry);
			}
		}

		/** Whether the subscriber of inquiry {@code from} has dependents' claims in its run of inquiries. */
		private static boolean hasDependents(List<Inquiry> inquiries, int from) {
			Inquiry first = inquiries.get(from);
			for (int i = from; i < inquiries.size(); i++) {
				Inquiry inquiry = inquiries.get(i);
				if (!inquiry.payer().equals(first.payer()) || !inquiry.receiver().equals(first.receiver())
						|| !inquiry.provider().equals(first.provider())
						|| !inquiry.subscriber().equals(first.subscriber())) {
					return false;
				}
				if (inquiry.dependent() != null) {
					return true;
				}
			}
			return false;
		}

		private int level(int parent, String code, String children) {
			int id = ++hl;
			out.segment("HL", Integer.toString(id), parent == 0 ? null : Integer.toString(parent), code, children);
			return id;
		}

		private void demographics(Member member) {
			if (member.birthDate() != null) {
				out.segment("DMG", "D8", StatusText.d8(member.birthDate()), member.gender());
			}
		}

		private void name(Party party) {
			out.segment("NM1", party.entityCode(), party.entityType(), text(party.name(), 60),
					text(party.firstName(), 35), text(party.middleName(), 25), null, text(party.suffix(), 10),
					party.idQualifier(), text(party.id(), 80));
		}

		private void claim(Inquiry inquiry) {
			out.segment("TRN", "1", text(inquiry.traceNumber(), 50));
			reference("1K", inquiry.payerClaimNumber());
			reference("BLT", inquiry.billType());
			reference("EJ", inquiry.patientControlNumber());
			reference("D9", inquiry.clearinghouseTraceNumber());
			if (inquiry.chargeAmount() != null) {
				out.segment("AMT", "T3", StatusText.amount(inquiry.chargeAmount()));
			}
			if (inquiry.serviceDates() != null) {
				String[] dtp = StatusText.dtp(inquiry.serviceDates());
				out.segment("DTP", "472", dtp[0], dtp[1]);
			}
			for (Line line : inquiry.lines()) {
				List<String> procedure = new ArrayList<>(List.of(line.procedureQualifier(), line.procedureCode()));
				procedure.addAll(line.modifiers());
				out.segment("SVC", composite(procedure.stream().map(v -> text(v, 48)).toArray(String[]::new)),
						StatusText.amount(line.chargeAmount()), null, text(line.revenueCode(), 48), null, null,
						line.units() == null ? null : StatusText.amount(line.units()));
				reference("FJ", line.lineItemControlNumber());
				if (line.serviceDates() != null) {
					String[] dtp = StatusText.dtp(line.serviceDates());
					out.segment("DTP", "472", dtp[0], dtp[1]);
				}
			}
		}

		private void reference(String qualifier, String value) {
			if (!Objects.requireNonNullElse(value, "").isEmpty()) {
				out.segment("REF", qualifier, text(value, 50));
			}
		}

		private static String text(String value, int max) {
			return StatusText.clean(value, max);
		}
	}
}
