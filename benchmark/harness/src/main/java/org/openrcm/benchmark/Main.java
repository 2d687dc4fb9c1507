package org.openrcm.benchmark;

import java.util.Arrays;
import org.openrcm.benchmark.server.ServerBenchmark;
import org.openrcm.benchmark.server.TerminologyServerBenchmark;

/**
 * Entry point of {@code openrcm-benchmarks.jar}.
 *
 * <ul>
 *   <li>{@code server [options]}: OpenRCM against plain HAPI JPA over HTTP ({@link ServerBenchmark});</li>
 *   <li>{@code terminology [options]}: the terminology operations over HTTP on the full shared code sets
 *       ({@link TerminologyServerBenchmark});</li>
 *   <li>anything else: the JMH micro-benchmarks with JMH's own command line ({@code -h} lists the options).</li>
 * </ul>
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("server")) {
			ServerBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("terminology")) {
			TerminologyServerBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		org.openjdk.jmh.Main.main(args);
	}
}
