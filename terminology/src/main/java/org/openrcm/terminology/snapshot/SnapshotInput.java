package org.openrcm.terminology.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads what {@link SnapshotOutput} wrote, from a payload already checked against its checksum. */
public final class SnapshotInput {

	private final ByteBuffer in;

	SnapshotInput(ByteBuffer in) {
		this.in = in;
	}

	public int readInt() {
		return in.getInt();
	}

	public long readLong() {
		return in.getLong();
	}

	public boolean readBoolean() {
		return in.get() != 0;
	}

	public String readString() {
		int length = in.getInt();
		if (length < 0) {
			return null;
		}
		String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
		in.position(in.position() + length);
		return value;
	}

	public byte[] readBytes() {
		byte[] values = new byte[length(1)];
		in.get(values);
		return values;
	}

	public int[] readInts() {
		int[] values = new int[length(Integer.BYTES)];
		in.asIntBuffer().get(values);
		in.position(in.position() + values.length * Integer.BYTES);
		return values;
	}

	public char[] readChars() {
		char[] values = new char[length(Character.BYTES)];
		in.asCharBuffer().get(values);
		in.position(in.position() + values.length * Character.BYTES);
		return values;
	}

	public long[] readLongs() {
		long[] values = new long[length(Long.BYTES)];
		in.asLongBuffer().get(values);
		in.position(in.position() + values.length * Long.BYTES);
		return values;
	}

	private int length(int elementSize) {
		int length = in.getInt();
		if (length < 0 || (long) length * elementSize > in.remaining()) {
			throw new IllegalStateException("array length " + length + " runs past the end of the snapshot");
		}
		return length;
	}

	/** Whether the whole payload has been read; a codec checks this to catch a truncated or padded payload. */
	public boolean exhausted() {
		return !in.hasRemaining();
	}
}
