package org.openrcm.terminology.ncci;

/** The NCCI PTP modifier indicator (the "Modifier" column of the edit tables). */
public enum PtpModifierIndicator {

	/** 0: an NCCI-associated modifier cannot bypass the edit; the column-two code is denied. */
	NOT_ALLOWED(0),

	/** 1: an NCCI-associated modifier (e.g. 59, XE, XS, XP, XU, anatomic modifiers) may bypass the edit when apt. */
	ALLOWED(1),

	/** 9: not applicable; the edit was deleted retroactively and does not restrict billing the pair. */
	NOT_APPLICABLE(9);

	private final int value;

	PtpModifierIndicator(int value) {
		this.value = value;
	}

	/** 0, 1 or 9, as CMS writes it. */
	public int value() {
		return value;
	}

	/** The indicator for CMS's digit, or {@code null} for anything else. */
	public static PtpModifierIndicator of(int value) {
		return switch (value) {
			case 0 -> NOT_ALLOWED;
			case 1 -> ALLOWED;
			case 9 -> NOT_APPLICABLE;
			default -> null;
		};
	}
}
