package org.openrcm.terminology.mce;

import java.io.IOException;
import java.io.Reader;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;
import org.openrcm.terminology.EffectivePeriod;
import org.openrcm.terminology.icd10cm.Icd10CmCodes;

/**
 * Reads the MCE diagnosis edit list, CSV with header {@code code, description, edit_group, edit_rule}, one row per
 * code and edit (a code may have an Age, a Sex and an Other row). Rules understood:
 * <ul>
 * <li>{@code Age}: {@code <name> (Ages <min>-<max>)} or {@code <name> (Age <n> Only)}, where the name contains
 * Newborn, Pediatric, Maternity or Adult; the ages are taken from the text;</li>
 * <li>{@code Sex}: {@code Female Only} or {@code Male Only};</li>
 * <li>{@code Other}: {@code Manifestation (Not Allowed as Principal Diagnosis)}.</li>
 * </ul>
 * Anything else, a second edit of the same group for a code, or an age category whose ages differ between rows
 * fails the load with file, line and reason.
 */
public final class MceDiagnosisEditsLoader {

	private static final Pattern AGE_RULE = Pattern.compile("^(.*?)\\s*\\(Ages?\\s+(\\d+)\\s*(?:-\\s*(\\d+)|Only)\\)$",
			Pattern.CASE_INSENSITIVE);

	/**
	 * @param csv the file's text; closed by this method
	 * @param source the file name for error messages
	 * @param version the MCE version, e.g. {@code 41.1}; its period follows {@link MceDiagnosisEdits#periodOf}
	 */
	public MceDiagnosisEdits load(Reader csv, String source, String version) throws IOException {
		return load(csv, source, version, MceDiagnosisEdits.periodOf(version));
	}

	/** As {@link #load(Reader, String, String)} with an explicit period. */
	public MceDiagnosisEdits load(Reader csv, String source, String version, EffectivePeriod period) throws IOException {
		Map<String, Draft> drafts = new LinkedHashMap<>();
		Map<AgeCategory, AgeEdit> categories = new EnumMap<>(AgeCategory.class);
		try (CsvReader reader = new CsvReader(csv, source)) {
			int codeColumn = reader.column("code");
			int descriptionColumn = reader.column("description");
			int groupColumn = reader.column("edit_group");
			int ruleColumn = reader.column("edit_rule");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String key = Icd10CmCodes.key(row.get(codeColumn));
				if (key == null) {
					throw row.fail("'" + row.get(codeColumn) + "' is not an ICD-10-CM code");
				}
				Draft draft = drafts.get(key);
				if (draft == null) {
					draft = new Draft(Icd10CmCodes.dotted(key), row.get(descriptionColumn));
					drafts.put(key, draft);
				}
				String rule = row.get(ruleColumn);
				switch (row.get(groupColumn).toLowerCase(Locale.ROOT)) {
					case "age" -> {
						if (draft.age != null) {
							throw row.fail("code " + draft.code + " has a second Age edit");
						}
						draft.age = ageEdit(row, rule, categories);
					}
					case "sex" -> {
						if (draft.sex != null) {
							throw row.fail("code " + draft.code + " has a second Sex edit");
						}
						draft.sex = sex(row, rule);
					}
					case "other" -> {
						if (!rule.toLowerCase(Locale.ROOT).startsWith("manifestation")) {
							throw row.fail("Other edit rule '" + rule + "' is not the manifestation edit");
						}
						draft.manifestation = true;
					}
					default -> throw row.fail("edit_group '" + row.get(groupColumn) + "' is none of Age, Sex, Other");
				}
			}
		}
		if (drafts.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no edits");
		}
		Map<String, MceCodeEdits> edits = new LinkedHashMap<>(drafts.size() * 2);
		drafts.forEach((key, d) -> edits.put(key, new MceCodeEdits(d.code, d.description, d.sex, d.age, d.manifestation)));
		return new MceDiagnosisEdits(version, period, edits, categories);
	}

	private static AgeEdit ageEdit(CsvReader.Row row, String rule, Map<AgeCategory, AgeEdit> categories) {
		Matcher m = AGE_RULE.matcher(rule);
		AgeCategory category = m.matches() ? AgeCategory.fromRuleName(m.group(1)) : null;
		if (category == null) {
			throw row.fail("Age edit rule '" + rule + "' is not '<Newborn|Pediatric|Maternity|Adult> (Ages n-m)'");
		}
		int minimum = Integer.parseInt(m.group(2));
		int maximum = m.group(3) == null ? minimum : Integer.parseInt(m.group(3));
		if (maximum < minimum) {
			throw row.fail("Age edit rule '" + rule + "' ends before it starts");
		}
		AgeEdit edit = new AgeEdit(category, minimum, maximum, rule);
		AgeEdit known = categories.putIfAbsent(category, edit);
		if (known != null && (known.minimumAge() != minimum || known.maximumAge() != maximum)) {
			throw row.fail("Age edit rule '" + rule + "' gives other ages than '" + known.rule() + "' for the same category");
		}
		return known == null ? edit : known;
	}

	private static Sex sex(CsvReader.Row row, String rule) {
		return switch (rule.toLowerCase(Locale.ROOT)) {
			case "female only" -> Sex.FEMALE;
			case "male only" -> Sex.MALE;
			default -> throw row.fail("Sex edit rule '" + rule + "' is neither 'Female Only' nor 'Male Only'");
		};
	}

	private static final class Draft {
		final String code;
		final String description;
		AgeEdit age;
		Sex sex;
		boolean manifestation;

		Draft(String code, String description) {
			this.code = code;
			this.description = description;
		}
	}
}
