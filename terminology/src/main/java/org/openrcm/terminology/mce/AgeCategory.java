package org.openrcm.terminology.mce;

import java.util.Locale;

/**
 * The MCE diagnosis age categories (MCE Edit 4, "Age conflict"). The ages each covers are not fixed here: they are
 * read from the edit file's rule text (v41.1: newborn 0, pediatric 0-17, maternity 9-64, adult 15-124), because CMS
 * has changed them between versions.
 */
public enum AgeCategory {
	/** "Perinatal/Newborn": the code is for a patient in the first year of life. */
	NEWBORN("newborn"),
	/** "Pediatric". */
	PEDIATRIC("pediatric"),
	/** "Maternity": pregnancy, childbirth and the puerperium. */
	MATERNITY("maternity"),
	/** "Adult". */
	ADULT("adult");

	private final String keyword;

	AgeCategory(String keyword) {
		this.keyword = keyword;
	}

	/** The category a rule name such as {@code Perinatal/Newborn} or {@code Maternity} stands for, or {@code null}. */
	static AgeCategory fromRuleName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (AgeCategory category : values()) {
			if (lower.contains(category.keyword)) {
				return category;
			}
		}
		return null;
	}
}
