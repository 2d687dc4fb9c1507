package org.openrcm.server.x12.ack;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
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
 * Reads a 277CA transaction set (005010X214), as {@link org.openrcm.server.x12.X12Reader} read it with its segments
 * kept, into a {@link ClaimAcknowledgment}.
 *
 * <p>The hierarchy comes from HL03 ({@code 20} information source, {@code 21} receiver, {@code 19} billing provider,
 * {@code PT} patient) in the order the levels appear, so the reader does not depend on the transaction having passed
 * validation: a 277CA that breaks its guide is read as far as its segments make sense, and the caller decides from
 * {@link X12Transaction#errors()} whether to trust it. Within a patient, each TRN opens a claim (2200D) and each SVC a
 * service line (2220D); STC, REF and DTP belong to the line or claim open at that point. A provider or patient level
 * without a parent level gets an empty one. It never throws on content; amounts and dates that do not parse read as
 * {@code null}.
 */
public final class Ack277caReader {

	private Ack277caReader() {}

	/**
	 * Reads one 277CA.
	 *
	 * @param transaction a transaction set whose ST01 is {@code 277}, read with its segments
	 * @throws IllegalArgumentException when it is not a 277, or its segments were not kept
	 */
	public static ClaimAcknowledgment read(X12Transaction transaction) {
		if (!"277".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 277: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException("the 277 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		transaction.segments().forEach(session::accept);
		return session.build(transaction.controlNumber());
	}

	static Party party(X12Segment nm1) {
		return new Party(nm1.element(1), nm1.element(2), nm1.element(3), nm1.element(4), nm1.element(5),
				nm1.element(7), nm1.element(8), nm1.element(9));
	}

	static StatusInformation statusInformation(X12Segment stc) {
		List<Status> statuses = new ArrayList<>();
		for (int position : new int[] {1, 10, 11}) {
			if (!stc.component(position, 1).isEmpty() || !stc.component(position, 2).isEmpty()) {
				statuses.add(new Status(stc.component(position, 1), stc.component(position, 2),
						stc.component(position, 3)));
			}
		}
		return new StatusInformation(statuses, AckText.date(stc.element(2)), stc.element(3),
				AckText.decimal(stc.element(4)), stc.element(12));
	}

	/** DTP02 D8 or RD8 with DTP03, or {@code null} when the dates do not parse. */
	static DatePeriod period(X12Segment dtp) {
		String value = dtp.element(3);
		if ("RD8".equals(dtp.element(2)) && value.length() == 17 && value.charAt(8) == '-') {
			LocalDate start = AckText.date(value.substring(0, 8));
			LocalDate end = AckText.date(value.substring(9));
			return start != null && end != null ? new DatePeriod(start, end) : null;
		}
		LocalDate day = AckText.date(value);
		return day != null ? DatePeriod.of(day) : null;
	}

	private enum Level { NONE, SOURCE, RECEIVER, PROVIDER, PATIENT }

	/** The state of one read. */
	private static final class Session {
		private Level level = Level.NONE;
		private String reference = "";
		private LocalDateTime created;
		private Party source;
		private String receiptTrace = "";
		private LocalDate receiptDate;
		private LocalDate processDate;
		private final List<ReceiverBuilder> receivers = new ArrayList<>();
		private ReceiverBuilder receiver;
		private ProviderBuilder provider;
		private PatientBuilder patient;
		private ClaimBuilder claim;
		private LineBuilder line;

		void accept(X12Segment segment) {
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = AckText.dateTime(segment.element(4), segment.element(5));
				}
				case "HL" -> hierarchicalLevel(segment.element(3));
				case "NM1" -> name(party(segment));
				case "TRN" -> trace(segment.element(2));
				case "STC" -> status(statusInformation(segment));
				case "REF" -> reference(segment.element(1), segment.element(2));
				case "DTP" -> date(segment);
				case "QTY" -> quantity(segment.element(1), AckText.decimal(segment.element(2)));
				case "AMT" -> quantity(segment.element(1), AckText.decimal(segment.element(2)));
				case "SVC" -> {
					if (claim != null) {
						line = new LineBuilder(segment);
						claim.lines.add(line);
					}
				}
				default -> {
					// ST, SE and anything the guide does not define
				}
			}
		}

		private void hierarchicalLevel(String code) {
			line = null;
			claim = null;
			switch (code) {
				case "20" -> level = Level.SOURCE;
				case "21" -> {
					level = Level.RECEIVER;
					receiver = new ReceiverBuilder();
					receivers.add(receiver);
					provider = null;
					patient = null;
				}
				case "19" -> {
					level = Level.PROVIDER;
					provider = new ProviderBuilder();
					receiver().providers.add(provider);
					patient = null;
				}
				case "PT" -> {
					level = Level.PATIENT;
					patient = new PatientBuilder();
					provider().patients.add(patient);
				}
				default -> level = Level.NONE;
			}
		}

		private ReceiverBuilder receiver() {
			if (receiver == null) {
				receiver = new ReceiverBuilder();
				receivers.add(receiver);
			}
			return receiver;
		}

		private ProviderBuilder provider() {
			if (provider == null) {
				provider = new ProviderBuilder();
				receiver().providers.add(provider);
			}
			return provider;
		}

		private void name(Party party) {
			switch (level) {
				case SOURCE -> source = party;
				case RECEIVER -> receiver.party = party;
				case PROVIDER -> provider.party = party;
				case PATIENT -> patient.party = party;
				default -> {
					// a name outside any known level
				}
			}
		}

		private void trace(String number) {
			switch (level) {
				case SOURCE -> receiptTrace = number;
				case RECEIVER -> receiver.trace = number;
				case PROVIDER -> provider.trace = number;
				case PATIENT -> {
					line = null;
					claim = new ClaimBuilder(number);
					patient.claims.add(claim);
				}
				default -> {
					// a trace outside any known level
				}
			}
		}

		private void status(StatusInformation status) {
			if (line != null) {
				line.statuses.add(status);
			} else if (claim != null) {
				claim.statuses.add(status);
			} else if (level == Level.PROVIDER) {
				provider.statuses.add(status);
			} else if (level == Level.RECEIVER) {
				receiver.statuses.add(status);
			}
		}

		private void reference(String qualifier, String value) {
			if (line != null) {
				if ("FJ".equals(qualifier)) {
					line.controlNumber = value;
				}
			} else if (claim != null) {
				switch (qualifier) {
					case "1K" -> claim.payerClaimControlNumber = value;
					case "D9" -> claim.clearinghouseTrace = value;
					case "BLT" -> claim.billType = value;
					default -> {
						// not a 277CA claim reference
					}
				}
			} else if (level == Level.PROVIDER) {
				provider.secondaryIds.add(qualifier + ":" + value);
			}
		}

		private void date(X12Segment dtp) {
			String qualifier = dtp.element(1);
			if (level == Level.SOURCE) {
				if ("050".equals(qualifier)) {
					receiptDate = AckText.date(dtp.element(3));
				} else if ("009".equals(qualifier)) {
					processDate = AckText.date(dtp.element(3));
				}
			} else if (line != null) {
				line.serviceDates = period(dtp);
			} else if (claim != null) {
				claim.serviceDates = period(dtp);
			}
		}

		/** QTY or AMT of the receiver or provider level. */
		private void quantity(String qualifier, BigDecimal value) {
			TotalsBuilder totals = level == Level.RECEIVER ? receiver.totals
					: level == Level.PROVIDER ? provider.totals : null;
			if (totals == null) {
				return;
			}
			switch (qualifier) {
				case "90", "QA" -> totals.acceptedQuantity = value;
				case "AA", "QC" -> totals.rejectedQuantity = value;
				case "YU" -> totals.acceptedAmount = value;
				case "YY" -> totals.rejectedAmount = value;
				default -> {
					// not a 277CA total
				}
			}
		}

		ClaimAcknowledgment build(String controlNumber) {
			return new ClaimAcknowledgment(controlNumber, reference, created, source, receiptTrace, receiptDate,
					processDate, receivers.stream().map(ReceiverBuilder::build).toList());
		}
	}

	private static final class TotalsBuilder {
		BigDecimal acceptedQuantity;
		BigDecimal rejectedQuantity;
		BigDecimal acceptedAmount;
		BigDecimal rejectedAmount;

		Totals build() {
			return new Totals(acceptedQuantity, rejectedQuantity, acceptedAmount, rejectedAmount);
		}
	}

	private static final class ReceiverBuilder {
		Party party;
		String trace = "";
		final List<StatusInformation> statuses = new ArrayList<>();
		final TotalsBuilder totals = new TotalsBuilder();
		final List<ProviderBuilder> providers = new ArrayList<>();

		Receiver build() {
			return new Receiver(party, trace, statuses, totals.build(),
					providers.stream().map(ProviderBuilder::build).toList());
		}
	}

	private static final class ProviderBuilder {
		Party party;
		String trace = "";
		final List<StatusInformation> statuses = new ArrayList<>();
		final List<String> secondaryIds = new ArrayList<>();
		final TotalsBuilder totals = new TotalsBuilder();
		final List<PatientBuilder> patients = new ArrayList<>();

		BillingProvider build() {
			return new BillingProvider(party, trace, statuses, secondaryIds, totals.build(),
					patients.stream().map(PatientBuilder::build).toList());
		}
	}

	private static final class PatientBuilder {
		Party party;
		final List<ClaimBuilder> claims = new ArrayList<>();

		Patient build() {
			return new Patient(party, claims.stream().map(ClaimBuilder::build).toList());
		}
	}

	private static final class ClaimBuilder {
		final String patientControlNumber;
		final List<StatusInformation> statuses = new ArrayList<>();
		String payerClaimControlNumber = "";
		String clearinghouseTrace = "";
		String billType = "";
		DatePeriod serviceDates;
		final List<LineBuilder> lines = new ArrayList<>();

		ClaimBuilder(String patientControlNumber) {
			this.patientControlNumber = patientControlNumber;
		}

		ClaimStatus build() {
			return new ClaimStatus(patientControlNumber, statuses, payerClaimControlNumber, clearinghouseTrace,
					billType, serviceDates, lines.stream().map(LineBuilder::build).toList());
		}
	}

	private static final class LineBuilder {
		final X12Segment svc;
		final List<StatusInformation> statuses = new ArrayList<>();
		String controlNumber = "";
		DatePeriod serviceDates;

		LineBuilder(X12Segment svc) {
			this.svc = svc;
		}

		LineStatus build() {
			List<String> modifiers = new ArrayList<>();
			for (int component = 3; component <= 6; component++) {
				if (!svc.component(1, component).isEmpty()) {
					modifiers.add(svc.component(1, component));
				}
			}
			return new LineStatus(svc.component(1, 1), svc.component(1, 2), modifiers,
					AckText.decimal(svc.element(2)), svc.element(4), AckText.decimal(svc.element(7)), statuses,
					controlNumber, serviceDates);
		}
	}
}
