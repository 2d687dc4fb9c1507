package org.openrcm.server.x12.elig;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/** The segments the 270 and 271 share, as the readers take them and the writers put them. */
final class EligibilitySegments {

	private EligibilitySegments() {}

	static Party party(X12Segment nm1) {
		return new Party(nm1.element(1), nm1.element(2), nm1.element(3), nm1.element(4), nm1.element(5),
				nm1.element(7), nm1.element(8), nm1.element(9));
	}

	static Trace trace(X12Segment trn) {
		return new Trace(trn.element(1), trn.element(2), trn.element(3), trn.element(4));
	}

	/** DTP with D8 or RD8, or {@code null} when the date does not parse. */
	static DatePeriod period(X12Segment dtp) {
		String value = dtp.element(3);
		if ("RD8".equals(dtp.element(2)) && value.length() == 17 && value.charAt(8) == '-') {
			LocalDate start = X12Text.date(value.substring(0, 8));
			LocalDate end = X12Text.date(value.substring(9));
			return start != null && end != null ? new DatePeriod(dtp.element(1), start, end) : null;
		}
		LocalDate day = X12Text.date(value);
		return day != null ? DatePeriod.of(dtp.element(1), day) : null;
	}

	/** BHT04 and BHT05 (midnight when the time is absent or invalid), or {@code null}. */
	static LocalDateTime dateTime(String date, String time) {
		LocalDate day = X12Text.date(date);
		if (day == null) {
			return null;
		}
		try {
			return time != null && time.matches("\\d{4}.*")
					? day.atTime(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)))
					: day.atStartOfDay();
		} catch (DateTimeException e) {
			return day.atTime(LocalTime.MIDNIGHT);
		}
	}

	/** Every repetition's first component of an element (EQ01, EB03); one value when it does not repeat. */
	static List<String> repeated(X12Segment segment, int position) {
		return segment.repetitions(position).stream().map(r -> r.isEmpty() ? "" : r.get(0))
				.filter(v -> !v.isEmpty()).toList();
	}

	/**
	 * A value as the transaction can carry it: the separators this server writes ({@code * : ^ ~}) and control
	 * characters become spaces, surrounding spaces go, and it is cut to {@code max} characters.
	 */
	static String clean(String value, int max) {
		if (value == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			text.append(c < ' ' || c == '*' || c == ':' || c == '^' || c == '~' ? ' ' : c);
		}
		String clean = text.toString().strip();
		return clean.length() <= max ? clean : clean.substring(0, max).strip();
	}

	/** The NM1 segment's elements for a party: entity, type, names, id qualifier and id (cut to their lengths). */
	static Object[] nm1(Party party) {
		boolean person = "1".equals(party.entityType());
		return new Object[] {party.entityCode(), party.entityType(), clean(party.name(), 60),
				person ? clean(party.firstName(), 35) : null, person ? clean(party.middleName(), 25) : null, null,
				person ? clean(party.suffix(), 10) : null, party.id().isEmpty() ? null : party.idQualifier(),
				party.id().isEmpty() ? null : clean(party.id(), 80)};
	}

	/** A number as X12 writes it: no trailing zeros, no exponent ({@code 125}, {@code 0.2}), or {@code null}. */
	static String number(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
	}

	/** DTP02 and DTP03 of a period. */
	static Object[] dtp(DatePeriod period) {
		return period.singleDay() ? new Object[] {period.qualifier(), "D8", X12Text.d8(period.start())}
				: new Object[] {period.qualifier(), "RD8", X12Text.d8(period.start()) + "-" + X12Text.d8(period.end())};
	}
}
