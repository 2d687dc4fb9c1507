package org.openrcm.server.clearinghouse;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The clearinghouse's side of a connection, seen as files: an outbound directory OpenRCM puts interchanges in, an
 * inbound directory the clearinghouse leaves acknowledgments and remittances in, and an optional archive for
 * inbound files OpenRCM has stored. Implementations: {@link FolderChannel}, {@link SftpChannel}, and
 * {@link RetryingChannel} around either.
 *
 * <p>File names are plain names (no directory, no {@code /} or {@code \}, not {@code .} or {@code ..}), at most 255
 * characters, not hidden (a leading dot) and without a temporary-file suffix ({@code .part}, {@code .tmp},
 * {@code .filepart}, {@code .partial}): those are the files a receiver skips. A method given another name throws
 * {@link IllegalArgumentException}.
 *
 * <p>Implementations are safe for use by several threads.
 */
public interface ClearinghouseChannel extends Closeable {

	/**
	 * Puts a file in the outbound directory under exactly this name, atomically: the content is written under a
	 * temporary name ({@code name.part}) and then renamed, so the receiver never reads half a file.
	 *
	 * <p>Idempotent: when a file of that name is already there with the same size, nothing is uploaded (the outbox
	 * sends again after a crash and relies on this). A file of that name with another size is never overwritten.
	 *
	 * @param name the file name
	 * @param content the whole file
	 * @return true when the file was uploaded, false when it was already there
	 * @throws java.nio.file.FileAlreadyExistsException when a different file (another size) has that name
	 * @throws IOException when the file could not be put there
	 */
	boolean upload(String name, byte[] content) throws IOException;

	/**
	 * The files waiting in the inbound directory: complete regular files only (no directories, links, hidden or
	 * temporary files), sorted by name.
	 */
	List<String> listInbound() throws IOException;

	/**
	 * The content of a file in the inbound directory.
	 *
	 * @throws java.nio.file.NoSuchFileException when there is no such file
	 */
	byte[] fetch(String name) throws IOException;

	/**
	 * Takes a file out of the inbound directory once the caller has stored it durably: moves it to the archive
	 * directory when one is configured (under another name, {@code name.1}, {@code name.2}, ..., when the archive
	 * already holds that name), else deletes it. Removing a file that is no longer there does nothing, so a caller
	 * may repeat it after a crash.
	 */
	void remove(String name) throws IOException;

	/**
	 * Where the files go, for logs and the health endpoint: type, host, port, user and directories. Never a secret.
	 */
	String describe();
}
