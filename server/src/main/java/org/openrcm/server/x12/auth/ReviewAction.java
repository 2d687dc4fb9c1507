package org.openrcm.server.x12.auth;

import java.util.Optional;

/**
 * The UMO's decision on a review: HCR01 (X12 element 306, action code) as the 278 response uses it. These are the
 * codes the Da Vinci PAS reviewAction extension carries.
 */
public enum ReviewAction {

	/** {@code A1}: certified as asked. */
	CERTIFIED("A1", true),
	/** {@code A2}: certified, but less than was asked (fewer units, a shorter period). */
	CERTIFIED_PARTIAL("A2", true),
	/** {@code A3}: not certified (denied). */
	NOT_CERTIFIED("A3", false),
	/** {@code A4}: pended; the UMO decides later (often after more information). */
	PENDED("A4", false),
	/** {@code A6}: certified with changes (another service, setting or provider than asked). */
	MODIFIED("A6", true),
	/** {@code C}: the request was cancelled. */
	CANCELLED("C", false),
	/** {@code CT}: the requester must contact the UMO. */
	CONTACT_PAYER("CT", false),
	/** {@code NA}: no review is needed for this service. */
	NOT_REQUIRED("NA", false);

	/** The code system of X12 element 306 as the PAS IG names it. */
	public static final String SYSTEM = "https://codesystem.x12.org/005010/306";

	private final String code;
	private final boolean approved;

	ReviewAction(String code, boolean approved) {
		this.code = code;
		this.approved = approved;
	}

	/** HCR01. */
	public String code() {
		return code;
	}

	/** Whether the service may be rendered under the authorization number (certified in whole, in part, modified). */
	public boolean approved() {
		return approved;
	}

	/** Whether the review is still open. */
	public boolean pending() {
		return this == PENDED;
	}

	/** The action of an HCR01 value, or empty for a code this project does not know. */
	public static Optional<ReviewAction> of(String code) {
		for (ReviewAction action : values()) {
			if (action.code.equals(code)) {
				return Optional.of(action);
			}
		}
		return Optional.empty();
	}
}
