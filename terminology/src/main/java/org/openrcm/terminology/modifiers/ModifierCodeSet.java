package org.openrcm.terminology.modifiers;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.hcpcs.HcpcsModifier;

/**
 * The procedure modifiers known to the server: HCPCS Level II modifiers with their CMS descriptions and CPT
 * modifiers as bare codes. A two-character code is either kind, never both. Immutable.
 */
public final class ModifierCodeSet {

	private final String version;
	private final Map<String, Modifier> byCode;

	ModifierCodeSet(String version, Map<String, Modifier> byCode) {
		this.version = version;
		this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
	}

	public String version() {
		return version;
	}

	public int size() {
		return byCode.size();
	}

	/** The modifier (any case), or {@code null}. */
	public Modifier get(String code) {
		return code == null ? null : byCode.get(code.trim().toUpperCase(Locale.ROOT));
	}

	public Collection<Modifier> all() {
		return byCode.values();
	}

	/** The modifiers of one kind, in file order. */
	public List<Modifier> ofKind(ModifierKind kind) {
		return byCode.values().stream().filter(m -> m.kind() == kind).toList();
	}

	/** The HCPCS Level II modifiers as codes of the HCPCS code system ({@code HcpcsCodeSet.withModifiers}). */
	public List<HcpcsModifier> hcpcsModifiers() {
		return ofKind(ModifierKind.HCPCS_LEVEL_II).stream()
				.map(m -> new HcpcsModifier(m.code(), m.description(), "", m.addDate(), m.terminationDate())).toList();
	}

	/** The CPT modifier codes ({@code CptCodeSetBuilder.addModifiers}). */
	public List<String> cptModifiers() {
		return ofKind(ModifierKind.CPT).stream().map(Modifier::code).toList();
	}

	/**
	 * Whether the modifier may be reported on {@code dateOfService}: {@link CodeStatus#UNKNOWN} when it is not a
	 * known modifier, {@link CodeStatus#NOT_YET_EFFECTIVE}/{@link CodeStatus#TERMINATED} when its dates exclude the
	 * date. The system of the result is that of the modifier's kind (HCPCS or CPT); for an unknown code, HCPCS.
	 */
	public CodeValidation validate(String code, LocalDate dateOfService) {
		String asked = code == null ? "" : code.trim();
		Modifier modifier = get(asked);
		if (modifier == null) {
			return new CodeValidation(ModifierKind.HCPCS_LEVEL_II.system(), asked, CodeStatus.UNKNOWN, null, version,
					dateOfService, Coverage.COVERED);
		}
		CodeStatus status = modifier.addDate() != null && dateOfService.isBefore(modifier.addDate())
				? CodeStatus.NOT_YET_EFFECTIVE
				: modifier.terminationDate() != null && dateOfService.isAfter(modifier.terminationDate())
						? CodeStatus.TERMINATED : CodeStatus.VALID;
		return new CodeValidation(modifier.kind().system(), modifier.code(), status, modifier.description(), version,
				dateOfService, Coverage.COVERED);
	}
}
