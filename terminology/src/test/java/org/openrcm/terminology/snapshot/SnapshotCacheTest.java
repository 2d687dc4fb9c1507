package org.openrcm.terminology.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCacheTest {

	/** A codec for a table of ints and a label, standing in for the real tables. */
	private static final class NumbersCodec implements SnapshotCodec<Numbers> {
		private final int format;

		NumbersCodec(int format) {
			this.format = format;
		}

		@Override
		public String kind() {
			return "numbers";
		}

		@Override
		public int formatVersion() {
			return format;
		}

		@Override
		public void write(Numbers value, SnapshotOutput out) throws IOException {
			out.writeString(value.label());
			out.writeInts(value.values());
			out.writeChars(new char[] {'a', 'b'});
			out.writeLongs(new long[] {Long.MAX_VALUE});
		}

		@Override
		public Numbers read(SnapshotInput in) {
			Numbers numbers = new Numbers(in.readString(), in.readInts());
			assertThat(in.readChars()).containsExactly('a', 'b');
			assertThat(in.readLongs()).containsExactly(Long.MAX_VALUE);
			return numbers;
		}
	}

	private record Numbers(String label, int[] values) {}

	@TempDir
	Path directory;

	private final Numbers table = new Numbers("2024Q3 ünïcode", new int[] {1, 2, 3, 200_000});
	private final AtomicInteger builds = new AtomicInteger();

	private SnapshotCache.Loaded<Numbers> load(SnapshotCodec<Numbers> codec, String fingerprint) throws IOException {
		return new SnapshotCache(directory).load(codec, "2024Q3", fingerprint, () -> {
			builds.incrementAndGet();
			return table;
		});
	}

	@Test
	void buildsOnceThenReadsTheSnapshot() throws IOException {
		SnapshotCache.Loaded<Numbers> first = load(new NumbersCodec(1), "abc");
		SnapshotCache.Loaded<Numbers> second = load(new NumbersCodec(1), "abc");

		assertThat(first.fromSnapshot()).isFalse();
		assertThat(second.fromSnapshot()).isTrue();
		assertThat(second.value().label()).isEqualTo(table.label());
		assertThat(second.value().values()).containsExactly(table.values());
		assertThat(builds).hasValue(1);
		try (var files = Files.list(directory)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("numbers-2024Q3.snapshot");
		}
	}

	@Test
	void aStaleSnapshotIsIgnoredAndRebuilt() throws IOException {
		load(new NumbersCodec(1), "abc");

		assertThat(load(new NumbersCodec(1), "other source files").fromSnapshot()).isFalse();
		assertThat(load(new NumbersCodec(2), "other source files").fromSnapshot()).as("new payload format").isFalse();
		assertThat(load(new NumbersCodec(2), "other source files").fromSnapshot()).isTrue();
		assertThat(builds).hasValue(3);
	}

	@Test
	void aCorruptSnapshotIsIgnoredAndRebuilt() throws IOException {
		load(new NumbersCodec(1), "abc");
		Path file = new SnapshotCache(directory).file(new NumbersCodec(1), "2024Q3");
		try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
			raw.seek(raw.length() - 30);
			int b = raw.read();
			raw.seek(raw.length() - 30);
			raw.write(b ^ 0xFF);
		}

		assertThat(new SnapshotCache(directory).read(new NumbersCodec(1), "2024Q3", "abc")).isEmpty();
		assertThat(load(new NumbersCodec(1), "abc").fromSnapshot()).isFalse();
		assertThat(load(new NumbersCodec(1), "abc").fromSnapshot()).isTrue();
	}

	@Test
	void aTruncatedOrForeignFileIsIgnored() throws IOException {
		load(new NumbersCodec(1), "abc");
		Path file = new SnapshotCache(directory).file(new NumbersCodec(1), "2024Q3");
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));

		assertThat(new SnapshotCache(directory).read(new NumbersCodec(1), "2024Q3", "abc")).isEmpty();
		Files.writeString(file, "not a snapshot at all");
		assertThat(new SnapshotCache(directory).read(new NumbersCodec(1), "2024Q3", "abc")).isEmpty();
	}

	@Test
	void fingerprintsChangeWithTheContentOfTheSources() throws IOException {
		Path source = directory.resolve("ptp.csv");
		Files.writeString(source, "column_1,column_2\n");
		String before = SnapshotCache.fingerprint(source);
		Files.writeString(source, "column_1,column_2\n11042,97597\n");

		assertThat(SnapshotCache.fingerprint(source)).isNotEqualTo(before).hasSize(64);
	}
}
