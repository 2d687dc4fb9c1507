package org.openrcm.terminology;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Streaming reader for comma-separated files as RFC 4180 defines them: fields may be quoted with {@code "},
 * a quote inside a quoted field is doubled, and quoted fields may contain commas and line breaks. Line ends may be
 * {@code \n} or {@code \r\n}. The first record is the header; later records are returned as {@link Row}s that
 * look their fields up by header name and know the physical line on which they started (for error messages).
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class CsvReader implements Closeable {

	private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

	private final Reader in;
	private final String source;
	private final Map<String, Integer> columns;
	private final List<String> header;
	private final int headerLine;
	private final char[] buffer = new char[1 << 16];
	private int position;
	private int limit;
	private int line = 1;
	private int pushback = -2;

	/**
	 * @param in the text, positioned at the header row; closed by {@link #close()}
	 * @param source the file name used in error messages
	 * @throws CodeSetLoadException if the header row is missing
	 */
	public CsvReader(Reader in, String source) throws IOException {
		this(in, source, fields -> true, 1);
	}

	private CsvReader(Reader in, String source, Predicate<List<String>> isHeader, int maxHeaderLine) throws IOException {
		this.in = in;
		this.source = source;
		List<String> headerFields;
		int startLine;
		while (true) {
			startLine = line;
			headerFields = readRecord();
			if (headerFields == null) {
				throw new CodeSetLoadException(source, startLine, startLine == 1
						? "the file is empty; a header row was expected"
						: "no header row was found in the first " + maxHeaderLine + " lines");
			}
			if (!headerFields.isEmpty() && headerFields.get(0).startsWith("\uFEFF")) {
				headerFields.set(0, headerFields.get(0).substring(1));
			}
			if (isHeader.test(headerFields)) {
				break;
			}
			if (startLine >= maxHeaderLine) {
				throw new CodeSetLoadException(source, startLine,
						"no header row was found in the first " + maxHeaderLine + " lines");
			}
		}
		Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < headerFields.size(); i++) {
			byName.putIfAbsent(normalise(headerFields.get(i)), i);
		}
		this.header = Collections.unmodifiableList(headerFields);
		this.columns = byName;
		this.headerLine = startLine;
	}

	/**
	 * A reader for files that put notices (copyright lines, titles) above the header row, as the CMS NCCI files do:
	 * records are skipped until one satisfies {@code isHeader}.
	 *
	 * @param maxHeaderLine the header must start on or before this physical line
	 * @throws CodeSetLoadException if no record up to {@code maxHeaderLine} is a header
	 */
	public static CsvReader withHeaderMatching(Reader in, String source, Predicate<List<String>> isHeader,
			int maxHeaderLine) throws IOException {
		return new CsvReader(in, source, isHeader, maxHeaderLine);
	}

	/**
	 * A header cell as looked up: trimmed, lower case, runs of white space (including line breaks inside a quoted
	 * header cell) folded to one space.
	 */
	public static String normalise(String headerCell) {
		return WHITE_SPACE.matcher(headerCell.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
	}

	/** The header fields, as written. */
	public List<String> header() {
		return header;
	}

	/** The physical line (1-based) on which the header row starts. */
	public int headerLine() {
		return headerLine;
	}

	/** Whether the header has a column of this name (case-insensitive, white space folded). */
	public boolean hasColumn(String name) {
		return columns.containsKey(normalise(name));
	}

	/**
	 * The position of a column, for reading large files with {@link Row#get(int)} without a name lookup per field.
	 *
	 * @throws CodeSetLoadException naming the file when the column is absent
	 */
	public int column(String name) {
		Integer index = columns.get(normalise(name));
		if (index == null) {
			throw new CodeSetLoadException(source, headerLine, "column '" + name + "' is missing from the header " + header);
		}
		return index;
	}

	/**
	 * Fails with the file name if any of the named columns is absent from the header.
	 *
	 * @throws CodeSetLoadException naming the first missing column
	 */
	public void requireColumns(String... names) {
		for (String name : names) {
			column(name);
		}
	}

	/** The next record, or {@code null} at the end of the file. Blank lines are skipped. */
	public Row next() throws IOException {
		while (true) {
			int startLine = line;
			List<String> fields = readRecord();
			if (fields == null) {
				return null;
			}
			if (fields.size() == 1 && fields.get(0).isEmpty()) {
				continue;
			}
			return new Row(fields, startLine);
		}
	}

	private int read() throws IOException {
		if (pushback != -2) {
			int c = pushback;
			pushback = -2;
			return c;
		}
		if (position == limit) {
			int count = in.read(buffer, 0, buffer.length);
			if (count <= 0) {
				return -1;
			}
			position = 0;
			limit = count;
		}
		return buffer[position++];
	}

	private List<String> readRecord() throws IOException {
		int c = read();
		if (c == -1) {
			return null;
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean fieldWasQuoted = false;
		int quoteLine = line;
		while (true) {
			if (quoted) {
				if (c == -1) {
					throw new CodeSetLoadException(source, quoteLine, "a quoted field is not closed before the end of the file");
				}
				if (c == '"') {
					int n = read();
					if (n == '"') {
						field.append('"');
					} else {
						quoted = false;
						c = n;
						continue;
					}
				} else {
					if (c == '\n') {
						line++;
					}
					field.append((char) c);
				}
			} else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
				quoted = true;
				fieldWasQuoted = true;
				quoteLine = line;
			} else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				fieldWasQuoted = false;
			} else if (c == '\r') {
				int n = read();
				if (n != '\n') {
					pushback = n;
				}
				line++;
				break;
			} else if (c == '\n') {
				line++;
				break;
			} else if (c == -1) {
				break;
			} else {
				field.append((char) c);
			}
			c = read();
		}
		fields.add(field.toString());
		return fields;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	/** One record; fields are looked up by header name. */
	public final class Row {
		private final List<String> fields;
		private final int lineNumber;

		Row(List<String> fields, int lineNumber) {
			this.fields = fields;
			this.lineNumber = lineNumber;
		}

		/** The physical line (1-based, header is line 1) on which this record starts. */
		public int lineNumber() {
			return lineNumber;
		}

		/** The field under this header name, trimmed; empty string when the field is empty or the row is short. */
		public String get(String column) {
			Integer index = columns.get(normalise(column));
			if (index == null) {
				throw new CodeSetLoadException(source, lineNumber, "column '" + column + "' is missing from the header " + header);
			}
			return get(index);
		}

		/** The field at this position (see {@link CsvReader#column(String)}), trimmed; empty when the row is short. */
		public String get(int index) {
			return index < fields.size() ? fields.get(index).trim() : "";
		}

		/** How many fields this record has. */
		public int size() {
			return fields.size();
		}

		/** Like {@link #get(String)} but fails with file and line when the field is empty. */
		public String require(String column) {
			String value = get(column);
			if (value.isEmpty()) {
				throw fail("the required field '" + column + "' is empty");
			}
			return value;
		}

		/**
		 * The field as a date: ISO {@code yyyy-MM-dd} or CMS {@code YYYYMMDD}; {@code null} when empty.
		 *
		 * @throws CodeSetLoadException naming file and line when the field is not a date
		 */
		public LocalDate date(String column) {
			Integer index = columns.get(normalise(column));
			if (index == null) {
				throw new CodeSetLoadException(source, lineNumber, "column '" + column + "' is missing from the header " + header);
			}
			return date(index, column);
		}

		/** As {@link #date(String)} for the field at {@code index}, naming it {@code name} in messages. */
		public LocalDate date(int index, String name) {
			String value = get(index);
			if (value.isEmpty()) {
				return null;
			}
			if (value.length() == 10) {
				try {
					return LocalDate.parse(value);
				} catch (DateTimeParseException e) {
					throw fail(name + " '" + value + "' is not a date");
				}
			}
			return FixedWidthReader.parseBasicDate(value, name, this::fail);
		}

		/** An exception that names the file and this record's line. */
		public CodeSetLoadException fail(String reason) {
			return new CodeSetLoadException(source, lineNumber, reason);
		}
	}
}
