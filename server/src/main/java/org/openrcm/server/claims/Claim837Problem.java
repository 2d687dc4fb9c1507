package org.openrcm.server.claims;

import org.openrcm.server.errors.ErrorCode;

/**
 * Something that keeps a claim from being written as an 837P or 837I: one OperationOutcome issue.
 *
 * @param code {@link ErrorCode#CLAIM_837_MISSING_DATA}, {@link ErrorCode#CLAIM_837_NOT_SUPPORTED} or
 *     {@link ErrorCode#CLAIM_837_NOT_REPRESENTABLE}
 * @param text what is wrong, in a biller's words (the scrubber's REQUIRED-ELEMENT wording where it covers the same
 *     element)
 * @param fix how to fix it
 * @param expression the FHIRPath of the claim element concerned, e.g. {@code Claim.provider.resolve().identifier};
 *     {@code null} for a fault of the written X12 that no single element explains
 */
public record Claim837Problem(ErrorCode code, String text, String fix, String expression) {

	static Claim837Problem missing(String what, String fix, String expression) {
		return new Claim837Problem(ErrorCode.CLAIM_837_MISSING_DATA, what + " is missing.", fix, expression);
	}

	static Claim837Problem notRepresentable(String text, String fix, String expression) {
		return new Claim837Problem(ErrorCode.CLAIM_837_NOT_REPRESENTABLE, text, fix, expression);
	}
}
