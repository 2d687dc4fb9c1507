package org.openrcm.server.x12.remit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.openrcm.server.x12.X12Text;

/** How the 835 reader and writer turn X12 values into the record model's values and back. */
final class RemitText {

	private RemitText() {}

	/** A value as read, or {@code null} when absent. */
	static String text(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	/**
	 * A monetary amount as read, with at least two decimals ({@code 34} reads as {@code 34.00}, {@code 1.275} stays),
	 * or {@code null} when absent or not a number.
	 */
	static BigDecimal amount(String value) {
		BigDecimal number = decimal(value);
		return number == null || number.scale() >= 2 ? number : number.setScale(2, RoundingMode.UNNECESSARY);
	}

	/** A quantity as read (scale as written), or {@code null} when absent or not a number. */
	static BigDecimal decimal(String value) {
		return X12Text.decimal(value);
	}

	/** A CCYYMMDD date as read, or {@code null} when absent or not a date. */
	static LocalDate date(String value) {
		return X12Text.date(value);
	}

	/** A monetary amount as X12 writes it: no trailing zeros, no exponent ({@code 125}, {@code 30.5}); or null. */
	/** A quantity as written (its scale kept, so that it reads back equal), or null. */
	static String quantity(BigDecimal value) {
		return value == null ? null : value.toPlainString();
	}

	/** A date as CCYYMMDD, or null. */
	static String d8(LocalDate date) {
		return X12Text.d8(date);
	}
}
