package org.openrcm.server.x12.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;

/** Values as the 276 and 277 readers and writers take and give them. */
final class StatusText {

	/** A party a level does not name. */
	static final Party NO_PARTY = new Party("", "", "", "", "", "", "", "");

	private StatusText() {}

	static String nonNull(String value) {
		return value == null ? "" : value;
	}

	/**
	 * A value as an outbound 276 or 277 can carry it: the separators this server writes ({@code * : ^ ~}) and
	 * control characters become spaces; surrounding spaces go; the value is cut to {@code max} characters.
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

	/** An amount as X12 writes it: no trailing zeros, no exponent; {@code ""} for {@code null}. */
	static String amount(BigDecimal value) {
		if (value == null) {
			return "";
		}
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
	}

	/** A date as CCYYMMDD, or {@code ""} for {@code null}. */
	static String d8(LocalDate date) {
		return date == null ? "" : X12Text.d8(date);
	}

	/** A party read from an NM1 segment. */
	static Party party(X12Segment nm1) {
		return new Party(nm1.element(1), nm1.element(2), nm1.element(3), nm1.element(4), nm1.element(5),
				nm1.element(7), nm1.element(8), nm1.element(9));
	}

	/** DTP02 D8 or RD8 with DTP03, or {@code null} when the dates do not parse. */
	static DatePeriod period(X12Segment dtp) {
		String value = dtp.element(3);
		if ("RD8".equals(dtp.element(2)) && value.length() == 17 && value.charAt(8) == '-') {
			LocalDate start = X12Text.date(value.substring(0, 8));
			LocalDate end = X12Text.date(value.substring(9));
			return start != null && end != null && !end.isBefore(start) ? new DatePeriod(start, end) : null;
		}
		LocalDate day = X12Text.date(value);
		return day != null ? DatePeriod.of(day) : null;
	}

	/** DTP02 and DTP03 of a period: {@code D8} for one day, else {@code RD8}. */
	static String[] dtp(DatePeriod dates) {
		return dates.start().equals(dates.end()) ? new String[] {"D8", X12Text.d8(dates.start())}
				: new String[] {"RD8", X12Text.d8(dates.start()) + "-" + X12Text.d8(dates.end())};
	}
}
