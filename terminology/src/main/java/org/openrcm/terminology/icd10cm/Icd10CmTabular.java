package org.openrcm.terminology.icd10cm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded ICD-10-CM tabular list (the CDC {@code icd10cm_tabular_<year>.xml}): chapters, sections, the
 * {@code <diag>} tree with descriptions and instructional notes, and the 7th-character definitions. It answers the
 * note questions a coder or claim scrubber asks (which Excludes1 notes apply to a code, do two codes exclude each
 * other) and can be turned into a code set with the billable flag derived and 7th characters expanded
 * ({@link #toCodeSet()}). Immutable.
 */
public final class Icd10CmTabular {

	private final Icd10CmRelease release;
	private final List<Icd10CmChapter> chapters;
	private final List<Icd10CmSection> sections;
	private final Map<String, Diagnosis> diagnoses;
	private final Map<Icd10CmSection, Icd10CmNotes> sectionNotes;
	private final Map<Icd10CmChapter, Icd10CmNotes> chapterNotes;
	private final Map<Object, Map<String, String>> scopeSevenCharacters;

	Icd10CmTabular(Icd10CmRelease release, List<Icd10CmChapter> chapters, List<Icd10CmSection> sections,
			Map<String, Diagnosis> diagnoses, Map<Icd10CmSection, Icd10CmNotes> sectionNotes,
			Map<Icd10CmChapter, Icd10CmNotes> chapterNotes, Map<Object, Map<String, String>> scopeSevenCharacters) {
		this.release = release;
		this.chapters = List.copyOf(chapters);
		this.sections = List.copyOf(sections);
		this.diagnoses = Collections.unmodifiableMap(diagnoses);
		this.sectionNotes = sectionNotes;
		this.chapterNotes = chapterNotes;
		this.scopeSevenCharacters = scopeSevenCharacters;
	}

	/**
	 * One {@code <diag>} element.
	 *
	 * @param key the undotted code
	 * @param description the {@code <desc>} text
	 * @param parentKey the enclosing diag's key, or {@code null} for a category
	 * @param chapter the enclosing chapter
	 * @param section the enclosing section
	 * @param notes the notes written at this diag
	 * @param sevenCharacters the 7th-character definitions written at this diag (character → meaning)
	 * @param leaf whether it has no child diag
	 */
	record Diagnosis(String key, String description, String parentKey, Icd10CmChapter chapter, Icd10CmSection section,
			Icd10CmNotes notes, Map<String, String> sevenCharacters, boolean leaf) {}

	public Icd10CmRelease release() {
		return release;
	}

	public List<Icd10CmChapter> chapters() {
		return chapters;
	}

	public List<Icd10CmSection> sections() {
		return sections;
	}

	/** Number of {@code <diag>} elements (7th-character codes are not elements and not counted). */
	public int size() {
		return diagnoses.size();
	}

	/** Whether the code is a {@code <diag>} of the tabular (dotted or not). */
	public boolean contains(String code) {
		String key = Icd10CmCodes.key(code);
		return key != null && diagnoses.containsKey(key);
	}

	/** The {@code <desc>} of a diag, or empty. */
	public Optional<String> description(String code) {
		return diagnosis(code).map(Diagnosis::description);
	}

	/** The notes written directly at the code's diag ({@link Icd10CmNotes#NONE} for a code not in the tabular). */
	public Icd10CmNotes notes(String code) {
		return diagnosis(code).map(Diagnosis::notes).orElse(Icd10CmNotes.NONE);
	}

	/** The notes written at a section. */
	public Icd10CmNotes notes(Icd10CmSection section) {
		return sectionNotes.getOrDefault(section, Icd10CmNotes.NONE);
	}

	/** The section of a code, also for 7th-character codes ({@code S72.001A} → {@code S70-S79}). */
	public Optional<Icd10CmSection> section(String code) {
		return nearest(code).map(Diagnosis::section);
	}

	/** The chapter of a code, also for 7th-character codes. */
	public Optional<Icd10CmChapter> chapter(String code) {
		return nearest(code).map(Diagnosis::chapter);
	}

	/**
	 * The notes of one kind that apply to a code: those at its diag and at every enclosing diag, its section and its
	 * chapter (a note at a category applies to every code under it). Nearest first.
	 */
	public List<InheritedNote> applicableNotes(String code, Icd10CmNoteKind kind) {
		List<InheritedNote> result = new ArrayList<>();
		Optional<Diagnosis> start = nearest(code);
		if (start.isEmpty()) {
			return result;
		}
		for (Diagnosis d = start.get(); d != null; d = d.parentKey() == null ? null : diagnoses.get(d.parentKey())) {
			for (String note : d.notes().get(kind)) {
				result.add(new InheritedNote(Icd10CmCodes.dotted(d.key()), note));
			}
		}
		Diagnosis first = start.get();
		if (first.section() != null) {
			for (String note : notes(first.section()).get(kind)) {
				result.add(new InheritedNote(first.section().range(), note));
			}
		}
		if (first.chapter() != null) {
			for (String note : chapterNotes.getOrDefault(first.chapter(), Icd10CmNotes.NONE).get(kind)) {
				result.add(new InheritedNote("chapter " + first.chapter().number(), note));
			}
		}
		return result;
	}

	/**
	 * Whether an Excludes1 note applying to either code cites the other (Official Guidelines I.A.12.a: the two are
	 * never reported together, save the documented exceptions for unrelated conditions, which a coder judges).
	 */
	public Optional<Excludes1Conflict> excludes1Conflict(String code, String other) {
		Optional<Excludes1Conflict> conflict = excludes(code, other);
		return conflict.isPresent() ? conflict : excludes(other, code);
	}

	private Optional<Excludes1Conflict> excludes(String code, String other) {
		String otherKey = Icd10CmCodes.key(other);
		if (otherKey == null) {
			return Optional.empty();
		}
		for (InheritedNote note : applicableNotes(code, Icd10CmNoteKind.EXCLUDES1)) {
			for (Icd10CmCodeReference reference : Icd10CmCodeReference.parse(note.text())) {
				if (reference.covers(otherKey)) {
					return Optional.of(new Excludes1Conflict(Icd10CmCodes.dotted(Icd10CmCodes.key(code)),
							Icd10CmCodes.dotted(otherKey), note.owner(), note.text()));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The code set this tabular defines: every diag, a leaf diag billable unless a 7th character applies to it, in
	 * which case the leaf is a header and one billable code per 7th character is added: the leaf padded with the
	 * placeholder {@code X} to six characters plus the 7th character, titled "leaf title, extension meaning"
	 * (Official Guidelines I.A.4 placeholder, I.A.5 7th characters). The 7th characters of the nearest enclosing diag,
	 * section or chapter that defines them apply.
	 */
	public Icd10CmCodeSet toCodeSet() {
		Icd10CmCodeSet.Builder builder = new Icd10CmCodeSet.Builder(release, true);
		for (Diagnosis d : diagnoses.values()) {
			Map<String, String> sevenCharacters = d.leaf() ? sevenCharacters(d) : Map.of();
			boolean billable = d.leaf() && sevenCharacters.isEmpty();
			builder.add(new Icd10CmCode(Icd10CmCodes.dotted(d.key()), billable, "", d.description(), d.chapter(),
					d.section()));
			if (!sevenCharacters.isEmpty()) {
				String stem = d.key() + "X".repeat(Math.max(0, 6 - d.key().length()));
				sevenCharacters.forEach((character, meaning) -> builder.add(new Icd10CmCode(
						Icd10CmCodes.dotted(stem + character), true, "", d.description() + ", " + meaning,
						d.chapter(), d.section())));
			}
		}
		return builder.build();
	}

	private Map<String, String> sevenCharacters(Diagnosis leaf) {
		for (Diagnosis d = leaf; d != null; d = d.parentKey() == null ? null : diagnoses.get(d.parentKey())) {
			if (!d.sevenCharacters().isEmpty()) {
				return d.sevenCharacters();
			}
		}
		Map<String, String> section = scopeSevenCharacters.get(leaf.section());
		if (section != null) {
			return section;
		}
		return scopeSevenCharacters.getOrDefault(leaf.chapter(), Map.of());
	}

	private Optional<Diagnosis> diagnosis(String code) {
		String key = Icd10CmCodes.key(code);
		return key == null ? Optional.empty() : Optional.ofNullable(diagnoses.get(key));
	}

	/** The diag of the code, or of its longest prefix that is a diag (for 7th-character codes). */
	private Optional<Diagnosis> nearest(String code) {
		String key = Icd10CmCodes.key(code);
		for (int length = key == null ? 0 : key.length(); length >= 3; length--) {
			Diagnosis d = diagnoses.get(key.substring(0, length));
			if (d != null) {
				return Optional.of(d);
			}
		}
		return Optional.empty();
	}

	/**
	 * A note that applies to a code.
	 *
	 * @param owner where it is written: a dotted code, a section range or {@code chapter N}
	 * @param text the note
	 */
	public record InheritedNote(String owner, String text) {}
}
