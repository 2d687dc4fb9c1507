package org.openrcm.server.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** X12 values as the readers of the transaction sets take them: lenient, {@code null} for what does not parse. */
public final class X12Text {

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

	private X12Text() {}

	/** A quantity or amount as read (scale as written), or {@code null} when absent or not a number. */
	public static BigDecimal decimal(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** A CCYYMMDD date as read, or {@code null} when absent or not a date. */
	public static LocalDate date(String value) {
		if (value == null || value.length() != 8) {
			return null;
		}
		try {
			return LocalDate.parse(value, D8);
		} catch (DateTimeParseException e) {
			return null;
		}
	}

	/** A date as CCYYMMDD, or {@code null}. */
	public static String d8(LocalDate date) {
		return date == null ? null : date.format(D8);
	}

	/**
	 * A value as an outbound transaction can carry it: the separators this server writes ({@code * : ^ ~}) and
	 * control characters, which a value read under other separators may hold, become spaces; surrounding spaces go;
	 * the value is cut to {@code max} characters.
	 *
	 * @return the value, or {@code ""} when nothing is left
	 */
	public static String clean(String value, int max) {
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

	/** An amount as X12 writes it: no trailing zeros, no exponent ({@code 125}, {@code 30.5}); null for null. */
	public static String amount(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
	}
}
