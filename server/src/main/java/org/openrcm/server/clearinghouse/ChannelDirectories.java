package org.openrcm.server.clearinghouse;

import java.util.Objects;

/**
 * The three directories of a clearinghouse channel, each relative to the channel's base (a folder, or the SFTP
 * login directory) unless it starts with {@code /}; {@code /} separates segments on every platform.
 *
 * @param outbound where OpenRCM puts files for the clearinghouse; empty means the base itself
 * @param inbound where the clearinghouse leaves files for OpenRCM; empty means the base itself
 * @param archive where {@link ClearinghouseChannel#remove} moves a stored inbound file; empty means it is deleted
 */
public record ChannelDirectories(String outbound, String inbound, String archive) {

	/**
	 * @throws IllegalArgumentException when a directory has a {@code ..} segment, a backslash or a control character,
	 *                                  or when inbound is the outbound or archive directory
	 */
	public ChannelDirectories {
		check("outbound", outbound);
		check("inbound", inbound);
		check("archive", archive);
		if (normalized(inbound).equals(normalized(outbound))) {
			throw new IllegalArgumentException("the inbound and outbound directories are the same ('" + inbound
					+ "'): OpenRCM would read its own files back as responses");
		}
		if (!archive.isEmpty() && normalized(archive).equals(normalized(inbound))) {
			throw new IllegalArgumentException("the archive directory is the inbound directory ('" + inbound + "')");
		}
	}

	/** {@code outbound}, {@code inbound} and {@code archive}. */
	public static ChannelDirectories defaults() {
		return new ChannelDirectories("outbound", "inbound", "archive");
	}

	/** Whether stored inbound files are archived (rather than deleted). */
	public boolean archives() {
		return !archive.isEmpty();
	}

	/**
	 * The path of a file in a directory, with {@code /} separators.
	 *
	 * @param directory one of the three directories
	 * @param name a file name
	 */
	static String join(String directory, String name) {
		if (directory.isEmpty()) {
			return name;
		}
		return directory.endsWith("/") ? directory + name : directory + "/" + name;
	}

	private static void check(String which, String directory) {
		Objects.requireNonNull(directory, which);
		if (!directory.matches(ChannelProperties.DIRECTORY)) {
			throw new IllegalArgumentException("the " + which + " directory '" + directory
					+ "' must not contain '..', a backslash or a control character");
		}
	}

	private static String normalized(String directory) {
		String trimmed = directory.replaceAll("/+", "/");
		while (trimmed.startsWith("./")) {
			trimmed = trimmed.substring(2);
		}
		return trimmed.endsWith("/") && trimmed.length() > 1 ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}
}
