package org.openrcm.server.x12.ack;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.openrcm.server.x12.X12Text;

/** Values echoed from a received transaction into an acknowledgment, and values read back from one. */
final class AckText {

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

	private AckText() {}

	/**
	 * A value as the acknowledgment can carry it: the separators this server writes ({@code * : ^ ~}) and control
	 * characters, which a value read under other separators may hold, become spaces; surrounding spaces go; the value
	 * is cut to {@code max} characters.
	 *
	 * @return the value, or {@code ""} when nothing is left
	 */
	/** A monetary amount as X12 writes it: no trailing zeros, no exponent ({@code 125}, {@code 30.5}). */
	/** A quantity or amount as read, or {@code null} when absent or not a number. */
	static BigDecimal decimal(String value) {
		return X12Text.decimal(value);
	}

	/** A CCYYMMDD date as read, or {@code null} when absent or not a date. */
	static LocalDate date(String value) {
		return X12Text.date(value);
	}

	/**
	 * A CCYYMMDD date with an HHMM[SS] time as read (midnight when the time is absent or invalid), or {@code null}
	 * when the date is absent or invalid.
	 */
	static LocalDateTime dateTime(String date, String time) {
		LocalDate day = date(date);
		if (day == null) {
			return null;
		}
		LocalTime at = LocalTime.MIDNIGHT;
		if (time != null && time.matches("\\d{4}(\\d{2})?\\d*")) {
			try {
				at = LocalTime.of(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
						time.length() >= 6 ? Integer.parseInt(time.substring(4, 6)) : 0);
			} catch (DateTimeException e) {
				at = LocalTime.MIDNIGHT;
			}
		}
		return day.atTime(at);
	}

	/** A date as CCYYMMDD. */
	static String d8(LocalDate date) {
		return date.format(D8);
	}
}
