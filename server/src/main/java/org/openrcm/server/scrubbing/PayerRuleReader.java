package org.openrcm.server.scrubbing;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.openrcm.ig.OpenRcmIg;

/**
 * Reads a payer rule from a {@code Basic} resource of the IG's {@code payer-rule} profile, checking what the scrubber
 * needs to apply it (the profile says the same to a validator): an identifier, the payer, and per type a parseable
 * condition with severity and message, at least one code, or a filing limit in days.
 */
final class PayerRuleReader {

	private final IFhirPath fhirPath;

	PayerRuleReader(IFhirPath fhirPath) {
		this.fhirPath = fhirPath;
	}

	/** Whether the Basic resource is a payer rule (its code is a payer rule type). */
	static boolean isPayerRule(Basic basic) {
		return basic.getCode().getCoding().stream().anyMatch(c -> OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM.equals(c.getSystem()));
	}

	/**
	 * The rule; {@link InvalidPayerRuleException} listing every problem when it cannot be applied.
	 */
	PayerRule read(Basic basic) {
		List<String> problems = new ArrayList<>();
		Identifier identifier = basic.getIdentifierFirstRep();
		if (!identifier.hasSystem() || !identifier.hasValue()) {
			problems.add("identifier (system and value) is required: it names the rule in scrub findings");
		}
		if (!basic.getSubject().hasReference()) {
			problems.add("subject must reference the payer Organization");
		}
		Coding typeCoding = basic.getCode().getCoding().stream()
				.filter(c -> OpenRcmIg.PAYER_RULE_TYPE_CODE_SYSTEM.equals(c.getSystem())).findFirst().orElse(new Coding());
		PayerRule.Type type = PayerRule.Type.of(typeCoding.getCode());
		if (type == null) {
			problems.add("code '" + typeCoding.getCode() + "' is not a payer rule type (condition, prior-authorization, "
					+ "filing-limit)");
		}
		IFhirPath.IParsedExpression condition = null;
		String conditionText = null;
		IssueSeverity severity = null;
		String message = string(basic, OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION);
		String fix = string(basic, OpenRcmIg.PAYER_RULE_FIX_EXTENSION);
		Set<String> codes = new LinkedHashSet<>();
		int filingDays = 0;
		if (type == PayerRule.Type.CONDITION) {
			Extension expression = basic.getExtensionByUrl(OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION);
			conditionText = expression != null && expression.getValue() instanceof Expression e ? e.getExpression() : null;
			if (conditionText == null || conditionText.isBlank()) {
				problems.add("a condition rule needs a FHIRPath condition (extension " + OpenRcmIg.PAYER_RULE_CONDITION_EXTENSION
						+ ", valueExpression)");
			} else {
				try {
					condition = fhirPath.parse(conditionText);
				} catch (Exception e) {
					problems.add("the condition '" + conditionText + "' is not valid FHIRPath: " + e.getMessage());
				}
			}
			String severityCode = string(basic, OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION);
			if ("error".equals(severityCode)) {
				severity = IssueSeverity.ERROR;
			} else if ("warning".equals(severityCode)) {
				severity = IssueSeverity.WARNING;
			} else {
				problems.add("a condition rule needs a severity, error or warning (extension "
						+ OpenRcmIg.PAYER_RULE_SEVERITY_EXTENSION + ")");
			}
			if (message == null || message.isBlank()) {
				problems.add("a condition rule needs a message (extension " + OpenRcmIg.PAYER_RULE_MESSAGE_EXTENSION + ")");
			}
		} else if (type == PayerRule.Type.PRIOR_AUTHORIZATION) {
			for (Extension extension : basic.getExtensionsByUrl(OpenRcmIg.PAYER_RULE_CODE_EXTENSION)) {
				if (extension.getValue() instanceof Coding coding && coding.hasCode()) {
					codes.add(coding.getCode().trim().toUpperCase(Locale.ROOT));
				}
			}
			if (codes.isEmpty()) {
				problems.add("a prior-authorization rule needs at least one code (extension "
						+ OpenRcmIg.PAYER_RULE_CODE_EXTENSION + ")");
			}
		} else if (type == PayerRule.Type.FILING_LIMIT) {
			Extension limit = basic.getExtensionByUrl(OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION);
			Duration duration = limit != null && limit.getValue() instanceof Duration d ? d : null;
			BigDecimal value = duration == null ? null : duration.getValue();
			if (duration == null || !"d".equals(duration.getCode()) || value == null || value.signum() <= 0
					|| value.stripTrailingZeros().scale() > 0) {
				problems.add("a filing-limit rule needs a filing limit of a whole number of days (extension "
						+ OpenRcmIg.PAYER_RULE_FILING_LIMIT_EXTENSION + ", valueDuration with code 'd')");
			} else {
				filingDays = value.intValueExact();
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidPayerRuleException(problems);
		}
		Coding id = new Coding(identifier.getSystem(), identifier.getValue(), null);
		return new PayerRule(id, basic.getSubject().getReference(), type, condition, conditionText, severity, message,
				fix, codes, filingDays);
	}

	private static String string(Basic basic, String url) {
		Extension extension = basic.getExtensionByUrl(url);
		return extension != null && extension.getValue() instanceof PrimitiveType<?> p ? p.getValueAsString() : null;
	}

	/** A payer rule the scrubber cannot apply, with every reason. */
	static final class InvalidPayerRuleException extends RuntimeException {

		private final List<String> problems;

		InvalidPayerRuleException(List<String> problems) {
			super(String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return problems;
		}
	}
}
