package org.openrcm.terminology.ncci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.FixedWidthReader;

/**
 * Reads CMS's own NCCI PTP text files (e.g. {@code ccipra-v303r0-f1.txt} … {@code -f4.txt}, "Practitioner PTP
 * edits") into a {@link PtpTableBuilder}. Layout:
 * <ul>
 * <li>notice lines first (the AMA copyright, a title), then a header line that names {@code Column 1} and
 * {@code Column 2}; CMS wraps the header's long cells onto continuation lines ({@code 0=not allowed},
 * {@code *=no data}, ...), which are skipped until the first data line;</li>
 * <li>then one tab-separated line per edit, seven fields:
 * <pre>
 * 1 column 1 code                 5 characters
 * 2 column 2 code                 5 characters
 * 3 *=in existence prior to 1996  '*' or blank
 * 4 effective date                YYYYMMDD
 * 5 deletion date                 YYYYMMDD, or '*' when the edit is active
 * 6 modifier indicator            0 not allowed, 1 allowed, 9 not applicable
 * 7 PTP edit rationale            text
 * </pre></li>
 * </ul>
 * A data line with another shape fails the load with file, line and reason. Latin-1 and UTF-8 read the same (the
 * files are ASCII).
 */
public final class PtpCmsTextLoader {

	private static final int MAX_HEADER_LINES = 30;

	/** Adds the file's rows to {@code builder}; closes {@code text}. */
	public void read(Reader text, String source, PtpTableBuilder builder) throws IOException {
		Map<String, LocalDate> dates = new HashMap<>();
		int before = builder.size();
		try (BufferedReader in = new BufferedReader(text, 1 << 16)) {
			int lineNumber = 0;
			boolean header = false;
			boolean data = false;
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				lineNumber++;
				if (line.isBlank()) {
					continue;
				}
				if (!header) {
					String lower = line.toLowerCase(Locale.ROOT);
					header = (lower.contains("column 1") || lower.contains("column1"))
							&& (lower.contains("column 2") || lower.contains("column2"));
					if (!header && lineNumber >= MAX_HEADER_LINES) {
						throw new CodeSetLoadException(source, lineNumber, "no 'Column 1 / Column 2' header in the first "
								+ MAX_HEADER_LINES + " lines; this is not a CMS PTP edit file");
					}
					continue;
				}
				String[] fields = line.split("\t", -1);
				if (!data && (fields.length < 7 || NcciCodes.encode(fields[0].trim()) < 0)) {
					continue;
				}
				data = true;
				int number = lineNumber;
				if (fields.length < 7) {
					throw new CodeSetLoadException(source, number, "expected 7 tab-separated fields, found " + fields.length);
				}
				int column1 = code(fields[0], "column 1", source, number);
				int column2 = code(fields[1], "column 2", source, number);
				boolean prior = fields[2].trim().equals("*");
				LocalDate effective = date(fields[3].trim(), "effective date", source, number, dates);
				LocalDate deletion = date(fields[4].trim(), "deletion date", source, number, dates);
				int modifier = PtpCsvLoader.indicator(fields[5].trim(), reason -> new CodeSetLoadException(source, number,
						reason));
				builder.add(column1, column2, effective, deletion, modifier, fields[6].trim(), prior);
			}
			if (!header) {
				throw new CodeSetLoadException(source, lineNumber, "no 'Column 1 / Column 2' header; this is not a CMS PTP"
						+ " edit file");
			}
		}
		if (builder.size() == before) {
			throw new CodeSetLoadException(source, 0, "the file holds no PTP edits");
		}
	}

	private static int code(String field, String name, String source, int line) {
		String code = field.trim();
		int key = NcciCodes.encode(code);
		if (key < 0) {
			throw new CodeSetLoadException(source, line, name + " '" + code + "' is not a five-character HCPCS/CPT code");
		}
		return key;
	}

	private static LocalDate date(String value, String name, String source, int line, Map<String, LocalDate> dates) {
		if (value.isEmpty() || value.equals("*")) {
			return null;
		}
		LocalDate date = dates.get(value);
		if (date == null) {
			date = FixedWidthReader.parseBasicDate(value, name, reason -> new CodeSetLoadException(source, line, reason));
			dates.put(value, date);
		}
		return date;
	}
}
