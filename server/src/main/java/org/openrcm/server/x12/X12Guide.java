package org.openrcm.server.x12;

import java.util.List;
import java.util.Optional;

/**
 * The X12 005010 implementation guides (TR3s) this project reads and writes, each with the implementation schema
 * that validates its transactions. A transaction is matched to its guide by ST01 and the implementation convention
 * reference (ST03, or GS08 when ST03 is absent).
 */
public enum X12Guide {

	/** 837 Health Care Claim: Professional (005010X222A1; files labelled with the A2 errata reference are read too). */
	CLAIM_837P("837", "HC", "005010X222A1", List.of("005010X222A1", "005010X222A2"), "837P-005010X222A1.xml"),
	/** 837 Health Care Claim: Institutional. */
	CLAIM_837I("837", "HC", "005010X223A2", List.of("005010X223A2"), "837I-005010X223A2.xml"),
	/** 999 Implementation Acknowledgment for Health Care Insurance (the base 005010X231 label is read too). */
	ACK_999("999", "FA", "005010X231A1", List.of("005010X231A1", "005010X231"), "999-005010X231A1.xml"),
	/** 277CA Health Care Claim Acknowledgment. */
	CLAIM_ACK_277CA("277", "HN", "005010X214", List.of("005010X214"), "277CA-005010X214.xml"),
	/**
	 * 835 Health Care Claim Payment/Advice (005010X221A1; files labelled with the base 005010X221 reference are read
	 * too, against the A1 rules).
	 */
	REMITTANCE_835("835", "HP", "005010X221A1", List.of("005010X221A1", "005010X221"), "835-005010X221A1.xml"),
	/**
	 * 270 Health Care Eligibility Benefit Inquiry (005010X279A1; files labelled with the base 005010X279 reference are
	 * read too, against the A1 rules).
	 */
	ELIGIBILITY_270("270", "HS", "005010X279A1", List.of("005010X279A1", "005010X279"), "270-005010X279A1.xml"),
	/**
	 * 271 Health Care Eligibility Benefit Response (005010X279A1; files labelled with the base 005010X279 reference
	 * are read too, against the A1 rules).
	 */
	ELIGIBILITY_271("271", "HB", "005010X279A1", List.of("005010X279A1", "005010X279"), "271-005010X279A1.xml"),
	/** 276 Health Care Claim Status Request. */
	CLAIM_STATUS_276("276", "HR", "005010X212", List.of("005010X212"), "276-005010X212.xml"),
	/** 277 Health Care Claim Status Response (the answer to a 276; the 277CA is {@link #CLAIM_ACK_277CA}). */
	CLAIM_STATUS_277("277", "HN", "005010X212", List.of("005010X212"), "277-005010X212.xml"),
	/**
	 * 278 Health Care Services Review: Request for Review and Response (prior authorization and referral). Request
	 * and response share ST01 and the guide reference: one schema holds both, told apart by BHT02 ({@code 13}
	 * request, {@code 11} response).
	 */
	AUTHORIZATION_278("278", "HI", "005010X217", List.of("005010X217"), "278-005010X217.xml");

	private final String transactionSetId;
	private final String functionalIdentifier;
	private final String version;
	private final List<String> acceptedVersions;
	private final String schemaResource;

	X12Guide(String transactionSetId, String functionalIdentifier, String version, List<String> acceptedVersions,
			String schemaResource) {
		this.transactionSetId = transactionSetId;
		this.functionalIdentifier = functionalIdentifier;
		this.version = version;
		this.acceptedVersions = acceptedVersions;
		this.schemaResource = schemaResource;
	}

	/** ST01, e.g. {@code 837}. */
	public String transactionSetId() {
		return transactionSetId;
	}

	/** GS01 of the functional group that carries it, e.g. {@code HC} for claims. */
	public String functionalIdentifier() {
		return functionalIdentifier;
	}

	/** The implementation convention reference written in GS08 and ST03, e.g. {@code 005010X222A1}. */
	public String version() {
		return version;
	}

	/** The file name of the implementation schema under {@code org/openrcm/server/x12/schema/}. */
	String schemaResource() {
		return schemaResource;
	}

	/**
	 * The guide of a transaction set.
	 *
	 * @param transactionSetId ST01
	 * @param version ST03 if present, else GS08
	 * @return the guide, or empty when this project does not implement that transaction and version
	 */
	public static Optional<X12Guide> of(String transactionSetId, String version) {
		for (X12Guide guide : values()) {
			if (guide.transactionSetId.equals(transactionSetId) && guide.acceptedVersions.contains(version)) {
				return Optional.of(guide);
			}
		}
		return Optional.empty();
	}
}
