package org.openrcm.terminology.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openrcm.terminology.snapshot.SnapshotCache;
import org.openrcm.terminology.snapshot.SnapshotCodec;

/** Writes a table to a snapshot in a temporary folder and reads it back, as a restart would. */
public final class Snapshots {

	private Snapshots() {}

	public static <T> T roundTrip(SnapshotCodec<T> codec, T value) {
		try {
			Path directory = Files.createTempDirectory("snapshot-test");
			try {
				SnapshotCache cache = new SnapshotCache(directory);
				cache.write(codec, "test", "fingerprint", value);
				return cache.read(codec, "test", "fingerprint")
						.orElseThrow(() -> new AssertionError("the snapshot just written could not be read"));
			} finally {
				try (Stream<Path> files = Files.walk(directory)) {
					for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(file);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
