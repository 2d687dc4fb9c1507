package org.openrcm.terminology.ncci;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;

/**
 * Reads an MUE table from CSV in either layout:
 * <ul>
 * <li>the shared one: header {@code code, mue_value, mue_adjudication_indicator, mue_rationale}, the indicator a
 * digit;</li>
 * <li>CMS's own ({@code MCR_MUE_PractitionerServices_Eff_07-01-2024.csv}): notice lines, then the header
 * {@code HCPCS/CPT Code, Practitioner Services MUE Values, MUE Adjudication Indicator, MUE Rationale} (the first
 * cell may break across lines inside its quotes), the indicator written {@code 2 Date of Service Edit: Policy}.</li>
 * </ul>
 * Columns are found by name: the code column contains "code", the value column "mue value" (or is
 * {@code mue_value}), the indicator column "adjudication", the rationale column "rationale".
 */
public final class MueLoader {

	private static final int MAX_HEADER_LINE = 20;

	/**
	 * @param csv the file's text; closed by this method
	 * @param serviceType e.g. {@code practitioner}
	 * @throws CodeSetLoadException naming file and line for a malformed row or a code listed twice
	 */
	public MueTable load(Reader csv, String source, NcciQuarter quarter, String serviceType) throws IOException {
		List<Integer> keys = new ArrayList<>();
		List<Integer> values = new ArrayList<>();
		List<Byte> indicators = new ArrayList<>();
		List<Byte> rationaleNumbers = new ArrayList<>();
		Map<String, Integer> rationaleIndex = new HashMap<>();
		List<String> rationales = new ArrayList<>();
		Set<Integer> seen = new HashSet<>();
		try (CsvReader reader = CsvReader.withHeaderMatching(csv, source, MueLoader::isHeader, MAX_HEADER_LINE)) {
			int code = column(reader, source, "code");
			int value = column(reader, source, "mue value");
			int indicator = column(reader, source, "adjudication");
			int rationale = column(reader, source, "rationale");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String text = row.get(code);
				int key = NcciCodes.encode(text);
				if (key < 0) {
					throw row.fail("'" + text + "' is not a five-character HCPCS/CPT code");
				}
				if (!seen.add(key)) {
					throw row.fail("code " + text + " appears twice");
				}
				keys.add(key);
				values.add(units(row, row.get(value)));
				indicators.add((byte) indicator(row, row.get(indicator)));
				String why = row.get(rationale);
				rationaleNumbers.add((byte) (int) rationaleIndex.computeIfAbsent(why, r -> {
					rationales.add(r);
					return rationales.size() - 1;
				}));
			}
		}
		if (keys.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no MUEs");
		}
		if (rationales.size() > 255) {
			throw new CodeSetLoadException(source, 0, "more than 255 distinct MUE rationales");
		}
		int[] keyArray = keys.stream().mapToInt(Integer::intValue).toArray();
		int[] valueArray = values.stream().mapToInt(Integer::intValue).toArray();
		byte[] indicatorArray = new byte[keyArray.length];
		byte[] rationaleArray = new byte[keyArray.length];
		for (int i = 0; i < keyArray.length; i++) {
			indicatorArray[i] = indicators.get(i);
			rationaleArray[i] = rationaleNumbers.get(i);
		}
		return new MueTable(quarter, serviceType, keyArray, valueArray, indicatorArray, rationaleArray,
				rationales.toArray(new String[0]));
	}

	private static boolean isHeader(List<String> fields) {
		return fields.stream().map(CsvReader::normalise).anyMatch(f -> f.contains("code"))
				&& fields.stream().map(CsvReader::normalise).anyMatch(f -> f.contains("adjudication"));
	}

	private static int column(CsvReader reader, String source, String fragment) {
		List<String> header = reader.header();
		for (int i = 0; i < header.size(); i++) {
			if (CsvReader.normalise(header.get(i)).replace('_', ' ').contains(fragment)) {
				return i;
			}
		}
		throw new CodeSetLoadException(source, reader.headerLine(), "no column containing '" + fragment
				+ "' in the header " + header);
	}

	private static int units(CsvReader.Row row, String text) {
		try {
			int units = Integer.parseInt(text);
			if (units < 0) {
				throw row.fail("MUE value " + text + " is negative");
			}
			return units;
		} catch (NumberFormatException e) {
			throw row.fail("MUE value '" + text + "' is not a whole number");
		}
	}

	private static int indicator(CsvReader.Row row, String text) {
		MueAdjudicationIndicator mai = text.isEmpty() ? null : MueAdjudicationIndicator.of(text.charAt(0) - '0');
		if (mai == null || (text.length() > 1 && Character.isDigit(text.charAt(1)))) {
			throw row.fail("MUE adjudication indicator '" + text + "' is none of 1, 2, 3");
		}
		return mai.value();
	}
}
