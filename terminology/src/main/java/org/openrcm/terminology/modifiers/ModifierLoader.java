package org.openrcm.terminology.modifiers;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.CsvReader;
import org.openrcm.terminology.cpt.CptCodes;
import org.openrcm.terminology.hcpcs.HcpcsModifier;

/**
 * Collects modifiers from CSV files (RFC 4180, header first) into a {@link ModifierCodeSet}:
 * <ul>
 * <li>{@link #addHcpcs}: {@code modifier, category, description, information} (the CMS HCPCS Level II list); a
 * modifier listed twice with the same description gathers both categories;</li>
 * <li>{@link #addHcpcsGroups}: {@code modifier, group, description, references, also_in_main_list} (CMS's
 * grouped list); adds the group as a category, and the modifier itself when the main list lacks it. Single-letter
 * rows (the ambulance origin/destination letters that combine into two-letter modifiers) are skipped;</li>
 * <li>{@link #addCpt}: {@code modifier, category}; codes only — any description column is ignored, because CPT
 * descriptors are AMA content that OpenRCM does not ship.</li>
 * </ul>
 * A builder: call the {@code add} methods in any order, then {@link #build}. Not thread-safe.
 */
public final class ModifierLoader {

	private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");

	private final Map<String, Draft> drafts = new LinkedHashMap<>();

	/** Adds the HCPCS Level II main list; closes {@code csv}. */
	public ModifierLoader addHcpcs(Reader csv, String source) throws IOException {
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("modifier", "description");
			boolean hasCategory = reader.hasColumn("category");
			boolean hasInformation = reader.hasColumn("information");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String code = code(row);
				Draft draft = draft(row, source, code, ModifierKind.HCPCS_LEVEL_II);
				String description = row.require("description");
				if (draft.description != null && !draft.description.equals(description)) {
					throw row.fail("modifier " + code + " appears again with another description");
				}
				draft.description = description;
				if (hasCategory) {
					draft.addCategory(row.get("category"));
				}
				if (hasInformation && draft.information.isEmpty()) {
					draft.information = row.get("information");
				}
			}
		}
		return this;
	}

	/** Adds CMS's grouped HCPCS Level II list; closes {@code csv}. */
	public ModifierLoader addHcpcsGroups(Reader csv, String source) throws IOException {
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("modifier", "group");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				if (row.get("modifier").length() == 1) {
					continue;
				}
				String code = code(row);
				Draft draft = draft(row, source, code, ModifierKind.HCPCS_LEVEL_II);
				draft.addCategory(row.get("group"));
				if (draft.description == null && !row.get("description").isEmpty()) {
					draft.description = row.get("description");
				}
			}
		}
		return this;
	}

	/** Adds CPT modifier codes (no descriptors); closes {@code csv}. */
	public ModifierLoader addCpt(Reader csv, String source) throws IOException {
		try (CsvReader reader = new CsvReader(csv, source)) {
			reader.requireColumns("modifier");
			boolean hasCategory = reader.hasColumn("category");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				String code = code(row);
				if (!CptCodes.isModifier(code)) {
					throw row.fail("modifier '" + code + "' is not a CPT modifier (two digits, P1-P6 or nP)");
				}
				Draft draft = draft(row, source, code, ModifierKind.CPT);
				if (hasCategory) {
					draft.addCategory(row.get("category"));
				}
			}
		}
		return this;
	}

	/**
	 * Adds the modifier records of a HCPCS record file ({@link org.openrcm.terminology.hcpcs.HcpcsRecordFileLoader}):
	 * their descriptions and dates replace what the CSV lists said, their categories are kept.
	 */
	public ModifierLoader addHcpcsRecords(Collection<HcpcsModifier> records) {
		for (HcpcsModifier record : records) {
			Draft draft = drafts.get(record.code());
			if (draft == null || draft.kind != ModifierKind.HCPCS_LEVEL_II) {
				draft = new Draft(record.code(), ModifierKind.HCPCS_LEVEL_II);
				drafts.put(record.code(), draft);
			}
			draft.description = record.description();
			draft.addDate = record.addDate();
			draft.terminationDate = record.terminationDate();
		}
		return this;
	}

	/**
	 * @param version the version to stamp, e.g. the CMS publication month {@code 2024-06}
	 * @throws CodeSetLoadException when a HCPCS Level II modifier has no description in any file added
	 */
	public ModifierCodeSet build(String version) {
		Map<String, Modifier> modifiers = new LinkedHashMap<>();
		for (Draft d : drafts.values()) {
			if (d.kind == ModifierKind.HCPCS_LEVEL_II && (d.description == null || d.description.isEmpty())) {
				throw new CodeSetLoadException(d.source, d.line, "HCPCS modifier " + d.code + " has no description");
			}
			modifiers.put(d.code, new Modifier(d.code, d.kind, d.kind == ModifierKind.CPT ? null : d.description,
					d.categories, d.information, d.addDate, d.terminationDate));
		}
		return new ModifierCodeSet(version, modifiers);
	}

	private static String code(CsvReader.Row row) {
		String code = row.require("modifier").toUpperCase(Locale.ROOT);
		if (!MODIFIER.matcher(code).matches()) {
			throw row.fail("modifier '" + code + "' is not two letters or digits");
		}
		return code;
	}

	private Draft draft(CsvReader.Row row, String source, String code, ModifierKind kind) {
		Draft draft = drafts.get(code);
		if (draft == null) {
			draft = new Draft(code, kind);
			draft.source = source;
			draft.line = row.lineNumber();
			drafts.put(code, draft);
		} else if (draft.kind != kind) {
			throw row.fail("modifier " + code + " is already a " + draft.kind + " modifier");
		}
		return draft;
	}

	private static final class Draft {
		final String code;
		final ModifierKind kind;
		final List<String> categories = new ArrayList<>();
		String description;
		String information = "";
		LocalDate addDate;
		LocalDate terminationDate;
		String source = "";
		int line;

		Draft(String code, ModifierKind kind) {
			this.code = code;
			this.kind = kind;
		}

		void addCategory(String category) {
			if (!category.isEmpty() && !categories.contains(category)) {
				categories.add(category);
			}
		}
	}
}
