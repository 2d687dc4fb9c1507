package org.openrcm.benchmark;

/**
 * Entry point of {@code openrcm-benchmarks.jar}. With no arguments, or with JMH options, it runs the JMH
 * micro-benchmarks (JMH's own command line: {@code -h} lists the options).
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) throws Exception {
		org.openjdk.jmh.Main.main(args);
	}
}
