package org.openrcm.benchmark.claims;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openrcm.benchmark.scrubbing.ClaimGenerator;
import org.openrcm.benchmark.terminology.SharedData;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.claims.Claim837Batch;
import org.openrcm.server.claims.Claim837Writer;
import org.openrcm.server.claims.ClaimSources;
import org.openrcm.server.claims.ClaimToWrite;
import org.openrcm.server.claims.ClaimsProperties;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.imports.TerminologyImporter;

/**
 * 837P generation in process, in claims per second: the claims the scrub benchmark scrubs ({@link ClaimGenerator}:
 * 2,000 professional claims of 1–6 lines and 1–4 diagnoses, parties contained, the generator's payer given a payer
 * id), each mapped and written through the same {@link Claim837Writer} the server and the submission outbox use,
 * with the server's validation: staedi's check of every segment against the implementation schema while it is
 * written. {@code -p readBack=true} adds the read-back of the whole interchange that the tests run
 * ({@code openrcm.x12.read-back}); {@code -p readBack=true,false} measures both in one run. Control numbers are
 * counted in memory: the server draws them from the database in blocks, one round trip per block.
 *
 * <ul>
 * <li>{@code singleClaim}: one claim per interchange ({@code Claim/[id]/$x12-837}).</li>
 * <li>{@code batchOf1000}: 1,000 claims per interchange, a transaction set each (the outbox's batch); the score is
 * claims per second ({@link OperationsPerInvocation}).</li>
 * <li>{@code serializeJson}: side by side in the same run, HAPI's JSON serializer writing the same claims, the cost
 * of the plainest other way to put a FHIR claim on the wire; generation reads as a multiple of it.</li>
 * </ul>
 *
 * <p>The set-up writes every claim once and the first batch, reads the batch back, and fails when a claim is refused
 * or the interchange does not read back clean: a benchmark of claims that are not written would flatter.
 *
 * <pre>java -jar benchmark/harness/target/openrcm-benchmarks.jar Claim837Benchmark</pre>
 *
 * <p>Two threads ({@code -t 2}) write two batches at once, as two clearinghouse connections would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class Claim837Benchmark {

	static final int POOL = 2000;
	static final int BATCH = 1000;
	static final long SEED = 20240930L;
	static final FhirContext FHIR = FhirContext.forR4Cached();
	/** The payer id the 837's 2010BB names, as OpenRCM records it. */
	static final String PAYER_ID_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-id";

	/** Whether each interchange is also read back after its validated write (the server: false). */
	@Param("false")
	public boolean readBack;

	Claim837Writer writer;
	ClearinghouseProperties connection;
	List<Claim> claims;

	@Setup(Level.Trial)
	public void load() throws IOException {
		ImportReport report = new TerminologyImporter(null).importFolder(SharedData.terminologyFolder());
		ClaimGenerator generator = new ClaimGenerator(report, SEED);
		claims = generator.containedClaims(POOL);
		for (Claim claim : claims) {
			for (Resource contained : claim.getContained()) {
				if (contained instanceof Organization payer && "payer".equals(payer.getIdElement().getIdPart())) {
					payer.addIdentifier().setSystem(PAYER_ID_SYSTEM).setValue("PMHP1");
				}
			}
		}
		Clock clock = Clock.fixed(ClaimGenerator.SCRUB_DATE.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
		X12Schemas schemas = X12Schemas.load();
		connection = ClearinghouseProperties.defaults();
		writer = new Claim837Writer(new X12InterchangeWriter(schemas, new InMemoryControlNumbers(), clock, readBack),
				schemas, connection, ClaimsProperties.defaults(), clock);

		long bytes = 0;
		int lines = 0;
		for (Claim claim : claims) {
			WrittenInterchange written = writer.write(claim, ClaimSources.NONE);
			bytes += written.text().length();
			lines += claim.getItem().size();
		}
		Claim837Batch batch = writer.writeBatch(connection, toWrite(claims.subList(0, BATCH)));
		if (!batch.refused().isEmpty()) {
			throw new IllegalStateException(batch.refused().size() + " claims refused, e.g. "
					+ batch.refused().values().iterator().next().getMessage());
		}
		WrittenInterchange interchange = batch.interchanges().get(0).written();
		X12ReadResult read = new X12Reader(schemas).read(interchange.bytes(), X12Reader.Options.DEFAULT);
		if (!read.isValid() || read.transactions().count() != BATCH) {
			throw new IllegalStateException("the batch does not read back clean: " + read.allErrors());
		}
		IParser parser = FHIR.newJsonParser();
		long json = claims.stream().mapToLong(claim -> parser.encodeResourceToString(claim).length()).sum();
		System.out.printf(Locale.ROOT, "%nClaim pool: %,d claims, %.2f lines per claim; a claim alone in an interchange "
				+ "is %,d bytes of X12 on average, in a batch of %,d %,d bytes (JSON: %,d bytes).%n", claims.size(),
				(double) lines / claims.size(), bytes / claims.size(), BATCH, interchange.text().length() / BATCH,
				json / claims.size());
	}

	static List<ClaimToWrite> toWrite(List<Claim> claims) {
		List<ClaimToWrite> batch = new ArrayList<>(claims.size());
		for (int i = 0; i < claims.size(); i++) {
			batch.add(new ClaimToWrite("claim-" + i, claims.get(i), ClaimSources.NONE));
		}
		return batch;
	}

	/** One thread's copy of the pool and its place in it. */
	@State(Scope.Thread)
	public static class Cursor {

		List<Claim> claims;
		List<List<ClaimToWrite>> batches;
		IParser parser;
		int next;
		int nextBatch;

		@Setup(Level.Trial)
		public void copy(Claim837Benchmark shared) {
			// HAPI's getters create absent elements: threads must not share the model objects
			claims = new ArrayList<>(shared.claims.size());
			for (Claim claim : shared.claims) {
				claims.add(claim.copy());
			}
			batches = new ArrayList<>();
			for (int from = 0; from + BATCH <= claims.size(); from += BATCH) {
				batches.add(toWrite(claims.subList(from, from + BATCH)));
			}
			parser = FHIR.newJsonParser();
		}

		Claim claim() {
			Claim claim = claims.get(next);
			next = next + 1 == claims.size() ? 0 : next + 1;
			return claim;
		}

		List<ClaimToWrite> batch() {
			List<ClaimToWrite> batch = batches.get(nextBatch);
			nextBatch = nextBatch + 1 == batches.size() ? 0 : nextBatch + 1;
			return batch;
		}
	}

	@Benchmark
	public WrittenInterchange singleClaim(Cursor cursor) {
		return writer.write(cursor.claim(), ClaimSources.NONE);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public Claim837Batch batchOf1000(Cursor cursor) {
		return writer.writeBatch(connection, cursor.batch());
	}

	@Benchmark
	public String serializeJson(Cursor cursor) {
		return cursor.parser.encodeResourceToString(cursor.claim());
	}
}
