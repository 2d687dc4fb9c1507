package org.openrcm.server.scrubbing;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.openrcm.ig.OpenRcmIg;

/**
 * The scrub rules. Their codes are part of the API: each finding carries one in {@code details.coding} with system
 * {@link #SYSTEM} (the IG's CodeSystem {@code scrub-rule} defines them for readers).
 */
public enum ScrubRule {

	REQUIRED_ELEMENT("REQUIRED-ELEMENT", IssueType.REQUIRED),
	NPI_INVALID("NPI-INVALID", IssueType.VALUE),
	DX_INVALID("DX-INVALID", IssueType.CODEINVALID),
	DX_NOT_BILLABLE("DX-NOT-BILLABLE", IssueType.CODEINVALID),
	DX_SEX("DX-SEX", IssueType.BUSINESSRULE),
	DX_AGE("DX-AGE", IssueType.BUSINESSRULE),
	DX_MANIFESTATION_PRIMARY("DX-MANIFESTATION-PRIMARY", IssueType.BUSINESSRULE),
	DX_POINTER("DX-POINTER", IssueType.STRUCTURE),
	PROC_INVALID("PROC-INVALID", IssueType.CODEINVALID),
	MODIFIER_INVALID("MODIFIER-INVALID", IssueType.CODEINVALID),
	NCCI_PTP("NCCI-PTP", IssueType.BUSINESSRULE),
	MUE("MUE", IssueType.BUSINESSRULE),
	ADDON_WITHOUT_PRIMARY("ADDON-WITHOUT-PRIMARY", IssueType.BUSINESSRULE),
	POS_INVALID("POS-INVALID", IssueType.CODEINVALID),
	COVERAGE_MISSING("COVERAGE-MISSING", IssueType.REQUIRED),
	COVERAGE_INACTIVE("COVERAGE-INACTIVE", IssueType.BUSINESSRULE),
	DUPLICATE_CLAIM("DUPLICATE-CLAIM", IssueType.DUPLICATE),
	TIMELY_FILING("TIMELY-FILING", IssueType.BUSINESSRULE),
	PRIOR_AUTH_REQUIRED("PRIOR-AUTH-REQUIRED", IssueType.BUSINESSRULE),
	AMOUNT_MISMATCH("AMOUNT-MISMATCH", IssueType.VALUE),
	DATE_INVALID("DATE-INVALID", IssueType.VALUE),
	PAYER_RULE("PAYER-RULE", IssueType.BUSINESSRULE),
	/** Not a finding: the one information issue of a claim with nothing to fix. */
	CLEAN("CLEAN", IssueType.INFORMATIONAL),
	/** The code sets or edit tables loaded do not cover the date of service (or none is loaded). */
	EDIT_TABLES_OUTDATED("EDIT-TABLES-OUTDATED", IssueType.INCOMPLETE);

	/** The code system of the rule ids. */
	public static final String SYSTEM = OpenRcmIg.SCRUB_RULE_CODE_SYSTEM;

	private final String code;
	private final IssueType issueType;

	ScrubRule(String code, IssueType issueType) {
		this.code = code;
		this.issueType = issueType;
	}

	/** The rule id, e.g. {@code NCCI-PTP}. */
	public String code() {
		return code;
	}

	/** The FHIR issue type of its findings. */
	public IssueType issueType() {
		return issueType;
	}
}
