package org.openrcm.terminology.ncci;

import java.util.Collection;
import java.util.Set;

/**
 * An NCCI add-on code edit: an add-on code (AOC) is paid only with one of its primary codes, reported by the same
 * practitioner for the same patient on the same date.
 *
 * @param addOnCode the add-on code
 * @param type 1: only the listed primary codes; 2: primaries are defined by the contractor (CMS lists
 *             {@code CCCCC}); 3: the listed primaries and others a contractor may allow
 * @param primaryCodes the listed primary codes (empty for type 2)
 */
public record AddOnCodeEdit(String addOnCode, int type, Set<String> primaryCodes) {

	public AddOnCodeEdit {
		primaryCodes = Set.copyOf(primaryCodes);
	}

	/** What {@link #check} found. */
	public enum Result {
		/** A listed primary code is on the claim. */
		PRIMARY_PRESENT,
		/** Type 1 and no listed primary code is on the claim: the add-on code is denied. */
		PRIMARY_MISSING,
		/** Type 3 and no listed primary code is on the claim: denied unless the contractor allows another primary. */
		PRIMARY_MISSING_CONTRACTOR_MAY_ALLOW,
		/** Type 2: the contractor defines the primaries; the table cannot judge. */
		CONTRACTOR_DEFINED
	}

	/** Judges the add-on code against the other codes reported with it (same practitioner, patient and date). */
	public Result check(Collection<String> otherCodes) {
		if (type == 2) {
			return Result.CONTRACTOR_DEFINED;
		}
		for (String code : otherCodes) {
			if (primaryCodes.contains(code)) {
				return Result.PRIMARY_PRESENT;
			}
		}
		return type == 1 ? Result.PRIMARY_MISSING : Result.PRIMARY_MISSING_CONTRACTOR_MAY_ALLOW;
	}
}
