package org.openrcm.terminology.cpt;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openrcm.terminology.CsvReader;

/**
 * Collects the CPT codes of CMS's public files: pass the codes of the NCCI tables ({@code PtpTable.codes()},
 * {@code MueTable.codes()}, {@code AddOnCodeTable.codes()}) and read the physician fee schedule relative value file.
 * Codes that are not spelled as CPT (HCPCS Level II codes share those files) are left out. Not thread-safe.
 */
public final class CptCodeSetBuilder {

	private final Map<String, Set<CptSource>> codes = new HashMap<>();
	private final List<String> modifiers = new ArrayList<>();

	/** Adds the CPT codes among {@code candidates}. */
	public CptCodeSetBuilder addCodes(Iterable<String> candidates, CptSource source) {
		for (String candidate : candidates) {
			String code = candidate.trim().toUpperCase(Locale.ROOT);
			if (CptCodes.isCode(code)) {
				codes.computeIfAbsent(code, c -> EnumSet.noneOf(CptSource.class)).add(source);
			}
		}
		return this;
	}

	/**
	 * Adds the CPT codes of a physician fee schedule relative value file in CSV (header first, the code in column
	 * {@code code} or {@code hcpcs}, as in the shared {@code pfs_rvu_2024_jul.csv.xz}); closes {@code csv}.
	 */
	public CptCodeSetBuilder addPfsRelativeValueFile(Reader csv, String source) throws IOException {
		List<String> found = new ArrayList<>();
		try (CsvReader reader = new CsvReader(csv, source)) {
			int column = reader.column(reader.hasColumn("code") ? "code" : "hcpcs");
			for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
				found.add(row.get(column));
			}
		}
		return addCodes(found, CptSource.PFS_RVU);
	}

	/** Adds the CPT modifier codes (bare codes; see {@code ModifierCodeSet.ofKind(CPT)}). */
	public CptCodeSetBuilder addModifiers(Iterable<String> codes) {
		for (String code : codes) {
			if (CptCodes.isModifier(code) && !modifiers.contains(code)) {
				modifiers.add(code);
			}
		}
		return this;
	}

	/** @param version the label, e.g. the NCCI quarter {@code 2024Q3} */
	public CptCodeSet build(String version) {
		Map<String, Set<CptSource>> frozen = new HashMap<>();
		codes.forEach((code, sources) -> frozen.put(code, Collections.unmodifiableSet(EnumSet.copyOf(sources))));
		return new CptCodeSet(version, frozen, modifiers, null);
	}
}
