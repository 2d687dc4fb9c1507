package org.openrcm.terminology.ncci;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads PTP edits from CSV (RFC 4180, header first) into a {@link PtpTableBuilder}, as in the shared
 * {@code ncci_ptp_practitioner_2024q3.csv.xz}: {@code column_1, column_2, deletion_date, modifier_indicator,
 * ptp_edit_rationale}, with the optional {@code effective_date} and {@code prior_to_1996} ({@code *} or
 * {@code Y}) columns when a file has them. Dates are ISO or {@code YYYYMMDD}; an empty deletion date (or {@code *})
 * means the edit is active.
 */
public final class PtpCsvLoader {

	/**
	 * Adds the file's rows to {@code builder}.
	 *
	 * @param csv the file's text; closed by this method
	 * @throws CodeSetLoadException naming file and line for a malformed row
	 */
	public void read(Reader csv, String source, PtpTableBuilder builder) throws IOException {
		Map<String, LocalDate> dates = new HashMap<>();
		int before = builder.size();
		try (CsvReader reader = new CsvReader(csv, source)) {
			int column1 = reader.column("column_1");
			int column2 = reader.column("column_2");
			int deletion = reader.column("deletion_date");
			int indicator = reader.column("modifier_indicator");
			int rationale = reader.hasColumn("ptp_edit_rationale") ? reader.column("ptp_edit_rationale") : -1;
			int effective = reader.hasColumn("effective_date") ? reader.column("effective_date") : -1;
			int prior = reader.hasColumn("prior_to_1996") ? reader.column("prior_to_1996") : -1;
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				int first = code(row, column1, "column_1");
				int second = code(row, column2, "column_2");
				int modifier = indicator(row.get(indicator), row::fail);
				LocalDate effectiveDate = effective < 0 ? null : date(row, effective, "effective_date", dates);
				LocalDate deletionDate = date(row, deletion, "deletion_date", dates);
				String priorFlag = prior < 0 ? "" : row.get(prior);
				builder.add(first, second, effectiveDate, deletionDate, modifier, rationale < 0 ? "" : row.get(rationale),
						priorFlag.equals("*") || priorFlag.equalsIgnoreCase("Y"));
			}
		}
		if (builder.size() == before) {
			throw new CodeSetLoadException(source, 0, "the file holds no PTP edits");
		}
	}

	private static int code(CsvReader.Row row, int column, String name) {
		String code = row.get(column);
		int key = NcciCodes.encode(code);
		if (key < 0) {
			throw row.fail(name + " '" + code + "' is not a five-character HCPCS/CPT code");
		}
		return key;
	}

	/** Parses the modifier indicator; {@code failure} builds the file-and-line exception. */
	static int indicator(String value, Function<String, CodeSetLoadException> failure) {
		if (value.length() == 1 && PtpModifierIndicator.of(value.charAt(0) - '0') != null) {
			return value.charAt(0) - '0';
		}
		throw failure.apply("modifier indicator '" + value + "' is none of 0, 1, 9");
	}

	private static LocalDate date(CsvReader.Row row, int column, String name, Map<String, LocalDate> dates) {
		String value = row.get(column);
		if (value.isEmpty() || value.equals("*")) {
			return null;
		}
		LocalDate date = dates.get(value);
		if (date == null) {
			date = row.date(column, name);
			dates.put(value, date);
		}
		return date;
	}
}
