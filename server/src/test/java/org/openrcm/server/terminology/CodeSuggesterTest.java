package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suggestions and $expand over the starter set (no Spring, no shared files). */
class CodeSuggesterTest {

	static final LocalDate DOS = LocalDate.of(2024, 6, 3);
	static TerminologyCatalog catalog;
	static CodeSearchIndex index;
	static CodeSuggester suggester;

	@BeforeAll
	static void build() {
		catalog = TerminologyCatalog.starter();
		index = CodeSearchIndex.build(catalog);
		suggester = new CodeSuggester(catalog, index);
	}

	@AfterAll
	static void close() {
		index.close();
	}

	private static List<String> codes(String text) {
		return suggester.suggest(text, DOS, 5).stream().map(CodeSuggester.Suggestion::code).toList();
	}

	@Test
	void abbreviationsAndLayWordsFindTheOfficialTitle() {
		assertThat(codes("HTN")).first().isEqualTo("I10");
		assertThat(codes("high blood pressure")).first().isEqualTo("I10");
		assertThat(codes("DM2")).first().isEqualTo("E11.9");
		assertThat(codes("heart attack")).contains("I21.9");
		assertThat(codes("diabetes type 2")).first().isEqualTo("E11.9");
		assertThat(codes("UTI")).first().isEqualTo("N39.0");
	}

	@Test
	void aSuggestionSaysWhyAndHowSure() {
		CodeSuggester.Suggestion top = suggester.suggest("pt with HTN, f/u", DOS, 3).get(0);

		assertThat(top.system()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
		assertThat(top.kind()).isEqualTo("diagnosis");
		assertThat(top.billable()).isTrue();
		assertThat(top.evidence()).containsExactly("HTN");
		assertThat(top.score().signum()).isPositive();
	}

	@Test
	void aHeaderNeverComesBeforeItsBillableCodes() {
		List<CodeSuggester.Suggestion> suggestions = suggester.suggest("type 2 diabetes mellitus", DOS, 10);

		assertThat(suggestions.get(0).billable()).isTrue();
		int header = suggestions.stream().map(CodeSuggester.Suggestion::code).toList().indexOf("E11");
		if (header >= 0) {
			assertThat(suggestions.subList(0, header)).anySatisfy(s -> assertThat(s.code()).startsWith("E11."));
		}
	}

	@Test
	void procedureCodesAreSuggestedAsProcedures() {
		assertThat(suggester.suggest("flu shot", DOS, 5))
				.anySatisfy(s -> assertThat(s.kind()).isEqualTo("procedure"));
	}

	@Test
	void expandFiltersByAllWordsOfTheFilter() {
		CodeSearchIndex.Page page = index.expand("http://hl7.org/fhir/sid/icd-10-cm", "diabetes without", 0, 50);

		assertThat(page.total()).isPositive();
		assertThat(page.hits()).allSatisfy(hit -> assertThat(hit.display().toLowerCase())
				.contains("diabetes").contains("without"));
		CodeSearchIndex.Page all = index.expand(
				"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", null, 0, 100);
		assertThat(all.total()).isEqualTo(all.hits().size()).isGreaterThan(40);
		assertThat(all.hits().get(0).code()).isEqualTo("01");
	}
}
