package org.openrcm.server.x12.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;

/**
 * One 277 health care claim status response (005010X212): a payer's answer to a 276. Like
 * {@link ClaimStatusRequest}, the hierarchy is kept flat: each {@link Report} (a 2200D or 2200E loop) names all its
 * parties. A request the payer could not answer at all, or not for one provider, is answered on the receiver level
 * (2200B) or provider level (2200C) instead, without claim loops: {@link #levelStatuses()}.
 *
 * @param controlNumber ST02 as read; ignored when written
 * @param reference BHT03, the payer's id of this response
 * @param created BHT04 and BHT05 (midnight when BHT05 is absent); {@code null} when absent or invalid
 * @param reports the claim statuses, in document order
 * @param levelStatuses the statuses given for a whole receiver or provider, in document order
 */
public record ClaimStatusResponse(String controlNumber, String reference, LocalDateTime created,
		List<Report> reports, List<LevelStatus> levelStatuses) {

	public ClaimStatusResponse {
		controlNumber = StatusText.nonNull(controlNumber);
		reference = StatusText.nonNull(reference);
		reports = List.copyOf(reports);
		levelStatuses = List.copyOf(levelStatuses);
	}

	/**
	 * The status of one claim (2200D when the subscriber is the patient, else 2200E).
	 *
	 * @param payer 2100A NM1*PR, who answers
	 * @param receiver 2100B NM1*41, who asked
	 * @param provider 2100C NM1*1P
	 * @param subscriber 2100D NM1*IL
	 * @param dependent 2100E NM1*QC when the patient is not the subscriber, else {@code null}
	 * @param traceNumber TRN02, the claim status tracking number of the 276 this answers
	 * @param statuses its STC segments, in order (at least one in a valid 277)
	 * @param payerClaimNumber REF*1K; empty when absent
	 * @param patientControlNumber REF*EJ, the CLM01 of the claim; empty when absent
	 * @param billType REF*BLT; empty when absent
	 * @param clearinghouseTraceNumber REF*D9; empty when absent
	 * @param serviceDates DTP*472; {@code null} when absent
	 * @param lines the service lines the payer reports on (2220D/E)
	 */
	public record Report(Party payer, Party receiver, Party provider, Party subscriber, Party dependent,
			String traceNumber, List<StatusDetail> statuses, String payerClaimNumber, String patientControlNumber,
			String billType, String clearinghouseTraceNumber, DatePeriod serviceDates, List<LineReport> lines) {

		public Report {
			payer = payer == null ? StatusText.NO_PARTY : payer;
			receiver = receiver == null ? StatusText.NO_PARTY : receiver;
			provider = provider == null ? StatusText.NO_PARTY : provider;
			subscriber = subscriber == null ? StatusText.NO_PARTY : subscriber;
			traceNumber = StatusText.nonNull(traceNumber);
			statuses = List.copyOf(statuses);
			payerClaimNumber = StatusText.nonNull(payerClaimNumber);
			patientControlNumber = StatusText.nonNull(patientControlNumber);
			billType = StatusText.nonNull(billType);
			clearinghouseTraceNumber = StatusText.nonNull(clearinghouseTraceNumber);
			lines = List.copyOf(lines);
		}
	}

	/**
	 * One STC segment of a 277: the claim status codes with what the payer adds when the claim is finalized.
	 *
	 * @param statuses STC01 and, when present, STC10 and STC11: each a category (list 507), a status code (list 508)
	 *     and maybe an entity (element 98)
	 * @param effectiveDate STC02, the day the status took effect; {@code null} when absent
	 * @param chargeAmount STC04, the total charge of the claim or line; {@code null} when absent
	 * @param paidAmount STC05, what the payer paid; {@code null} when absent
	 * @param adjudicationDate STC06, the day the claim was finalized; {@code null} when absent
	 * @param paymentMethod STC07: {@code ACH}, {@code BOP}, {@code CHK}, {@code FWT} or {@code NON}; empty when absent
	 * @param remittanceDate STC08, the day the check was issued or the EFT made; {@code null} when absent
	 * @param remittanceTrace STC09, the check or EFT trace number; empty when absent
	 * @param message STC12, free text; empty when absent
	 */
	public record StatusDetail(List<Status> statuses, LocalDate effectiveDate, BigDecimal chargeAmount,
			BigDecimal paidAmount, LocalDate adjudicationDate, String paymentMethod, LocalDate remittanceDate,
			String remittanceTrace, String message) {

		public StatusDetail {
			statuses = List.copyOf(statuses);
			paymentMethod = StatusText.nonNull(paymentMethod);
			remittanceTrace = StatusText.nonNull(remittanceTrace);
			message = StatusText.nonNull(message);
		}

		/** One status with nothing else (e.g. a pending claim): STC01 and STC02. */
		public static StatusDetail of(Status status, LocalDate effectiveDate) {
			return new StatusDetail(List.of(status), effectiveDate, null, null, null, "", null, "", "");
		}

		/** The category of the first status (STC01-1), e.g. {@code F1}; empty when there is none. */
		public String category() {
			return statuses.isEmpty() ? "" : statuses.get(0).category();
		}

		/**
		 * The status in words, e.g. {@code "F1 (finalized: paid) / 65 (...), effective 2026-11-02; billed 120,
		 * paid 76.8 by ACH 0012345 on 2026-11-04"}.
		 */
		public String words() {
			List<String> parts = new ArrayList<>();
			for (Status status : statuses) {
				parts.add(status.description());
			}
			StringBuilder text = new StringBuilder(String.join("; ", parts));
			if (effectiveDate != null) {
				text.append(", effective ").append(effectiveDate);
			}
			List<String> money = new ArrayList<>();
			if (chargeAmount != null) {
				money.add("billed " + StatusText.amount(chargeAmount));
			}
			if (paidAmount != null) {
				money.add("paid " + StatusText.amount(paidAmount));
			}
			if (adjudicationDate != null) {
				money.add("finalized " + adjudicationDate);
			}
			if (!paymentMethod.isEmpty() || !remittanceTrace.isEmpty() || remittanceDate != null) {
				String payment = "payment" + (paymentMethod.isEmpty() ? "" : " by " + paymentMethod)
						+ (remittanceTrace.isEmpty() ? "" : " " + remittanceTrace)
						+ (remittanceDate == null ? "" : " on " + remittanceDate);
				money.add(payment);
			}
			if (!money.isEmpty()) {
				text.append("; ").append(String.join(", ", money));
			}
			if (!message.isEmpty()) {
				text.append(" (").append(message).append(')');
			}
			return text.toString();
		}
	}

	/**
	 * The status of one service line (2220D/E).
	 *
	 * @param procedureQualifier SVC01-1, e.g. {@code HC} or {@code NU}
	 * @param procedureCode SVC01-2
	 * @param modifiers SVC01-3 to SVC01-6 present
	 * @param chargeAmount SVC02; {@code null} when not a number
	 * @param paidAmount SVC03; {@code null} when absent
	 * @param revenueCode SVC04; empty when absent
	 * @param units SVC07; {@code null} when absent
	 * @param statuses its STC segments
	 * @param lineItemControlNumber REF*FJ; empty when absent
	 * @param serviceDates DTP*472; {@code null} when absent
	 */
	public record LineReport(String procedureQualifier, String procedureCode, List<String> modifiers,
			BigDecimal chargeAmount, BigDecimal paidAmount, String revenueCode, BigDecimal units,
			List<StatusDetail> statuses, String lineItemControlNumber, DatePeriod serviceDates) {

		public LineReport {
			procedureQualifier = StatusText.nonNull(procedureQualifier);
			procedureCode = StatusText.nonNull(procedureCode);
			modifiers = List.copyOf(modifiers);
			revenueCode = StatusText.nonNull(revenueCode);
			statuses = List.copyOf(statuses);
			lineItemControlNumber = StatusText.nonNull(lineItemControlNumber);
		}
	}

	/**
	 * A status for a whole receiver (2200B: e.g. {@code E0} the request could not be read) or a whole provider
	 * (2200C: e.g. the provider is unknown to the payer).
	 *
	 * @param payer 2100A NM1*PR
	 * @param receiver 2100B NM1*41
	 * @param provider 2100C NM1*1P for a provider level status, {@code null} for a receiver level one
	 * @param traceNumber TRN02: on the receiver level the 276's BHT03, on the provider level the payer's own trace
	 * @param statuses the STC segments
	 */
	public record LevelStatus(Party payer, Party receiver, Party provider, String traceNumber,
			List<StatusDetail> statuses) {

		public LevelStatus {
			payer = payer == null ? StatusText.NO_PARTY : payer;
			receiver = receiver == null ? StatusText.NO_PARTY : receiver;
			traceNumber = StatusText.nonNull(traceNumber);
			statuses = List.copyOf(statuses);
		}
	}
}
