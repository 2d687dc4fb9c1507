package org.openrcm.terminology.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Binary snapshots of loaded tables, so that a restart reads one file instead of re-parsing the CMS text files.
 *
 * <p>File layout ({@code <directory>/<kind>-<name>.snapshot}, big-endian):
 * <pre>
 * magic            8 bytes  "ORCMSNAP"
 * container format int      1
 * kind             string   e.g. "ncci-ptp" (int length + UTF-8)
 * format version   int      the codec's payload layout version
 * fingerprint      string   SHA-256 of the source files the table was built from
 * payload          ...      written by the codec
 * payload length   long     bytes from the end of the fingerprint to the start of this field
 * checksum         long     CRC-32C of the payload
 * </pre>
 * A snapshot is used only when every header field matches and the checksum is right; otherwise it is ignored (the
 * reason is logged) and the caller rebuilds it. Files are written to a temporary file in the same directory, forced
 * to disk and then moved into place atomically, so a crash never leaves a half-written snapshot under the real name.
 */
public final class SnapshotCache {

	private static final System.Logger LOG = System.getLogger(SnapshotCache.class.getName());
	private static final byte[] MAGIC = "ORCMSNAP".getBytes(StandardCharsets.US_ASCII);
	private static final int CONTAINER_FORMAT = 1;

	private final Path directory;

	/** @param directory where snapshots live; created on the first write */
	public SnapshotCache(Path directory) {
		this.directory = directory;
	}

	public Path directory() {
		return directory;
	}

	/** The file a snapshot of this kind and name is kept in. */
	public Path file(SnapshotCodec<?> codec, String name) {
		return directory.resolve(codec.kind() + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".snapshot");
	}

	/**
	 * The snapshot's table when it exists, matches {@code fingerprint} and the codec's format and is intact;
	 * otherwise empty, with the reason logged at INFO.
	 */
	public <T> Optional<T> read(SnapshotCodec<T> codec, String name, String fingerprint) {
		Path file = file(codec, name);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(decode(codec, fingerprint, ByteBuffer.wrap(Files.readAllBytes(file))));
		} catch (IOException | RuntimeException e) {
			LOG.log(Level.INFO, "ignoring snapshot {0}: {1}", file, e.getMessage());
			return Optional.empty();
		}
	}

	/** Writes the table's snapshot atomically, replacing any older one. */
	public <T> Path write(SnapshotCodec<T> codec, String name, String fingerprint, T value) throws IOException {
		Files.createDirectories(directory);
		Path target = file(codec, name);
		Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
				SnapshotOutput header = new SnapshotOutput(raw);
				raw.write(MAGIC);
				header.writeInt(CONTAINER_FORMAT);
				header.writeString(codec.kind());
				header.writeInt(codec.formatVersion());
				header.writeString(fingerprint);
				header.flush();
				CountingCheckedStream payload = new CountingCheckedStream(raw);
				SnapshotOutput out = new SnapshotOutput(payload);
				codec.write(value, out);
				out.flush();
				SnapshotOutput trailer = new SnapshotOutput(raw);
				trailer.writeLong(payload.count);
				trailer.writeLong(payload.getChecksum().getValue());
				trailer.flush();
				raw.flush();
				channel.force(true);
			}
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		} finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * The table from its snapshot when that is usable, else built by {@code build} and then written as the new
	 * snapshot.
	 */
	public <T> Loaded<T> load(SnapshotCodec<T> codec, String name, String fingerprint, Build<T> build) throws IOException {
		Optional<T> cached = read(codec, name, fingerprint);
		if (cached.isPresent()) {
			return new Loaded<>(cached.get(), true);
		}
		T value = build.build();
		write(codec, name, fingerprint, value);
		return new Loaded<>(value, false);
	}

	private static <T> T decode(SnapshotCodec<T> codec, String fingerprint, ByteBuffer file) {
		byte[] magic = new byte[MAGIC.length];
		file.get(magic);
		if (!Arrays.equals(magic, MAGIC)) {
			throw new IllegalStateException("not a snapshot file");
		}
		int container = file.getInt();
		if (container != CONTAINER_FORMAT) {
			throw new IllegalStateException("container format " + container + ", expected " + CONTAINER_FORMAT);
		}
		SnapshotInput header = new SnapshotInput(file);
		String kind = header.readString();
		if (!codec.kind().equals(kind)) {
			throw new IllegalStateException("holds " + kind + ", expected " + codec.kind());
		}
		int format = header.readInt();
		if (format != codec.formatVersion()) {
			throw new IllegalStateException("format version " + format + ", expected " + codec.formatVersion());
		}
		String storedFingerprint = header.readString();
		if (!fingerprint.equals(storedFingerprint)) {
			throw new IllegalStateException("stale: built from other source files");
		}
		int payloadStart = file.position();
		int trailerStart = file.limit() - 2 * Long.BYTES;
		if (trailerStart < payloadStart) {
			throw new IllegalStateException("truncated");
		}
		long length = file.getLong(trailerStart);
		long checksum = file.getLong(trailerStart + Long.BYTES);
		if (length != trailerStart - payloadStart) {
			throw new IllegalStateException("truncated: payload length " + length + " does not match the file");
		}
		CRC32C crc = new CRC32C();
		crc.update(file.array(), payloadStart, (int) length);
		if (crc.getValue() != checksum) {
			throw new IllegalStateException("checksum mismatch");
		}
		ByteBuffer payload = ByteBuffer.wrap(file.array(), payloadStart, (int) length).slice();
		SnapshotInput in = new SnapshotInput(payload);
		T value = codec.read(in);
		if (!in.exhausted()) {
			throw new IllegalStateException("payload has trailing bytes");
		}
		return value;
	}

	/**
	 * SHA-256 over the names and bytes of the source files, hex-encoded: the identity a snapshot is checked against.
	 */
	public static String fingerprint(Path... sources) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		byte[] buffer = new byte[1 << 16];
		for (Path source : sources) {
			digest.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
			try (InputStream in = Files.newInputStream(source)) {
				for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
					digest.update(buffer, 0, n);
				}
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Builds a table from its source files. */
	@FunctionalInterface
	public interface Build<T> {
		T build() throws IOException;
	}

	/**
	 * @param value the table
	 * @param fromSnapshot whether it came from the snapshot (else it was built and the snapshot rewritten)
	 */
	public record Loaded<T>(T value, boolean fromSnapshot) {}

	private static final class CountingCheckedStream extends CheckedOutputStream {
		long count;

		CountingCheckedStream(OutputStream out) {
			super(out, new CRC32C());
		}

		@Override
		public void write(int b) throws IOException {
			super.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			super.write(b, off, len);
			count += len;
		}
	}
}
