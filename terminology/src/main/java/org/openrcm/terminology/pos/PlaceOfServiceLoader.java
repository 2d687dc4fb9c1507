package org.openrcm.terminology.pos;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads the CMS Place of Service code set from CSV, in either of the layouts it is published in:
 * {@code code,name,description} with an optional {@code pfs_facility_type} column ({@code Facility} or
 * {@code Non-Facility}), or the HL7 terminology layout {@code code,display,definition}. Rows whose name is
 * {@code Unassigned} are skipped: those codes are reserved, not billable.
 */
public final class PlaceOfServiceLoader {

	private static final Pattern CODE = Pattern.compile("\\d{2}");

	/**
	 * @param csv the file's text, header first; closed by this method
	 * @param source the file name for error messages
	 * @param version the version to stamp on the result (e.g. the CMS publication date)
	 * @throws CodeSetLoadException naming file and line for a malformed row or duplicate code
	 */
	public PlaceOfServiceCodeSet load(Reader csv, String source, String version) throws IOException {
		Map<String, PlaceOfService> codes = new LinkedHashMap<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("code");
			String nameColumn = reader.hasColumn("name") ? "name" : "display";
			String descriptionColumn = reader.hasColumn("description") ? "description" : "definition";
			reader.requireColumns(nameColumn);
			boolean hasDescription = reader.hasColumn(descriptionColumn);
			boolean hasFacility = reader.hasColumn("pfs_facility_type");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String code = row.require("code");
				if (!CODE.matcher(code).matches()) {
					throw row.fail("place-of-service code '" + code + "' is not two digits");
				}
				String name = row.require(nameColumn);
				if (name.equalsIgnoreCase("Unassigned")) {
					continue;
				}
				Boolean facility = hasFacility ? facility(row) : null;
				String description = hasDescription ? row.get(descriptionColumn) : "";
				if (codes.putIfAbsent(code, new PlaceOfService(code, name, facility, description)) != null) {
					throw row.fail("place-of-service code " + code + " appears twice");
				}
			}
		}
		if (codes.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no assigned place-of-service codes");
		}
		return new PlaceOfServiceCodeSet(version, codes);
	}

	private static Boolean facility(CsvReader.Row row) {
		String value = row.get("pfs_facility_type");
		return switch (value.toLowerCase(java.util.Locale.ROOT)) {
			case "" -> null;
			case "facility" -> Boolean.TRUE;
			case "non-facility", "nonfacility", "non facility" -> Boolean.FALSE;
			default -> throw row.fail("pfs_facility_type '" + value + "' is neither Facility nor Non-Facility");
		};
	}
}
