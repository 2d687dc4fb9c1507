package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coding one encounter from sent codings and texts, over the starter set (no Spring). */
class EncounterCodingTest {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String SNOMED = "http://snomed.info/sct";
	static final LocalDate DOS = LocalDate.of(2024, 6, 17);
	static CodeSearchIndex index;
	static EncounterCoding coding;

	@BeforeAll
	static void build() {
		TerminologyCatalog catalog = TerminologyCatalog.starter();
		index = CodeSearchIndex.build(catalog);
		coding = new EncounterCoding(catalog, new CodeSuggester(catalog, index));
	}

	@AfterAll
	static void close() {
		index.close();
	}

	@Test
	void sentCodesComeFirstAndTheirOwnWordsAreNotSearchedAgain() {
		EncounterCoding.Outcome outcome = coding.code(
				List.of(new EncounterCoding.FoundCoding(ICD10CM, "E11.9", "Condition/1")),
				List.of(new EncounterCoding.FoundText("DM2, stable", "Condition/1"),
						new EncounterCoding.FoundText("HTN", "Condition/2")),
				DOS, c -> List.of(), 10);

		assertThat(outcome.results().get(0).suggestion().code()).isEqualTo("E11.9");
		assertThat(outcome.results().get(0).coded()).isTrue();
		assertThat(outcome.results()).extracting(r -> r.suggestion().code()).contains("I10").doesNotContain("E11.8");
	}

	@Test
	void theSameCodeFromTwoPlacesIsOneSuggestionWithBothSources() {
		EncounterCoding.Outcome outcome = coding.code(
				List.of(),
				List.of(new EncounterCoding.FoundText("HTN", "Condition/2"),
						new EncounterCoding.FoundText("high blood pressure", "DocumentReference/3")),
				DOS, c -> List.of(), 10);

		assertThat(outcome.results())
				.filteredOn(r -> r.suggestion().code().equals("I10"))
				.singleElement()
				.satisfies(r -> assertThat(r.sources()).containsExactly("Condition/2", "DocumentReference/3"))
				.satisfies(r -> assertThat(r.suggestion().evidence()).contains("HTN", "high blood pressure"));
	}

	@Test
	void aHeaderSentAsACodeIsRejectedWithTheReasonAndOtherSystemsGoThroughTheMapping() {
		EncounterCoding.Outcome outcome = coding.code(
				List.of(new EncounterCoding.FoundCoding(ICD10CM, "E11", "Condition/1"),
						new EncounterCoding.FoundCoding(SNOMED, "38341003", "Condition/4")),
				List.of(),
				DOS,
				c -> c.system().equals(SNOMED) ? List.of(new EncounterCoding.FoundCoding(ICD10CM, "I10", c.source())) : List.of(),
				10);

		assertThat(outcome.rejected()).singleElement()
				.satisfies(r -> assertThat(r.message()).contains("header code"));
		assertThat(outcome.results()).singleElement()
				.satisfies(r -> assertThat(r.suggestion().code()).isEqualTo("I10"))
				.satisfies(r -> assertThat(r.sources()).containsExactly("Condition/4"));
	}
}
