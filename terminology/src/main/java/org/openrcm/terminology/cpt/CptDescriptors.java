package org.openrcm.terminology.cpt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPT descriptors from a licensee's own AMA data file, loaded at run time ({@link CptDescriptorLoader}). OpenRCM
 * ships none: they are AMA content under licence. Immutable.
 */
public final class CptDescriptors {

	private final String version;
	private final Map<String, String> byCode;

	CptDescriptors(String version, Map<String, String> byCode) {
		this.version = version;
		this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
	}

	/** The licensee's CPT edition, e.g. {@code 2024}. */
	public String version() {
		return version;
	}

	public int size() {
		return byCode.size();
	}

	/** The descriptor of a code or modifier. */
	public Optional<String> descriptor(String code) {
		return Optional.ofNullable(byCode.get(code));
	}

	/** Every code (procedures and modifiers) with its descriptor, in file order. */
	public Map<String, String> all() {
		return byCode;
	}
}
