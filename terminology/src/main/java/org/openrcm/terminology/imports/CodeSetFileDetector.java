package org.openrcm.terminology.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetFiles;
import org.openrcm.terminology.CsvReader;
import org.openrcm.terminology.icd10cm.Icd10CmCodes;

/**
 * Recognises code-set files by their content (the header row, the fixed-width record shape or the XML root; the
 * first 8 KB, decompressed for {@code .xz}) and reads the release from the file name, following the publishers'
 * naming: {@code icd10cm_order_2024.txt} (FY2024; "april" in the name marks the April 1 update),
 * {@code HCPC2024_JUL_ANWEB.txt} or {@code ..._2024_jul...} (2024-07), {@code ..._2024q3...} or CMS's
 * {@code ccipra-v303r0-f1.txt} (NCCI version 30.3 = 2024Q4), {@code MCR_MUE_..._Eff_07-01-2024.csv} (2024Q3),
 * {@code mce_v41_1...} (41.1), {@code nucc_taxonomy_251.csv} (25.1), {@code ..._2024-06...} (2024-06).
 */
public final class CodeSetFileDetector {

	private static final int SNIFF_BYTES = 8192;
	private static final Pattern ORDER_LINE = Pattern.compile("^\\d{5} [A-Z0-9]{3,7}\\s* [01] .*");
	private static final Pattern HCPCS_RECORD = Pattern.compile("^(?:[A-Z0-9]{5}|   [A-Z0-9]{2})\\d{5}[3478].*");
	private static final Pattern YEAR = Pattern.compile("(?<!\\d)(20\\d\\d)(?!\\d)");
	private static final Pattern QUARTER = Pattern.compile("(20\\d\\d)[_-]?q([1-4])", Pattern.CASE_INSENSITIVE);
	private static final Pattern NCCI_VERSION = Pattern.compile("-v(\\d\\d)(\\d)r\\d", Pattern.CASE_INSENSITIVE);
	private static final Pattern EFFECTIVE_DATE = Pattern.compile("(\\d\\d)-(\\d\\d)-(20\\d\\d)");
	private static final Pattern MONTH = Pattern.compile("(20\\d\\d)[_-]?(jan|apr|jul|oct)|(jan|apr|jul|oct)[a-z]*[_-]?(20\\d\\d)",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern YEAR_MONTH = Pattern.compile("(20\\d\\d)-(\\d\\d)");
	private static final Pattern MCE_VERSION = Pattern.compile("v(\\d\\d)[._](\\d)", Pattern.CASE_INSENSITIVE);
	private static final Pattern NUCC_VERSION = Pattern.compile("_(\\d\\d)(\\d)\\.csv", Pattern.CASE_INSENSITIVE);
	private static final Pattern DATE_STAMP = Pattern.compile("(20\\d{6})");

	/** What the file holds, or empty when it is not a known code-set file. */
	public Optional<DetectedFile> detect(Path file) throws IOException {
		String name = file.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.matches(".*cpt.*descriptor.*\\.(txt|tsv)(\\.xz)?")) {
			return found(file, CodeSetKind.CPT_DESCRIPTORS, year(name));
		}
		String head = head(file);
		List<String> lines = head.lines().limit(40).toList();
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		if (head.contains("<ICD10CM.tabular")) {
			return found(file, CodeSetKind.ICD10CM_TABULAR, null);
		}
		if (ORDER_LINE.matcher(lines.get(0)).matches()) {
			return found(file, CodeSetKind.ICD10CM_ORDER_FILE, icdVersion(lower));
		}
		if (HCPCS_RECORD.matcher(lines.get(0)).matches() && lines.get(0).length() > 100) {
			return found(file, CodeSetKind.HCPCS_RECORD_FILE, hcpcsVersion(name));
		}
		if (lines.stream().limit(30).anyMatch(l -> l.toLowerCase(Locale.ROOT).matches(".*column ?1\\tcolumn ?2.*"))) {
			return found(file, CodeSetKind.NCCI_PTP, ncciVersion(name));
		}
		if (head.toLowerCase(Locale.ROOT).contains("mue adjudication indicator")) {
			return found(file, CodeSetKind.NCCI_MUE, ncciVersion(name));
		}
		List<String> header = csvHeader(lines.get(0));
		if (has(header, "code") && has(header, "billable") && lines.size() > 1 && icd10CmCodeFirst(header, lines.get(1))) {
			return found(file, CodeSetKind.ICD10CM_CSV, icdVersion(lower));
		}
		if (has(header, "edit_group") && has(header, "edit_rule")) {
			return found(file, CodeSetKind.MCE_DIAGNOSIS_EDITS, mceVersion(name));
		}
		if (has(header, "code") && has(header, "short_description") && has(header, "long_description")
				&& (has(header, "add_date") || has(header, "betos"))) {
			return found(file, CodeSetKind.HCPCS_CSV, hcpcsVersion(name));
		}
		if (has(header, "column_1") && has(header, "column_2")) {
			return found(file, CodeSetKind.NCCI_PTP, ncciVersion(name));
		}
		if (has(header, "mue_value")) {
			return found(file, CodeSetKind.NCCI_MUE, ncciVersion(name));
		}
		if (has(header, "add_on_code") || has(header, "add-on code")) {
			return found(file, CodeSetKind.NCCI_AOC, ncciVersion(name));
		}
		if (has(header, "list") && has(header, "code") && has(header, "description")) {
			return found(file, CodeSetKind.X12_ADJUSTMENT_CODES, yearMonth(name));
		}
		if (has(header, "grouping") && has(header, "classification")) {
			return found(file, CodeSetKind.NUCC_TAXONOMY, nuccVersion(name));
		}
		if (has(header, "modifier") && has(header, "group")) {
			return found(file, CodeSetKind.HCPCS_MODIFIER_GROUPS, year(name));
		}
		if (has(header, "modifier") && has(header, "description")) {
			return found(file, CodeSetKind.HCPCS_MODIFIERS, year(name));
		}
		if (has(header, "modifier") && header.size() <= 2) {
			return found(file, CodeSetKind.CPT_MODIFIERS, year(name));
		}
		if (has(header, "code") && has(header, "modifier") && header.stream().anyMatch(h -> h.startsWith("rvu"))) {
			return found(file, CodeSetKind.PFS_RVU, year(name));
		}
		if (has(header, "code") && (has(header, "name") || has(header, "display")) && lower.contains("pos")) {
			return found(file, CodeSetKind.PLACE_OF_SERVICE, posVersion(name));
		}
		return Optional.empty();
	}

	private static Optional<DetectedFile> found(Path file, CodeSetKind kind, String version) {
		return Optional.of(new DetectedFile(file, kind, version));
	}

	private static String head(Path file) throws IOException {
		try (InputStream in = CodeSetFiles.openStream(file)) {
			byte[] bytes = in.readNBytes(SNIFF_BYTES);
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	private static List<String> csvHeader(String line) {
		return List.of(line.replace("\uFEFF", "").split(",", -1)).stream()
				.map(cell -> CsvReader.normalise(cell.replace("\"", ""))).toList();
	}

	/** Whether the first data row's code is an ICD-10-CM code (ICD-10-PCS order files share the header). */
	private static boolean icd10CmCodeFirst(List<String> header, String firstRow) {
		String[] fields = firstRow.split(",", -1);
		int column = header.indexOf("code");
		return column < fields.length && Icd10CmCodes.key(fields[column].replace("\"", "")) != null;
	}

	private static boolean has(List<String> header, String column) {
		return header.contains(column);
	}

	static String icdVersion(String lowerName) {
		String year = year(lowerName);
		if (year == null) {
			return null;
		}
		return lowerName.contains("april") || lowerName.matches(".*[^a-z]apr[^a-z].*") ? year + "-04" : year;
	}

	static String hcpcsVersion(String name) {
		Matcher m = MONTH.matcher(name);
		if (m.find()) {
			String year = m.group(1) != null ? m.group(1) : m.group(4);
			String month = (m.group(2) != null ? m.group(2) : m.group(3)).toLowerCase(Locale.ROOT);
			int number = switch (month) {
				case "jan" -> 1;
				case "apr" -> 4;
				case "jul" -> 7;
				default -> 10;
			};
			return year + "-" + (number < 10 ? "0" : "") + number;
		}
		String year = year(name);
		return year == null ? null : year + "-01";
	}

	static String ncciVersion(String name) {
		Matcher quarter = QUARTER.matcher(name);
		if (quarter.find()) {
			return quarter.group(1) + "Q" + quarter.group(2);
		}
		Matcher version = NCCI_VERSION.matcher(name);
		if (version.find()) {
			return (1994 + Integer.parseInt(version.group(1))) + "Q" + (Integer.parseInt(version.group(2)) + 1);
		}
		Matcher effective = EFFECTIVE_DATE.matcher(name);
		if (effective.find()) {
			return effective.group(3) + "Q" + ((Integer.parseInt(effective.group(1)) - 1) / 3 + 1);
		}
		Matcher month = MONTH.matcher(name);
		if (month.find()) {
			String[] yearMonth = hcpcsVersion(name).split("-");
			return yearMonth[0] + "Q" + ((Integer.parseInt(yearMonth[1]) - 1) / 3 + 1);
		}
		return null;
	}

	static String mceVersion(String name) {
		Matcher m = MCE_VERSION.matcher(name);
		return m.find() ? m.group(1) + "." + m.group(2) : null;
	}

	static String nuccVersion(String name) {
		Matcher m = NUCC_VERSION.matcher(name);
		return m.find() ? m.group(1) + "." + m.group(2) : year(name);
	}

	static String yearMonth(String name) {
		Matcher m = YEAR_MONTH.matcher(name);
		return m.find() ? m.group() : year(name);
	}

	static String posVersion(String name) {
		Matcher m = DATE_STAMP.matcher(name);
		return m.find() ? m.group(1) : year(name);
	}

	static String year(String name) {
		Matcher m = YEAR.matcher(name);
		String year = null;
		while (m.find()) {
			year = m.group(1);
		}
		return year;
	}
}
