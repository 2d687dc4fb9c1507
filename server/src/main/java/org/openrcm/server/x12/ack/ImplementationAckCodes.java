package org.openrcm.server.x12.ack;

import java.util.Map;
import java.util.Optional;

/**
 * The codes of a 999 implementation acknowledgment (005010X231A1) in plain words, for people who work rejected
 * files: the transaction set and functional group acknowledgment codes and the syntax error codes at each level.
 * The wording is this project's own summary of what each X12 code means, not the X12 text.
 */
public final class ImplementationAckCodes {

	/** IK501 (element 717): what became of one transaction set. */
	private static final Map<String, String> TRANSACTION_SET_STATUS = Map.of(
			"A", "accepted",
			"E", "accepted, with errors noted that did not stop processing",
			"M", "rejected: the message authentication code did not verify",
			"R", "rejected",
			"W", "rejected: the transaction set failed the assurance checks",
			"X", "rejected: the content could not be analyzed after decryption");

	/** AK901 (element 715): what became of the functional group as a whole. */
	private static final Map<String, String> GROUP_STATUS = Map.of(
			"A", "accepted",
			"E", "accepted, with errors noted",
			"M", "rejected: the message authentication code did not verify",
			"P", "partly accepted: at least one transaction set was rejected",
			"R", "rejected",
			"W", "rejected: the group failed the assurance checks",
			"X", "rejected: the content could not be analyzed after decryption");

	/** IK502 to IK506 (element 618): why a transaction set was rejected or noted. */
	private static final Map<String, String> TRANSACTION_SET_ERRORS = Map.ofEntries(
			Map.entry("1", "the receiver does not take this kind of transaction set"),
			Map.entry("2", "the SE trailer is missing"),
			Map.entry("3", "the control numbers in ST02 and SE02 differ"),
			Map.entry("4", "SE01 does not give the number of segments actually sent"),
			Map.entry("5", "one or more segments have errors (see the segment errors)"),
			Map.entry("6", "the transaction set identifier in ST01 is missing or wrong"),
			Map.entry("7", "the transaction set control number in ST02 is missing or wrong"),
			Map.entry("8", "the authentication key name is unknown"),
			Map.entry("9", "the encryption key name is unknown"),
			Map.entry("10", "the requested authentication or encryption service is not available"),
			Map.entry("11", "the security recipient is unknown"),
			Map.entry("12", "the message length is wrong (encryption)"),
			Map.entry("13", "the message authentication code did not verify"),
			Map.entry("15", "the security originator is unknown"),
			Map.entry("16", "the decrypted text has syntax errors"),
			Map.entry("17", "security is not supported"),
			Map.entry("18", "the transaction set is outside any functional group"),
			Map.entry("19", "the implementation guide named in ST03 is not valid"),
			Map.entry("23", "the control number in ST02 repeats within the functional group"),
			Map.entry("24", "a security start segment (S3S) has no matching end segment (S3E)"),
			Map.entry("25", "a security end segment (S3E) has no matching start segment (S3S)"),
			Map.entry("26", "a security start segment (S4S) has no matching end segment (S4E)"),
			Map.entry("27", "a security end segment (S4E) has no matching start segment (S4S)"),
			Map.entry("I5", "one or more segments break the implementation guide (see the segment errors)"),
			Map.entry("I6", "the receiver does not support this implementation guide"));

	/** IK304 (element 620): what is wrong with a segment. */
	private static final Map<String, String> SEGMENT_ERRORS = Map.ofEntries(
			Map.entry("1", "the segment id is not a known segment"),
			Map.entry("2", "the segment is not expected at this place"),
			Map.entry("3", "a required segment is missing"),
			Map.entry("4", "the loop repeats more often than allowed"),
			Map.entry("5", "the segment repeats more often than allowed"),
			Map.entry("6", "the segment does not belong to this transaction set"),
			Map.entry("7", "the segment is out of order"),
			Map.entry("8", "the segment has data element errors (see the element errors)"),
			Map.entry("I4", "the implementation guide does not use this segment here"),
			Map.entry("I6", "a segment the implementation guide requires in this situation is missing"),
			Map.entry("I7", "a loop occurs fewer times than the implementation guide requires"),
			Map.entry("I8", "a segment occurs fewer times than the implementation guide requires"),
			Map.entry("I9", "the implementation guide does not use this segment in this situation"));

	/** IK403 (element 621): what is wrong with a data element. */
	private static final Map<String, String> ELEMENT_ERRORS = Map.ofEntries(
			Map.entry("1", "a required data element is missing"),
			Map.entry("2", "a data element required by another one present is missing"),
			Map.entry("3", "the segment has more data elements than defined"),
			Map.entry("4", "the value is shorter than allowed"),
			Map.entry("5", "the value is longer than allowed"),
			Map.entry("6", "the value holds a character its type does not allow"),
			Map.entry("7", "the code value is not valid for this data element"),
			Map.entry("8", "the value is not a valid date"),
			Map.entry("9", "the value is not a valid time"),
			Map.entry("10", "the data element must not be sent together with another one present"),
			Map.entry("12", "the data element repeats more often than allowed"),
			Map.entry("13", "the composite has more components than defined"),
			Map.entry("I6", "the implementation guide does not allow this code value here"),
			Map.entry("I9", "a data element the implementation guide requires in this situation is missing"),
			Map.entry("I10", "the implementation guide does not use this data element"),
			Map.entry("I11", "the data element repeats fewer times than the implementation guide requires"),
			Map.entry("I12", "the value does not match the pattern the implementation guide sets"),
			Map.entry("I13", "the implementation guide does not use this data element in this situation"));

	/** AK905 to AK909 (element 716): why a functional group was rejected or noted. */
	private static final Map<String, String> GROUP_ERRORS = Map.ofEntries(
			Map.entry("1", "the receiver does not take this kind of functional group"),
			Map.entry("2", "the receiver does not take this version of the functional group"),
			Map.entry("3", "the GE trailer is missing"),
			Map.entry("4", "the group control numbers in GS06 and GE02 differ"),
			Map.entry("5", "GE01 does not give the number of transaction sets actually sent"),
			Map.entry("6", "the group control number breaks the syntax rules"),
			Map.entry("10", "the authentication key name is unknown"),
			Map.entry("11", "the encryption key name is unknown"),
			Map.entry("12", "the requested authentication or encryption service is not available"),
			Map.entry("13", "the security recipient is unknown"),
			Map.entry("14", "the security originator is unknown"),
			Map.entry("15", "the decrypted text has syntax errors"),
			Map.entry("16", "security is not supported"),
			Map.entry("17", "the message length is wrong (encryption)"),
			Map.entry("18", "the message authentication code did not verify"),
			Map.entry("19", "the group control number repeats within the interchange"),
			Map.entry("23", "a security start segment (S3S) has no matching end segment (S3E)"),
			Map.entry("24", "a security end segment (S3E) has no matching start segment (S3S)"),
			Map.entry("25", "a security start segment (S4S) has no matching end segment (S4E)"),
			Map.entry("26", "a security end segment (S4E) has no matching start segment (S4S)"));

	private ImplementationAckCodes() {}

	/** IK501, e.g. {@code R} → "rejected"; empty for an unknown code. */
	public static Optional<String> transactionSetStatus(String code) {
		return lookup(TRANSACTION_SET_STATUS, code);
	}

	/** AK901, e.g. {@code P} → "partly accepted: ..."; empty for an unknown code. */
	public static Optional<String> groupStatus(String code) {
		return lookup(GROUP_STATUS, code);
	}

	/** IK502 to IK506, e.g. {@code 4}; empty for an unknown code. */
	public static Optional<String> transactionSetError(String code) {
		return lookup(TRANSACTION_SET_ERRORS, code);
	}

	/** IK304, e.g. {@code 3} → "a required segment is missing"; empty for an unknown code. */
	public static Optional<String> segmentError(String code) {
		return lookup(SEGMENT_ERRORS, code);
	}

	/** IK403, e.g. {@code 7} → "the code value is not valid ..."; empty for an unknown code. */
	public static Optional<String> elementError(String code) {
		return lookup(ELEMENT_ERRORS, code);
	}

	/** AK905 to AK909, e.g. {@code 5}; empty for an unknown code. */
	public static Optional<String> groupError(String code) {
		return lookup(GROUP_ERRORS, code);
	}

	/** A code with its words, e.g. {@code "R (rejected)"}, or the code alone when it is unknown. */
	static String describe(String code, Optional<String> words) {
		return words.map(w -> code + " (" + w + ")").orElse(code);
	}

	private static Optional<String> lookup(Map<String, String> table, String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(table.get(code.strip()));
	}
}
