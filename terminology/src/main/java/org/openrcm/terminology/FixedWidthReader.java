package org.openrcm.terminology;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Reads fixed-width text files (the CDC ICD-10-CM order file, the CMS HCPCS record file) line by line. Field
 * positions are given as in the publishers' record layouts: 1-based, both ends inclusive. Lines shorter than a field
 * read as blank there, because the publishers trim trailing blanks.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class FixedWidthReader implements Closeable {

	private final BufferedReader in;
	private final String source;
	private int lineNumber;

	/**
	 * @param in the file's text; closed by {@link #close()}
	 * @param source the file name used in error messages
	 */
	public FixedWidthReader(Reader in, String source) {
		this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in, 1 << 16);
		this.source = source;
	}

	/** The next line that is not blank, or {@code null} at the end of the file. */
	public Line next() throws IOException {
		String text;
		do {
			text = in.readLine();
			lineNumber++;
			if (text == null) {
				return null;
			}
		} while (text.isBlank());
		if (lineNumber == 1 && text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		return new Line(text, lineNumber);
	}

	public String source() {
		return source;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	/** One line of the file. */
	public final class Line {
		private final String text;
		private final int number;

		Line(String text, int number) {
			this.text = text;
			this.number = number;
		}

		/** The line as read, without its line end. */
		public String text() {
			return text;
		}

		/** 1-based line number in the file. */
		public int number() {
			return number;
		}

		/** Characters {@code from} through {@code to} (1-based, inclusive), trimmed; blank past the end of the line. */
		public String field(int from, int to) {
			if (from > text.length()) {
				return "";
			}
			return text.substring(from - 1, Math.min(to, text.length())).trim();
		}

		/** Characters {@code from} to the end of the line, trimmed. */
		public String rest(int from) {
			return from > text.length() ? "" : text.substring(from - 1).trim();
		}

		/** The character at {@code position} (1-based), or a blank past the end of the line. */
		public char charAt(int position) {
			return position > text.length() ? ' ' : text.charAt(position - 1);
		}

		/**
		 * A date written {@code YYYYMMDD} in characters {@code from} through {@code from + 7}; {@code null} when blank.
		 *
		 * @throws CodeSetLoadException naming file and line when the field is not a date
		 */
		public LocalDate date(int from, String fieldName) {
			String value = field(from, from + 7);
			if (value.isEmpty()) {
				return null;
			}
			return parseBasicDate(value, fieldName, this::fail);
		}

		/** An exception naming the file and this line. */
		public CodeSetLoadException fail(String reason) {
			return new CodeSetLoadException(source, number, reason);
		}
	}

	/**
	 * Parses a {@code YYYYMMDD} date as CMS writes them.
	 *
	 * @param failure builds the exception (naming file and line) when the value is not a date
	 */
	public static LocalDate parseBasicDate(String value, String fieldName,
			Function<String, CodeSetLoadException> failure) {
		if (value.length() != 8) {
			throw failure.apply(fieldName + " '" + value + "' is not a date written YYYYMMDD");
		}
		try {
			return LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
					Integer.parseInt(value.substring(6, 8)));
		} catch (NumberFormatException | java.time.DateTimeException e) {
			throw failure.apply(fieldName + " '" + value + "' is not a date written YYYYMMDD");
		}
	}
}
