package org.openrcm.terminology.hcpcs;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openrcm.terminology.snapshot.SnapshotCodec;
import org.openrcm.terminology.snapshot.SnapshotInput;
import org.openrcm.terminology.snapshot.SnapshotOutput;

/**
 * Writes a {@link HcpcsCodeSet} (codes and modifiers) as a snapshot. Payload (format 1): release month, complete
 * flag, the codes field by field in record order (dates as epoch days, {@link Long#MIN_VALUE} for none; lists as a
 * count and strings), then the modifiers.
 */
public final class HcpcsCodeSetSnapshot implements SnapshotCodec<HcpcsCodeSet> {

	private static final long NO_DATE = Long.MIN_VALUE;

	@Override
	public String kind() {
		return "hcpcs";
	}

	@Override
	public int formatVersion() {
		return 1;
	}

	@Override
	public void write(HcpcsCodeSet set, SnapshotOutput out) throws IOException {
		out.writeString(set.release().effective().toString());
		out.writeBoolean(set.complete());
		out.writeInt(set.size());
		for (HcpcsCode c : set.codes()) {
			out.writeString(c.code());
			out.writeString(c.shortDescription());
			out.writeString(c.longDescription());
			list(out, c.pricingIndicators());
			out.writeString(c.multiplePricingIndicator());
			out.writeString(c.coverageCode());
			out.writeString(c.betos());
			list(out, c.typesOfService());
			out.writeString(c.actionCode());
			list(out, c.labCertifications());
			list(out, c.crossReferences());
			out.writeString(c.ascGroup());
			date(out, c.ascEffectiveDate());
			out.writeString(c.processingNote());
			out.writeInt(c.anesthesiaBaseUnits());
			out.writeString(c.statute());
			list(out, c.cimReferences());
			list(out, c.mcmReferences());
			date(out, c.addDate());
			date(out, c.actionEffectiveDate());
			date(out, c.terminationDate());
		}
		out.writeInt(set.modifiers().size());
		for (HcpcsModifier m : set.modifiers()) {
			out.writeString(m.code());
			out.writeString(m.description());
			out.writeString(m.shortDescription());
			date(out, m.addDate());
			date(out, m.terminationDate());
		}
	}

	@Override
	public HcpcsCodeSet read(SnapshotInput in) {
		HcpcsRelease release = new HcpcsRelease(YearMonth.parse(in.readString()));
		boolean complete = in.readBoolean();
		int count = in.readInt();
		Map<String, HcpcsCode> codes = new LinkedHashMap<>(count * 2);
		for (int i = 0; i < count; i++) {
			HcpcsCode code = new HcpcsCode(in.readString(), in.readString(), in.readString(), list(in), in.readString(),
					in.readString(), in.readString(), list(in), in.readString(), list(in), list(in), in.readString(),
					date(in), in.readString(), in.readInt(), in.readString(), list(in), list(in), date(in), date(in),
					date(in));
			codes.put(code.code(), code);
		}
		int modifierCount = in.readInt();
		List<HcpcsModifier> modifiers = new ArrayList<>(modifierCount);
		for (int i = 0; i < modifierCount; i++) {
			modifiers.add(new HcpcsModifier(in.readString(), in.readString(), in.readString(), date(in), date(in)));
		}
		return new HcpcsCodeSet(release, complete, codes, modifiers);
	}

	private static void list(SnapshotOutput out, List<String> values) throws IOException {
		out.writeInt(values.size());
		for (String value : values) {
			out.writeString(value);
		}
	}

	private static List<String> list(SnapshotInput in) {
		int size = in.readInt();
		List<String> values = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			values.add(in.readString());
		}
		return values;
	}

	private static void date(SnapshotOutput out, LocalDate date) throws IOException {
		out.writeLong(date == null ? NO_DATE : date.toEpochDay());
	}

	private static LocalDate date(SnapshotInput in) {
		long day = in.readLong();
		return day == NO_DATE ? null : LocalDate.ofEpochDay(day);
	}
}
