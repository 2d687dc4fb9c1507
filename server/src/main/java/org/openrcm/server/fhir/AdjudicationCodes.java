package org.openrcm.server.fhir;

/**
 * The code systems of a payer's adjudication as OpenRCM records it on ClaimResponse, ExplanationOfBenefit and the
 * denial Tasks (the shape {@code org.openrcm.server.claims.PayerAdjudication} documents), each named once.
 */
public final class AdjudicationCodes {

	/** X12 Claim Adjustment Group Codes ({@code CO}, {@code PR}, {@code OA}, {@code PI}, {@code CR}). */
	public static final String GROUP_SYSTEM = "https://x12.org/codes/claim-adjustment-group-codes";
	/** X12 Claim Adjustment Reason Codes (CARC). */
	public static final String REASON_SYSTEM = "https://x12.org/codes/claim-adjustment-reason-codes";
	/** X12 Remittance Advice Remark Codes (RARC). */
	public static final String REMARK_SYSTEM = "https://x12.org/codes/remittance-advice-remark-codes";
	/** FHIR's adjudication value codes ({@code submitted}, {@code eligible}, {@code benefit}, ...). */
	public static final String ADJUDICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/adjudication";
	/** CARIN Blue Button's adjudication amount types ({@code memberliability}, ...). */
	public static final String CARIN_ADJUDICATION_SYSTEM =
			"http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication";

	private AdjudicationCodes() {}
}
