package org.openrcm.server.scrubbing;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * A rule a tenant authored for one payer, read from a {@code Basic} resource of the IG's {@code payer-rule} profile.
 *
 * @param id the rule's own id ({@code Basic.identifier}), reported with its findings
 * @param payer the payer it applies to ({@code Basic.subject}, as a reference such as {@code Organization/123})
 * @param type what kind of rule it is
 * @param condition for {@link Type#CONDITION}: the parsed FHIRPath over the Claim; the rule fires when it is true
 * @param conditionText the FHIRPath as written
 * @param severity for {@link Type#CONDITION}: {@code ERROR} or {@code WARNING}
 * @param message what is wrong, in the biller's words
 * @param fix how to fix it
 * @param codes for {@link Type#PRIOR_AUTHORIZATION}: the CPT/HCPCS codes that need an authorization
 * @param filingLimitDays for {@link Type#FILING_LIMIT}: days from the date of service the payer accepts claims
 */
public record PayerRule(Coding id, String payer, Type type, IFhirPath.IParsedExpression condition, String conditionText,
		IssueSeverity severity, String message, String fix, Set<String> codes, int filingLimitDays) {

	public PayerRule {
		codes = Set.copyOf(codes);
	}

	/** The rule types of the IG's CodeSystem {@code payer-rule-type}. */
	public enum Type {
		CONDITION("condition"),
		PRIOR_AUTHORIZATION("prior-authorization"),
		FILING_LIMIT("filing-limit");

		private final String code;

		Type(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		static Type of(String code) {
			for (Type type : values()) {
				if (type.code.equals(code)) {
					return type;
				}
			}
			return null;
		}
	}

	/** The rule's id as {@code system|value} for messages. */
	String label() {
		return id.getCode();
	}
}
