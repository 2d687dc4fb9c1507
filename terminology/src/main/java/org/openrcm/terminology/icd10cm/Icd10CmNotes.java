package org.openrcm.terminology.icd10cm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The instructional notes written directly at one code, section or chapter of the tabular list. Immutable. */
public final class Icd10CmNotes {

	/** No notes. */
	public static final Icd10CmNotes NONE = new Icd10CmNotes(Map.of());

	private final Map<Icd10CmNoteKind, List<String>> notes;

	private Icd10CmNotes(Map<Icd10CmNoteKind, List<String>> notes) {
		this.notes = notes;
	}

	static Icd10CmNotes of(Map<Icd10CmNoteKind, List<String>> notes) {
		if (notes.isEmpty()) {
			return NONE;
		}
		EnumMap<Icd10CmNoteKind, List<String>> copy = new EnumMap<>(Icd10CmNoteKind.class);
		notes.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
		return new Icd10CmNotes(copy);
	}

	/** The notes of one kind, in document order; empty when there are none. */
	public List<String> get(Icd10CmNoteKind kind) {
		return notes.getOrDefault(kind, List.of());
	}

	public List<String> inclusionTerms() {
		return get(Icd10CmNoteKind.INCLUSION_TERM);
	}

	public List<String> excludes1() {
		return get(Icd10CmNoteKind.EXCLUDES1);
	}

	public List<String> excludes2() {
		return get(Icd10CmNoteKind.EXCLUDES2);
	}

	public boolean isEmpty() {
		return notes.isEmpty();
	}

	@Override
	public String toString() {
		return notes.toString();
	}
}
