package org.openrcm.server.terminology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.List;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;

/**
 * Suggests diagnosis and procedure codes for free text (a problem-list line, a sentence of a note): full-text
 * search over the code titles with the clinical synonyms, then the coder's rules — only codes that exist on the
 * date of service, billable leaf codes before their headers (a header never comes first when one of its billable
 * codes matched too).
 */
final class CodeSuggester {

	/** How many codes the search considers before the coder's rules are applied. */
	private static final int CANDIDATES = 80;

	/**
	 * Title words that say something the text did not: a coder does not assume them, so a title carrying one the
	 * text lacks ranks lower (one factor per word).
	 */
	private static final List<String> QUALIFIERS = List.of(
			"secondary", "recurrent", "gestational", "pregnancy", "childbirth", "puerperium", "newborn", "neonatal",
			"perinatal", "malignant", "sequela", "subsequent", "old", "history", "family", "induced",
			"poisoning", "adverse", "underdosing", "congenital", "personal", "postprocedural", "complicating");
	private static final double QUALIFIER_FACTOR = 0.75;

	/**
	 * Title words that name the default a coder reports when the text gives no detail; they neither count against
	 * a title nor need to be matched.
	 */
	private static final List<String> DEFAULTS = List.of(
			"unspecified", "essential", "primary", "initial", "encounter", "without", "complications", "site", "nos",
			"not", "elsewhere", "classified", "of", "the", "and", "in", "to", "for", "or", "by", "with", "due",
			"type", "acute", "disease", "disorder", "organism");

	/** A clause that states what is absent ("without status migrainosus", "not intractable") asks nothing of the text. */
	private static final Pattern ABSENCE_CLAUSE = Pattern.compile("(?i)\\b(without|not)\\b[^,]*");

	/** Texts mostly describe conditions: a procedure code must match clearly better to rank above a diagnosis. */
	private static final double PROCEDURE_FACTOR = 0.7;

	/** One suggestion, as {@code $suggest-codes} returns it. */
	record Suggestion(String system, String code, String display, BigDecimal score, String kind, boolean billable,
			List<String> evidence) {}

	private final TerminologyCatalog catalog;
	private final CodeSearchIndex index;
	private final Set<String> qualifiers;
	private final Set<String> defaults;

	CodeSuggester(TerminologyCatalog catalog, CodeSearchIndex index) {
		this.catalog = catalog;
		this.index = index;
		this.qualifiers = new HashSet<>(index.titleTerms(String.join(" ", QUALIFIERS)));
		this.defaults = new HashSet<>(index.titleTerms(String.join(" ", DEFAULTS)));
	}

	List<Suggestion> suggest(String text, LocalDate dateOfService, int max) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		Set<String> asked = index.queryTerms(text);
		List<Ranked> ranked = new ArrayList<>();
		for (CodeSearchIndex.Hit hit : index.search(text, CANDIDATES)) {
			if (existsOn(hit, dateOfService)) {
				double kindFactor = TerminologyCatalog.Kind.PROCEDURE.name().equals(hit.kind()) ? PROCEDURE_FACTOR : 1.0;
				ranked.add(new Ranked(hit, hit.score() * kindFactor * codersFactor(asked, hit.display())));
			}
		}
		// best first; equal scores in code order, so the same text always gets the same answer
		ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
				.thenComparing(r -> r.hit().system())
				.thenComparing(r -> r.hit().code()));
		List<Ranked> leavesFirst = new ArrayList<>();
		List<Ranked> headers = new ArrayList<>();
		for (Ranked candidate : ranked) {
			CodeSearchIndex.Hit hit = candidate.hit();
			boolean shadowed = !hit.billable() && ranked.stream().map(Ranked::hit).anyMatch(other -> other.billable()
					&& other.system().equals(hit.system())
					&& other.code().startsWith(hit.code()));
			(shadowed ? headers : leavesFirst).add(candidate);
		}
		leavesFirst.addAll(headers);
		List<Suggestion> suggestions = new ArrayList<>();
		for (Ranked candidate : leavesFirst.subList(0, Math.min(max, leavesFirst.size()))) {
			CodeSearchIndex.Hit hit = candidate.hit();
			suggestions.add(new Suggestion(
					hit.system(),
					hit.code(),
					hit.display(),
					BigDecimal.valueOf(candidate.score()).setScale(3, RoundingMode.HALF_UP),
					hit.kind().equals(TerminologyCatalog.Kind.DIAGNOSIS.name()) ? "diagnosis" : "procedure",
					hit.billable(),
					index.evidence(text, hit.display())));
		}
		return suggestions;
	}

	private record Ranked(CodeSearchIndex.Hit hit, double score) {}

	/**
	 * How well a title fits what was asked, the way a coder reads it: the share of its words the text accounts for
	 * (default words aside), lowered for each qualifier the text did not state.
	 */
	private double codersFactor(Set<String> asked, String display) {
		List<String> title = index.titleTerms(ABSENCE_CLAUSE.matcher(display).replaceAll(" "));
		int content = 0;
		int matched = 0;
		double factor = 1.0;
		for (String term : title) {
			if (defaults.contains(term)) {
				continue;
			}
			content++;
			if (asked.contains(term)) {
				matched++;
			} else if (qualifiers.contains(term)) {
				factor *= QUALIFIER_FACTOR;
			}
		}
		double coverage = content == 0 ? 1.0 : (double) matched / content;
		return factor * (0.5 + 0.5 * coverage);
	}

	/** Whether the code is in the release that applies to the date (a header is kept: it is demoted, not hidden). */
	private boolean existsOn(CodeSearchIndex.Hit hit, LocalDate date) {
		if (TerminologyCatalog.Kind.OTHER.name().equals(hit.kind()) || hit.code().length() == 2) {
			return false; // place of service, adjustment codes, taxonomy and modifiers are not what a text describes
		}
		CodeValidation validation = catalog.codeSet(hit.system()).orElseThrow().validate(hit.code(), date, null);
		return validation.status() == CodeStatus.VALID || validation.status() == CodeStatus.NOT_BILLABLE;
	}
}
