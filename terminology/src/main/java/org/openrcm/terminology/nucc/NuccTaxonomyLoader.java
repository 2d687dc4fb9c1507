package org.openrcm.terminology.nucc;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads NUCC's distributed CSV ({@code nucc_taxonomy_<version>.csv}): header {@code Code, Grouping, Classification,
 * Specialization, Definition, Notes, Display Name, Section}. Codes are ten characters: nine letters or digits and a
 * final {@code X}.
 */
public final class NuccTaxonomyLoader {

	private static final Pattern CODE = Pattern.compile("[0-9A-Z]{9}X");

	/**
	 * @param csv the file's text; closed by this method
	 * @param version NUCC's version, e.g. {@code 25.1}
	 * @throws CodeSetLoadException naming file and line for a malformed code, a missing classification or a code
	 *         listed twice
	 */
	public NuccTaxonomyCodeSet load(Reader csv, String source, String version) throws IOException {
		Map<String, NuccTaxonomy> codes = new LinkedHashMap<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("code", "grouping", "classification", "specialization");
			boolean hasDisplay = reader.hasColumn("display name");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String code = row.require("code").toUpperCase(Locale.ROOT);
				if (!CODE.matcher(code).matches()) {
					throw row.fail("taxonomy code '" + code + "' is not nine letters or digits followed by X");
				}
				String classification = row.require("classification");
				String specialization = row.get("specialization");
				String display = hasDisplay ? row.get("display name") : "";
				if (display.isEmpty()) {
					display = specialization.isEmpty() ? classification : classification + ", " + specialization;
				}
				NuccTaxonomy taxonomy = new NuccTaxonomy(code, row.require("grouping"), classification, specialization,
						optional(reader, row, "definition"), optional(reader, row, "notes"), display,
						optional(reader, row, "section"));
				if (codes.putIfAbsent(code, taxonomy) != null) {
					throw row.fail("taxonomy code " + code + " appears twice");
				}
			}
		}
		if (codes.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no taxonomy codes");
		}
		return new NuccTaxonomyCodeSet(version, codes);
	}

	private static String optional(CsvReader reader, CsvReader.Row row, String column) {
		return reader.hasColumn(column) ? row.get(column) : "";
	}
}
