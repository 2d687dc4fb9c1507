package org.openrcm.terminology.icd10cm;

/**
 * ICD-10-CM code spelling. Codes are 3 to 7 characters: a letter, a digit, a letter or digit, then up to four
 * letters or digits; the dot after the third character is punctuation. Files differ (the CDC order file has no dot,
 * FHIR and claims-facing text use it), so lookups accept both and the code sets store the dotted form.
 */
public final class Icd10CmCodes {

	private Icd10CmCodes() {}

	/**
	 * The lookup key of a code: no dot, upper case, trimmed; {@code null} when the text cannot be an ICD-10-CM code.
	 */
	public static String key(String code) {
		if (code == null || code.isEmpty()) {
			return null;
		}
		if (Character.isWhitespace(code.charAt(0)) || Character.isWhitespace(code.charAt(code.length() - 1))) {
			code = code.strip();
		}
		int length = code.length();
		char[] key = null;
		int size = 0;
		for (int i = 0; i < length; i++) {
			char c = code.charAt(i);
			boolean plain = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (plain && key == null) {
				continue;
			}
			if (key == null) {
				key = new char[length];
				code.getChars(0, i, key, 0);
				size = i;
			}
			if (plain) {
				key[size++] = c;
			} else if (c >= 'a' && c <= 'z') {
				key[size++] = (char) (c - 'a' + 'A');
			} else if (c != '.') {
				return null;
			}
		}
		String result = key == null ? code : new String(key, 0, size);
		return isKey(result) ? result : null;
	}

	/** Whether {@code key} is a well-formed undotted code (letter, digit, then 1 to 5 letters or digits). */
	public static boolean isKey(String key) {
		int length = key.length();
		if (length < 3 || length > 7) {
			return false;
		}
		char first = key.charAt(0);
		char second = key.charAt(1);
		if (first < 'A' || first > 'Z' || second < '0' || second > '9') {
			return false;
		}
		for (int i = 2; i < length; i++) {
			char c = key.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				return false;
			}
		}
		return true;
	}

	/** The dotted spelling of a key: {@code E119} → {@code E11.9}; categories ({@code E11}) have no dot. */
	public static String dotted(String key) {
		return key.length() > 3 ? key.substring(0, 3) + "." + key.substring(3) : key;
	}
}
