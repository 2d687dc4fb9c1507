package org.openrcm.terminology.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload side of a snapshot file: big-endian primitives, length-prefixed arrays and UTF-8 strings. Arrays are
 * converted in one bulk copy (a temporary buffer the size of the array), so a table of millions of entries is
 * written in well under a second.
 */
public final class SnapshotOutput {

	private final DataOutputStream out;

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
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES);
		bytes.asIntBuffer().put(values);
		writeArray(bytes.array(), values.length);
	}

	public void writeChars(char[] values) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Character.BYTES);
		bytes.asCharBuffer().put(values);
		writeArray(bytes.array(), values.length);
	}

	public void writeLongs(long[] values) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
		bytes.asLongBuffer().put(values);
		writeArray(bytes.array(), values.length);
	}

	/** An array's element count, then its bytes in big-endian order. */
	private void writeArray(byte[] bytes, int length) throws IOException {
		out.writeInt(length);
		out.write(bytes);
	}

	void flush() throws IOException {
		out.flush();
	}
}
