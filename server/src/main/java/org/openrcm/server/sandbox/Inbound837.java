package org.openrcm.server.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;

/**
 * What the sandbox needs from one 837P or 837I transaction set that passed validation: the submitter and receiver
 * (1000A/1000B), and per claim (2300) the billing provider (2010AA), subscriber (2010BA), payer (2010BB), patient
 * (2010CA, else the subscriber) and service lines (2400). Segments are placed by the loop ids the reader gives them.
 *
 * @param reference BHT03, the submitter's id of the transaction
 * @param created BHT04, the day the submitter created the transaction; {@code null} when it does not parse
 * @param submitter 1000A NM1*41
 * @param receiver 1000B NM1*40, the clearinghouse the 837 is addressed to
 * @param claims every claim in order
 */
record Inbound837(String reference, LocalDate created, X12Segment submitter, X12Segment receiver, List<Claim> claims) {

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

	/**
	 * One claim with its parties.
	 *
	 * @param providerLevel HL01 of its billing provider level (2000A)
	 * @param billingProvider 2010AA NM1*85
	 * @param patientLevel HL01 of its subscriber (2000B) or patient (2000C) level
	 * @param subscriber 2010BA NM1*IL
	 * @param payer 2010BB NM1*PR
	 * @param patient 2010CA NM1*QC, or the subscriber when the subscriber is the patient
	 * @param clm the CLM segment
	 * @param clearinghouseTrace 2300 REF*D9; empty when absent
	 * @param filingIndicator 2000B SBR09, the claim filing indicator (e.g. {@code CI}); empty when absent
	 * @param priorAuthorization 2300 REF*G1, the prior authorization number; empty when absent
	 * @param originalReference 2300 REF*F8, the payer's claim number of the claim a replacement or void refers to;
	 *     empty when absent
	 * @param statementPeriod 2300 DTP*434 (837I); {@code null} when absent
	 * @param lines the service lines in order
	 * @param institutional whether it is an 837I claim
	 */
	record Claim(String providerLevel, X12Segment billingProvider, String patientLevel, X12Segment subscriber,
			X12Segment payer, X12Segment patient, X12Segment clm, String clearinghouseTrace, String filingIndicator,
			String priorAuthorization, String originalReference, DatePeriod statementPeriod, List<Line> lines,
			boolean institutional) {

		/** CLM01, the patient control number. */
		String patientControlNumber() {
			return clm.element(1);
		}

		/** CLM02, the total charge; {@code null} when not a number. */
		BigDecimal charge() {
			return decimal(clm.element(2));
		}

		/** The subscriber's member id, 2010BA NM109. */
		String memberId() {
			return subscriber == null ? "" : subscriber.element(9);
		}

		/** The payer id, 2010BB NM109. */
		String payerId() {
			return payer == null ? "" : payer.element(9);
		}

		/** CLM05-3, the claim frequency: {@code 1} original, {@code 7} replacement, {@code 8} void. */
		String frequency() {
			return clm.component(5, 3);
		}

		/** CLM05-1: the place of service (837P) or the facility type (837I). */
		String facilityCode() {
			return clm.component(5, 1);
		}

		/** For an 837I claim, the type of bill: facility code (CLM05-1) and frequency (CLM05-3); else empty. */
		String billType() {
			return institutional ? clm.component(5, 1) + clm.component(5, 3) : "";
		}

		/** The claim's service dates: the statement period, else the first to the last line date; or {@code null}. */
		DatePeriod serviceDates() {
			if (statementPeriod != null) {
				return statementPeriod;
			}
			LocalDate first = null;
			LocalDate last = null;
			for (Line line : lines) {
				if (line.dates() != null) {
					first = first == null || line.dates().start().isBefore(first) ? line.dates().start() : first;
					last = last == null || line.dates().end().isAfter(last) ? line.dates().end() : last;
				}
			}
			return first == null ? null : new DatePeriod(first, last);
		}
	}

	/**
	 * One service line (2400).
	 *
	 * @param service SV1 (837P) or SV2 (837I); {@code null} when absent
	 * @param controlNumber REF*6R, the line item control number; empty when absent
	 * @param priorAuthorization 2400 REF*G1, the line's prior authorization number; empty when absent
	 * @param dates DTP*472; {@code null} when absent
	 */
	record Line(X12Segment service, String controlNumber, String priorAuthorization, DatePeriod dates) {}

	/** Reads the parts of a valid 837 transaction set. */
	static Inbound837 of(X12Transaction transaction) {
		boolean institutional = transaction.implementationReference().startsWith("005010X223");
		String reference = "";
		LocalDate created = null;
		X12Segment submitter = null;
		X12Segment receiver = null;
		List<Claim> claims = new ArrayList<>();
		String providerLevel = "";
		X12Segment provider = null;
		String patientLevel = "";
		X12Segment subscriber = null;
		X12Segment payer = null;
		X12Segment patient = null;
		String filingIndicator = "";
		ClaimBuilder claim = null;
		LineBuilder line = null;
		for (X12Segment segment : transaction.segments()) {
			String loop = segment.loop() == null ? "" : segment.loop();
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = date(segment.element(4));
				}
				case "SBR" -> {
					if ("2000B".equals(loop)) {
						filingIndicator = segment.element(9);
					}
				}
				case "HL" -> {
					claim = finish(claim, claims);
					line = null;
					switch (segment.element(3)) {
						case "20" -> {
							providerLevel = segment.element(1);
							provider = null;
						}
						case "22" -> {
							patientLevel = segment.element(1);
							subscriber = null;
							payer = null;
							patient = null;
							filingIndicator = "";
						}
						case "23" -> {
							patientLevel = segment.element(1);
							patient = null;
						}
						default -> {
							// no other level in the 837
						}
					}
				}
				case "NM1" -> {
					switch (loop) {
						case "1000A" -> submitter = segment;
						case "1000B" -> receiver = segment;
						case "2010AA" -> provider = segment;
						case "2010BA" -> subscriber = segment;
						case "2010BB" -> payer = segment;
						case "2010CA" -> patient = segment;
						default -> {
							// other parties play no part in the sandbox rules
						}
					}
				}
				case "CLM" -> {
					finish(claim, claims);
					line = null;
					claim = new ClaimBuilder(providerLevel, provider, patientLevel, subscriber, payer,
							patient != null ? patient : subscriber, segment, filingIndicator, institutional);
				}
				case "REF" -> {
					if (claim != null && "2300".equals(loop)) {
						switch (segment.element(1)) {
							case "D9" -> claim.clearinghouseTrace = segment.element(2);
							case "G1" -> claim.priorAuthorization = segment.element(2);
							case "F8" -> claim.originalReference = segment.element(2);
							default -> {
								// other claim references play no part in the sandbox
							}
						}
					} else if (line != null && "2400".equals(loop) && "6R".equals(segment.element(1))) {
						line.controlNumber = segment.element(2);
					} else if (line != null && "2400".equals(loop) && "G1".equals(segment.element(1))) {
						line.priorAuthorization = segment.element(2);
					}
				}
				case "DTP" -> {
					if (claim != null && "2300".equals(loop) && "434".equals(segment.element(1))) {
						claim.statementPeriod = period(segment);
					} else if (line != null && "2400".equals(loop) && "472".equals(segment.element(1))) {
						line.dates = period(segment);
					}
				}
				case "LX" -> {
					if (claim != null) {
						line = new LineBuilder();
						claim.lines.add(line);
					}
				}
				case "SV1", "SV2" -> {
					if (line != null) {
						line.service = segment;
					}
				}
				default -> {
					// not needed for the acknowledgment
				}
			}
		}
		finish(claim, claims);
		return new Inbound837(reference, created, submitter, receiver, claims);
	}

	/** Adds the open claim, if any; returns {@code null}, the claim now open. */
	private static ClaimBuilder finish(ClaimBuilder claim, List<Claim> claims) {
		if (claim != null) {
			claims.add(claim.build());
		}
		return null;
	}

	/** DTP02 D8 or RD8 with DTP03, or {@code null} when the dates do not parse. */
	static DatePeriod period(X12Segment dtp) {
		String value = dtp.element(3);
		if ("RD8".equals(dtp.element(2)) && value.length() == 17 && value.charAt(8) == '-') {
			LocalDate start = date(value.substring(0, 8));
			LocalDate end = date(value.substring(9));
			return start != null && end != null && !end.isBefore(start) ? new DatePeriod(start, end) : null;
		}
		LocalDate day = date(value);
		return day != null ? DatePeriod.of(day) : null;
	}

	private static LocalDate date(String value) {
		try {
			return LocalDate.parse(value, D8);
		} catch (DateTimeParseException e) {
			return null;
		}
	}

	static BigDecimal decimal(String value) {
		try {
			return value.isBlank() ? null : new BigDecimal(value.strip());
		} catch (NumberFormatException e) {
			return null;
		}
	}

	private static final class ClaimBuilder {
		final String providerLevel;
		final X12Segment provider;
		final String patientLevel;
		final X12Segment subscriber;
		final X12Segment payer;
		final X12Segment patient;
		final X12Segment clm;
		final String filingIndicator;
		final boolean institutional;
		String clearinghouseTrace = "";
		String priorAuthorization = "";
		String originalReference = "";
		DatePeriod statementPeriod;
		final List<LineBuilder> lines = new ArrayList<>();

		ClaimBuilder(String providerLevel, X12Segment provider, String patientLevel, X12Segment subscriber,
				X12Segment payer, X12Segment patient, X12Segment clm, String filingIndicator, boolean institutional) {
			this.providerLevel = providerLevel;
			this.provider = provider;
			this.patientLevel = patientLevel;
			this.subscriber = subscriber;
			this.payer = payer;
			this.patient = patient;
			this.clm = clm;
			this.filingIndicator = filingIndicator;
			this.institutional = institutional;
		}

		Claim build() {
			return new Claim(providerLevel, provider, patientLevel, subscriber, payer, patient, clm,
					clearinghouseTrace, filingIndicator, priorAuthorization, originalReference, statementPeriod,
					lines.stream().map(LineBuilder::build).toList(),
					institutional);
		}
	}

	private static final class LineBuilder {
		X12Segment service;
		String controlNumber = "";
		String priorAuthorization = "";
		DatePeriod dates;

		Line build() {
			return new Line(service, controlNumber, priorAuthorization, dates);
		}
	}
}
