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
public record SandboxResponse(List<ResponseFile> files, List<String> problems) {

	public SandboxResponse {
		files = List.copyOf(files);
		problems = List.copyOf(problems);
	}

	/** No answer at all, and why. */
	static SandboxResponse unanswered(String reason) {
		return new SandboxResponse(List.of(), List.of(reason));
	}

	/** The problems in one sentence; empty when there were none. */
	public Optional<String> reason() {
		return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
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
