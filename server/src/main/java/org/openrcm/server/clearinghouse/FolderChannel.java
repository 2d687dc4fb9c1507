package org.openrcm.server.clearinghouse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A clearinghouse channel over a local or mounted folder ({@code channel.type=folder}): the clearinghouse's own
 * transfer agent, or a shared drive, moves the files from there.
 *
 * <p>The folder itself must exist: a missing folder is reported as an {@link IOException} on every call rather
 * than created, because it is most often a share that is not mounted (files written beneath an empty mount point
 * would never reach the clearinghouse). The three directories inside it are created when missing.
 *
 * <p>An upload is written to {@code name.part}, forced to disk, and renamed atomically; on a file system that
 * cannot rename atomically (some network shares) the rename is a plain one, still after the content is complete.
 */
public final class FolderChannel implements ClearinghouseChannel {

	private final Path folder;
	private final ChannelDirectories directories;

	/**
	 * @param folder the folder the directories are in
	 * @param directories the outbound, inbound and archive directories, relative to the folder
	 */
	public FolderChannel(Path folder, ChannelDirectories directories) {
		this.folder = folder.toAbsolutePath().normalize();
		this.directories = directories;
	}

	@Override
	public synchronized boolean upload(String name, byte[] content) throws IOException {
		ChannelFileNames.require(name);
		Path outbound = directory(directories.outbound());
		Path target = outbound.resolve(name);
		if (alreadyThere(target, content.length)) {
			return false;
		}
		Path part = outbound.resolve(name + ChannelFileNames.PART);
		try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				file.write(buffer);
			}
			file.force(true);
		}
		if (alreadyThere(target, content.length)) {
			Files.deleteIfExists(part);
			return false;
		}
		try {
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(part, target);
		}
		return true;
	}

	@Override
	public synchronized List<String> listInbound() throws IOException {
		Path inbound = directory(directories.inbound());
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.list(inbound)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String name = file.getFileName().toString();
				if (ChannelFileNames.isComplete(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					names.add(name);
				}
			}
		}
		names.sort(null);
		return names;
	}

	@Override
	public synchronized byte[] fetch(String name) throws IOException {
		ChannelFileNames.require(name);
		return Files.readAllBytes(directory(directories.inbound()).resolve(name));
	}

	@Override
	public synchronized void remove(String name) throws IOException {
		ChannelFileNames.require(name);
		Path file = directory(directories.inbound()).resolve(name);
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (!directories.archives()) {
			Files.deleteIfExists(file);
			return;
		}
		Path archive = directory(directories.archive());
		for (int n = 0; n < 10_000; n++) {
			Path target = archive.resolve(n == 0 ? name : name + "." + n);
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				continue;
			}
			try {
				Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
				return;
			} catch (AtomicMoveNotSupportedException e) {
				try {
					Files.move(file, target);
					return;
				} catch (FileAlreadyExistsException taken) {
					// another name then
				}
			}
		}
		throw new IOException("the archive directory already holds 10000 files named " + name + "[.n]");
	}

	@Override
	public String describe() {
		return "folder " + folder + " (outbound=" + directories.outbound() + ", inbound=" + directories.inbound()
				+ ", archive=" + (directories.archives() ? directories.archive() : "none, files are deleted") + ")";
	}

	@Override
	public String toString() {
		return describe();
	}

	/** Nothing to release. */
	@Override
	public void close() {
	}

	private Path directory(String directory) throws IOException {
		if (!Files.isDirectory(folder)) {
			throw new IOException("the clearinghouse folder " + folder + " does not exist or is not a directory"
					+ " (is the share mounted?)");
		}
		Path path = folder.resolve(directory);
		if (!Files.isDirectory(path)) {
			Files.createDirectories(path);
		}
		return path;
	}

	private static boolean alreadyThere(Path target, long size) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (NoSuchFileException e) {
			return false;
		}
		if (attributes.isRegularFile() && attributes.size() == size) {
			return true;
		}
		throw new FileAlreadyExistsException(target.toString(), null, "a different file of that name ("
				+ attributes.size() + " bytes, this one " + size + ") is already in the outbound directory;"
				+ " it is not overwritten");
	}
}
