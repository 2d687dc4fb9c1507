package org.openrcm.terminology.mce;

/** The patient sex the MCE sex edits compare against (MCE Edit 5). */
public enum Sex {
	MALE,
	FEMALE
}
