package org.openrcm.benchmark.terminology;

import java.io.IOException;
import java.time.LocalDate;
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
import org.openrcm.terminology.CodeSetVersions;
import org.openrcm.terminology.icd10cm.Icd10CmCode;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * ICD-10-CM validity on a date of service against the full FY2024 release (97,296 codes): the release for the date
 * is resolved, the code looked up (dotted, as claims carry it) and a {@code CodeValidation} built. Codes asked: nine
 * in ten from the release (headers and billable), one in ten unknown; dates spread over FY2024 and 2025 (so some
 * answers carry the "code set older than date" warning). One operation is one validation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class Icd10CmValidityBenchmark {

	static final int BATCH = 4096;

	private CodeSetVersions<Icd10CmCodeSet> versions;
	private Icd10CmCodeSet release;
	private String[] codes;
	private LocalDate[] dates;

	@Setup
	public void load() throws IOException {
		release = SharedData.icd10Cm();
		versions = CodeSetVersions.<Icd10CmCodeSet>empty(Icd10CmCodeSet.SYSTEM).with(release);
		List<Icd10CmCode> all = release.codes();
		Random random = new Random(11);
		codes = new String[BATCH];
		dates = new LocalDate[BATCH];
		for (int i = 0; i < BATCH; i++) {
			codes[i] = i % 10 == 9 ? "Z" + random.nextInt(10) + random.nextInt(10) + ".9Q" : all.get(random.nextInt(all.size())).code();
			dates[i] = LocalDate.of(2024, 4, 1).plusDays(random.nextInt(400));
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void validateOnDate(Blackhole blackhole) {
		for (int i = 0; i < BATCH; i++) {
			blackhole.consume(versions.validate(codes[i], dates[i]));
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void lookup(Blackhole blackhole) {
		for (int i = 0; i < BATCH; i++) {
			blackhole.consume(release.get(codes[i]));
		}
	}
}
