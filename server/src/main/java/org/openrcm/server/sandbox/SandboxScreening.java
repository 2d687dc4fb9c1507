package org.openrcm.server.sandbox;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.ack.ClaimAcknowledgment;
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
 * The sandbox's front-end decision on each claim of one 837 transaction set that passed the 999, as a 277CA: the
 * {@link SandboxRules} applied claim by claim, and the hierarchy of the 837 (billing provider, subscriber or patient)
 * kept in the 277CA's levels.
 */
final class SandboxScreening {

	/** Accepted into adjudication, accepted for processing. */
	static final Status ACCEPTED = new Status("A2", "20", "");
	/** Returned as unprocessable: the payer (entity PR) was not found. */
	static final Status UNKNOWN_PAYER = new Status("A3", "26", "PR");
	/** Returned as unprocessable: no subscriber (entity IL) with this subscriber id. */
	static final Status SUBSCRIBER_NOT_FOUND = new Status("A3", "33", "IL");
	/** Invalid information: a future date ... */
	static final Status FUTURE_DATE = new Status("A7", "510", "");
	/** ... namely the date(s) of service. */
	static final Status DATE_OF_SERVICE = new Status("A7", "187", "");
	/** Returned as unprocessable: the business application is not available; send it again. */
	static final Status RANDOM = new Status("A3", "484", "");
	/** The receiver level: the clearinghouse (entity AY) acknowledges receipt of the submission. */
	static final Status RECEIVED = new Status("A1", "19", "AY");

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

	private final SandboxRules rules;

	SandboxScreening(SandboxRules rules) {
		this.rules = rules;
	}

	/**
	 * The 277CA for one 837 transaction set.
	 *
	 * @param interchangeControlNumber ISA13 of the 837
	 * @param transactionControlNumber ST02 of the 837
	 * @param sandboxId the sandbox's own id (the 837's ISA08), used when the 837 does not name its receiver
	 * @param claims what the 837 holds
	 * @param received when the sandbox received the file
	 */
	ClaimAcknowledgment acknowledge(String interchangeControlNumber, String transactionControlNumber,
			String sandboxId, Inbound837 claims, LocalDateTime received) {
		LocalDate today = received.toLocalDate();
		String token = interchangeControlNumber + transactionControlNumber;
		X12Segment receiverName = claims.receiver();
		Party source = Party.organization("AY",
				receiverName != null && !receiverName.element(3).isEmpty() ? receiverName.element(3) : "OPENRCM SANDBOX",
				"46", receiverName != null && !receiverName.element(9).isEmpty() ? receiverName.element(9) : sandboxId);

		List<BillingProvider> providers = new ArrayList<>();
		Tally submission = new Tally();
		List<Inbound837.Claim> all = claims.claims();
		int i = 0;
		while (i < all.size()) {
			Inbound837.Claim first = all.get(i);
			Tally tally = new Tally();
			List<Patient> patients = new ArrayList<>();
			while (i < all.size() && all.get(i).providerLevel().equals(first.providerLevel())) {
				Inbound837.Claim patientFirst = all.get(i);
				List<ClaimStatus> statuses = new ArrayList<>();
				while (i < all.size() && all.get(i).providerLevel().equals(first.providerLevel())
						&& all.get(i).patientLevel().equals(patientFirst.patientLevel())) {
					ClaimStatus status = screen(all.get(i), interchangeControlNumber, transactionControlNumber, today);
					tally.add(status, all.get(i).charge());
					statuses.add(status);
					i++;
				}
				patients.add(new Patient(patient(patientFirst), statuses));
			}
			submission.addAll(tally);
			providers.add(new BillingProvider(provider(first.billingProvider()), token + "-" + first.providerLevel(),
					List.of(), List.of(), tally.totals(), patients));
		}
		Receiver receiver = new Receiver(submitter(claims.submitter()), claims.reference(),
				List.of(new StatusInformation(List.of(RECEIVED), today, submission.accepted > 0 ? "WQ" : "U",
						submission.total(), "")),
				submission.totals(), providers);
		return new ClaimAcknowledgment("", token, received, source, token, today, today, List.of(receiver));
	}

	/** The rules applied to one claim. */
	private ClaimStatus screen(Inbound837.Claim claim, String interchangeControlNumber,
			String transactionControlNumber, LocalDate today) {
		BigDecimal charge = claim.charge();
		List<StatusInformation> reasons = new ArrayList<>();
		List<LineStatus> lines = new ArrayList<>();
		if (!rules.knownPayerIds().isEmpty() && !rules.knownPayerIds().contains(claim.payerId())) {
			reasons.add(rejected(List.of(UNKNOWN_PAYER), today, charge,
					"PAYER ID " + claim.payerId() + " IS NOT KNOWN TO THIS CLEARINGHOUSE"));
		}
		if (!rules.rejectedMemberIdPrefix().isEmpty() && claim.memberId().startsWith(rules.rejectedMemberIdPrefix())) {
			reasons.add(rejected(List.of(SUBSCRIBER_NOT_FOUND), today, charge,
					"NO SUBSCRIBER WITH MEMBER ID " + claim.memberId()));
		}
		LocalDate latest = null;
		for (Inbound837.Line line : claim.lines()) {
			if (line.dates() != null && line.dates().end().isAfter(today)) {
				latest = latest == null || line.dates().end().isAfter(latest) ? line.dates().end() : latest;
				lines.add(line(line, rejected(List.of(FUTURE_DATE, DATE_OF_SERVICE), today, lineCharge(line),
						"DATE OF SERVICE " + D8.format(line.dates().end()) + " IS AFTER THE RECEIPT DATE "
								+ D8.format(today))));
			}
		}
		if (claim.statementPeriod() != null && claim.statementPeriod().end().isAfter(today)
				&& (latest == null || claim.statementPeriod().end().isAfter(latest))) {
			latest = claim.statementPeriod().end();
		}
		if (latest != null) {
			reasons.add(rejected(List.of(FUTURE_DATE, DATE_OF_SERVICE), today, charge,
					"DATE OF SERVICE " + D8.format(latest) + " IS AFTER THE RECEIPT DATE " + D8.format(today)));
		}
		if (reasons.isEmpty() && rules.randomRejectionRate() > 0
				&& draw(rules.randomSeed(), interchangeControlNumber, claim.patientControlNumber())
						< rules.randomRejectionRate()) {
			reasons.add(rejected(List.of(RANDOM), today, charge, "SANDBOX RANDOM REJECTION, SEND THE CLAIM AGAIN"));
		}
		boolean accepted = reasons.isEmpty();
		List<StatusInformation> statuses = accepted
				? List.of(new StatusInformation(List.of(ACCEPTED), today, "WQ", charge, "")) : reasons;
		return new ClaimStatus(claim.patientControlNumber(), statuses,
				accepted ? payerClaimControlNumber(interchangeControlNumber, transactionControlNumber,
						claim.patientControlNumber()) : "",
				claim.clearinghouseTrace(), claim.billType(), claim.serviceDates(), lines);
	}

	private static StatusInformation rejected(List<Status> statuses, LocalDate today, BigDecimal amount,
			String message) {
		return new StatusInformation(statuses, today, "U", amount, message);
	}

	/**
	 * The payer claim control number (REF*1K) of an accepted claim: the 837's ISA13 followed by eight digits of a
	 * SHA-256 hash of its ST02 and CLM01. The same claim in the same file always gets the same number.
	 */
	static String payerClaimControlNumber(String interchangeControlNumber, String transactionControlNumber,
			String patientControlNumber) {
		long bits = hash(transactionControlNumber + "|" + patientControlNumber);
		return interchangeControlNumber + String.format("%08d", Math.floorMod(bits, 100_000_000L));
	}

	/** A number in [0, 1) fixed by the seed, the interchange and the claim. */
	static double draw(long seed, String interchangeControlNumber, String patientControlNumber) {
		long bits = hash(seed + "|" + interchangeControlNumber + "|" + patientControlNumber);
		return (bits >>> 11) * 0x1.0p-53;
	}

	/** The first 64 bits of the SHA-256 hash of the text. */
	static long hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	/** A service line's charge: SV102 (837P) or SV203 (837I); {@code null} when absent or not a number. */
	static BigDecimal lineCharge(Inbound837.Line line) {
		X12Segment service = line.service();
		if (service == null) {
			return null;
		}
		return Inbound837.decimal("SV2".equals(service.id()) ? service.element(3) : service.element(2));
	}

	/** A rejected service line as 2220D: the procedure (and revenue code) as the 837 sent it. */
	private static LineStatus line(Inbound837.Line line, StatusInformation status) {
		X12Segment service = line.service();
		String qualifier = "";
		String code = "";
		List<String> modifiers = new ArrayList<>();
		String revenueCode = "";
		BigDecimal units = null;
		if (service != null && "SV1".equals(service.id())) {
			qualifier = service.component(1, 1);
			code = service.component(1, 2);
			modifiers = modifiers(service, 1);
			units = Inbound837.decimal(service.element(4));
		} else if (service != null) {
			if (service.component(2, 2).isEmpty()) {
				qualifier = "NU";
				code = service.element(1);
			} else {
				qualifier = service.component(2, 1);
				code = service.component(2, 2);
				modifiers = modifiers(service, 2);
				revenueCode = service.element(1);
			}
			units = Inbound837.decimal(service.element(5));
		}
		return new LineStatus(qualifier, code, modifiers, lineCharge(line), revenueCode, units, List.of(status),
				line.controlNumber(), line.dates());
	}

	/** The modifiers (components 3 to 6) of the procedure composite at this element position. */
	static List<String> modifiers(X12Segment service, int position) {
		List<String> modifiers = new ArrayList<>();
		for (int component = 3; component <= 6; component++) {
			if (!service.component(position, component).isEmpty()) {
				modifiers.add(service.component(position, component));
			}
		}
		return modifiers;
	}

	private static Party submitter(X12Segment nm1) {
		return nm1 == null ? Party.organization("41", "UNKNOWN SUBMITTER", "46", "UNKNOWN")
				: new Party("41", nm1.element(2), nm1.element(3), nm1.element(4), nm1.element(5), "", "46",
						nm1.element(9));
	}

	private static Party provider(X12Segment nm1) {
		return nm1 == null ? Party.organization("85", "UNKNOWN PROVIDER", "", "")
				: new Party("85", nm1.element(2), nm1.element(3), nm1.element(4), nm1.element(5), nm1.element(7),
						nm1.element(8), nm1.element(9));
	}

	/** 2100D: the patient's name with the subscriber's member id. */
	private static Party patient(Inbound837.Claim claim) {
		X12Segment name = claim.patient();
		String qualifier = claim.subscriber() != null && "II".equals(claim.subscriber().element(8)) ? "II" : "MI";
		return new Party("QC", "1", name == null ? "" : name.element(3), name == null ? "" : name.element(4),
				name == null ? "" : name.element(5), name == null ? "" : name.element(7),
				claim.memberId().isEmpty() ? "" : qualifier, claim.memberId());
	}

	/** Counts and sums of accepted and rejected claims. */
	private static final class Tally {
		int accepted;
		int rejected;
		BigDecimal acceptedAmount = BigDecimal.ZERO;
		BigDecimal rejectedAmount = BigDecimal.ZERO;

		void add(ClaimStatus status, BigDecimal charge) {
			BigDecimal amount = charge == null ? BigDecimal.ZERO : charge;
			if (status.accepted()) {
				accepted++;
				acceptedAmount = acceptedAmount.add(amount);
			} else {
				rejected++;
				rejectedAmount = rejectedAmount.add(amount);
			}
		}

		void addAll(Tally other) {
			accepted += other.accepted;
			rejected += other.rejected;
			acceptedAmount = acceptedAmount.add(other.acceptedAmount);
			rejectedAmount = rejectedAmount.add(other.rejectedAmount);
		}

		BigDecimal total() {
			return acceptedAmount.add(rejectedAmount);
		}

		/** QTY/AMT with only the non-zero counts (the guide wants them when there are such claims). */
		Totals totals() {
			return new Totals(accepted > 0 ? BigDecimal.valueOf(accepted) : null,
					rejected > 0 ? BigDecimal.valueOf(rejected) : null, accepted > 0 ? acceptedAmount : null,
					rejected > 0 ? rejectedAmount : null);
		}
	}
}
