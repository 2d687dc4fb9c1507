package org.openrcm.benchmark.scrubbing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Claim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openrcm.benchmark.terminology.SharedData;
import org.openrcm.server.scrubbing.ClaimScrubber;
import org.openrcm.server.scrubbing.ClaimSurroundings;
import org.openrcm.server.scrubbing.ScrubFinding;
import org.openrcm.server.scrubbing.ScrubSettings;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.terminology.imports.CodeSetKind;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.TerminologyImporter;
import org.openrcm.terminology.ncci.PtpTable;

/**
 * The claim scrubber in process, on everything the shared terminology folder holds (ICD-10-CM, HCPCS, the full NCCI
 * PTP table of 2.5 M pairs, MUE, add-on codes, MCE, modifiers, place of service, ...), as the server imports it.
 * One operation is one claim of a pool of 2,000 realistic claims ({@link ClaimGenerator}: 1–6 lines, 1–4
 * diagnoses, dates of service in 2024Q3, patient, coverage, payer and providers contained), scrubbed on a clock
 * fixed at 2024-09-30.
 *
 * <p>Side by side in the same run: {@code parseJson}, HAPI's JSON parser reading the same claims, the cost any FHIR
 * server pays per claim it receives; so the scrub can be read as a multiple of a parse. Each method runs with one
 * thread and, in its {@code TwoThreads} twin, with two (each thread scrubs its own copy of the pool).
 *
 * <p>The set-up prints the heap the loaded tables retain (used heap after GC, before and after) and how many
 * findings the pool's claims get, by rule: most claims should scrub clean and some carry findings, as on a real
 * worklist.
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar ClaimScrubBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class ClaimScrubBenchmark {

	static final int POOL = 2000;
	static final long SEED = 20240930L;
	static final FhirContext FHIR = FhirContext.forR4Cached();

	ClaimScrubber scrubber;
	List<Claim> claims;
	List<String> json;

	@Setup(Level.Trial)
	public void load() throws IOException {
		long before = usedHeapAfterGc();
		long start = System.nanoTime();
		ImportReport report = new TerminologyImporter(null).importFolder(SharedData.terminologyFolder());
		BillingTerminology terminology = BillingTerminology.starterWith(report);
		long loadMillis = (System.nanoTime() - start) / 1_000_000;
		report.failures().forEach(failure -> System.out.println("IMPORT FAILED: " + failure.message()));
		long imported = usedHeapAfterGc();

		ClaimGenerator generator = new ClaimGenerator(report, SEED);
		generator.notes().forEach(note -> System.out.println("claims: " + note));
		claims = generator.containedClaims(POOL);
		IParser parser = FHIR.newJsonParser();
		json = claims.stream().map(parser::encodeResourceToString).toList();
		generator = null;
		long withPool = usedHeapAfterGc();
		PtpTable ptp = report.first(CodeSetKind.NCCI_PTP).orElseThrow().value(PtpTable.class);
		String sets = String.format(Locale.ROOT, "%d code sets (NCCI PTP: %,d rows, %,d distinct pairs, %,d MB of "
				+ "arrays)", report.loaded().size(), ptp.size(), ptp.pairCount(), ptp.heapBytes() / (1 << 20));
		ptp = null;
		report = null;
		long retained = usedHeapAfterGc();
		long pool = withPool - imported;
		System.out.printf(Locale.ROOT, "%nImported %s from %s in %,d ms.%nHeap used after GC: %,d MB before the "
				+ "import; %,d MB with the import report and BillingTerminology; the claim pool (%,d claims as objects "
				+ "and as JSON, %,d KB of JSON) takes %,d MB; BillingTerminology alone retains %,d MB (%,d MB used "
				+ "in all, max heap %,d MB).%n", sets, SharedData.terminologyFolder(), loadMillis, mb(before),
				mb(imported), POOL, json.stream().mapToLong(String::length).sum() / 1024, mb(pool),
				mb(retained - pool - before), mb(retained), mb(Runtime.getRuntime().maxMemory()));

		Clock clock = Clock.fixed(ClaimGenerator.SCRUB_DATE.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
		scrubber = new ClaimScrubber(() -> terminology, ScrubSettings.defaults(clock), FHIR);
		FindingTally tally = new FindingTally();
		int lines = 0;
		int diagnoses = 0;
		int differ = 0;
		for (int i = 0; i < claims.size(); i++) {
			List<ScrubFinding> findings = scrubber.scrub(claims.get(i), ClaimSurroundings.NONE);
			tally.add(rules(findings), findings.stream().map(ScrubFinding::blocking).toList());
			lines += claims.get(i).getItem().size();
			diagnoses += claims.get(i).getDiagnosis().size();
			// the parse baseline reads the same claims: the parsed copy must scrub the same
			List<ScrubFinding> parsed = scrubber.scrub(parser.parseResource(Claim.class, json.get(i)),
					ClaimSurroundings.NONE);
			differ += rules(parsed).equals(rules(findings)) ? 0 : 1;
		}
		System.out.printf(Locale.ROOT, "Claim pool: %,d claims, %.2f lines and %.2f diagnoses per claim on average.%n%s%n",
				claims.size(), (double) lines / claims.size(), (double) diagnoses / claims.size(), tally.report());
		if (differ > 0) {
			throw new IllegalStateException(differ + " claims scrub differently after a JSON round trip");
		}
	}

	/** One thread's copy of the pool and its place in it. */
	@State(Scope.Thread)
	public static class Cursor {

		List<Claim> claims;
		List<String> json;
		IParser parser;
		int next;

		@Setup(Level.Trial)
		public void copy(ClaimScrubBenchmark shared) {
			// HAPI's getters create absent elements: threads must not share the model objects
			claims = new ArrayList<>(shared.claims.size());
			for (Claim claim : shared.claims) {
				claims.add(claim.copy());
			}
			json = shared.json;
			parser = FHIR.newJsonParser();
		}

		Claim claim() {
			Claim claim = claims.get(next);
			next = next + 1 == claims.size() ? 0 : next + 1;
			return claim;
		}

		String json() {
			String text = json.get(next);
			next = next + 1 == json.size() ? 0 : next + 1;
			return text;
		}
	}

	@Benchmark
	public List<ScrubFinding> scrub(Cursor cursor) {
		return scrubber.scrub(cursor.claim(), ClaimSurroundings.NONE);
	}

	@Benchmark
	@Threads(2)
	public List<ScrubFinding> scrubTwoThreads(Cursor cursor) {
		return scrubber.scrub(cursor.claim(), ClaimSurroundings.NONE);
	}

	@Benchmark
	public Claim parseJson(Cursor cursor) {
		return cursor.parser.parseResource(Claim.class, cursor.json());
	}

	@Benchmark
	@Threads(2)
	public Claim parseJsonTwoThreads(Cursor cursor) {
		return cursor.parser.parseResource(Claim.class, cursor.json());
	}

	private static List<String> rules(List<ScrubFinding> findings) {
		return findings.stream().map(finding -> finding.rule().code()).toList();
	}

	static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long mb(long bytes) {
		return bytes / (1 << 20);
	}
}
