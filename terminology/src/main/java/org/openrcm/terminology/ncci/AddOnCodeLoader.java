package org.openrcm.terminology.ncci;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads NCCI add-on code edits from CSV, header {@code primary_code, add_on_code, aoc_edit_type} (the shared
 * {@code ncci_aoc_2024q3.csv}; CMS's own file has the same three columns among its dated ones, named
 * {@code Primary Code}, {@code Add-on Code} and {@code AOC Edit Type}). One row per (primary, add-on) pair;
 * {@code CCCCC} as primary means "defined by the contractor": type 2 rows have only it, type 3 rows may add it to
 * their listed primaries, type 1 rows never have it. Every row of an add-on code must give the same type.
 */
public final class AddOnCodeLoader {

	static final String CONTRACTOR_DEFINED = "CCCCC";

	/**
	 * @param csv the file's text; closed by this method
	 * @param version the release label, e.g. {@code 2024Q3}
	 * @throws CodeSetLoadException naming file and line for a malformed row
	 */
	public AddOnCodeTable load(Reader csv, String source, String version) throws IOException {
		Map<String, Integer> types = new LinkedHashMap<>();
		Map<String, Set<String>> primaries = new LinkedHashMap<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			int primaryColumn = reader.column(reader.hasColumn("primary_code") ? "primary_code" : "primary code");
			int addOnColumn = reader.column(reader.hasColumn("add_on_code") ? "add_on_code" : "add-on code");
			int typeColumn = reader.column(reader.hasColumn("aoc_edit_type") ? "aoc_edit_type" : "aoc edit type");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String addOn = row.get(addOnColumn).toUpperCase(Locale.ROOT);
				String primary = row.get(primaryColumn).toUpperCase(Locale.ROOT);
				if (NcciCodes.encode(addOn) < 0) {
					throw row.fail("add-on code '" + addOn + "' is not a five-character HCPCS/CPT code");
				}
				if (NcciCodes.encode(primary) < 0) {
					throw row.fail("primary code '" + primary + "' is not a five-character HCPCS/CPT code");
				}
				String typeText = row.get(typeColumn);
				int type = typeText.length() == 1 ? typeText.charAt(0) - '0' : -1;
				if (type < 1 || type > 3) {
					throw row.fail("AOC edit type '" + typeText + "' is none of 1, 2, 3");
				}
				Integer known = types.putIfAbsent(addOn, type);
				if (known != null && known != type) {
					throw row.fail("add-on code " + addOn + " is type " + known + " on an earlier row and " + type + " here");
				}
				if (type == 2 && !primary.equals(CONTRACTOR_DEFINED)) {
					throw row.fail("a type 2 edit lists primary code " + primary + "; type 2 primaries are "
							+ CONTRACTOR_DEFINED + " (defined by the contractor)");
				}
				if (type == 1 && primary.equals(CONTRACTOR_DEFINED)) {
					throw row.fail("a type 1 edit lists primary code " + CONTRACTOR_DEFINED + "; type 1 names its primaries");
				}
				Set<String> codes = primaries.computeIfAbsent(addOn, a -> new LinkedHashSet<>());
				if (!primary.equals(CONTRACTOR_DEFINED)) {
					codes.add(primary);
				}
			}
		}
		if (types.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no add-on code edits");
		}
		Map<String, AddOnCodeEdit> edits = new LinkedHashMap<>();
		types.forEach((addOn, type) -> edits.put(addOn, new AddOnCodeEdit(addOn, type, primaries.get(addOn))));
		return new AddOnCodeTable(version, edits);
	}
}
