package org.openrcm.server.clearinghouse;

import java.util.List;
import java.util.Locale;

/** The file names a channel accepts and lists, as {@link ClearinghouseChannel} describes them. */
final class ChannelFileNames {

	/** The suffix a file has while it is being uploaded. */
	static final String PART = ".part";

	/** Suffixes of files that are still being written: ours, WinSCP's, and common others. */
	private static final List<String> TEMPORARY = List.of(PART, ".tmp", ".temp", ".filepart", ".partial");

	private ChannelFileNames() {
	}

	/** Whether a file of this name is a complete file a receiver should pick up. */
	static boolean isComplete(String name) {
		return problem(name) == null;
	}

	/**
	 * @return the name
	 * @throws IllegalArgumentException when it is not a plain, visible, complete file name
	 */
	static String require(String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new IllegalArgumentException("not a clearinghouse file name: " + problem);
		}
		return name;
	}

	private static String problem(String name) {
		if (name == null || name.isEmpty()) {
			return "the name is empty";
		}
		if (name.length() > 255) {
			return "the name is longer than 255 characters";
		}
		if (name.startsWith(".")) {
			return "'" + name + "' is hidden (starts with a dot)";
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
				return "'" + name.replaceAll("\\p{Cntrl}", "?") + "' holds a path separator or control character";
			}
		}
		String lower = name.toLowerCase(Locale.ROOT);
		for (String suffix : TEMPORARY) {
			if (lower.endsWith(suffix)) {
				return "'" + name + "' ends with " + suffix + " (a file still being written)";
			}
		}
		return null;
	}
}
