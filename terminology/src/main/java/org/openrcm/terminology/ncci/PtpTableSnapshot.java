package org.openrcm.terminology.ncci;

import java.io.IOException;
import org.openrcm.terminology.snapshot.SnapshotCodec;
import org.openrcm.terminology.snapshot.SnapshotInput;
import org.openrcm.terminology.snapshot.SnapshotOutput;

/**
 * Writes a {@link PtpTable}'s arrays as they are, so a restart reads the 2.5-million-row table in a fraction of a
 * second instead of parsing the CMS text again. Payload (format 1): year, quarter, code keys, column-one starts,
 * column-two numbers, effective days, deletion days, indicators, rationale numbers, rationale texts.
 */
public final class PtpTableSnapshot implements SnapshotCodec<PtpTable> {

	@Override
	public String kind() {
		return "ncci-ptp";
	}

	@Override
	public int formatVersion() {
		return 1;
	}

	@Override
	public void write(PtpTable table, SnapshotOutput out) throws IOException {
		out.writeInt(table.quarter().year());
		out.writeInt(table.quarter().quarter());
		out.writeInts(table.codeKeys());
		out.writeInts(table.column1Start());
		out.writeChars(table.column2());
		out.writeInts(table.effective());
		out.writeInts(table.deletion());
		out.writeBytes(table.indicator());
		out.writeBytes(table.rationale());
		out.writeInt(table.rationales().length);
		for (String rationale : table.rationales()) {
			out.writeString(rationale);
		}
	}

	@Override
	public PtpTable read(SnapshotInput in) {
		NcciQuarter quarter = new NcciQuarter(in.readInt(), in.readInt());
		int[] codeKeys = in.readInts();
		int[] column1Start = in.readInts();
		char[] column2 = in.readChars();
		int[] effective = in.readInts();
		int[] deletion = in.readInts();
		byte[] indicator = in.readBytes();
		byte[] rationale = in.readBytes();
		String[] rationales = new String[in.readInt()];
		for (int i = 0; i < rationales.length; i++) {
			rationales[i] = in.readString();
		}
		int rows = column2.length;
		if (column1Start.length != codeKeys.length + 1 || column1Start[codeKeys.length] != rows || effective.length != rows
				|| deletion.length != rows || indicator.length != rows || rationale.length != rows) {
			throw new IllegalStateException("PTP snapshot arrays disagree in length");
		}
		return new PtpTable(quarter, codeKeys, column1Start, column2, effective, deletion, indicator, rationale, rationales);
	}
}
