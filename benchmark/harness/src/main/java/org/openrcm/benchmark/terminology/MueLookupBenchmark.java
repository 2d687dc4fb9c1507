package org.openrcm.benchmark.terminology;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.NcciCodes;

/**
 * MUE lookups against the full 2024Q3 practitioner table (14,677 codes); three in four codes asked have an MUE.
 * One operation is one lookup: {@code byKey} is the allocation-free unit limit, {@code byCode} builds the
 * {@code MueEdit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class MueLookupBenchmark {

	static final int BATCH = 4096;

	private MueTable table;
	private String[] codes;
	private int[] keys;

	@Setup
	public void load() throws IOException {
		table = SharedData.mue();
		List<String> known = table.codes();
		Random random = new Random(7);
		codes = new String[BATCH];
		keys = new int[BATCH];
		for (int i = 0; i < BATCH; i++) {
			codes[i] = i % 4 == 3 ? String.format("%05d", random.nextInt(100_000)) : known.get(random.nextInt(known.size()));
			keys[i] = NcciCodes.encode(codes[i]);
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void byKey(Blackhole blackhole) {
		int sum = 0;
		for (int i = 0; i < BATCH; i++) {
			sum += table.maximumUnits(keys[i]);
		}
		blackhole.consume(sum);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void byCode(Blackhole blackhole) {
		for (int i = 0; i < BATCH; i++) {
			blackhole.consume(table.edit(codes[i]));
		}
	}
}
