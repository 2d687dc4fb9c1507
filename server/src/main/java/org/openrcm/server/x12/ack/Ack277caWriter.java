package org.openrcm.server.x12.ack;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12TransactionBody;
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
 * Writes 277CA claim acknowledgments (005010X214) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HN} functional group, one 277 transaction set per {@link ClaimAcknowledgment}, each validated against the
 * 277CA schema before it is returned.
 *
 * <p>Segments: BHT ({@code 0085}, purpose {@code 08} status, BHT03 the reference, BHT04/BHT05 the creation time,
 * type {@code TH} receipt acknowledgment); 2000A HL with the source's NM1, TRN*1 and DTP*050/DTP*009; per receiver
 * 2000B HL, NM1*41, TRN*2, its STC segments, QTY*90/AA and AMT*YU/YY; per billing provider 2000C HL, NM1*85, TRN*1,
 * STC, REF, QTY*QA/QC and AMT*YU/YY; per patient 2000D HL (PT), NM1*QC; per claim TRN*2, STC, REF*1K, REF*D9,
 * REF*BLT, DTP*472; per line SVC, STC, REF*FJ, DTP*472. HL ids count from 1 in document order; HL04 says whether a
 * level has children. Empty values are left out. Echoed values are written as the 277CA can carry them (this
 * server's separators and control characters become spaces). {@link ClaimAcknowledgment#controlNumber()} is not
 * written: the writer numbers each 277 itself.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Ack277caWriter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public Ack277caWriter(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 277CAs.
	 *
	 * @param envelope who acknowledges (the receiver of the 837s) to whom (their submitter)
	 * @param acknowledgments one per acknowledged 837 transaction set; at least one, each with at least one receiver
	 * @throws X12ValidationException when the content breaks the 277CA guide (e.g. a receiver without any status)
	 */
	public WrittenInterchange write(X12Envelope envelope, List<ClaimAcknowledgment> acknowledgments) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (ClaimAcknowledgment acknowledgment : acknowledgments) {
			bodies.add(out -> new Body(out).write(acknowledgment));
		}
		return writer.write(envelope, X12Guide.CLAIM_ACK_277CA, bodies);
	}

	/** One transaction set being written. */
	private static final class Body {
		private final X12SegmentSink out;
		private int hl;

		Body(X12SegmentSink out) {
			this.out = out;
		}

		void write(ClaimAcknowledgment ack) {
			LocalDateTime created = ack.created();
			out.segment("BHT", "0085", "08", text(ack.reference(), 50),
					created == null ? null : AckText.d8(created.toLocalDate()),
					created == null ? null : created.format(TIME), "TH");
			int source = ++hl;
			out.segment("HL", Integer.toString(source), null, "20", "1");
			name(ack.informationSource());
			out.segment("TRN", "1", text(ack.receiptTraceNumber(), 50));
			out.segment("DTP", "050", "D8", ack.receiptDate() == null ? null : AckText.d8(ack.receiptDate()));
			out.segment("DTP", "009", "D8", ack.processDate() == null ? null : AckText.d8(ack.processDate()));
			for (Receiver receiver : ack.receivers()) {
				int receiverId = ++hl;
				out.segment("HL", Integer.toString(receiverId), Integer.toString(source), "21",
						receiver.providers().isEmpty() ? "0" : "1");
				name(receiver.party());
				out.segment("TRN", "2", text(receiver.traceNumber(), 50));
				receiver.statuses().forEach(this::status);
				totals(receiver.totals(), "90", "AA");
				for (BillingProvider provider : receiver.providers()) {
					provider(provider, receiverId);
				}
			}
		}

		private void provider(BillingProvider provider, int parent) {
			int providerId = ++hl;
			out.segment("HL", Integer.toString(providerId), Integer.toString(parent), "19",
					provider.patients().isEmpty() ? "0" : "1");
			name(provider.party());
			boolean statusLoop = !provider.traceNumber().isEmpty() || !provider.statuses().isEmpty()
					|| !provider.secondaryIds().isEmpty() || !provider.totals().equals(Totals.NONE);
			if (statusLoop) {
				out.segment("TRN", "1", provider.traceNumber().isEmpty() ? "0" : text(provider.traceNumber(), 50));
				provider.statuses().forEach(this::status);
				for (String secondary : provider.secondaryIds()) {
					int colon = secondary.indexOf(':');
					out.segment("REF", colon < 0 ? secondary : secondary.substring(0, colon),
							colon < 0 ? null : text(secondary.substring(colon + 1), 50));
				}
				totals(provider.totals(), "QA", "QC");
			}
			for (Patient patient : provider.patients()) {
				out.segment("HL", Integer.toString(++hl), Integer.toString(providerId), "PT");
				name(patient.party());
				patient.claims().forEach(this::claim);
			}
		}

		private void claim(ClaimStatus claim) {
			out.segment("TRN", "2", text(claim.patientControlNumber(), 50));
			claim.statuses().forEach(this::status);
			reference("1K", claim.payerClaimControlNumber());
			reference("D9", claim.clearinghouseTraceNumber());
			reference("BLT", claim.billType());
			serviceDates(claim.serviceDates());
			for (LineStatus line : claim.lines()) {
				List<String> procedure = new ArrayList<>(List.of(line.procedureQualifier(), line.procedureCode()));
				procedure.addAll(line.modifiers());
				out.segment("SVC", composite(procedure.stream().map(v -> text(v, 48)).toArray(String[]::new)),
						X12Text.amount(line.chargeAmount()), null, text(line.revenueCode(), 48), null, null,
						line.units() == null ? null : line.units().stripTrailingZeros().toPlainString());
				line.statuses().forEach(this::status);
				reference("FJ", line.lineItemControlNumber());
				serviceDates(line.serviceDates());
			}
		}

		private void name(Party party) {
			out.segment("NM1", party.entityCode(), party.entityType(), text(party.name(), 60),
					text(party.firstName(), 35), text(party.middleName(), 25), null, text(party.suffix(), 10),
					party.idQualifier(), text(party.id(), 80));
		}

		private void status(StatusInformation status) {
			List<Status> statuses = status.statuses();
			out.segment("STC", statuses.isEmpty() ? null : status(statuses.get(0)),
					status.effectiveDate() == null ? null : AckText.d8(status.effectiveDate()), status.actionCode(),
					X12Text.amount(status.amount()), null, null, null, null, null,
					statuses.size() > 1 ? status(statuses.get(1)) : null,
					statuses.size() > 2 ? status(statuses.get(2)) : null, text(status.message(), 264));
		}

		private static List<String> status(Status status) {
			return composite(text(status.category(), 30), text(status.code(), 30), status.entity());
		}

		private void totals(Totals totals, String acceptedQualifier, String rejectedQualifier) {
			quantity("QTY", acceptedQualifier, totals.acceptedQuantity());
			quantity("QTY", rejectedQualifier, totals.rejectedQuantity());
			quantity("AMT", "YU", totals.acceptedAmount());
			quantity("AMT", "YY", totals.rejectedAmount());
		}

		private void quantity(String segment, String qualifier, BigDecimal value) {
			if (value != null) {
				out.segment(segment, qualifier, X12Text.amount(value));
			}
		}

		private void reference(String qualifier, String value) {
			if (!value.isEmpty()) {
				out.segment("REF", qualifier, text(value, 50));
			}
		}

		private void serviceDates(DatePeriod dates) {
			if (dates == null) {
				return;
			}
			if (dates.start().equals(dates.end())) {
				out.segment("DTP", "472", "D8", AckText.d8(dates.start()));
			} else {
				out.segment("DTP", "472", "RD8", AckText.d8(dates.start()) + "-" + AckText.d8(dates.end()));
			}
		}

		private static String text(String value, int max) {
			return X12Text.clean(value, max);
		}
	}
}
