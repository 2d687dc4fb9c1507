package org.openrcm.terminology.ncci;

/**
 * The five-character HCPCS/CPT codes of the NCCI tables as ints: each character (0-9, A-Z, either case) is a base-36
 * digit, so a code is a number below 36^5 = 60,466,176. Encoding allocates nothing, which keeps table lookups free
 * of garbage.
 */
public final class NcciCodes {

	/** Number of distinct encodable codes. */
	public static final int CAPACITY = 36 * 36 * 36 * 36 * 36;

	private NcciCodes() {}

	/** The code's number, or -1 when it is not five letters or digits. */
	public static int encode(CharSequence code) {
		if (code == null || code.length() != 5) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < 5; i++) {
			char c = code.charAt(i);
			int digit;
			if (c >= '0' && c <= '9') {
				digit = c - '0';
			} else if (c >= 'A' && c <= 'Z') {
				digit = c - 'A' + 10;
			} else if (c >= 'a' && c <= 'z') {
				digit = c - 'a' + 10;
			} else {
				return -1;
			}
			value = value * 36 + digit;
		}
		return value;
	}

	/** The code for a number {@link #encode} returned. */
	public static String decode(int value) {
		if (value < 0 || value >= CAPACITY) {
			throw new IllegalArgumentException(value + " is not an encoded code");
		}
		char[] code = new char[5];
		for (int i = 4; i >= 0; i--) {
			int digit = value % 36;
			code[i] = (char) (digit < 10 ? '0' + digit : 'A' + digit - 10);
			value /= 36;
		}
		return new String(code);
	}
}
