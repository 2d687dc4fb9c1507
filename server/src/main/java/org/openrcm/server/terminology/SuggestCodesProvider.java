package org.openrcm.server.terminology;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * {@code POST /fhir/{tenant}/$suggest-codes}: ICD-10-CM (and HCPCS) codes for a problem-list line or a sentence of
 * a note. In: {@code text} (required), {@code date} (date of service; default today), {@code count} (default 10,
 * at most 50). Out: Parameters with one {@code suggestion} per code, best first, each with the parts
 * {@code system}, {@code code}, {@code display}, {@code score} (higher is better), {@code kind}
 * ({@code diagnosis}|{@code procedure}), {@code billable} and {@code evidence} (each word of the text that matched).
 */
final class SuggestCodesProvider {

	private static final int DEFAULT_COUNT = 10;
	private static final int MAX_COUNT = 50;

	private final TerminologyService terminology;
	private final Clock clock;

	SuggestCodesProvider(TerminologyService terminology, Clock clock) {
		this.terminology = terminology;
		this.clock = clock;
	}

	@Operation(name = "$suggest-codes", idempotent = true)
	public Parameters suggestCodes(
			@OperationParam(name = "text", min = 1, max = 1) StringType text,
			@OperationParam(name = "date", max = 1) DateType date,
			@OperationParam(name = "count", max = 1) IntegerType count) {
		if (text == null || text.isEmpty() || text.getValue().isBlank()) {
			throw new InvalidRequestException("Give the text to code in parameter 'text'");
		}
		int max = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
		if (max < 1) {
			throw new InvalidRequestException("Parameter 'count' must be at least 1");
		}
		LocalDate dateOfService = date == null || date.getValue() == null
				? LocalDate.now(clock)
				: LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
		Parameters out = new Parameters();
		for (CodeSuggester.Suggestion s :
				terminology.suggester().suggest(text.getValue(), dateOfService, Math.min(max, MAX_COUNT))) {
			addSuggestion(out, s);
		}
		return out;
	}

	/** One {@code suggestion} parameter with its parts, in the order the OperationDefinition lists them. */
	static Parameters.ParametersParameterComponent addSuggestion(Parameters out, CodeSuggester.Suggestion s) {
		Parameters.ParametersParameterComponent suggestion = out.addParameter().setName("suggestion");
		suggestion.addPart().setName("system").setValue(new UriType(s.system()));
		suggestion.addPart().setName("code").setValue(new CodeType(s.code()));
		if (s.display() != null) {
			suggestion.addPart().setName("display").setValue(new StringType(s.display()));
		}
		suggestion.addPart().setName("score").setValue(new DecimalType(s.score()));
		suggestion.addPart().setName("kind").setValue(new CodeType(s.kind()));
		suggestion.addPart().setName("billable").setValue(new BooleanType(s.billable()));
		s.evidence().forEach(word -> suggestion.addPart().setName("evidence").setValue(new StringType(word)));
		return suggestion;
	}
}
