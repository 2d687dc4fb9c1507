package org.openrcm.server.denials;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.AdjudicationCodes;

/**
 * Aggregates denial Tasks into patterns (which payer denies what, for which reason and procedure, how often and for
 * how much), the figures behind "top denial reasons by payer".
 *
 * <p>A denial Task, as the remittance posting writes one per denied claim line (or per claim, for a claim-level
 * denial) and as this class reads it:
 * <ul>
 * <li>{@code code}: {@value OpenRcmIg#WORK_QUEUE_CODE_SYSTEM} {@code denial};</li>
 * <li>{@code status} {@code requested} (a worked denial moves on; all statuses count here but
 * {@code entered-in-error}); {@code intent} {@code order}; {@code priority} {@code routine} or {@code urgent};</li>
 * <li>{@code focus} the Claim; {@code for} the Patient; {@code reasonReference} the ClaimResponse of the
 * remittance;</li>
 * <li>{@code reasonCode}: the {@link DenialCategory} coding ({@value OpenRcmIg#DENIAL_CATEGORY_CODE_SYSTEM});</li>
 * <li>{@code businessStatus.text}: the {@link NextAction} name, e.g. {@code OBTAIN_AUTHORIZATION};</li>
 * <li>{@code restriction.period.end}: the due date; {@code authoredOn}: when the denial was posted (the period of a
 * pattern query filters on it);</li>
 * <li>{@code input}, each named by {@code type.text}: {@value #INPUT_CARC} (valueCodeableConcept: the reason code
 * in {@value #CARC_SYSTEM} and the group code in {@value #GROUP_SYSTEM}), {@value #INPUT_AMOUNT} (valueMoney, the
 * denied amount), {@value #INPUT_PROCEDURE} (valueCodeableConcept, the CPT/HCPCS coding of the line),
 * {@value #INPUT_PAYER} (valueReference to the payer Organization), {@value #INPUT_ITEM_SEQUENCE} (valueInteger,
 * the claim line; absent for a claim-level denial).</li>
 * </ul>
 * A Task that is not in the {@code denial} queue is ignored. A Task without a category counts as
 * {@link DenialCategory#OTHER}; one without an amount counts with 0. Amounts are summed as given (one currency,
 * USD, is assumed) and reported to the cent.
 */
public final class DenialPatterns {

	/** The work queue code of denial Tasks. */
	public static final String DENIAL_QUEUE = "denial";
	/** Code system of the claim adjustment reason codes. */
	public static final String CARC_SYSTEM = AdjudicationCodes.REASON_SYSTEM;
	/** Code system of the claim adjustment group codes. */
	public static final String GROUP_SYSTEM = AdjudicationCodes.GROUP_SYSTEM;
	/** Task input: the reason (and group) code. */
	public static final String INPUT_CARC = "carc";
	/** Task input: the denied amount. */
	public static final String INPUT_AMOUNT = "amount";
	/** Task input: the procedure of the denied line. */
	public static final String INPUT_PROCEDURE = "procedure";
	/** Task input: the payer. */
	public static final String INPUT_PAYER = "payer";
	/** Task input: the claim line. */
	public static final String INPUT_ITEM_SEQUENCE = "item-sequence";

	/** What patterns can be grouped by; the codes are those of {@code $denial-patterns?groupBy=}. */
	public enum GroupBy {
		PAYER("payer"), CARC("carc"), PROCEDURE("procedure"), CATEGORY("category");

		private final String code;

		GroupBy(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		/** The grouping of a code, if it is one. */
		public static Optional<GroupBy> ofCode(String code) {
			return Arrays.stream(values()).filter(groupBy -> groupBy.code.equals(code)).findFirst();
		}
	}

	/**
	 * Which Tasks to aggregate and how.
	 *
	 * @param groupBy what to group by, at least one
	 * @param from the earliest {@code authoredOn} counted (inclusive), or {@code null} for no lower bound
	 * @param to the end of the period (exclusive), or {@code null} for no upper bound
	 * @param payer only Tasks of this payer (a reference such as {@code Organization/123}), or {@code null} for all
	 */
	public record Query(Set<GroupBy> groupBy, Instant from, Instant to, String payer) {

		public Query {
			if (groupBy == null || groupBy.isEmpty()) {
				throw new IllegalArgumentException("group by at least one of payer, carc, procedure, category");
			}
			groupBy = Set.copyOf(groupBy);
		}
	}

	/**
	 * One pattern: the values of the grouping (each {@code null} when not grouped by it, or when the Tasks have
	 * none, e.g. the procedure of a claim-level denial), how many denials and their total amount.
	 *
	 * @param payer the payer reference, e.g. {@code Organization/123}
	 * @param payerName the payer's display, when a Task gave one
	 * @param carc the reason code, e.g. {@code 197} (whatever the group code)
	 * @param procedure the procedure coding (system and code only)
	 * @param category the denial category
	 * @param count how many denial Tasks
	 * @param amount their denied amounts summed, scale 2
	 */
	public record Pattern(String payer, String payerName, String carc, Coding procedure, DenialCategory category,
			int count, BigDecimal amount) {}

	/** The denial fields of a Task that patterns are made of. */
	private record Denial(Instant authoredOn, String payer, String payerName, String carc, Coding procedure,
			DenialCategory category, BigDecimal amount) {}

	/** The patterns of the Tasks that match the query, the largest total amount first (then count, then values). */
	public List<Pattern> aggregate(Collection<Task> tasks, Query query) {
		String payer = query.payer() == null ? null : referenceKey(query.payer());
		Map<List<String>, Pattern> patterns = new LinkedHashMap<>();
		for (Task task : tasks) {
			Denial denial = denial(task);
			if (denial == null || !inPeriod(denial.authoredOn(), query) || payer != null && !payer.equals(
					denial.payer())) {
				continue;
			}
			Set<GroupBy> by = query.groupBy();
			String groupPayer = by.contains(GroupBy.PAYER) ? denial.payer() : null;
			String groupCarc = by.contains(GroupBy.CARC) ? denial.carc() : null;
			Coding groupProcedure = by.contains(GroupBy.PROCEDURE) ? denial.procedure() : null;
			DenialCategory groupCategory = by.contains(GroupBy.CATEGORY) ? denial.category() : null;
			List<String> key = Arrays.asList(groupPayer, groupCarc,
					groupProcedure == null ? null : groupProcedure.getSystem() + "|" + groupProcedure.getCode(),
					groupCategory == null ? null : groupCategory.code());
			Pattern before = patterns.get(key);
			if (before == null) {
				patterns.put(key, new Pattern(groupPayer, groupPayer == null ? null : denial.payerName(), groupCarc,
						groupProcedure, groupCategory, 1, denial.amount()));
			} else {
				patterns.put(key, new Pattern(before.payer(), before.payerName() != null ? before.payerName()
						: groupPayer == null ? null : denial.payerName(), before.carc(), before.procedure(),
						before.category(), before.count() + 1, before.amount().add(denial.amount())));
			}
		}
		List<Pattern> sorted = new ArrayList<>();
		for (Pattern pattern : patterns.values()) {
			sorted.add(new Pattern(pattern.payer(), pattern.payerName(), pattern.carc(), pattern.procedure(),
					pattern.category(), pattern.count(), pattern.amount().setScale(2, RoundingMode.HALF_UP)));
		}
		sorted.sort(Comparator.comparing(Pattern::amount).reversed()
				.thenComparing(Comparator.comparingInt(Pattern::count).reversed())
				.thenComparing(DenialPatterns::sortKey));
		return sorted;
	}

	private static String sortKey(Pattern pattern) {
		return String.join("\u0000", String.valueOf(pattern.payer()), String.valueOf(pattern.carc()),
				pattern.procedure() == null ? "" : pattern.procedure().getCode(),
				pattern.category() == null ? "" : pattern.category().code());
	}

	private static boolean inPeriod(Instant authoredOn, Query query) {
		if (query.from() == null && query.to() == null) {
			return true;
		}
		return authoredOn != null && (query.from() == null || !authoredOn.isBefore(query.from()))
				&& (query.to() == null || authoredOn.isBefore(query.to()));
	}

	/** The denial fields of a Task in the denial queue, or null for any other Task. */
	private static Denial denial(Task task) {
		boolean inQueue = task.getCode().getCoding().stream().anyMatch(coding ->
				OpenRcmIg.WORK_QUEUE_CODE_SYSTEM.equals(coding.getSystem()) && DENIAL_QUEUE.equals(coding.getCode()));
		if (!inQueue || task.getStatus() == Task.TaskStatus.ENTEREDINERROR) {
			return null;
		}
		DenialCategory category = task.getReasonCode().getCoding().stream()
				.filter(coding -> DenialCategory.SYSTEM.equals(coding.getSystem()))
				.map(coding -> DenialCategory.ofCode(coding.getCode()))
				.flatMap(Optional::stream).findFirst().orElse(DenialCategory.OTHER);
		String payer = null;
		String payerName = null;
		String carc = null;
		Coding procedure = null;
		BigDecimal amount = BigDecimal.ZERO;
		for (Task.ParameterComponent input : task.getInput()) {
			String name = input.getType().getText();
			if (INPUT_PAYER.equals(name) && input.getValue() instanceof Reference reference
					&& reference.hasReference()) {
				payer = referenceKey(reference.getReference());
				payerName = reference.getDisplay();
			} else if (INPUT_CARC.equals(name) && input.getValue() instanceof CodeableConcept concept) {
				carc = concept.getCoding().stream().filter(coding -> CARC_SYSTEM.equals(coding.getSystem()))
						.map(Coding::getCode).filter(code -> code != null && !code.isBlank()).findFirst()
						.orElse(null);
			} else if (INPUT_PROCEDURE.equals(name) && input.getValue() instanceof CodeableConcept concept) {
				procedure = concept.getCoding().stream().filter(Coding::hasCode).findFirst()
						.map(coding -> new Coding(coding.getSystem(), coding.getCode(), null)).orElse(null);
			} else if (INPUT_AMOUNT.equals(name) && input.getValue() instanceof Money money && money.hasValue()) {
				amount = money.getValue();
			}
		}
		Instant authoredOn = task.getAuthoredOn() == null ? null : task.getAuthoredOn().toInstant();
		return new Denial(authoredOn, payer, payerName, carc, procedure, category, amount);
	}

	/** A reference as {@code Type/id}, without a server base or version. */
	static String referenceKey(String reference) {
		IdType id = new IdType(reference.trim());
		return id.hasResourceType() && id.hasIdPart() ? id.toUnqualifiedVersionless().getValue() : reference.trim();
	}
}
