package org.openrcm.terminology.snapshot;

import java.io.IOException;

/**
 * Writes one kind of table to a snapshot payload and reads it back. Bump {@link #formatVersion()} whenever the
 * payload layout or the meaning of its content changes: snapshots written with another version are ignored and
 * rebuilt from the source files.
 *
 * @param <T> the table type
 */
public interface SnapshotCodec<T> {

	/** A short stable name, e.g. {@code ncci-ptp}; part of the snapshot file name and checked on read. */
	String kind();

	/** The payload layout version. */
	int formatVersion();

	void write(T value, SnapshotOutput out) throws IOException;

	/**
	 * Reads what {@link #write} wrote.
	 *
	 * @throws java.nio.BufferUnderflowException or {@link IllegalStateException} on a payload that does not parse;
	 *         the cache treats both as a corrupt snapshot
	 */
	T read(SnapshotInput in);
}
