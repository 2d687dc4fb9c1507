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
import org.openrcm.terminology.ncci.PtpTable;

/**
 * NCCI PTP pair lookups against the full 2024Q3 practitioner table (2.5 million rows): half the pairs are edits
 * picked from the table, half are random pairs of its codes (mostly not edits), as a claim scrubber sees them. One
 * operation is one lookup. {@code byNumber} is the scrubber's path (codes numbered once per claim, no allocation);
 * {@code byCode} looks up two code strings and builds the {@code PtpEdit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class NcciPtpLookupBenchmark {

	static final int BATCH = 4096;

	private PtpTable table;
	private int[] column1;
	private int[] column2;
	private String[] codes1;
	private String[] codes2;
	private final int day = (int) SharedData.DATE_OF_SERVICE.toEpochDay();

	@Setup
	public void load() throws IOException {
		table = SharedData.ptp();
		List<String> codes = table.codes();
		Random random = new Random(42);
		column1 = new int[BATCH];
		column2 = new int[BATCH];
		codes1 = new String[BATCH];
		codes2 = new String[BATCH];
		for (int i = 0; i < BATCH; i++) {
			String first = codes.get(random.nextInt(codes.size()));
			String second = codes.get(random.nextInt(codes.size()));
			while (i % 2 == 1 && !isEdit(first, second)) {
				first = codes.get(random.nextInt(codes.size()));
				for (int attempt = 0; attempt < 300 && !isEdit(first, second); attempt++) {
					second = codes.get(random.nextInt(codes.size()));
				}
			}
			codes1[i] = first;
			codes2[i] = second;
			column1[i] = table.codeNumber(first);
			column2[i] = table.codeNumber(second);
		}
	}

	private boolean isEdit(String first, String second) {
		return table.modifierIndicator(table.codeNumber(first), table.codeNumber(second), day) >= 0;
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void byNumber(Blackhole blackhole) {
		int sum = 0;
		for (int i = 0; i < BATCH; i++) {
			sum += table.modifierIndicator(column1[i], column2[i], day);
		}
		blackhole.consume(sum);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void byCode(Blackhole blackhole) {
		for (int i = 0; i < BATCH; i++) {
			blackhole.consume(table.edit(codes1[i], codes2[i], SharedData.DATE_OF_SERVICE));
		}
	}
}
