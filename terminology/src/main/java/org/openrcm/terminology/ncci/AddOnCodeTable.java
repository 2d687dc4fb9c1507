package org.openrcm.terminology.ncci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The NCCI add-on code edits of a release, keyed by add-on code. Immutable and thread-safe. */
public final class AddOnCodeTable {

	private final String version;
	private final Map<String, AddOnCodeEdit> edits;

	AddOnCodeTable(String version, Map<String, AddOnCodeEdit> edits) {
		this.version = version;
		this.edits = Collections.unmodifiableMap(new LinkedHashMap<>(edits));
	}

	/** The release label, e.g. {@code 2024Q3}. */
	public String version() {
		return version;
	}

	/** Number of add-on codes. */
	public int size() {
		return edits.size();
	}

	/** The edit of an add-on code; empty when the code is not an add-on code. */
	public Optional<AddOnCodeEdit> edit(String addOnCode) {
		return addOnCode == null ? Optional.empty() : Optional.ofNullable(edits.get(addOnCode.trim().toUpperCase(Locale.ROOT)));
	}

	public boolean isAddOnCode(String code) {
		return edit(code).isPresent();
	}

	/** Every code the table names: the add-on codes and their listed primaries. */
	public Set<String> codes() {
		Set<String> codes = new LinkedHashSet<>(edits.keySet());
		edits.values().forEach(edit -> codes.addAll(edit.primaryCodes()));
		return codes;
	}
}
