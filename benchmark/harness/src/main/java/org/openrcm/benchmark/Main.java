package org.openrcm.benchmark;

import java.util.Arrays;
import org.openrcm.benchmark.server.EligibilityServerBenchmark;
import org.openrcm.benchmark.server.RemitServerBenchmark;
import org.openrcm.benchmark.server.ScrubServerBenchmark;
import org.openrcm.benchmark.server.ServerBenchmark;
import org.openrcm.benchmark.server.SubmitServerBenchmark;
import org.openrcm.benchmark.server.TerminologyServerBenchmark;

/**
 * Entry point of {@code openrcm-benchmarks.jar}; {@code help} prints the commands.
 *
 * <ul>
 *   <li>{@code server [options]}: OpenRCM against plain HAPI JPA over HTTP ({@link ServerBenchmark});</li>
 *   <li>{@code terminology [options]}: the terminology operations over HTTP on the full shared code sets
 *       ({@link TerminologyServerBenchmark});</li>
 *   <li>{@code scrub [options]}: {@code Claim/$scrub} over HTTP with concurrent clients, against a
 *       {@code GET Patient} baseline ({@link ScrubServerBenchmark});</li>
 *   <li>{@code submit [options]}: claim submission end to end: {@code $submit}, the 837 batch uploaded to the payer
 *       sandbox, its 999 and 277CA applied, against plain FHIR writes ({@link SubmitServerBenchmark});</li>
 *   <li>{@code remit [options]}: an 835 written by the payer sandbox posted with {@code $x12-ingest}, against plain
 *       FHIR transactions of the resources the posting wrote ({@link RemitServerBenchmark});</li>
 *   <li>{@code eligibility [options]}: real-time eligibility checks (OpenRCM's time beyond the payer's) and a
 *       {@code $eligibility-batch} through the payer sandbox, against plain FHIR transactions of the request and
 *       response ({@link EligibilityServerBenchmark});</li>
 *   <li>anything else: the JMH micro-benchmarks with JMH's own command line ({@code -h} lists the options), e.g.
 *       {@code ClaimScrubBenchmark} for the claim scrubber in process.</li>
 * </ul>
 */
public final class Main {

	private static final String USAGE = """
			java -jar benchmark/harness/target/openrcm-benchmarks.jar COMMAND, from the project folder, after
			mvn -B -q -DskipTests package (the shared data folder is OPENRCM_SHARED_DATA, else ../shared):

			  server --rounds 3                       OpenRCM against plain HAPI JPA: boot, RSS, write paths
			  terminology --requests 2000             $validate-code and $expand over HTTP on the full code sets
			  scrub --requests 4000 --clients 16      Claim/$scrub over HTTP with concurrent clients, against a
			                                          GET Patient baseline in the same run (--rounds 3)
			  submit --claims 10000 --clients 8       $submit of stored claims, the 837 batch to the payer sandbox,
			                                          its 999/277CA applied; against plain ClaimResponse writes
			  remit --claims 10000 --rounds 3         a sandbox 835 posted with $x12-ingest, against plain FHIR
			                                          transactions of the resources the posting wrote
			  eligibility --checks 1000 --rounds 3    real-time eligibility checks (OpenRCM's time beyond the payer's,
			                                          p95) and an $eligibility-batch through the sandbox; against
			                                          plain FHIR transactions of the requests and responses
			  Claim837Benchmark                       JMH: 837P batches in process, against HAPI JSON serialization
			  ClaimScrubBenchmark                     JMH: the claim scrubber in process on the full NCCI/MUE/add-on/
			                                          MCE tables, 1 and 2 threads, against a HAPI JSON parse
			  org.openrcm.benchmark.terminology       JMH: code-set and NCCI table lookups
			  -h                                      JMH's own options (any other arguments go to JMH)
			""";

	private Main() {}

	public static void main(String[] args) throws Exception {
		String command = args.length > 0 ? args[0] : "";
		String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (command) {
			case "help", "--help" -> System.out.print(USAGE);
			case "server" -> ServerBenchmark.main(rest);
			case "terminology" -> TerminologyServerBenchmark.main(rest);
			case "scrub" -> ScrubServerBenchmark.main(rest);
			case "submit" -> SubmitServerBenchmark.main(rest);
			case "remit" -> RemitServerBenchmark.main(rest);
			case "eligibility" -> EligibilityServerBenchmark.main(rest);
			default -> org.openjdk.jmh.Main.main(args);
		}
	}
}
