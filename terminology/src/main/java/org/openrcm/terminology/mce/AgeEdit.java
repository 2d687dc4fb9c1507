package org.openrcm.terminology.mce;

/**
 * An MCE age edit on a diagnosis code: the code is consistent only with patients aged {@code minimumAge} through
 * {@code maximumAge} years (inclusive) on the date of service.
 *
 * @param category the age category
 * @param minimumAge youngest consistent age, in completed years
 * @param maximumAge oldest consistent age, in completed years
 * @param rule the rule text as the file gives it, e.g. {@code Maternity (Ages 9-64)}
 */
public record AgeEdit(AgeCategory category, int minimumAge, int maximumAge, String rule) {

	/** Whether a patient of {@code ageInYears} is consistent with the code. */
	public boolean allows(int ageInYears) {
		return ageInYears >= minimumAge && ageInYears <= maximumAge;
	}
}
