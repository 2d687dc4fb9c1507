package org.openrcm.server.x12.ack;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The codes of an STC status in a 277CA (or 277) in plain words: claim status category codes (X12 external code list
 * 507), the claim status codes a claim acknowledgment carries most often (list 508) and the entity identifier codes
 * (element 98) that say whose data a status is about. The wording is this project's own summary of what each code
 * means, not the X12 text; codes outside these tables are reported as unknown, never refused.
 *
 * <p>What the acknowledgment categories {@code A0} to {@code A8}, the ones a 277CA uses, mean for a claim:
 * <ul>
 * <li>accepted: {@code A0} passed on to another entity (e.g. a clearinghouse forwarded it to the payer), {@code A1}
 * received (not yet a promise of adjudication), {@code A2} taken into the payer's adjudication system, {@code A5}
 * taken in and split into more than one claim;</li>
 * <li>rejected, fix and send a new claim: {@code A3} returned as unprocessable, {@code A4} not found, {@code A6}
 * missing information, {@code A7} invalid information, {@code A8} a relation between fields is wrong.</li>
 * </ul>
 */
public final class ClaimStatusCodes {

	/** Categories that mean the claim got past the front end. */
	static final Set<String> ACCEPTED_CATEGORIES = Set.of("A0", "A1", "A2", "A5");

	/** Categories that mean the claim was turned away and never entered adjudication. */
	static final Set<String> REJECTED_CATEGORIES = Set.of("A3", "A4", "A6", "A7", "A8");

	/** List 507. */
	private static final Map<String, String> CATEGORIES = Map.ofEntries(
			Map.entry("A0", "acknowledged: forwarded to another entity"),
			Map.entry("A1", "acknowledged: received, not yet accepted for adjudication"),
			Map.entry("A2", "acknowledged: accepted into the adjudication system"),
			Map.entry("A3", "rejected: returned as unprocessable, never entered adjudication"),
			Map.entry("A4", "rejected: the claim cannot be found in the adjudication system"),
			Map.entry("A5", "acknowledged: accepted and split into more than one claim"),
			Map.entry("A6", "rejected: information is missing (see the status codes)"),
			Map.entry("A7", "rejected: information is invalid (see the status codes)"),
			Map.entry("A8", "rejected: fields contradict each other (see the status codes)"),
			Map.entry("P0", "pending: adjudication details"),
			Map.entry("P1", "pending: in process"),
			Map.entry("P2", "pending: held for payer review"),
			Map.entry("P3", "pending: waiting for information requested from the provider"),
			Map.entry("P4", "pending: waiting for information requested from the patient"),
			Map.entry("P5", "pending: administrative or system hold at the payer"),
			Map.entry("F0", "finalized: adjudication is complete"),
			Map.entry("F1", "finalized: paid"),
			Map.entry("F2", "finalized: denied"),
			Map.entry("F3", "finalized: adjudication was revised"),
			Map.entry("F3F", "finalized and forwarded to the next payer"),
			Map.entry("F3N", "finalized and not forwarded"),
			Map.entry("F4", "finalized: adjudicated, no payment will follow"),
			Map.entry("R0", "information requested: general"),
			Map.entry("R1", "information requested about an entity"),
			Map.entry("R3", "information requested that a claim would normally carry"),
			Map.entry("R4", "supporting documentation requested"),
			Map.entry("E0", "no answer possible: the request had errors"),
			Map.entry("E1", "no answer possible: system status"),
			Map.entry("E2", "no answer possible: the information holder does not respond, try later"),
			Map.entry("E3", "correction required: fields contradict each other"),
			Map.entry("E4", "correction required: a trading partner agreement rule is not met"),
			Map.entry("D0", "the search for the claim found nothing"));

	/** The list 508 codes seen most on claim acknowledgments. */
	private static final Map<String, String> STATUSES = Map.ofEntries(
			Map.entry("0", "no further status is available electronically"),
			Map.entry("1", "the remittance advice has the details"),
			Map.entry("2", "a letter has the details"),
			Map.entry("3", "adjudicated, waiting for the payment cycle"),
			Map.entry("16", "forwarded to the entity named"),
			Map.entry("17", "forwarded by a third party to the entity named"),
			Map.entry("19", "the entity named confirms it received the claim"),
			Map.entry("20", "accepted for processing"),
			Map.entry("21", "information is missing or invalid (another status says which)"),
			Map.entry("23", "returned to the entity named"),
			Map.entry("24", "the entity named may not submit electronically"),
			Map.entry("25", "the entity named is not approved"),
			Map.entry("26", "the entity named was not found"),
			Map.entry("29", "the subscriber and the policy or contract number do not match"),
			Map.entry("30", "the subscriber and the subscriber id do not match"),
			Map.entry("33", "no subscriber with this subscriber id was found"),
			Map.entry("35", "the claim was not found"),
			Map.entry("54", "duplicate of a claim or line already processed"),
			Map.entry("65", "the claim or line was paid"),
			Map.entry("78", "duplicate of a claim or line waiting to be processed"),
			Map.entry("85", "the entity named is not the primary payer"),
			Map.entry("88", "the entity named had no benefits on the dates of service"),
			Map.entry("97", "no eligibility for the patient was found with the entity named"),
			Map.entry("109", "the entity named is not eligible"),
			Map.entry("116", "the claim went to the wrong payer"),
			Map.entry("117", "the signature-on-file indicator is required"),
			Map.entry("125", "the name of the entity named"),
			Map.entry("126", "the address of the entity named"),
			Map.entry("128", "the tax id of the entity named"),
			Map.entry("145", "the specialty or taxonomy code of the entity named"),
			Map.entry("153", "the identification number of the entity named"),
			Map.entry("158", "the date of birth of the entity named"),
			Map.entry("164", "the contract or member number of the entity named"),
			Map.entry("178", "the submitted charges"),
			Map.entry("187", "the date(s) of service"),
			Map.entry("188", "the statement from and through dates"),
			Map.entry("247", "line information"),
			Map.entry("249", "the place of service"),
			Map.entry("254", "the principal diagnosis code"),
			Map.entry("255", "a diagnosis code"),
			Map.entry("400", "the claim does not balance"),
			Map.entry("454", "the procedure code of the service"),
			Map.entry("455", "the revenue code of the service"),
			Map.entry("476", "the units of service are missing or invalid"),
			Map.entry("477", "a diagnosis code pointer is missing or invalid"),
			Map.entry("479", "the other payer's id is missing or invalid"),
			Map.entry("484", "the business application is not available at the moment"),
			Map.entry("500", "the postal code of the entity named"),
			Map.entry("503", "the street address of the entity named"),
			Map.entry("504", "the last name of the entity named"),
			Map.entry("505", "the first name of the entity named"),
			Map.entry("510", "a date lies in the future (another status says which)"),
			Map.entry("511", "a value holds an invalid character (another status says which)"),
			Map.entry("512", "a value is too long for the receiver (another status says which)"),
			Map.entry("535", "the claim frequency code"),
			Map.entry("562", "the National Provider Identifier (NPI) of the entity named"),
			Map.entry("584", "the line item control number"));

	/** Element 98, the entities a claim acknowledgment names. */
	private static final Map<String, String> ENTITIES = Map.ofEntries(
			Map.entry("03", "dependent"),
			Map.entry("1P", "provider"),
			Map.entry("40", "receiver"),
			Map.entry("41", "submitter"),
			Map.entry("71", "attending physician"),
			Map.entry("72", "operating physician"),
			Map.entry("77", "service location"),
			Map.entry("82", "rendering provider"),
			Map.entry("85", "billing provider"),
			Map.entry("87", "pay-to provider"),
			Map.entry("AY", "clearinghouse"),
			Map.entry("DK", "ordering physician"),
			Map.entry("DN", "referring provider"),
			Map.entry("DQ", "supervising physician"),
			Map.entry("FA", "facility"),
			Map.entry("GB", "other insured"),
			Map.entry("IL", "subscriber"),
			Map.entry("PR", "payer"),
			Map.entry("PRP", "primary payer"),
			Map.entry("QC", "patient"),
			Map.entry("SEP", "secondary payer"),
			Map.entry("TTP", "tertiary payer"));

	private ClaimStatusCodes() {}

	/** A claim status category (STC01-1, STC10-1, STC11-1), e.g. {@code A7}; empty for an unknown code. */
	public static Optional<String> category(String code) {
		return lookup(CATEGORIES, code);
	}

	/** A claim status code (STC01-2), e.g. {@code 562}; empty for a code outside this table. */
	public static Optional<String> status(String code) {
		return lookup(STATUSES, code);
	}

	/** An entity identifier code (STC01-3, NM101), e.g. {@code 85}; empty for a code outside this table. */
	public static Optional<String> entity(String code) {
		return lookup(ENTITIES, code);
	}

	/** Whether a category means the claim got past the front end: {@code A0}, {@code A1}, {@code A2}, {@code A5}. */
	public static boolean isAccepted(String category) {
		return category != null && ACCEPTED_CATEGORIES.contains(category.strip());
	}

	/**
	 * Whether a category means the claim was turned away: {@code A3}, {@code A4}, {@code A6}, {@code A7},
	 * {@code A8}.
	 */
	public static boolean isRejected(String category) {
		return category != null && REJECTED_CATEGORIES.contains(category.strip());
	}

	private static Optional<String> lookup(Map<String, String> table, String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(table.get(code.strip()));
	}
}
