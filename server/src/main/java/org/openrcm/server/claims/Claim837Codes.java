package org.openrcm.server.claims;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Quantity;
import org.openrcm.server.fhir.FhirValues;

/** How FHIR codes on a Coverage or a service line become the X12 codes of the 837P and 837I. */
final class Claim837Codes {

	/** X12 claim filing indicator codes (element 1032), for {@code Coverage.type}. */
	static final String X12_FILING_INDICATOR_SYSTEM = "https://codesystem.x12.org/005010/1032";
	/** PHDSC Source of Payment Typology, the US Core coding of {@code Coverage.type}. */
	static final String SOPT_SYSTEM = "https://nahdo.org/sopt";

	/** Source of Payment Typology code prefixes and their claim filing indicator; the longest prefix first. */
	private static final Map<String, String> PAYMENT_TYPOLOGY = new LinkedHashMap<>();

	static {
		PAYMENT_TYPOLOGY.put("311", "CH"); // TRICARE (CHAMPUS)
		PAYMENT_TYPOLOGY.put("511", "HM"); // commercial managed care: HMO
		PAYMENT_TYPOLOGY.put("512", "12"); // PPO
		PAYMENT_TYPOLOGY.put("513", "13"); // POS
		PAYMENT_TYPOLOGY.put("11", "16"); // Medicare managed care
		PAYMENT_TYPOLOGY.put("32", "VA"); // Department of Veterans Affairs
		PAYMENT_TYPOLOGY.put("52", "15"); // private indemnity
		PAYMENT_TYPOLOGY.put("95", "WC"); // workers' compensation
		PAYMENT_TYPOLOGY.put("1", "MB"); // Medicare (a professional claim: Part B)
		PAYMENT_TYPOLOGY.put("2", "MC"); // Medicaid
		PAYMENT_TYPOLOGY.put("3", "OF"); // other government
		PAYMENT_TYPOLOGY.put("5", "CI"); // private health insurance
		PAYMENT_TYPOLOGY.put("6", "BL"); // Blue Cross/Blue Shield
	}

	private Claim837Codes() {}

	/**
	 * SBR09, the claim filing indicator: a {@code Coverage.type} coding in {@value #X12_FILING_INDICATOR_SYSTEM} as it
	 * is; else a Source of Payment Typology code ({@value #SOPT_SYSTEM}) mapped by {@link #fromPaymentTypology}, with
	 * Medicare as Part A (MA) on an institutional claim; else {@code fallback} (the configured default).
	 */
	static String filingIndicator(Coverage coverage, String fallback, boolean institutional) {
		Coding x12 = FhirValues.coding(coverage.getType(), X12_FILING_INDICATOR_SYSTEM);
		if (x12 != null) {
			return x12.getCode().strip();
		}
		Coding sopt = FhirValues.coding(coverage.getType(), SOPT_SYSTEM);
		String mapped = sopt == null ? null : fromPaymentTypology(sopt.getCode().strip());
		if (institutional && "MB".equals(mapped)) {
			return "MA";
		}
		return mapped != null ? mapped : fallback;
	}

	/**
	 * A Source of Payment Typology code as a claim filing indicator: 1 Medicare MB (11x Medicare managed care 16),
	 * 2 Medicaid MC, 311 TRICARE CH, 32 VA VA, other 3 (government) OF, 511 HMO HM, 512 PPO 12, 513 POS 13, 52
	 * indemnity 15, other 5 (private) CI, 6 BCBS BL, 95 workers' compensation WC; {@code null} for the rest, which
	 * have no clear counterpart.
	 */
	static String fromPaymentTypology(String code) {
		for (Map.Entry<String, String> prefix : PAYMENT_TYPOLOGY.entrySet()) {
			if (code.startsWith(prefix.getKey())) {
				return prefix.getValue();
			}
		}
		return null;
	}

	/** The subscriber-relationship code of a coverage ({@code self}, {@code spouse}, ...); {@code null} if none. */
	static String relationshipCode(Coverage coverage) {
		return coverage.getRelationship().getCoding().stream().filter(Coding::hasCode).map(Coding::getCode)
				.findFirst().orElse(null);
	}

	/**
	 * PAT01 and 2320 SBR02: the patient's relationship to a subscriber who is someone else: spouse 01, child 19,
	 * common (law spouse) 53, parent, injured party and other G8, not stated 21.
	 */
	static String individualRelationship(String relationship) {
		if (relationship == null) {
			return "21";
		}
		return switch (relationship) {
			case "spouse" -> "01";
			case "child" -> "19";
			case "common" -> "53";
			default -> "G8";
		};
	}

	/** SBR03: the value of the {@code Coverage.class} of type group; {@code ""} when none. */
	static String groupNumber(Coverage coverage) {
		return coverage.getClass_().stream().filter(c -> isGroup(c.getType()) && c.hasValue())
				.map(c -> X12Values.id(c.getValue())).findFirst().orElse("");
	}

	/** SBR04: the group's name; {@code ""} when none. */
	static String groupName(Coverage coverage) {
		return coverage.getClass_().stream().filter(c -> isGroup(c.getType()) && c.hasName())
				.map(c -> X12Values.text(c.getName(), 60)).findFirst().orElse("");
	}

	private static boolean isGroup(CodeableConcept type) {
		return type.getCoding().stream().anyMatch(c -> "group".equals(c.getCode()));
	}

	/**
	 * An NDC in the 11-digit 5-4-2 form of LIN03: 11 digits as given, or a hyphenated 10-digit NDC (4-4-2, 5-3-2,
	 * 5-4-1) with a zero put before its short segment; {@code null} for anything else (10 digits without hyphens
	 * are ambiguous).
	 */
	static String ndc11(String ndc) {
		String value = ndc == null ? "" : ndc.strip();
		if (value.matches("\\d{11}")) {
			return value;
		}
		String[] parts = value.split("-");
		if (parts.length != 3 || !value.matches("[\\d-]+")) {
			return null;
		}
		String labeler = parts[0];
		String product = parts[1];
		String pack = parts[2];
		if (labeler.length() == 4 && product.length() == 4 && pack.length() == 2) {
			labeler = "0" + labeler;
		} else if (labeler.length() == 5 && product.length() == 3 && pack.length() == 2) {
			product = "0" + product;
		} else if (labeler.length() == 5 && product.length() == 4 && pack.length() == 1) {
			pack = "0" + pack;
		} else if (!(labeler.length() == 5 && product.length() == 4 && pack.length() == 2)) {
			return null;
		}
		return labeler + product + pack;
	}

	/** CTP05-1 from a UCUM (or plain) unit: mL ML, g GR, mg ME, international units F2, anything else UN. */
	static String drugUnit(Quantity quantity) {
		String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
		if (unit == null) {
			return "UN";
		}
		return switch (unit.strip().toLowerCase(Locale.ROOT)) {
			case "ml" -> "ML";
			case "g" -> "GR";
			case "mg" -> "ME";
			case "[iu]", "iu" -> "F2";
			default -> "UN";
		};
	}
}
