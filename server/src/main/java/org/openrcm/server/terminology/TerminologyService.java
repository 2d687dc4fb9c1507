package org.openrcm.server.terminology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code sets in service and their import. Starts with the starter set; {@link #importFolder} loads the files of
 * the import folder and swaps the new catalog in only after the load, so requests never see a half-loaded code
 * set. A file that fails to load is reported with file, line and reason, and what was in service stays.
 */
final class TerminologyService implements Supplier<TerminologyCatalog>, TerminologyInService {

	private static final Logger log = LoggerFactory.getLogger(TerminologyService.class);

	/** Import states shown in the health details. */
	enum State {
		STARTER_ONLY,
		IMPORTING,
		IMPORTED,
		IMPORTED_WITH_FAILURES,
		FAILED
	}

	private final AtomicReference<TerminologyCatalog> catalog = new AtomicReference<>(TerminologyCatalog.starter());
	/** The search index of {@link #catalog}: built on first use for the starter set, with each import after it. */
	private final AtomicReference<CodeSearchIndex> index = new AtomicReference<>();
	private volatile State state = State.STARTER_ONLY;
	private volatile ImportReport lastReport;
	private volatile String lastError;
	private volatile String search = "STARTER";

	@Override
	public TerminologyCatalog get() {
		return catalog.get();
	}

	@Override
	public BillingTerminology billingTerminology() {
		return catalog.get().billing();
	}

	State state() {
		return state;
	}

	/** Full-text search over the catalog in service. */
	CodeSearchIndex index() {
		CodeSearchIndex current = index.get();
		if (current != null) {
			return current;
		}
		synchronized (index) {
			if (index.get() == null) {
				CodeSearchIndex starter = CodeSearchIndex.build(catalog.get());
				if (!index.compareAndSet(null, starter)) {
					starter.close(); // an import's index arrived meanwhile
				}
			}
			return index.get();
		}
	}

	/** Coding suggestions from the catalog in service. */
	CodeSuggester suggester() {
		return new CodeSuggester(catalog.get(), index());
	}

	/** Loads every code-set file under {@code folder}, reusing snapshots in {@code snapshots}. */
	void importFolder(Path folder, Path snapshots, Runnable afterSwap) {
		state = State.IMPORTING;
		long start = System.nanoTime();
		log.info("Importing code sets from {} (snapshots in {})", folder, snapshots);
		try {
			Files.createDirectories(snapshots);
			ImportReport report = new TerminologyImporter(new SnapshotCache(snapshots)).importFolder(folder);
			// the importer logs each code set as it loads it (progress); failures are errors here
			for (ImportReport.Failure failure : report.failures()) {
				log.error("Code set {} not loaded: {}", failure.kind().label(), failure.message());
			}
			TerminologyCatalog imported = catalog.get().with(report);
			catalog.set(imported);
			afterSwap.run();
			lastReport = report;
			log.info("Imported {} code sets ({} failed, {} files skipped) from {} in {} ms", report.loaded().size(),
					report.failures().size(), report.skipped().size(), folder, (System.nanoTime() - start) / 1_000_000);
			state = report.failures().isEmpty() ? State.IMPORTED : State.IMPORTED_WITH_FAILURES;
			reindex(imported);
		} catch (Exception e) {
			lastError = e.toString();
			state = State.FAILED;
			log.error("Importing code sets from {} failed; the code sets loaded before stay in service", folder, e);
		}
	}

	/**
	 * Builds the search index of a newly imported catalog and swaps it in; until then searches answer from the
	 * previous index (lookups and validation already use the new catalog).
	 */
	private void reindex(TerminologyCatalog imported) {
		search = "BUILDING";
		long start = System.nanoTime();
		CodeSearchIndex newIndex = CodeSearchIndex.build(imported);
		CodeSearchIndex previous = index.getAndSet(newIndex);
		search = "READY (" + newIndex.size() + " titles)";
		log.info("Indexed {} code titles for search in {} ms", newIndex.size(), (System.nanoTime() - start) / 1_000_000);
		if (previous != null) {
			// searches that started on the old index get half a minute to finish
			CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS).execute(previous::close);
		}
	}

	/** For the health endpoint: state, versions in service, failures of the last import. */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", state.name());
		details.put("codeSets", catalog.get().summary());
		details.put("search", search);
		ImportReport report = lastReport;
		if (report != null && !report.failures().isEmpty()) {
			List<String> failures = report.failures().stream().map(ImportReport.Failure::message).toList();
			details.put("failures", failures);
		}
		if (lastError != null) {
			details.put("error", lastError);
		}
		return details;
	}
}
