package org.openrcm.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * How often $suggest-codes puts the code a coder would bill among its first three suggestions, over the full
 * ICD-10-CM FY2024 and HCPCS files of {@code ../shared} and a labelled set of everyday phrases
 * ({@code src/test/resources/coding/labelled-phrases.csv}: abbreviations, lay wording, word order, official titles).
 */
class CodingAccuracyTest {

	static final LocalDate DATE_OF_SERVICE = LocalDate.of(2024, 6, 3);
	/** Measured 0.817 when the set was first run (2026-11-29); a regression guard, not the 0.9 target. */
	static final double HELD_OUT_FLOOR = 0.75;
	static CodeSearchIndex index;
	static CodeSuggester suggester;

	@BeforeAll
	static void loadFullCodeSets(@TempDir Path snapshots) throws IOException {
		TerminologyImporter importer = new TerminologyImporter(new SnapshotCache(snapshots));
		TerminologyCatalog catalog = TerminologyCatalog.starter()
				.with(importer.importFolder(SharedTestData.require("terminology-data/icd10cm")))
				.with(importer.importFolder(SharedTestData.require("terminology-data/hcpcs")));
		index = CodeSearchIndex.build(catalog);
		suggester = new CodeSuggester(catalog, index);
	}

	@AfterAll
	static void close() {
		if (index != null) {
			index.close();
		}
	}

	record Labelled(String phrase, List<String> expected, String category) {}

	@Test
	void topThreeAccuracyIsAtLeastNinetyPercent() throws IOException {
		assertThat(topThreeAccuracy("labelled-phrases.csv")).isGreaterThanOrEqualTo(0.9);
	}

	/**
	 * The held-out set was written after the synonym list had been tuned on the first set, by someone who saw
	 * neither the list nor the ranking: it measures how the suggestions do on wording nobody tuned for.
	 */
	@Test
	void heldOutAccuracy() throws IOException {
		assertThat(topThreeAccuracy("labelled-phrases-holdout.csv")).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
	}

	private static double topThreeAccuracy(String file) throws IOException {
		List<Labelled> set = labelledSet(file);
		assertThat(set).hasSizeGreaterThanOrEqualTo(100);
		Map<String, int[]> byCategory = new TreeMap<>();
		List<String> misses = new ArrayList<>();
		for (Labelled labelled : set) {
			List<String> top3 = suggester.suggest(labelled.phrase(), DATE_OF_SERVICE, 3).stream()
					.map(CodeSuggester.Suggestion::code)
					.toList();
			boolean hit = top3.stream().anyMatch(labelled.expected()::contains);
			int[] counts = byCategory.computeIfAbsent(labelled.category(), k -> new int[2]);
			counts[0] += hit ? 1 : 0;
			counts[1]++;
			if (!hit) {
				misses.add(labelled.phrase() + " -> " + top3 + " (expected " + labelled.expected() + ")");
			}
		}
		int hits = byCategory.values().stream().mapToInt(c -> c[0]).sum();
		double accuracy = (double) hits / set.size();
		StringBuilder report =
				new StringBuilder(String.format("%s: top-3 accuracy %.3f (%d/%d)", file, accuracy, hits, set.size()));
		byCategory.forEach((category, c) -> report.append(String.format("%n  %-12s %d/%d", category, c[0], c[1])));
		misses.forEach(miss -> report.append("\n  miss: ").append(miss));
		System.out.println(report);
		return accuracy;
	}

	static List<Labelled> labelledSet(String file) throws IOException {
		try (InputStream in = CodingAccuracyTest.class.getResourceAsStream("/coding/" + file)) {
			assertThat(in).as("coding/" + file + " on the test classpath").isNotNull();
			List<Labelled> rows = new ArrayList<>();
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
			for (int i = 1; i < lines.length; i++) {
				if (lines[i].isBlank()) {
					continue;
				}
				List<String> cells = csv(lines[i]);
				rows.add(new Labelled(cells.get(0), Arrays.asList(cells.get(1).trim().split("\\s+")), cells.get(2).trim()));
			}
			return rows;
		}
	}

	/** One CSV line: commas separate cells; a cell in double quotes may hold commas and doubled quotes. */
	static List<String> csv(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
				cell.append('"');
				i++;
			} else if (c == '"') {
				quoted = !quoted;
			} else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			} else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}
}
