package org.openrcm.terminology.hcpcs;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.FixedWidthReader;

/**
 * Reads the CMS HCPCS Level II record file ({@code HCPC<year>_<MON>_ANWEB_<date>.txt}, "alpha-numeric HCPCS
 * file"): fixed-width records of 320 characters, as CMS's {@code HCPC<year>_recordlayout.txt} ("HCPCS Contractor
 * Record") defines them. Positions are 1-based and inclusive; repeating fields ("OCCURS") are consecutive.
 *
 * <pre>
 * field                                    positions  length        notes
 * HCPCS code                               1-5        5             procedure code; for modifiers 1-3 blank,
 *   modifier                               4-5        2             the modifier in 4-5
 * sequence number                          6-10       5             groups the lines of one code
 * record identification code               11         1             3 procedure first line, 4 procedure
 *                                                                   continuation, 7 modifier first line,
 *                                                                   8 modifier continuation
 * long description                         12-91      80            continued on record ids 4 and 8
 * short description                        92-119     28            first lines only (so are all fields below)
 * pricing indicator                        120-127    2 x 4
 * multiple pricing indicator               128        1
 * coverage issues manual reference         129-146    6 x 3
 * Medicare carriers manual reference       147-170    8 x 3
 * statute number                           171-180    10
 * lab certification code                   181-204    3 x 8
 * cross reference code                     205-229    5 x 5
 * coverage code                            230        1             C, D, I, M, S
 * ASC payment group                        231-232    2             YY or blank
 * ASC payment group effective date         233-240    8             YYYYMMDD
 * MOG payment group / indicator / date     241-252    3 + 1 + 8     not kept (retired)
 * processing note number                   253-256    4
 * BETOS code                               257-259    3
 * filler                                   260        1
 * type of service code                     261-265    1 x 5
 * anesthesia base units                    266-268    3
 * code added date                          269-276    8             YYYYMMDD
 * action effective date                    277-284    8             YYYYMMDD
 * termination date                         285-292    8             YYYYMMDD; last date the code may be used
 * action code                              293        1             A, B, C, D, F, N, P, R, S, T
 * filler                                   294-320    27
 * </pre>
 * Record ids other than 3, 4, 7 and 8, a continuation line with no first line of the same code before it, a code
 * listed twice or a malformed date fail the load with file, line and reason.
 */
public final class HcpcsRecordFileLoader {

	private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");

	/**
	 * @param text the file's text; closed by this method
	 * @param source the file name for error messages
	 * @param release the release the file is (its name says it, e.g. {@code HCPC2024_JUL_ANWEB} is 2024-07)
	 * @return the procedure codes, with the file's modifiers attached
	 */
	public HcpcsCodeSet load(Reader text, String source, HcpcsRelease release) throws IOException {
		Map<String, Draft> codes = new LinkedHashMap<>();
		Map<String, Draft> modifiers = new LinkedHashMap<>();
		Draft current = null;
		try (FixedWidthReader reader = new FixedWidthReader(text, source)) {
			for (FixedWidthReader.Line line = reader.next(); line != null; line = reader.next()) {
				char recordId = line.charAt(11);
				switch (recordId) {
					case '3' -> current = first(line, line.field(1, 5), codes, true);
					case '7' -> current = first(line, line.field(4, 5), modifiers, false);
					case '4', '8' -> {
						String code = recordId == '4' ? line.field(1, 5) : line.field(4, 5);
						if (current == null || !current.code.equals(code) || current.procedure != (recordId == '4')) {
							throw line.fail("continuation record of " + code + " does not follow its first record");
						}
						current.description.append(' ').append(line.field(12, 91));
					}
					default -> throw line.fail("record identification code '" + recordId
							+ "' in column 11 is none of 3, 4, 7, 8; this is not the HCPCS record layout");
				}
			}
		}
		if (codes.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no procedure records");
		}
		Map<String, HcpcsCode> procedureCodes = new LinkedHashMap<>(codes.size() * 2);
		codes.forEach((code, draft) -> procedureCodes.put(code, draft.toCode()));
		List<HcpcsModifier> modifierCodes = new ArrayList<>(modifiers.size());
		modifiers.values().forEach(draft -> modifierCodes.add(new HcpcsModifier(draft.code,
				draft.description.toString().trim(), draft.line.field(92, 119), draft.line.date(269, "code added date"),
				draft.line.date(285, "termination date"))));
		return new HcpcsCodeSet(release, true, procedureCodes, modifierCodes);
	}

	private static Draft first(FixedWidthReader.Line line, String code, Map<String, Draft> drafts, boolean procedure) {
		if (procedure ? !HcpcsCsvLoader.CODE.matcher(code).matches() : !MODIFIER.matcher(code).matches()) {
			throw line.fail("'" + code + "' is not a HCPCS Level II " + (procedure ? "code" : "modifier"));
		}
		if (!procedure && !line.field(1, 3).isEmpty()) {
			throw line.fail("a modifier record must leave columns 1-3 blank");
		}
		Draft draft = new Draft(code, procedure, line);
		if (drafts.putIfAbsent(code, draft) != null) {
			throw line.fail((procedure ? "code " : "modifier ") + code + " appears twice");
		}
		line.date(233, "ASC payment group effective date");
		line.date(269, "code added date");
		line.date(277, "action effective date");
		line.date(285, "termination date");
		return draft;
	}

	/** Repeating fields: {@code count} values of {@code width} characters from {@code from}; blanks dropped. */
	private static List<String> occurs(FixedWidthReader.Line line, int from, int width, int count) {
		List<String> values = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String value = line.field(from + i * width, from + (i + 1) * width - 1);
			if (!value.isEmpty()) {
				values.add(value);
			}
		}
		return values;
	}

	/** A code while its lines are read. */
	private static final class Draft {
		final String code;
		final boolean procedure;
		final FixedWidthReader.Line line;
		final StringBuilder description;

		Draft(String code, boolean procedure, FixedWidthReader.Line line) {
			this.code = code;
			this.procedure = procedure;
			this.line = line;
			this.description = new StringBuilder(line.field(12, 91));
		}

		HcpcsCode toCode() {
			String units = line.field(266, 268);
			int anesthesiaUnits;
			try {
				anesthesiaUnits = units.isEmpty() ? 0 : Integer.parseInt(units);
			} catch (NumberFormatException e) {
				throw line.fail("anesthesia base units '" + units + "' in columns 266-268 is not a number");
			}
			LocalDate ascDate = line.date(233, "ASC payment group effective date");
			return new HcpcsCode(code, line.field(92, 119), description.toString().trim(), occurs(line, 120, 2, 4),
					line.field(128, 128), line.field(230, 230), line.field(257, 259), occurs(line, 261, 1, 5),
					line.field(293, 293), occurs(line, 181, 3, 8), occurs(line, 205, 5, 5), line.field(231, 232),
					ascDate, line.field(253, 256), anesthesiaUnits, line.field(171, 180), occurs(line, 129, 6, 3),
					occurs(line, 147, 8, 3), line.date(269, "code added date"), line.date(277, "action effective date"),
					line.date(285, "termination date"));
		}
	}
}
