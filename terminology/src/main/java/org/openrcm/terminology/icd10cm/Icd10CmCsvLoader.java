package org.openrcm.terminology.icd10cm;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads ICD-10-CM from comma-separated files (RFC 4180, header row first):
 * <ul>
 * <li>the shared flattened order file ({@code icd10cm_order_fy2024.csv.xz}): {@code order_number, code, code_nodot,
 * billable, long_description, chapter_no, chapter_abbrev, chapter_name, chapter_range, section_name,
 * section_range};</li>
 * <li>the project's starter layout: {@code code, billable, description}.</li>
 * </ul>
 * Required columns are {@code code} (dotted or not) and {@code billable} ({@code 1}/{@code 0}, also
 * {@code true}/{@code false}); the title comes from {@code long_description} or {@code description}; the optional
 * {@code short_description} and {@code chapter_no}/{@code chapter_name}/{@code chapter_range} columns are used when
 * present. The shared file's {@code section_*} columns are deliberately not read: they hold the upstream package's
 * own category grouping, not the tabular sections (I10 is filed there under "Other rheumatic heart diseases"), so
 * sections come only from the tabular XML ({@link Icd10CmTabularLoader}).
 */
public final class Icd10CmCsvLoader {

	/** Loads a complete release. */
	public Icd10CmCodeSet load(Reader csv, String source, Icd10CmRelease release) throws IOException {
		return load(csv, source, release, true);
	}

	/**
	 * @param complete whether the file holds the whole release ({@code false} for a subset such as the starter set)
	 * @throws CodeSetLoadException naming file and line for a malformed row or a repeated code
	 */
	public Icd10CmCodeSet load(Reader csv, String source, Icd10CmRelease release, boolean complete) throws IOException {
		Icd10CmCodeSet.Builder builder = new Icd10CmCodeSet.Builder(release, complete);
		Map<String, Icd10CmChapter> chapters = new HashMap<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			int code = reader.column("code");
			int billable = reader.column("billable");
			int title = reader.column(reader.hasColumn("long_description") ? "long_description" : "description");
			int shortTitle = reader.hasColumn("short_description") ? reader.column("short_description") : -1;
			boolean hasChapter = reader.hasColumn("chapter_no");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String key = Icd10CmCodes.key(row.get(code));
				if (key == null) {
					throw row.fail("'" + row.get(code) + "' is not an ICD-10-CM code");
				}
				String description = row.get(title);
				if (description.isEmpty()) {
					throw row.fail("code " + Icd10CmCodes.dotted(key) + " has no description");
				}
				Icd10CmChapter chapter = hasChapter ? chapter(row, chapters) : null;
				Icd10CmCode entry = new Icd10CmCode(Icd10CmCodes.dotted(key), billable(row, billable),
						shortTitle < 0 ? "" : row.get(shortTitle), description, chapter, null);
				if (!builder.add(entry)) {
					throw row.fail("code " + entry.code() + " appears twice");
				}
			}
		}
		if (builder.size() == 0) {
			throw new CodeSetLoadException(source, 0, "the file holds no codes");
		}
		return builder.build();
	}

	private static boolean billable(CsvReader.Row row, int column) {
		String value = row.get(column);
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "1", "true", "y", "yes" -> true;
			case "0", "false", "n", "no" -> false;
			default -> throw row.fail("billable flag '" + value + "' is neither 1 nor 0");
		};
	}

	private static Icd10CmChapter chapter(CsvReader.Row row, Map<String, Icd10CmChapter> chapters) {
		String number = row.get("chapter_no");
		if (number.isEmpty()) {
			return null;
		}
		return chapters.computeIfAbsent(number, n -> new Icd10CmChapter(n, row.get("chapter_name"),
				row.get("chapter_range").replace(" ", "")));
	}
}
