package org.openrcm.server.terminology;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openrcm.terminology.CodeValidation;

/**
 * Codes for one encounter from what the EHR sent with it: codings already present are validated for the date of
 * service and kept (they come first: a clinician chose them); texts (condition and procedure names, reasons for the
 * visit, notes) are turned into suggestions. The same code from several places is one suggestion with all its
 * sources and evidence. The words of a resource that carries a valid billing coding are not searched again. Plain Java: the operation provider reads the resources and hands over what it found.
 */
final class EncounterCoding {

	/** A coding found on a resource: system, code and where it came from ({@code Condition/12}). */
	record FoundCoding(String system, String code, String source) {}

	/** A text found on a resource, with where it came from. */
	record FoundText(String text, String source) {}

	/** One result: a suggestion plus where it came from and whether it was coded by the sender. */
	record Result(CodeSuggester.Suggestion suggestion, boolean coded, Set<String> sources) {}

	/** A coded value that cannot go on a claim for the date (or is unknown), reported so the coder can fix it. */
	record Rejected(FoundCoding coding, String message) {}

	/** What the operation answers. */
	record Outcome(List<Result> results, List<Rejected> rejected) {}

	/** Score given to a sender's valid coding: above every text match, so it comes first. */
	static final BigDecimal CODED_SCORE = new BigDecimal("1000.000");
	private static final int PER_TEXT = 3;

	private final TerminologyCatalog catalog;
	private final CodeSuggester suggester;

	EncounterCoding(TerminologyCatalog catalog, CodeSuggester suggester) {
		this.catalog = catalog;
		this.suggester = suggester;
	}

	/**
	 * @param translate SNOMED CT (or another system) → billing codings through a loaded ConceptMap; an empty list
	 *                  when none applies
	 */
	Outcome code(List<FoundCoding> codings, List<FoundText> texts, LocalDate dateOfService,
			Function<FoundCoding, List<FoundCoding>> translate, int max) {
		Map<String, Result> results = new LinkedHashMap<>();
		List<Rejected> rejected = new ArrayList<>();
		Set<String> codedSources = new LinkedHashSet<>();
		for (FoundCoding found : codings) {
			List<FoundCoding> billing = catalog.codeSet(found.system()).isPresent() ? List.of(found) : translate.apply(found);
			for (FoundCoding coding : billing) {
				TerminologyCatalog.CodeSet codeSet = catalog.codeSet(coding.system()).orElse(null);
				if (codeSet == null) {
					continue;
				}
				CodeValidation validation = codeSet.validate(coding.code(), dateOfService, null);
				if (!validation.reportable()) {
					rejected.add(new Rejected(coding, validation.message()));
					continue;
				}
				String kind = codeSet.kind() == TerminologyCatalog.Kind.DIAGNOSIS ? "diagnosis" : "procedure";
				merge(results, new CodeSuggester.Suggestion(coding.system(), validation.code(), validation.display(),
						CODED_SCORE, kind, true, List.of()), true, found.source());
				codedSources.add(found.source());
			}
		}
		for (FoundText text : texts) {
			if (codedSources.contains(text.source())) {
				continue; // the sender's valid coding says it; its words would only add near-misses
			}
			for (CodeSuggester.Suggestion suggestion : suggester.suggest(text.text(), dateOfService, PER_TEXT)) {
				merge(results, suggestion, false, text.source());
			}
		}
		List<Result> ordered = new ArrayList<>(results.values());
		ordered.sort(Comparator.comparing((Result r) -> r.suggestion().score()).reversed());
		return new Outcome(ordered.subList(0, Math.min(max, ordered.size())), rejected);
	}

	private static void merge(Map<String, Result> results, CodeSuggester.Suggestion suggestion, boolean coded,
			String source) {
		String key = suggestion.system() + "|" + suggestion.code();
		Result existing = results.get(key);
		if (existing == null) {
			Set<String> sources = new LinkedHashSet<>();
			sources.add(source);
			results.put(key, new Result(suggestion, coded, sources));
			return;
		}
		existing.sources().add(source);
		CodeSuggester.Suggestion best = existing.suggestion().score().compareTo(suggestion.score()) >= 0
				? existing.suggestion() : suggestion;
		Set<String> evidence = new LinkedHashSet<>(existing.suggestion().evidence());
		evidence.addAll(suggestion.evidence());
		results.put(key, new Result(
				new CodeSuggester.Suggestion(best.system(), best.code(), best.display(), best.score(), best.kind(),
						best.billable(), List.copyOf(evidence)),
				existing.coded() || coded,
				existing.sources()));
	}
}
