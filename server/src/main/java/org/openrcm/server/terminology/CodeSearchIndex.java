package org.openrcm.server.terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.hibernate.search.backend.lucene.LuceneBackend;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.standalone.work.SearchIndexingPlan;

/**
 * Full-text search over the code descriptions of a {@link TerminologyCatalog}, with Hibernate Search on an
 * in-memory Lucene index: {@code $expand} with {@code filter} and the coding suggestions read from it.
 *
 * <p>Descriptions are indexed with an English stemmer; searches also pass through a synonym list
 * ({@code clinical-synonyms.txt}, {@code clinical-synonyms-more.txt}) that turns everyday wording and abbreviations (HTN, DM2, heart attack) into the
 * words the official titles use, after dropping note filler ({@code clinical-stopwords.txt}). An index is built once per catalog (a few seconds for the full ICD-10-CM and
 * HCPCS) and is read-only afterwards, so searches need no locking.
 */
final class CodeSearchIndex implements AutoCloseable {

	static final String INDEX_ANALYZER = "description";
	static final String QUERY_ANALYZER = "description_query";
	private static final int BATCH = 5_000;

	private final CloseableSearchMapping mapping;
	private final Analyzer queryAnalyzer;
	private final Analyzer indexAnalyzer;
	private final int size;

	private CodeSearchIndex(CloseableSearchMapping mapping, int size) {
		this.mapping = mapping;
		this.size = size;
		LuceneBackend backend = mapping.backend().unwrap(LuceneBackend.class);
		this.queryAnalyzer = backend.analyzer(QUERY_ANALYZER).orElseThrow();
		this.indexAnalyzer = backend.analyzer(INDEX_ANALYZER).orElseThrow();
	}

	/** Indexes every code with a display of every code set in the catalog (newest release of each). */
	static CodeSearchIndex build(TerminologyCatalog catalog) {
		CloseableSearchMapping mapping = SearchMapping.builder(
						AnnotatedTypeSource.fromClasses(IndexedCode.class), MethodHandles.lookup())
				.property("hibernate.search.backend.type", "lucene")
				.property("hibernate.search.backend.directory.type", "local-heap")
				.property("hibernate.search.backend.analysis.configurer", new Analysis())
				.property("hibernate.search.mapping.schema_management.strategy", "drop-and-create-and-drop")
				.build();
		int count = 0;
		List<IndexedCode> batch = new ArrayList<>(BATCH);
		for (String system : catalog.systems()) {
			TerminologyCatalog.CodeSet codeSet = catalog.codeSet(system).orElseThrow();
			for (TerminologyCatalog.Concept concept : codeSet.concepts().get()) {
				if (concept.display() == null || concept.display().isBlank()) {
					continue;
				}
				batch.add(new IndexedCode(system, codeSet.kind().name(), concept));
				count++;
				if (batch.size() == BATCH) {
					index(mapping, batch);
				}
			}
		}
		index(mapping, batch);
		return new CodeSearchIndex(mapping, count);
	}

	private static void index(SearchMapping mapping, List<IndexedCode> batch) {
		try (SearchSession session = mapping.createSession()) {
			SearchIndexingPlan plan = session.indexingPlan();
			batch.forEach(plan::add);
		}
		batch.clear();
	}

	int size() {
		return size;
	}

	/** A code found by a search, with its relevance score. */
	record Hit(String system, String code, String display, boolean billable, String kind, float score) {}

	/** Codes of {@code system} whose description matches {@code filter} (all words, any order), best first. */
	Page expand(String system, String filter, int offset, int count) {
		try (SearchSession session = mapping.createSession()) {
			SearchResult<Hit> result = session.search(IndexedCode.class)
					.select(f -> hitProjection(f))
					.where(f -> filter == null || filter.isBlank()
							? f.match().field("system").matching(system)
							: f.bool()
									.must(f.match().field("system").matching(system))
									.must(f.simpleQueryString()
											.field("display")
											.matching(filter)
											.defaultOperator(org.hibernate.search.engine.search.common.BooleanOperator.AND)))
					.sort(f -> filter == null || filter.isBlank() ? f.field("code") : f.score().then().field("code"))
					.fetch(offset, count);
			return new Page(result.total().hitCount(), result.hits());
		}
	}

	/** One page of an expansion: the total matching and the codes of the page. */
	record Page(long total, List<Hit> hits) {}

	/**
	 * The best-matching codes for free text: any word may match; billable codes, and titles a coder picks when the
	 * text gives no detail ("unspecified", "without complications"), rank higher.
	 */
	List<Hit> search(String text, int max) {
		try (SearchSession session = mapping.createSession()) {
			return session.search(IndexedCode.class)
					.select(f -> hitProjection(f))
					.where(f -> f.bool()
							.must(f.match().field("display").matching(text))
							.should(f.match().field("billable").matching(true).boost(0.5f))
							.should(f.match().field("display").matching("unspecified").boost(0.3f))
							.should(f.phrase().field("display").matching("without complications").boost(0.3f)))
					.fetchHits(max);
		}
	}

	/** The terms a search for {@code text} looks for: stemmed, synonyms expanded, note filler removed. */
	Set<String> queryTerms(String text) {
		Set<String> terms = new HashSet<>();
		forEachToken(queryAnalyzer, text, (term, start, end) -> terms.add(term));
		return terms;
	}

	/** The stemmed terms of a title, in order. */
	List<String> titleTerms(String display) {
		List<String> terms = new ArrayList<>();
		forEachToken(indexAnalyzer, display, (term, start, end) -> terms.add(term));
		return terms;
	}

	/** The words of {@code text} that match a word of {@code display} once both are analysed (synonyms included). */
	List<String> evidence(String text, String display) {
		Set<String> displayTerms = new HashSet<>();
		forEachToken(indexAnalyzer, display, (term, start, end) -> displayTerms.add(term));
		Set<String> words = new LinkedHashSet<>();
		forEachToken(queryAnalyzer, text, (term, start, end) -> {
			if (displayTerms.contains(term)) {
				words.add(text.substring(start, end));
			}
		});
		return List.copyOf(words);
	}

	private interface TokenConsumer {
		void accept(String term, int start, int end);
	}

	private static void forEachToken(Analyzer analyzer, String text, TokenConsumer consumer) {
		try (TokenStream tokens = analyzer.tokenStream("display", text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				consumer.accept(term.toString(), offset.startOffset(), offset.endOffset());
			}
			tokens.end();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static org.hibernate.search.engine.search.projection.dsl.ProjectionFinalStep<Hit> hitProjection(
			org.hibernate.search.engine.search.projection.dsl.SearchProjectionFactory<?, ?> f) {
		return f.composite()
				.from(
						f.field("system", String.class),
						f.field("code", String.class),
						f.field("display", String.class),
						f.field("billable", Boolean.class),
						f.field("kind", String.class),
						f.score())
				.asList(v -> new Hit((String) v.get(0), (String) v.get(1), (String) v.get(2), (Boolean) v.get(3),
						(String) v.get(4), (Float) v.get(5)));
	}

	@Override
	public void close() {
		mapping.close();
	}

	/** The analyzers: stemmed English for titles; the same plus the clinical synonyms for what users type. */
	static final class Analysis implements LuceneAnalysisConfigurer {
		@Override
		public void configure(LuceneAnalysisConfigurationContext context) {
			context.analyzer(INDEX_ANALYZER).custom()
					.tokenizer("standard")
					.tokenFilter("lowercase")
					.tokenFilter("asciiFolding")
					.tokenFilter("porterStem");
			context.analyzer(QUERY_ANALYZER).custom()
					.tokenizer("standard")
					.tokenFilter("lowercase")
					.tokenFilter("asciiFolding")
					.tokenFilter("stop")
					.param("words", "org/openrcm/server/terminology/clinical-stopwords.txt")
					.param("ignoreCase", "true")
					.tokenFilter("synonymGraph")
					.param("synonyms", "org/openrcm/server/terminology/clinical-synonyms.txt,"
							+ "org/openrcm/server/terminology/clinical-synonyms-more.txt")
					// rules are split into words like the text and the titles are ("gastro-esophageal", "n/v")
					.param("tokenizerFactory", "org.apache.lucene.analysis.standard.StandardTokenizerFactory")
					.param("ignoreCase", "true")
					.tokenFilter("porterStem");
		}
	}

	/** One indexed code. */
	@SearchEntity(name = "Code")
	@Indexed(index = "codes")
	static final class IndexedCode {

		@DocumentId
		final String id;

		@KeywordField(projectable = Projectable.YES)
		final String system;

		@KeywordField(projectable = Projectable.YES, sortable = Sortable.YES)
		final String code;

		@FullTextField(
				analyzer = INDEX_ANALYZER,
				searchAnalyzer = QUERY_ANALYZER,
				projectable = Projectable.YES)
		final String display;

		@GenericField(projectable = Projectable.YES)
		final boolean billable;

		@KeywordField(projectable = Projectable.YES)
		final String kind;

		IndexedCode(String system, String kind, TerminologyCatalog.Concept concept) {
			this.id = system + "|" + concept.code();
			this.system = system;
			this.code = concept.code();
			this.display = concept.display();
			this.billable = concept.billable();
			this.kind = kind;
		}
	}
}
