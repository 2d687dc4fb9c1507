package org.openrcm.server.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How FHIR values become X12 element values in the 837: free text folded to the X12 character set, amounts, units
 * and dates in the formats the TR3 uses.
 */
final class X12Values {

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
	/** The X12 basic and extended special characters, without the separators this server writes ({@code *:^~}). */
	private static final String SPECIALS = " !\"&'()+,-./;?=%@[]_{}\\|<>#$";

	private X12Values() {}

	/**
	 * Free text (a name, an address line) as X12 carries it: accents dropped, upper case, any character outside
	 * the X12 character set or used as a separator made a space, spaces collapsed, cut to {@code max} characters.
	 *
	 * @return the text, or {@code ""} when nothing is left
	 */
	static String text(String value, int max) {
		if (value == null) {
			return "";
		}
		String folded = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
				.toUpperCase(Locale.ROOT);
		StringBuilder text = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || SPECIALS.indexOf(c) >= 0);
			char kept = allowed ? c : ' ';
			if (kept != ' ' || (text.length() > 0 && text.charAt(text.length() - 1) != ' ')) {
				text.append(kept);
			}
		}
		String clean = text.toString().strip();
		return clean.length() <= max ? clean : clean.substring(0, max).strip();
	}

	/** An identifier as given, without surrounding spaces; {@code ""} for none. */
	static String id(String value) {
		return value == null ? "" : value.strip();
	}

	/** Only the digits of a value (a ZIP code, a phone number, an EIN written with a dash). */
	static String digits(String value) {
		return value == null ? "" : value.replaceAll("\\D", "");
	}

	/** A monetary amount in dollars and cents without trailing zeros: {@code 125}, {@code 30.5}. */
	static String amount(BigDecimal value) {
		return value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	/** A quantity without trailing zeros: {@code 1}, {@code 1.5}. */
	static String quantity(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	/** CCYYMMDD, the D8 format. */
	static String date(LocalDate date) {
		return date.format(D8);
	}

	/** CCYYMMDD-CCYYMMDD, the RD8 format. */
	static String range(LocalDate from, LocalDate to) {
		return date(from) + "-" + date(to);
	}
}
