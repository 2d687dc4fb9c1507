package org.openrcm.terminology.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload side of a snapshot file: big-endian primitives, length-prefixed arrays and UTF-8 strings. Arrays are
 * written in bulk, so a table of millions of entries is written in well under a second.
 */
public final class SnapshotOutput {

	private static final int CHUNK = 1 << 16;

	private final DataOutputStream out;
	private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

	SnapshotOutput(OutputStream out) {
		this.out = new DataOutputStream(out);
	}

	public void writeInt(int value) throws IOException {
		out.writeInt(value);
	}

	public void writeLong(long value) throws IOException {
		out.writeLong(value);
	}

	public void writeBoolean(boolean value) throws IOException {
		out.writeBoolean(value);
	}

	/** A string of any length (UTF-8, length-prefixed); {@code null} is written as length -1. */
	public void writeString(String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	public void writeBytes(byte[] values) throws IOException {
		out.writeInt(values.length);
		out.write(values);
	}

	public void writeInts(int[] values) throws IOException {
		out.writeInt(values.length);
		int i = 0;
		while (i < values.length) {
			int n = Math.min(CHUNK / Integer.BYTES, values.length - i);
			chunk.clear();
			chunk.asIntBuffer().put(values, i, n);
			out.write(chunk.array(), 0, n * Integer.BYTES);
			i += n;
		}
	}

	public void writeChars(char[] values) throws IOException {
		out.writeInt(values.length);
		int i = 0;
		while (i < values.length) {
			int n = Math.min(CHUNK / Character.BYTES, values.length - i);
			chunk.clear();
			chunk.asCharBuffer().put(values, i, n);
			out.write(chunk.array(), 0, n * Character.BYTES);
			i += n;
		}
	}

	public void writeLongs(long[] values) throws IOException {
		out.writeInt(values.length);
		int i = 0;
		while (i < values.length) {
			int n = Math.min(CHUNK / Long.BYTES, values.length - i);
			chunk.clear();
			chunk.asLongBuffer().put(values, i, n);
			out.write(chunk.array(), 0, n * Long.BYTES);
			i += n;
		}
	}

	void flush() throws IOException {
		out.flush();
	}
}
