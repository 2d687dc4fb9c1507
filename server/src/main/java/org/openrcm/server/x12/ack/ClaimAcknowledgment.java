package org.openrcm.server.x12.ack;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One 277CA health care claim acknowledgment (005010X214): the clearinghouse's or payer's front-end verdict on each
 * claim of a submitted 837, with its hierarchy: the information source (2000A) answers an information receiver, the
 * submitter (2000B), about claims of billing providers (2000C) for patients (2000D), one status loop per claim
 * (2200D) and, where a service line is at fault, per line (2220D).
 *
 * <p>A claim is matched to what was sent by {@link ClaimStatus#patientControlNumber()} (TRN02, the CLM01 of the
 * 837). {@link #claims()} lists every claim status regardless of hierarchy. A claim the 277CA does not mention
 * individually may still have been rejected with its billing provider or the whole submission (statuses on the
 * 2000C or 2000B level, without claim loops under them).
 *
 * @param controlNumber ST02 of the 277CA itself, as read; ignored when written
 * @param reference BHT03, the information source's id of this acknowledgment
 * @param created BHT04 and BHT05, when it was created (midnight when BHT05 is absent); {@code null} when BHT04 is
 *     absent or invalid
 * @param informationSource 2100A, who answers: a payer ({@code PR}) or clearinghouse ({@code AY})
 * @param receiptTraceNumber 2200A TRN02, the source's id for the receipt of the 837
 * @param receiptDate 2200A DTP*050, the day the source received the 837; {@code null} when absent
 * @param processDate 2200A DTP*009, the day the source processed it; {@code null} when absent
 * @param receivers the information receivers (2000B), normally one: the submitter
 */
public record ClaimAcknowledgment(String controlNumber, String reference, LocalDateTime created,
		Party informationSource,
		String receiptTraceNumber, LocalDate receiptDate, LocalDate processDate, List<Receiver> receivers) {

	public ClaimAcknowledgment {
		controlNumber = nonNull(controlNumber);
		reference = nonNull(reference);
		informationSource = informationSource == null ? Party.NONE : informationSource;
		receiptTraceNumber = nonNull(receiptTraceNumber);
		receivers = List.copyOf(receivers);
	}

	/** Every claim status (2200D) in document order, whichever receiver, provider and patient it sits under. */
	public List<ClaimStatus> claims() {
		return receivers.stream().flatMap(r -> r.providers().stream()).flatMap(p -> p.patients().stream())
				.flatMap(p -> p.claims().stream()).toList();
	}

	/** The status of the claim whose patient control number (CLM01 as sent) this is; the first if it repeats. */
	public Optional<ClaimStatus> claim(String patientControlNumber) {
		return claims().stream().filter(c -> c.patientControlNumber().equals(patientControlNumber)).findFirst();
	}

	/**
	 * An entity named by an NM1 segment.
	 *
	 * @param entityCode NM101, e.g. {@code PR} payer, {@code AY} clearinghouse, {@code 41} submitter, {@code 85}
	 *     billing provider, {@code QC} patient (see {@link ClaimStatusCodes#entity})
	 * @param entityType NM102: {@code 1} person, {@code 2} organization
	 * @param name NM103, the last or organization name
	 * @param firstName NM104; empty when absent
	 * @param middleName NM105; empty when absent
	 * @param suffix NM107; empty when absent
	 * @param idQualifier NM108, e.g. {@code XX} NPI, {@code MI} member id, {@code 46} electronic transmitter id,
	 *     {@code PI} payer id; empty when absent
	 * @param id NM109; empty when absent
	 */
	public record Party(String entityCode, String entityType, String name, String firstName, String middleName,
			String suffix, String idQualifier, String id) {

		static final Party NONE = new Party("", "", "", "", "", "", "", "");

		public Party {
			entityCode = nonNull(entityCode);
			entityType = nonNull(entityType);
			name = nonNull(name);
			firstName = nonNull(firstName);
			middleName = nonNull(middleName);
			suffix = nonNull(suffix);
			idQualifier = nonNull(idQualifier);
			id = nonNull(id);
		}

		/** An organization, e.g. a payer or clearinghouse. */
		public static Party organization(String entityCode, String name, String idQualifier, String id) {
			return new Party(entityCode, "2", name, "", "", "", idQualifier, id);
		}
	}

	/**
	 * Counts and sums of claims accepted and rejected (QTY and AMT of loops 2200B and 2200C); {@code null} where the
	 * 277CA does not say.
	 *
	 * @param acceptedQuantity QTY*90 (receiver level) or QTY*QA (provider level)
	 * @param rejectedQuantity QTY*AA (receiver level) or QTY*QC (provider level)
	 * @param acceptedAmount AMT*YU
	 * @param rejectedAmount AMT*YY
	 */
	public record Totals(BigDecimal acceptedQuantity, BigDecimal rejectedQuantity, BigDecimal acceptedAmount,
			BigDecimal rejectedAmount) {

		static final Totals NONE = new Totals(null, null, null, null);
	}

	/**
	 * One information receiver: loop 2000B with its name (2100B) and status (2200B).
	 *
	 * @param party 2100B NM1*41, the submitter of the 837
	 * @param traceNumber 2200B TRN02, the submitter's own id of the 837 transaction (its BHT03)
	 * @param statuses 2200B STC, the verdict on the whole submission
	 * @param totals 2200B QTY/AMT
	 * @param providers the billing providers of its claims (2000C)
	 */
	public record Receiver(Party party, String traceNumber, List<StatusInformation> statuses, Totals totals,
			List<BillingProvider> providers) {

		public Receiver {
			party = party == null ? Party.NONE : party;
			traceNumber = nonNull(traceNumber);
			statuses = List.copyOf(statuses);
			totals = totals == null ? Totals.NONE : totals;
			providers = List.copyOf(providers);
		}
	}

	/**
	 * One billing provider: loop 2000C with its name (2100C) and status (2200C).
	 *
	 * @param party 2100C NM1*85
	 * @param traceNumber 2200C TRN02, the source's trace id for this provider's claims; empty when absent
	 * @param statuses 2200C STC: a provider-level verdict (e.g. the NPI is not on file), which then applies to all its
	 *     claims; empty when the verdicts are per claim
	 * @param secondaryIds 2200C REF, the provider's other ids as {@code qualifier:id} (e.g. {@code TJ:371234567})
	 * @param totals 2200C QTY/AMT
	 * @param patients the patients of its claims (2000D)
	 */
	public record BillingProvider(Party party, String traceNumber, List<StatusInformation> statuses,
			List<String> secondaryIds, Totals totals, List<Patient> patients) {

		public BillingProvider {
			party = party == null ? Party.NONE : party;
			traceNumber = nonNull(traceNumber);
			statuses = List.copyOf(statuses);
			secondaryIds = List.copyOf(secondaryIds);
			totals = totals == null ? Totals.NONE : totals;
			patients = List.copyOf(patients);
		}
	}

	/**
	 * One patient: loop 2000D with its name (2100D).
	 *
	 * @param party 2100D NM1*QC; its id is the member id the 837 sent
	 * @param claims the statuses of its claims (2200D)
	 */
	public record Patient(Party party, List<ClaimStatus> claims) {

		public Patient {
			party = party == null ? Party.NONE : party;
			claims = List.copyOf(claims);
		}
	}

	/**
	 * The verdict on one claim: loop 2200D.
	 *
	 * @param patientControlNumber TRN02, the claim's CLM01 as the 837 sent it
	 * @param statuses its STC segments, in order
	 * @param payerClaimControlNumber REF*1K, the number the payer gave the claim; empty when none (a rejected claim
	 *     usually has none)
	 * @param clearinghouseTraceNumber REF*D9, the trace number a clearinghouse gave the claim (or the 837's own
	 *     REF*D9); empty when none
	 * @param billType REF*BLT, the institutional type of bill; empty for professional claims
	 * @param serviceDates DTP*472, the claim's service dates (for institutional claims, its statement period);
	 *     {@code null} when absent
	 * @param lines the service lines the 277CA reports on (2220D), usually only those at fault
	 */
	public record ClaimStatus(String patientControlNumber, List<StatusInformation> statuses,
			String payerClaimControlNumber, String clearinghouseTraceNumber, String billType, DatePeriod serviceDates,
			List<LineStatus> lines) {

		public ClaimStatus {
			patientControlNumber = nonNull(patientControlNumber);
			statuses = List.copyOf(statuses);
			payerClaimControlNumber = nonNull(payerClaimControlNumber);
			clearinghouseTraceNumber = nonNull(clearinghouseTraceNumber);
			billType = nonNull(billType);
			lines = List.copyOf(lines);
		}

		/**
		 * Whether the claim got past the front end: some status category is an acceptance ({@code A0}, {@code A1},
		 * {@code A2}, {@code A5}) and none a rejection. See {@link ClaimStatusCodes}.
		 */
		public boolean accepted() {
			return !rejected() && categories().anyMatch(ClaimStatusCodes::isAccepted);
		}

		/**
		 * Whether the claim was turned away and must be corrected and sent again as a new claim: some status category
		 * is {@code A3}, {@code A4}, {@code A6}, {@code A7} or {@code A8}. A claim can be neither accepted nor
		 * rejected (e.g. only pending categories).
		 */
		public boolean rejected() {
			return categories().anyMatch(ClaimStatusCodes::isRejected);
		}

		/** Every status of the claim (STC01, STC10, STC11 of each STC), in order. */
		public List<Status> allStatuses() {
			return statuses.stream().flatMap(s -> s.statuses().stream()).toList();
		}

		/** The claim's statuses in words, e.g. {@code "A7 rejected: ... / 562 ... / 85 billing provider"}. */
		public List<String> descriptions() {
			return allStatuses().stream().map(Status::description).toList();
		}

		/** The claim's total charge as the source repeats it: the first STC04 present, or {@code null}. */
		public BigDecimal chargeAmount() {
			return statuses.stream().map(StatusInformation::amount).filter(a -> a != null).findFirst().orElse(null);
		}

		private Stream<String> categories() {
			return allStatuses().stream().map(Status::category);
		}
	}

	/**
	 * The verdict on one service line: loop 2220D.
	 *
	 * @param procedureQualifier SVC01-1, e.g. {@code HC} (HCPCS/CPT) or {@code NU} (revenue code)
	 * @param procedureCode SVC01-2
	 * @param modifiers SVC01-3 to SVC01-6, the procedure modifiers present
	 * @param chargeAmount SVC02, the line charge; {@code null} when not a number
	 * @param revenueCode SVC04, the revenue code of an institutional line; empty when absent
	 * @param units SVC07, the units of service; {@code null} when absent
	 * @param statuses its STC segments
	 * @param lineItemControlNumber REF*FJ, the line's control number as the 837 sent it (REF*6R); empty when absent
	 * @param serviceDates DTP*472; {@code null} when absent
	 */
	public record LineStatus(String procedureQualifier, String procedureCode, List<String> modifiers,
			BigDecimal chargeAmount, String revenueCode, BigDecimal units, List<StatusInformation> statuses,
			String lineItemControlNumber, DatePeriod serviceDates) {

		public LineStatus {
			procedureQualifier = nonNull(procedureQualifier);
			procedureCode = nonNull(procedureCode);
			modifiers = List.copyOf(modifiers);
			revenueCode = nonNull(revenueCode);
			statuses = List.copyOf(statuses);
			lineItemControlNumber = nonNull(lineItemControlNumber);
		}

		/** Whether a status category of the line is a rejection. */
		public boolean rejected() {
			return statuses.stream().flatMap(s -> s.statuses().stream()).map(Status::category)
					.anyMatch(ClaimStatusCodes::isRejected);
		}
	}

	/**
	 * One STC segment.
	 *
	 * @param statuses STC01 and, when present, STC10 and STC11: each a category, a status code and maybe an entity
	 * @param effectiveDate STC02, the day the status took effect; {@code null} when absent
	 * @param actionCode STC03: {@code WQ} accepted, {@code U} rejected; empty when absent
	 * @param amount STC04, the total charge of the claim or line (at the 2200B/C level, of the submission or
	 *     provider); {@code null} when absent
	 * @param message STC12, free text from the source; empty when absent
	 */
	public record StatusInformation(List<Status> statuses, LocalDate effectiveDate, String actionCode,
			BigDecimal amount, String message) {

		public StatusInformation {
			statuses = List.copyOf(statuses);
			actionCode = nonNull(actionCode);
			message = nonNull(message);
		}
	}

	/**
	 * One health care claim status composite (C043).
	 *
	 * @param category the claim status category, e.g. {@code A2} (list 507)
	 * @param code the claim status code, e.g. {@code 20} (list 508)
	 * @param entity the entity the status is about, e.g. {@code 85} billing provider; empty when absent
	 */
	public record Status(String category, String code, String entity) {

		public Status {
			category = nonNull(category);
			code = nonNull(code);
			entity = nonNull(entity);
		}

		/** Whether the category is an acceptance (see {@link ClaimStatusCodes#isAccepted}). */
		public boolean accepted() {
			return ClaimStatusCodes.isAccepted(category);
		}

		/** Whether the category is a rejection (see {@link ClaimStatusCodes#isRejected}). */
		public boolean rejected() {
			return ClaimStatusCodes.isRejected(category);
		}

		/**
		 * The status in words, e.g. {@code "A7 (rejected: information is invalid ...) / 562 (the National Provider
		 * Identifier (NPI) of the entity named) / 85 (billing provider)"}.
		 */
		public String description() {
			StringBuilder text = new StringBuilder(ImplementationAckCodes.describe(category,
					ClaimStatusCodes.category(category)));
			if (!code.isEmpty()) {
				text.append(" / ").append(ImplementationAckCodes.describe(code, ClaimStatusCodes.status(code)));
			}
			if (!entity.isEmpty()) {
				text.append(" / ").append(ImplementationAckCodes.describe(entity, ClaimStatusCodes.entity(entity)));
			}
			return text.toString();
		}
	}

	/**
	 * A date or period: DTP with D8 (one day, start = end) or RD8.
	 *
	 * @param start the first day
	 * @param end the last day
	 */
	public record DatePeriod(LocalDate start, LocalDate end) {

		public DatePeriod {
			if (start == null || end == null) {
				throw new IllegalArgumentException("a period needs both days");
			}
		}

		/** One day. */
		public static DatePeriod of(LocalDate day) {
			return new DatePeriod(day, day);
		}
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}
}
