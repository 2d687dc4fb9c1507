package org.openrcm.terminology;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming reader for comma-separated files as RFC 4180 defines them: fields may be quoted with {@code "},
 * a quote inside a quoted field is doubled, and quoted fields may contain commas and line breaks. Line ends may be
 * {@code \n} or {@code \r\n}. The first record is the header; later records are returned as {@link Row}s that
 * look their fields up by header name and know the physical line on which they started (for error messages).
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class CsvReader implements Closeable {

	private final Reader in;
	private final String source;
	private final Map<String, Integer> columns;
	private final List<String> header;
	private int line = 1;
	private int pushback = -2;

	/**
	 * @param in the text, positioned at the header row; closed by {@link #close()}
	 * @param source the file name used in error messages
	 * @throws CodeSetLoadException if the header row is missing
	 */
	public CsvReader(Reader in, String source) throws IOException {
		this.in = in;
		this.source = source;
		List<String> headerFields = readRecord();
		if (headerFields == null) {
			throw new CodeSetLoadException(source, 1, "the file is empty; a header row was expected");
		}
		if (!headerFields.isEmpty() && headerFields.get(0).startsWith("\uFEFF")) {
			headerFields.set(0, headerFields.get(0).substring(1));
		}
		Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < headerFields.size(); i++) {
			byName.putIfAbsent(headerFields.get(i).trim().toLowerCase(java.util.Locale.ROOT), i);
		}
		this.header = Collections.unmodifiableList(headerFields);
		this.columns = byName;
	}

	/** The header fields, as written. */
	public List<String> header() {
		return header;
	}

	/** Whether the header has a column of this name (case-insensitive). */
	public boolean hasColumn(String name) {
		return columns.containsKey(name.toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * Fails with the file name if any of the named columns is absent from the header.
	 *
	 * @throws CodeSetLoadException naming the first missing column
	 */
	public void requireColumns(String... names) {
		for (String name : names) {
			if (!hasColumn(name)) {
				throw new CodeSetLoadException(source, 1, "column '" + name + "' is missing from the header " + header);
			}
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
		return in.read();
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
			Integer index = columns.get(column.toLowerCase(java.util.Locale.ROOT));
			if (index == null) {
				throw new CodeSetLoadException(source, lineNumber, "column '" + column + "' is missing from the header " + header);
			}
			return index < fields.size() ? fields.get(index).trim() : "";
		}

		/** Like {@link #get(String)} but fails with file and line when the field is empty. */
		public String require(String column) {
			String value = get(column);
			if (value.isEmpty()) {
				throw fail("the required field '" + column + "' is empty");
			}
			return value;
		}

		/** An exception that names the file and this record's line. */
		public CodeSetLoadException fail(String reason) {
			return new CodeSetLoadException(source, lineNumber, reason);
		}
	}
}
