package org.openrcm.terminology.hcpcs;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads HCPCS Level II codes from CSV (RFC 4180, header first). Required: {@code code} and {@code long_description}
 * (or {@code description}). Used when present, as in the shared {@code hcpcs_level2_2024_jul.csv.xz}:
 * {@code short_description, pricing_indicator, multiple_pricing_indicator, coverage_code, betos, type_of_service,
 * action_code, cim_reference, mcm_reference, statute, lab_certification, xref_code, asc_group, processing_note,
 * anesthesia_base_units, add_date, action_effective_date, termination_date, asc_effective_date}. Dates are ISO
 * ({@code yyyy-MM-dd}) or {@code YYYYMMDD}; repeating fields separate their values with {@code :} or {@code ,}.
 */
public final class HcpcsCsvLoader {

	static final Pattern CODE = Pattern.compile("[A-Z][0-9]{4}");
	private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[:,]\\s*");

	/** Loads a complete release. */
	public HcpcsCodeSet load(Reader csv, String source, HcpcsRelease release) throws IOException {
		return load(csv, source, release, true);
	}

	/**
	 * @param complete whether the file holds the whole release ({@code false} for a subset such as the starter set)
	 * @throws CodeSetLoadException naming file and line for a malformed row or a repeated code
	 */
	public HcpcsCodeSet load(Reader csv, String source, HcpcsRelease release, boolean complete) throws IOException {
		Map<String, HcpcsCode> codes = new LinkedHashMap<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("code");
			String longColumn = reader.hasColumn("long_description") ? "long_description" : "description";
			reader.requireColumns(longColumn);
			Fields f = new Fields(reader);
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String code = row.require("code").toUpperCase(Locale.ROOT);
				if (!CODE.matcher(code).matches()) {
					throw row.fail("'" + code + "' is not a HCPCS Level II code (a letter and four digits)");
				}
				String longDescription = row.get(longColumn);
				String shortDescription = f.text(row, "short_description");
				if (longDescription.isEmpty() && shortDescription.isEmpty()) {
					throw row.fail("code " + code + " has no description");
				}
				String units = f.text(row, "anesthesia_base_units");
				HcpcsCode entry = new HcpcsCode(code, shortDescription, longDescription,
						f.list(row, "pricing_indicator"), f.text(row, "multiple_pricing_indicator"),
						f.text(row, "coverage_code"), f.text(row, "betos"), f.list(row, "type_of_service"),
						f.text(row, "action_code"), f.list(row, "lab_certification"), f.list(row, "xref_code"),
						f.text(row, "asc_group"), f.date(row, "asc_effective_date"), f.text(row, "processing_note"),
						anesthesiaUnits(row, units), f.text(row, "statute"), f.list(row, "cim_reference"),
						f.list(row, "mcm_reference"), f.date(row, "add_date"), f.date(row, "action_effective_date"),
						f.date(row, "termination_date"));
				if (codes.putIfAbsent(code, entry) != null) {
					throw row.fail("code " + code + " appears twice");
				}
			}
		}
		if (codes.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no codes");
		}
		return new HcpcsCodeSet(release, complete, codes, List.of());
	}

	private static int anesthesiaUnits(CsvReader.Row row, String units) {
		if (units.isEmpty()) {
			return 0;
		}
		try {
			return Integer.parseInt(units);
		} catch (NumberFormatException e) {
			throw row.fail("anesthesia_base_units '" + units + "' is not a number");
		}
	}

	/** The optional columns, looked up once per file. */
	private static final class Fields {
		private final CsvReader reader;

		Fields(CsvReader reader) {
			this.reader = reader;
		}

		String text(CsvReader.Row row, String column) {
			return reader.hasColumn(column) ? row.get(column) : "";
		}

		List<String> list(CsvReader.Row row, String column) {
			String value = text(row, column);
			return value.isEmpty() ? List.of() : Arrays.asList(LIST_SEPARATOR.split(value));
		}

		LocalDate date(CsvReader.Row row, String column) {
			return reader.hasColumn(column) ? row.date(column) : null;
		}
	}
}
