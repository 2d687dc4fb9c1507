package org.openrcm.terminology.cpt;

import java.util.regex.Pattern;

/**
 * CPT code spelling: five characters, four digits then a digit (Category I) or a letter ({@code F} Category II,
 * {@code T} Category III, {@code U} proprietary laboratory analyses, {@code A}/{@code M} vaccine and
 * multianalyte codes). HCPCS Level II codes start with a letter and are not CPT.
 */
public final class CptCodes {

	private static final Pattern CODE = Pattern.compile("[0-9]{4}[0-9A-Z]");
	private static final Pattern MODIFIER = Pattern.compile("[0-9]{2}|P[1-6]|[0-9]P");

	private CptCodes() {}

	/** Whether {@code code} is spelled as a CPT procedure code. */
	public static boolean isCode(String code) {
		return code != null && CODE.matcher(code).matches();
	}

	/** Whether {@code code} is spelled as a CPT modifier (two digits, P1-P6, or the Category II {@code nP}). */
	public static boolean isModifier(String code) {
		return code != null && MODIFIER.matcher(code).matches();
	}
}
