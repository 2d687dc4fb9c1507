package org.openrcm.server.x12.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;

/**
 * One 276 health care claim status request (005010X212): a provider, through an information receiver, asks a payer
 * where some claims stand. The guide's hierarchy (payer 2000A, receiver 2000B, service provider 2000C, subscriber
 * 2000D, dependent 2000E) is kept flat here: each {@link Inquiry} names all its parties, and the writer groups
 * consecutive inquiries with the same parties under one level.
 *
 * @param controlNumber ST02 as read; ignored when written (the writer numbers each transaction set)
 * @param reference BHT03, the requester's id of this request; a 277 that cannot answer the whole request echoes it in
 *     its receiver level TRN02
 * @param created BHT04 and BHT05 (midnight when BHT05 is absent); {@code null} when BHT04 is absent or invalid
 * @param inquiries the claims asked about (2200D or 2200E loops), in document order
 */
public record ClaimStatusRequest(String controlNumber, String reference, LocalDateTime created,
		List<Inquiry> inquiries) {

	public ClaimStatusRequest {
		controlNumber = StatusText.nonNull(controlNumber);
		reference = StatusText.nonNull(reference);
		inquiries = List.copyOf(inquiries);
	}

	/**
	 * A subscriber or dependent: who the claim is for.
	 *
	 * @param party NM1*IL (subscriber, with its member id in NM109) or NM1*QC (dependent, without an id)
	 * @param birthDate DMG02; {@code null} when absent or invalid
	 * @param gender DMG03 ({@code F}, {@code M}, {@code U}); empty when absent
	 */
	public record Member(Party party, LocalDate birthDate, String gender) {

		public Member {
			party = party == null ? StatusText.NO_PARTY : party;
			gender = StatusText.nonNull(gender);
		}
	}

	/**
	 * The question about one claim (loop 2200D when the subscriber is the patient, else 2200E).
	 *
	 * @param payer 2100A NM1*PR: whom the request asks (NM109 the payer id)
	 * @param receiver 2100B NM1*41: who asks, and gets the answer (the submitter)
	 * @param provider 2100C NM1*1P: the provider who billed the claim (NM109 its NPI)
	 * @param subscriber 2000D DMG and 2100D NM1*IL
	 * @param dependent 2000E DMG and 2100E NM1*QC when the patient is not the subscriber, else {@code null}
	 * @param traceNumber TRN02, the claim status tracking number: the payer's 277 echoes it, so the answer can be
	 *     matched to its question
	 * @param payerClaimNumber REF*1K, the number the payer gave the claim (from the 277CA or 835); empty when unknown
	 * @param patientControlNumber REF*EJ, the CLM01 the 837 carried; empty when absent
	 * @param billType REF*BLT, the institutional type of bill; empty for professional claims
	 * @param clearinghouseTraceNumber REF*D9; empty when absent
	 * @param chargeAmount AMT*T3, the total charge of the claim; {@code null} when absent
	 * @param serviceDates DTP*472, the claim's dates of service; {@code null} when absent
	 * @param lines the service lines asked about (2210D/E), usually none: the claim as a whole is asked about
	 */
	public record Inquiry(Party payer, Party receiver, Party provider, Member subscriber, Member dependent,
			String traceNumber, String payerClaimNumber, String patientControlNumber, String billType,
			String clearinghouseTraceNumber, BigDecimal chargeAmount, DatePeriod serviceDates, List<Line> lines) {

		public Inquiry {
			payer = payer == null ? StatusText.NO_PARTY : payer;
			receiver = receiver == null ? StatusText.NO_PARTY : receiver;
			provider = provider == null ? StatusText.NO_PARTY : provider;
			subscriber = subscriber == null ? new Member(null, null, "") : subscriber;
			traceNumber = StatusText.nonNull(traceNumber);
			payerClaimNumber = StatusText.nonNull(payerClaimNumber);
			patientControlNumber = StatusText.nonNull(patientControlNumber);
			billType = StatusText.nonNull(billType);
			clearinghouseTraceNumber = StatusText.nonNull(clearinghouseTraceNumber);
			lines = List.copyOf(lines);
		}

		/** The patient: the dependent when there is one, else the subscriber. */
		public Member patient() {
			return dependent != null ? dependent : subscriber;
		}
	}

	/**
	 * A service line asked about (2210D/E).
	 *
	 * @param procedureQualifier SVC01-1, e.g. {@code HC} (HCPCS/CPT) or {@code NU} (revenue code)
	 * @param procedureCode SVC01-2
	 * @param modifiers SVC01-3 to SVC01-6 present
	 * @param chargeAmount SVC02, the line charge; {@code null} when not a number
	 * @param revenueCode SVC04, the revenue code of an institutional line; empty when absent
	 * @param units SVC07; {@code null} when absent
	 * @param lineItemControlNumber REF*FJ, the line's control number from the 837 (REF*6R); empty when absent
	 * @param serviceDates DTP*472 of the line; {@code null} when absent
	 */
	public record Line(String procedureQualifier, String procedureCode, List<String> modifiers,
			BigDecimal chargeAmount, String revenueCode, BigDecimal units, String lineItemControlNumber,
			DatePeriod serviceDates) {

		public Line {
			procedureQualifier = StatusText.nonNull(procedureQualifier);
			procedureCode = StatusText.nonNull(procedureCode);
			modifiers = List.copyOf(modifiers);
			revenueCode = StatusText.nonNull(revenueCode);
			lineItemControlNumber = StatusText.nonNull(lineItemControlNumber);
		}
	}
}
