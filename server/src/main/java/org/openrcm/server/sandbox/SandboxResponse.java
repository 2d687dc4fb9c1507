package org.openrcm.server.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the sandbox answers to one submitted file: the files to drop into the submitter's inbound folder, in the
 * order a real clearinghouse would deliver them (per interchange the 999 first, then the 277CA), and the problems
 * that kept it from answering some or all of the file.
 *
 * @param files the answer files in delivery order; empty when nothing in the file could be answered
 * @param problems why parts of the file (or all of it) got no answer, e.g. no ISA interchange header; empty when
 *     everything was answered
 */
public record SandboxResponse(List<ResponseFile> files, List<Problem> problems) {

	public SandboxResponse {
		files = List.copyOf(files);
		problems = List.copyOf(problems);
	}

	/** No answer at all, and why. */
	static SandboxResponse unanswered(Problem problem) {
		return new SandboxResponse(List.of(), List.of(problem));
	}

	/** The problems in one sentence, e.g. {@code "SANDBOX-NOT-X12: claims.txt has no ..."}; empty when none. */
	public Optional<String> reason() {
		return problems.isEmpty() ? Optional.empty()
				: Optional.of(String.join("; ", problems.stream().map(Problem::toString).toList()));
	}

	/**
	 * Why (part of) a file got no answer.
	 *
	 * @param code a stable code support staff can search for: {@code SANDBOX-NOT-X12} (no readable ISA header),
	 *     {@code SANDBOX-NO-ADDRESS} (the ISA names no sender or receiver), {@code SANDBOX-NO-GROUP} (transaction sets
	 *     outside a functional group, a GS06 that is not a number, or no group at all), {@code SANDBOX-WRITE} (an
	 *     answer could not be written as valid X12)
	 * @param message the detail in words
	 */
	public record Problem(String code, String message) {

		static final String NOT_X12 = "SANDBOX-NOT-X12";
		static final String NO_ADDRESS = "SANDBOX-NO-ADDRESS";
		static final String NO_GROUP = "SANDBOX-NO-GROUP";
		static final String WRITE = "SANDBOX-WRITE";

		@Override
		public String toString() {
			return code + ": " + message;
		}
	}

	/**
	 * One answer file.
	 *
	 * @param name the file name, e.g. {@code claims-0618.000000101.999}: the submitted name without its directory
	 *     and last extension, the submitted interchange's control number (ISA13), and {@code 999} or {@code 277}
	 * @param content the X12 interchange, ASCII
	 */
	public record ResponseFile(String name, byte[] content) {

		public ResponseFile {
			content = content.clone();
		}

		@Override
		public byte[] content() {
			return content.clone();
		}

		/** The content as text. */
		public String text() {
			return new String(content, StandardCharsets.UTF_8);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ResponseFile file && name.equals(file.name)
					&& Arrays.equals(content, file.content);
		}

		@Override
		public int hashCode() {
			return name.hashCode() * 31 + Arrays.hashCode(content);
		}

		@Override
		public String toString() {
			return name + " (" + content.length + " bytes)";
		}
	}
}
