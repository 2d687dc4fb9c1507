package org.openrcm.terminology.icd10cm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openrcm.terminology.snapshot.SnapshotCodec;
import org.openrcm.terminology.snapshot.SnapshotInput;
import org.openrcm.terminology.snapshot.SnapshotOutput;

/**
 * Writes an {@link Icd10CmCodeSet} as a snapshot so a restart does not decompress and parse the order file again.
 * Payload (format 1): fiscal year, April flag, complete flag; the chapters and sections; then per code in tabular
 * order: code, billable, short and long description, chapter and section numbers (-1 for none). The hierarchy is
 * rebuilt on read.
 */
public final class Icd10CmCodeSetSnapshot implements SnapshotCodec<Icd10CmCodeSet> {

	@Override
	public String kind() {
		return "icd10cm";
	}

	@Override
	public int formatVersion() {
		return 1;
	}

	@Override
	public void write(Icd10CmCodeSet set, SnapshotOutput out) throws IOException {
		out.writeInt(set.release().fiscalYear());
		out.writeBoolean(set.release().aprilUpdate());
		out.writeBoolean(set.complete());
		Map<Icd10CmChapter, Integer> chapters = new HashMap<>();
		Map<Icd10CmSection, Integer> sections = new HashMap<>();
		List<Icd10CmChapter> chapterList = new ArrayList<>();
		List<Icd10CmSection> sectionList = new ArrayList<>();
		for (Icd10CmCode code : set.codes()) {
			if (code.chapter() != null && chapters.putIfAbsent(code.chapter(), chapterList.size()) == null) {
				chapterList.add(code.chapter());
			}
			if (code.section() != null && sections.putIfAbsent(code.section(), sectionList.size()) == null) {
				sectionList.add(code.section());
			}
		}
		out.writeInt(chapterList.size());
		for (Icd10CmChapter chapter : chapterList) {
			out.writeString(chapter.number());
			out.writeString(chapter.title());
			out.writeString(chapter.range());
		}
		out.writeInt(sectionList.size());
		for (Icd10CmSection section : sectionList) {
			out.writeString(section.range());
			out.writeString(section.title());
		}
		out.writeInt(set.size());
		for (Icd10CmCode code : set.codes()) {
			out.writeString(code.code());
			out.writeBoolean(code.billable());
			out.writeString(code.shortDescription());
			out.writeString(code.longDescription());
			out.writeInt(code.chapter() == null ? -1 : chapters.get(code.chapter()));
			out.writeInt(code.section() == null ? -1 : sections.get(code.section()));
		}
	}

	@Override
	public Icd10CmCodeSet read(SnapshotInput in) {
		Icd10CmRelease release = new Icd10CmRelease(in.readInt(), in.readBoolean());
		Icd10CmCodeSet.Builder builder = new Icd10CmCodeSet.Builder(release, in.readBoolean());
		Icd10CmChapter[] chapters = new Icd10CmChapter[in.readInt()];
		for (int i = 0; i < chapters.length; i++) {
			chapters[i] = new Icd10CmChapter(in.readString(), in.readString(), in.readString());
		}
		Icd10CmSection[] sections = new Icd10CmSection[in.readInt()];
		for (int i = 0; i < sections.length; i++) {
			sections[i] = new Icd10CmSection(in.readString(), in.readString());
		}
		int count = in.readInt();
		for (int i = 0; i < count; i++) {
			String code = in.readString();
			boolean billable = in.readBoolean();
			String shortDescription = in.readString();
			String longDescription = in.readString();
			int chapter = in.readInt();
			int section = in.readInt();
			if (!builder.add(new Icd10CmCode(code, billable, shortDescription, longDescription,
					chapter < 0 ? null : chapters[chapter], section < 0 ? null : sections[section]))) {
				throw new IllegalStateException("code " + code + " appears twice in the snapshot");
			}
		}
		return builder.build();
	}
}
