package org.openrcm.server.x12.elig;

import java.util.Map;

/**
 * Short descriptions, in this project's words, of the 271 codes a biller reads: eligibility or benefit codes (EB01),
 * reject reasons (AAA03) and follow-up actions (AAA04), common service types (EB03/EQ01), coverage levels (EB02) and
 * time periods (EB06). A code not listed is described as {@code "code not described here"}: the code itself is kept
 * wherever it is shown.
 */
public final class EligibilityCodes {

	private static final String UNKNOWN = "code not described here";

	private static final Map<String, String> BENEFITS = Map.ofEntries(
			Map.entry("1", "active coverage"), Map.entry("2", "active, full risk capitation"),
			Map.entry("3", "active, services capitated"), Map.entry("4", "active, services capitated to a primary care"
					+ " physician"),
			Map.entry("5", "active, pending investigation"), Map.entry("6", "inactive"),
			Map.entry("7", "inactive, pending eligibility update"), Map.entry("8", "inactive, pending investigation"),
			Map.entry("A", "co-insurance"), Map.entry("B", "co-payment"), Map.entry("C", "deductible"),
			Map.entry("CB", "coverage basis"), Map.entry("D", "benefit description"), Map.entry("E", "exclusions"),
			Map.entry("F", "limitations"), Map.entry("G", "out-of-pocket maximum (stop loss)"),
			Map.entry("H", "unlimited"), Map.entry("I", "not covered"), Map.entry("J", "cost containment"),
			Map.entry("K", "reserve"), Map.entry("L", "primary care provider"),
			Map.entry("M", "pre-existing condition"), Map.entry("MC", "managed care coordinator"),
			Map.entry("N", "services restricted to the following provider"),
			Map.entry("O", "not deemed a medical necessity"), Map.entry("P", "benefit disclaimer"),
			Map.entry("Q", "second surgical opinion required"), Map.entry("R", "other or additional payer"),
			Map.entry("S", "prior year history"), Map.entry("T", "card reported lost or stolen"),
			Map.entry("U", "contact the following entity for benefit information"), Map.entry("V", "cannot process"),
			Map.entry("W", "other source of data"), Map.entry("X", "health care facility"),
			Map.entry("Y", "spend down"));

	private static final Map<String, String> REJECT_REASONS = Map.ofEntries(
			Map.entry("04", "authorized quantity exceeded"), Map.entry("15", "required application data missing"),
			Map.entry("33", "input errors"), Map.entry("35", "out of network"),
			Map.entry("41", "authorization or access restrictions"),
			Map.entry("42", "payer unable to respond at this time"), Map.entry("43", "invalid or missing provider id"),
			Map.entry("44", "invalid or missing provider name"),
			Map.entry("45", "invalid or missing provider specialty"),
			Map.entry("46", "invalid or missing provider phone number"),
			Map.entry("47", "invalid or missing provider state"),
			Map.entry("48", "invalid or missing referring provider id"),
			Map.entry("49", "provider is not the primary care physician"),
			Map.entry("50", "provider not eligible for inquiries"), Map.entry("51", "provider not on file"),
			Map.entry("52", "service dates not within provider plan enrollment"),
			Map.entry("56", "inappropriate date"), Map.entry("57", "invalid or missing date of service"),
			Map.entry("58", "invalid or missing date of birth"),
			Map.entry("60", "date of birth follows date of service"),
			Map.entry("61", "date of death precedes date of service"),
			Map.entry("62", "date of service not within allowable inquiry period"),
			Map.entry("63", "date of service in the future"), Map.entry("64", "invalid or missing patient id"),
			Map.entry("65", "invalid or missing patient name"), Map.entry("66", "invalid or missing patient gender"),
			Map.entry("67", "patient not found"), Map.entry("68", "duplicate patient id"),
			Map.entry("69", "inconsistent with patient's age"), Map.entry("70", "inconsistent with patient's gender"),
			Map.entry("71", "patient birth date does not match that for the patient on the database"),
			Map.entry("72", "invalid or missing subscriber or insured id"),
			Map.entry("73", "invalid or missing subscriber or insured name"),
			Map.entry("74", "invalid or missing subscriber or insured gender"),
			Map.entry("75", "subscriber or insured not found"), Map.entry("76", "duplicate subscriber or insured id"),
			Map.entry("78", "subscriber or insured not in group or plan identified"),
			Map.entry("79", "invalid participant identification"),
			Map.entry("80", "no response received, transaction terminated"),
			Map.entry("97", "invalid or missing provider address"),
			Map.entry("98", "experimental service or procedure"),
			Map.entry("AA", "authorization number not found"), Map.entry("AE", "requires primary care physician"
					+ " authorization"),
			Map.entry("AF", "invalid or missing diagnosis code"), Map.entry("AG", "invalid or missing procedure code"),
			Map.entry("AO", "additional patient condition information required"),
			Map.entry("CI", "certification information does not match patient"),
			Map.entry("E8", "requires medical review"), Map.entry("IA", "invalid authorization number format"),
			Map.entry("MA", "missing authorization number"), Map.entry("T4", "payer name or id missing"));

	private static final Map<String, String> FOLLOW_UPS = Map.of("C", "correct and resubmit", "N", "resubmission not"
			+ " allowed", "P", "please resubmit original transaction", "R", "resubmission allowed", "S", "do not"
			+ " resubmit; inquiry initiated to a third party", "W", "please wait 30 days and resubmit", "X", "please"
			+ " wait 10 days and resubmit", "Y", "do not resubmit; we will hold your request and respond again"
			+ " shortly");

	private static final Map<String, String> SERVICE_TYPES = Map.ofEntries(Map.entry("1", "medical care"),
			Map.entry("2", "surgical"), Map.entry("4", "diagnostic x-ray"), Map.entry("5", "diagnostic lab"),
			Map.entry("30", "health benefit plan coverage"), Map.entry("33", "chiropractic"),
			Map.entry("35", "dental care"), Map.entry("47", "hospital"), Map.entry("48", "hospital - inpatient"),
			Map.entry("50", "hospital - outpatient"), Map.entry("86", "emergency services"),
			Map.entry("88", "pharmacy"), Map.entry("98", "professional (physician) visit - office"),
			Map.entry("AL", "vision (optometry)"), Map.entry("MH", "mental health"), Map.entry("UC", "urgent care"),
			Map.entry("BZ", "physician visit - office: sick"), Map.entry("A8", "psychiatric - outpatient"),
			Map.entry("73", "diagnostic medical"), Map.entry("62", "MRI/CAT scan"), Map.entry("AE", "physical"
					+ " medicine"));

	private static final Map<String, String> COVERAGE_LEVELS = Map.of("CHD", "children only", "DEP", "dependents only",
			"ECH", "employee and children", "EMP", "employee only", "ESP", "employee and spouse", "FAM", "family",
			"IND", "individual", "SPC", "spouse and children", "SPO", "spouse only");

	private static final Map<String, String> TIME_PERIODS = Map.ofEntries(Map.entry("6", "hour"),
			Map.entry("7", "day"), Map.entry("13", "24 hours"), Map.entry("21", "years"),
			Map.entry("22", "service year"),
			Map.entry("23", "calendar year"), Map.entry("24", "year to date"), Map.entry("25", "contract"),
			Map.entry("26", "episode"), Map.entry("27", "visit"), Map.entry("28", "outlier"),
			Map.entry("29", "remaining"), Map.entry("30", "exceeded"), Map.entry("31", "not exceeded"),
			Map.entry("32", "lifetime"), Map.entry("33", "lifetime remaining"), Map.entry("34", "month"),
			Map.entry("35", "week"), Map.entry("36", "admission"));

	private EligibilityCodes() {}

	/** EB01 in words. */
	public static String benefit(String code) {
		return BENEFITS.getOrDefault(code, UNKNOWN);
	}

	/** AAA03 in words. */
	public static String rejectReason(String code) {
		return REJECT_REASONS.getOrDefault(code, UNKNOWN);
	}

	/** AAA04 in words. */
	public static String followUp(String code) {
		return FOLLOW_UPS.getOrDefault(code, UNKNOWN);
	}

	/** A service type code (EQ01, EB03) in words. */
	public static String serviceType(String code) {
		return SERVICE_TYPES.getOrDefault(code, UNKNOWN);
	}

	/** EB02 in words. */
	public static String coverageLevel(String code) {
		return COVERAGE_LEVELS.getOrDefault(code, UNKNOWN);
	}

	/** EB06 in words. */
	public static String timePeriod(String code) {
		return TIME_PERIODS.getOrDefault(code, UNKNOWN);
	}
}
