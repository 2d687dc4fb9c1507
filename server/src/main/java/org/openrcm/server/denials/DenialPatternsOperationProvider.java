package org.openrcm.server.denials;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.server.denials.DenialPatterns.GroupBy;
import org.openrcm.server.denials.DenialPatterns.Pattern;
import org.openrcm.server.errors.ErrorCode;

/**
 * {@code GET|POST [base]/$denial-patterns?from=&to=&payer=&groupBy=}: the tenant's denials grouped by payer, reason
 * code, procedure and/or category, with count and denied amount, the largest amount first (see the IG's
 * OperationDefinition {@code denial-patterns}).
 *
 * <p>{@code from} and {@code to} are dates (a month or a year stands for its first or last day), inclusive, in the
 * server clock's time zone, compared with each denial Task's {@code authoredOn}. Without {@code to} the period ends
 * today; without {@code from} it is {@code openrcm.denials.default-period} long. {@code groupBy} repeats (or holds
 * comma-separated codes): {@code payer}, {@code carc}, {@code procedure}, {@code category}; default payer and carc.
 * {@code payer} (a reference, {@code Organization/123}) keeps that payer's denials only.
 *
 * <p>Answers a Parameters: {@code from} and {@code to} (the period used), then one {@code pattern} per group with
 * the parts grouped by ({@code payer} valueReference, {@code carc} valueCoding, {@code procedure} valueCoding,
 * {@code category} valueCoding), {@code count} and {@code amount} (valueMoney, USD). Errors: 400 {@code ORCM-9001} a
 * bad parameter; 422 {@code ORCM-9002} more than {@code openrcm.denials.max-tasks} denials in the period.
 */
final class DenialPatternsOperationProvider {

	private static final Set<GroupBy> DEFAULT_GROUPING = Set.of(GroupBy.PAYER, GroupBy.CARC);

	private final DenialTaskSource tasks;
	private final DenialPatterns patterns;
	private final DenialClassifier classifier;
	private final DenialsProperties properties;
	private final Clock clock;

	DenialPatternsOperationProvider(DenialTaskSource tasks, DenialPatterns patterns, DenialClassifier classifier,
			DenialsProperties properties, Clock clock) {
		this.tasks = tasks;
		this.patterns = patterns;
		this.classifier = classifier;
		this.properties = properties;
		this.clock = clock;
	}

	@Operation(name = "$denial-patterns", idempotent = true)
	@Description(shortDefinition = "Denials grouped by payer, reason code, procedure and/or category, with count and "
			+ "denied amount, the largest amount first")
	public Parameters denialPatterns(
			@OperationParam(name = "from", min = 0, max = 1) DateType from,
			@OperationParam(name = "to", min = 0, max = 1) DateType to,
			@OperationParam(name = "payer", min = 0, max = 1) StringType payer,
			@OperationParam(name = "groupBy", min = 0, max = OperationParam.MAX_UNLIMITED) List<CodeType> groupBy,
			RequestDetails request) {
		ZoneId zone = clock.getZone();
		LocalDate last = to == null || to.isEmpty() ? LocalDate.now(clock) : lastDay(to);
		LocalDate first = from == null || from.isEmpty() ? last.minus(properties.defaultPeriod()).plusDays(1)
				: firstDay(from);
		if (first.isAfter(last)) {
			throw invalid("'from' (" + first + ") is after 'to' (" + last + ")");
		}
		String payerReference = payer == null || payer.isEmpty() || payer.getValue().isBlank() ? null
				: payer.getValue().trim();
		Set<GroupBy> grouping = grouping(groupBy);

		Instant start = first.atStartOfDay(zone).toInstant();
		Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
		List<Task> found = tasks.denialTasks(request, start, end, properties.maxTasks());
		if (found.size() > properties.maxTasks()) {
			String message = "More than " + properties.maxTasks() + " denials between " + first + " and " + last
					+ " (openrcm.denials.max-tasks): ask for a shorter period";
			UnprocessableEntityException exception = new UnprocessableEntityException(message);
			exception.setOperationOutcome(ErrorCode.DENIAL_PATTERNS_TOO_MANY.outcome(message));
			throw exception;
		}

		Parameters result = new Parameters();
		result.addParameter().setName("from").setValue(new DateType(first.toString()));
		result.addParameter().setName("to").setValue(new DateType(last.toString()));
		for (Pattern pattern : patterns.aggregate(found,
				new DenialPatterns.Query(grouping, start, end, payerReference))) {
			result.addParameter(part(pattern));
		}
		return result;
	}

	private ParametersParameterComponent part(Pattern pattern) {
		ParametersParameterComponent part = new ParametersParameterComponent().setName("pattern");
		if (pattern.payer() != null) {
			part.addPart().setName("payer").setValue(new Reference(pattern.payer()).setDisplay(pattern.payerName()));
		}
		if (pattern.carc() != null) {
			part.addPart().setName("carc").setValue(new Coding(DenialPatterns.CARC_SYSTEM, pattern.carc(),
					classifier.describe(pattern.carc()).orElse(null)));
		}
		if (pattern.procedure() != null) {
			part.addPart().setName("procedure").setValue(pattern.procedure().copy());
		}
		if (pattern.category() != null) {
			part.addPart().setName("category").setValue(new Coding(DenialCategory.SYSTEM, pattern.category().code(),
					pattern.category().display()));
		}
		part.addPart().setName("count").setValue(new IntegerType(pattern.count()));
		Money amount = new Money();
		amount.setValue(pattern.amount());
		amount.setCurrency("USD");
		part.addPart().setName("amount").setValue(amount);
		return part;
	}

	private static Set<GroupBy> grouping(List<CodeType> groupBy) {
		Set<GroupBy> grouping = new LinkedHashSet<>();
		List<String> codes = new ArrayList<>();
		for (CodeType code : groupBy == null ? List.<CodeType>of() : groupBy) {
			if (code != null && code.getValue() != null) {
				for (String value : code.getValue().split(",")) {
					codes.add(value.trim());
				}
			}
		}
		for (String code : codes) {
			if (code.isEmpty()) {
				continue;
			}
			grouping.add(GroupBy.ofCode(code).orElseThrow(() -> invalid("'groupBy' is payer, carc, procedure or "
					+ "category, not '" + code + "'")));
		}
		return grouping.isEmpty() ? DEFAULT_GROUPING : grouping;
	}

	/** The first day a date of any precision stands for. */
	private static LocalDate firstDay(DateType date) {
		return switch (date.getPrecision()) {
			case YEAR -> LocalDate.of(date.getYear(), 1, 1);
			case MONTH -> LocalDate.of(date.getYear(), date.getMonth() + 1, 1);
			default -> LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
		};
	}

	/** The last day a date of any precision stands for. */
	private static LocalDate lastDay(DateType date) {
		return switch (date.getPrecision()) {
			case YEAR -> LocalDate.of(date.getYear(), 12, 31);
			case MONTH -> firstDay(date).plusMonths(1).minusDays(1);
			default -> firstDay(date);
		};
	}

	private static InvalidRequestException invalid(String message) {
		InvalidRequestException exception = new InvalidRequestException(message);
		exception.setOperationOutcome(ErrorCode.DENIAL_PATTERNS_INVALID.outcome(message));
		return exception;
	}
}
