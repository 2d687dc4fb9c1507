package org.openrcm.server.terminology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
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
	private static final int CANDIDATES = 60;

	/** One suggestion, as {@code $suggest-codes} returns it. */
	record Suggestion(String system, String code, String display, BigDecimal score, String kind, boolean billable,
			List<String> evidence) {}

	private final TerminologyCatalog catalog;
	private final CodeSearchIndex index;

	CodeSuggester(TerminologyCatalog catalog, CodeSearchIndex index) {
		this.catalog = catalog;
		this.index = index;
	}

	List<Suggestion> suggest(String text, LocalDate dateOfService, int max) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<CodeSearchIndex.Hit> hits = new ArrayList<>();
		for (CodeSearchIndex.Hit hit : index.search(text, CANDIDATES)) {
			if (existsOn(hit, dateOfService)) {
				hits.add(hit);
			}
		}
		List<CodeSearchIndex.Hit> leavesFirst = new ArrayList<>();
		List<CodeSearchIndex.Hit> headers = new ArrayList<>();
		for (CodeSearchIndex.Hit hit : hits) {
			boolean shadowed = !hit.billable() && hits.stream().anyMatch(other -> other.billable()
					&& other.system().equals(hit.system())
					&& other.code().startsWith(hit.code()));
			(shadowed ? headers : leavesFirst).add(hit);
		}
		leavesFirst.addAll(headers);
		List<Suggestion> suggestions = new ArrayList<>();
		for (CodeSearchIndex.Hit hit : leavesFirst.subList(0, Math.min(max, leavesFirst.size()))) {
			suggestions.add(new Suggestion(
					hit.system(),
					hit.code(),
					hit.display(),
					BigDecimal.valueOf(hit.score()).setScale(3, RoundingMode.HALF_UP),
					hit.kind().equals(TerminologyCatalog.Kind.DIAGNOSIS.name()) ? "diagnosis" : "procedure",
					hit.billable(),
					index.evidence(text, hit.display())));
		}
		return suggestions;
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
