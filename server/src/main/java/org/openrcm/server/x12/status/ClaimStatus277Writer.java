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
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.LineReport;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.server.x12.status.ClaimStatusResponse.StatusDetail;

/**
 * Writes 277 claim status responses (005010X212) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HN} functional group, one 277 transaction set per {@link ClaimStatusResponse}, each validated against the 277
 * X212 schema before it is returned.
 *
 * <p>Segments: BHT ({@code 0010}, purpose {@code 08} status, BHT03 the reference, BHT04/BHT05 the creation time,
 * type {@code DG} response); first the {@link ClaimStatusResponse#levelStatuses() level statuses}, each under its own
 * 2000A (NM1*PR) and 2000B (NM1*41) levels, a receiver status as 2200B TRN*2 and STC, a provider status under a
 * 2000C (NM1*1P) as 2200C TRN*1 and STC; then, for each run of consecutive reports with the same payer, receiver,
 * provider and subscriber, one 2000A, 2000B, 2000C and 2000D (NM1*IL) level; a dependent's report under a 2000E
 * (NM1*QC). Per report: TRN*2 (the 276's tracking number), its STC segments, REF*1K, REF*BLT, REF*EJ, REF*D9,
 * DTP*472; per line SVC (charge and paid amounts), STC, REF*FJ, DTP*472. HL ids count from 1 in document order; HL04
 * says whether a level has children. Empty values are left out.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class ClaimStatus277Writer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public ClaimStatus277Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 277s.
	 *
	 * @param envelope who answers (the payer or clearinghouse) to whom (the requester)
	 * @param responses one per transaction set, each with at least one report or level status
	 * @throws X12ValidationException when the content breaks the guide (e.g. a report without any status)
	 * @throws IllegalArgumentException when a response has neither reports nor level statuses
	 */
	public WrittenInterchange write(X12Envelope envelope, List<ClaimStatusResponse> responses) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (ClaimStatusResponse response : responses) {
			if (response.reports().isEmpty() && response.levelStatuses().isEmpty()) {
				throw new IllegalArgumentException("a 277 needs at least one claim or level status");
			}
			bodies.add(out -> new Body(out).write(response));
		}
		return writer.write(envelope, X12Guide.CLAIM_STATUS_277, bodies);
	}

	/** One transaction set being written. */
	private static final class Body {
		private final X12SegmentSink out;
		private int hl;

		Body(X12SegmentSink out) {
			this.out = out;
		}

		void write(ClaimStatusResponse response) {
			LocalDateTime created = response.created();
			out.segment("BHT", "0010", "08", StatusText.clean(response.reference(), 50),
					created == null ? null : StatusText.d8(created.toLocalDate()),
					created == null ? null : created.format(TIME), "DG");
			for (LevelStatus level : response.levelStatuses()) {
				int source = level(0, "20", "1");
				name(level.payer());
				boolean provider = level.provider() != null;
				int receiver = level(source, "21", provider ? "1" : "0");
				name(level.receiver());
				if (provider) {
					level(receiver, "19", "0");
					name(level.provider());
				}
				out.segment("TRN", provider ? "1" : "2", text(level.traceNumber(), 50));
				level.statuses().forEach(this::status);
			}
			List<Report> reports = response.reports();
			int source = 0;
			int receiver = 0;
			int provider = 0;
			int subscriber = 0;
			for (int i = 0; i < reports.size(); i++) {
				Report report = reports.get(i);
				Report previous = i == 0 ? null : reports.get(i - 1);
				boolean newPayer = previous == null || !previous.payer().equals(report.payer());
				boolean newReceiver = newPayer || !previous.receiver().equals(report.receiver());
				boolean newProvider = newReceiver || !previous.provider().equals(report.provider());
				boolean newSubscriber = newProvider || !previous.subscriber().equals(report.subscriber());
				if (newPayer) {
					source = level(0, "20", "1");
					name(report.payer());
				}
				if (newReceiver) {
					receiver = level(source, "21", "1");
					name(report.receiver());
				}
				if (newProvider) {
					provider = level(receiver, "19", "1");
					name(report.provider());
				}
				if (newSubscriber) {
					subscriber = level(provider, "22", hasDependents(reports, i) ? "1" : "0");
					name(report.subscriber());
				}
				if (report.dependent() != null && (newSubscriber || previous.dependent() == null
						|| !previous.dependent().equals(report.dependent()))) {
					level(subscriber, "23", null);
					name(report.dependent());
				}
				claim(report);
			}
		}

		private static boolean hasDependents(List<Report> reports, int from) {
			Report first = reports.get(from);
			for (int i = from; i < reports.size(); i++) {
				Report report = reports.get(i);
				if (!report.payer().equals(first.payer()) || !report.receiver().equals(first.receiver())
						|| !report.provider().equals(first.provider())
						|| !report.subscriber().equals(first.subscriber())) {
					return false;
				}
				if (report.dependent() != null) {
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

		private void name(Party party) {
			out.segment("NM1", party.entityCode(), party.entityType(), text(party.name(), 60),
					text(party.firstName(), 35), text(party.middleName(), 25), null, text(party.suffix(), 10),
					party.idQualifier(), text(party.id(), 80));
		}

		private void claim(Report report) {
			out.segment("TRN", "2", text(report.traceNumber(), 50));
			report.statuses().forEach(this::status);
			reference("1K", report.payerClaimNumber());
			reference("BLT", report.billType());
			reference("EJ", report.patientControlNumber());
			reference("D9", report.clearinghouseTraceNumber());
			if (report.serviceDates() != null) {
				String[] dtp = StatusText.dtp(report.serviceDates());
				out.segment("DTP", "472", dtp[0], dtp[1]);
			}
			for (LineReport line : report.lines()) {
				List<String> procedure = new ArrayList<>(List.of(line.procedureQualifier(), line.procedureCode()));
				procedure.addAll(line.modifiers());
				out.segment("SVC", composite(procedure.stream().map(v -> text(v, 48)).toArray(String[]::new)),
						StatusText.amount(line.chargeAmount()), StatusText.amount(line.paidAmount()),
						text(line.revenueCode(), 48), null, null,
						line.units() == null ? null : StatusText.amount(line.units()));
				line.statuses().forEach(this::status);
				reference("FJ", line.lineItemControlNumber());
				if (line.serviceDates() != null) {
					String[] dtp = StatusText.dtp(line.serviceDates());
					out.segment("DTP", "472", dtp[0], dtp[1]);
				}
			}
		}

		private void status(StatusDetail detail) {
			List<Status> statuses = detail.statuses();
			out.segment("STC", statuses.isEmpty() ? null : status(statuses.get(0)),
					StatusText.d8(detail.effectiveDate()), null, StatusText.amount(detail.chargeAmount()), StatusText.amount(detail.paidAmount()),
					StatusText.d8(detail.adjudicationDate()), detail.paymentMethod(),
					StatusText.d8(detail.remittanceDate()), text(detail.remittanceTrace(), 16),
					statuses.size() > 1 ? status(statuses.get(1)) : null,
					statuses.size() > 2 ? status(statuses.get(2)) : null, text(detail.message(), 264));
		}

		private static List<String> status(Status status) {
			return composite(text(status.category(), 30), text(status.code(), 30), status.entity());
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
