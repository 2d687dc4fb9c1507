package org.openrcm.terminology.x12codes;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads the X12 adjustment code lists from one CSV (RFC 4180, header first) with header {@code list, code,
 * description, usage, notes, start_date, last_modified, stop_date}: {@code list} is {@code CARC}, {@code RARC} or
 * {@code CLAIM_ADJUSTMENT_GROUP}; dates are ISO or {@code YYYYMMDD}, empty when unknown.
 */
public final class X12CodeLoader {

	/**
	 * @param csv the file's text; closed by this method
	 * @param version the lists' publication date, e.g. {@code 2024-06-18}
	 * @return one code set per list found in the file
	 * @throws CodeSetLoadException naming file and line for an unknown list, a malformed row or a repeated code
	 */
	public Map<X12CodeList, X12CodeSet> load(Reader csv, String source, String version) throws IOException {
		Map<X12CodeList, Map<String, X12Code>> lists = new EnumMap<>(X12CodeList.class);
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("list", "code", "description");
			boolean dated = reader.hasColumn("start_date");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				X12CodeList list = list(row);
				String code = row.require("code").toUpperCase(Locale.ROOT);
				LocalDate start = dated ? row.date("start_date") : null;
				LocalDate stop = dated && reader.hasColumn("stop_date") ? row.date("stop_date") : null;
				if (start != null && stop != null && stop.isBefore(start)) {
					throw row.fail(list + " " + code + " stops (" + stop + ") before it starts (" + start + ")");
				}
				X12Code entry = new X12Code(list, code, row.require("description"), optional(reader, row, "usage"),
						optional(reader, row, "notes"), start,
						reader.hasColumn("last_modified") ? row.date("last_modified") : null, stop);
				if (lists.computeIfAbsent(list, l -> new LinkedHashMap<>()).putIfAbsent(code, entry) != null) {
					throw row.fail(list + " code " + code + " appears twice");
				}
			}
		}
		if (lists.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no codes");
		}
		Map<X12CodeList, X12CodeSet> sets = new EnumMap<>(X12CodeList.class);
		lists.forEach((list, codes) -> sets.put(list, new X12CodeSet(list, version, codes)));
		return sets;
	}

	private static X12CodeList list(CsvReader.Row row) {
		String value = row.require("list").toUpperCase(Locale.ROOT);
		try {
			return X12CodeList.valueOf(value);
		} catch (IllegalArgumentException e) {
			throw row.fail("list '" + value + "' is none of CARC, RARC, CLAIM_ADJUSTMENT_GROUP");
		}
	}

	private static String optional(CsvReader reader, CsvReader.Row row, String column) {
		return reader.hasColumn(column) ? row.get(column) : "";
	}
}
