package org.openrcm.terminology.ncci;

import java.io.IOException;
import org.openrcm.terminology.snapshot.SnapshotCodec;
import org.openrcm.terminology.snapshot.SnapshotInput;
import org.openrcm.terminology.snapshot.SnapshotOutput;

/**
 * Writes a {@link MueTable}'s arrays as a snapshot. Payload (format 1): year, quarter, service type, code keys, unit
 * limits, indicators, rationale numbers, rationale texts.
 */
public final class MueTableSnapshot implements SnapshotCodec<MueTable> {

	@Override
	public String kind() {
		return "ncci-mue";
	}

	@Override
	public int formatVersion() {
		return 1;
	}

	@Override
	public void write(MueTable table, SnapshotOutput out) throws IOException {
		out.writeInt(table.quarter().year());
		out.writeInt(table.quarter().quarter());
		out.writeString(table.serviceType());
		out.writeInts(table.codeKeys());
		out.writeInts(table.maximumUnitsArray());
		out.writeBytes(table.indicators());
		out.writeBytes(table.rationaleNumbers());
		out.writeInt(table.rationales().length);
		for (String rationale : table.rationales()) {
			out.writeString(rationale);
		}
	}

	@Override
	public MueTable read(SnapshotInput in) {
		NcciQuarter quarter = new NcciQuarter(in.readInt(), in.readInt());
		String serviceType = in.readString();
		int[] keys = in.readInts();
		int[] units = in.readInts();
		byte[] indicators = in.readBytes();
		byte[] rationale = in.readBytes();
		String[] rationales = new String[in.readInt()];
		for (int i = 0; i < rationales.length; i++) {
			rationales[i] = in.readString();
		}
		if (units.length != keys.length || indicators.length != keys.length || rationale.length != keys.length) {
			throw new IllegalStateException("MUE snapshot arrays disagree in length");
		}
		return new MueTable(quarter, serviceType, keys, units, indicators, rationale, rationales);
	}
}
