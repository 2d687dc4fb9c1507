package org.openrcm.terminology.icd10cm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openrcm.terminology.CodeSetLoadException;

/**
 * Reads the CDC ICD-10-CM tabular list XML ({@code icd10cm_tabular_<year>.xml}, schema {@code icd10cm_tabular.xsd},
 * root {@code <ICD10CM.tabular>}) with a streaming StAX parser. Read: {@code <version>}; per {@code <chapter>} its
 * {@code <name>}, {@code <desc>} and notes; per {@code <section id>} its {@code <desc>} and notes; the nested
 * {@code <diag>} tree with {@code <name>}, {@code <desc>}, {@code <sevenChrDef>}/{@code <extension char>} and the
 * note blocks {@code inclusionTerm, includes, excludes1, excludes2, codeFirst, useAdditionalCode, codeAlso, notes,
 * sevenChrNote} (each a list of {@code <note>}). Skipped: {@code <introduction>}, {@code <sectionIndex>},
 * {@code <deactivated>}, {@code <visualImpairment>}. Mixed content from the addenda markup ({@code <new>},
 * {@code <old>}, ...) is read as plain text. DTDs and external entities are refused.
 */
public final class Icd10CmTabularLoader {

	private static final Pattern TITLE_WITH_RANGE = Pattern.compile("^(.*?)\\s*\\(([A-Z0-9]{3}(?:-[A-Z0-9]{3})?)\\)$");

	private final XMLInputFactory factory;

	public Icd10CmTabularLoader() {
		factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
	}

	/**
	 * Loads the tabular, taking the fiscal year from its {@code <version>} element.
	 *
	 * @throws CodeSetLoadException when the file has no usable {@code <version>}, or see {@link #load(InputStream,
	 *         String, Icd10CmRelease)}
	 */
	public Icd10CmTabular load(InputStream xml, String source) throws IOException {
		return load(xml, source, null);
	}

	/**
	 * @param xml the file; closed by this method
	 * @param source the file name for error messages
	 * @param release the release, or {@code null} to take the fiscal year from {@code <version>}
	 * @throws CodeSetLoadException naming file, line and reason for malformed XML, a {@code <diag>} without a valid
	 *         code, or a code that appears twice
	 */
	public Icd10CmTabular load(InputStream xml, String source, Icd10CmRelease release) throws IOException {
		try (xml) {
			XMLStreamReader reader = factory.createXMLStreamReader(source, xml);
			try {
				return new Parse(reader, source).document(release);
			} finally {
				reader.close();
			}
		} catch (XMLStreamException e) {
			int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
			throw new CodeSetLoadException(source, Math.max(line, 0), "malformed XML: " + firstLine(e.getMessage()), e);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unknown error";
		}
		String text = message.contains("Message: ") ? message.substring(message.indexOf("Message: ") + 9) : message;
		return text.lines().findFirst().orElse(text).trim();
	}

	/** One parse: the mutable state while reading a document. */
	private static final class Parse {
		private final XMLStreamReader in;
		private final String source;
		private final List<Icd10CmChapter> chapters = new ArrayList<>();
		private final List<Icd10CmSection> sections = new ArrayList<>();
		private final Map<String, Node> nodes = new LinkedHashMap<>();
		private final Set<String> parents = new HashSet<>();
		private final Map<Icd10CmSection, Icd10CmNotes> sectionNotes = new HashMap<>();
		private final Map<Icd10CmChapter, Icd10CmNotes> chapterNotes = new HashMap<>();
		private final Map<Object, Map<String, String>> scopeSevenCharacters = new HashMap<>();
		private String version;

		Parse(XMLStreamReader in, String source) {
			this.in = in;
			this.source = source;
		}

		Icd10CmTabular document(Icd10CmRelease release) throws XMLStreamException {
			in.nextTag();
			if (!in.getLocalName().equals("ICD10CM.tabular")) {
				throw fail("root element <" + in.getLocalName() + "> is not <ICD10CM.tabular>;"
						+ " this is not an ICD-10-CM tabular file");
			}
			while (nextChild()) {
				switch (in.getLocalName()) {
					case "version" -> version = text();
					case "chapter" -> chapter();
					default -> skip();
				}
			}
			if (nodes.isEmpty()) {
				throw new CodeSetLoadException(source, 0, "the file holds no <diag> codes");
			}
			Icd10CmRelease resolved = release != null ? release : releaseFromVersion();
			Map<String, Icd10CmTabular.Diagnosis> diagnoses = new LinkedHashMap<>(nodes.size() * 2);
			for (Node node : nodes.values()) {
				diagnoses.put(node.key, new Icd10CmTabular.Diagnosis(node.key, node.description, node.parentKey,
						node.chapter, node.section, Icd10CmNotes.of(node.notes), Collections.unmodifiableMap(node.sevenCharacters),
						!parents.contains(node.key)));
			}
			return new Icd10CmTabular(resolved, chapters, sections, diagnoses, sectionNotes, chapterNotes,
					scopeSevenCharacters);
		}

		private Icd10CmRelease releaseFromVersion() {
			try {
				return Icd10CmRelease.fiscalYear(Integer.parseInt(version == null ? "" : version.trim()));
			} catch (IllegalArgumentException e) {
				throw new CodeSetLoadException(source, 0, "<version> '" + version
						+ "' is not a fiscal year; give the release explicitly");
			}
		}

		private void chapter() throws XMLStreamException {
			String number = null;
			String title = "";
			String range = "";
			Icd10CmChapter chapter = null;
			Map<Icd10CmNoteKind, List<String>> notes = new EnumMap<>(Icd10CmNoteKind.class);
			Map<String, String> sevenCharacters = new LinkedHashMap<>();
			while (nextChild()) {
				String name = in.getLocalName();
				Icd10CmNoteKind kind = Icd10CmNoteKind.forElement(name);
				if (name.equals("name")) {
					number = text();
				} else if (name.equals("desc")) {
					String[] parts = splitRange(text());
					title = parts[0];
					range = parts[1];
				} else if (kind != null) {
					noteBlock(kind, notes);
				} else if (name.equals("sevenChrDef")) {
					sevenCharacterDefinition(sevenCharacters);
				} else if (name.equals("section")) {
					if (chapter == null) {
						chapter = new Icd10CmChapter(number == null ? "" : number, title, range);
						chapters.add(chapter);
					}
					section(chapter);
				} else {
					skip();
				}
			}
			if (chapter == null) {
				chapter = new Icd10CmChapter(number == null ? "" : number, title, range);
				chapters.add(chapter);
			}
			chapterNotes.put(chapter, Icd10CmNotes.of(notes));
			if (!sevenCharacters.isEmpty()) {
				scopeSevenCharacters.put(chapter, sevenCharacters);
			}
		}

		private void section(Icd10CmChapter chapter) throws XMLStreamException {
			String id = attribute("id");
			Icd10CmSection section = null;
			String title = "";
			Map<Icd10CmNoteKind, List<String>> notes = new EnumMap<>(Icd10CmNoteKind.class);
			Map<String, String> sevenCharacters = new LinkedHashMap<>();
			while (nextChild()) {
				String name = in.getLocalName();
				Icd10CmNoteKind kind = Icd10CmNoteKind.forElement(name);
				if (name.equals("desc")) {
					title = splitRange(text())[0];
				} else if (kind != null) {
					noteBlock(kind, notes);
				} else if (name.equals("sevenChrDef")) {
					sevenCharacterDefinition(sevenCharacters);
				} else if (name.equals("diag")) {
					if (section == null) {
						section = new Icd10CmSection(id, title);
						sections.add(section);
					}
					diagnosis(null, chapter, section);
				} else {
					skip();
				}
			}
			if (section == null) {
				section = new Icd10CmSection(id, title);
				sections.add(section);
			}
			sectionNotes.put(section, Icd10CmNotes.of(notes));
			if (!sevenCharacters.isEmpty()) {
				scopeSevenCharacters.put(section, sevenCharacters);
			}
		}

		private void diagnosis(Node parent, Icd10CmChapter chapter, Icd10CmSection section) throws XMLStreamException {
			int line = in.getLocation().getLineNumber();
			Node node = null;
			while (nextChild()) {
				String name = in.getLocalName();
				if (name.equals("name")) {
					String code = text();
					String key = Icd10CmCodes.key(code);
					if (key == null) {
						throw fail("<diag> name '" + code + "' is not an ICD-10-CM code");
					}
					node = new Node(key, parent == null ? null : parent.key, chapter, section);
					if (nodes.putIfAbsent(key, node) != null) {
						throw fail("code " + Icd10CmCodes.dotted(key) + " appears twice");
					}
					if (parent != null) {
						parents.add(parent.key);
					}
					continue;
				}
				if (node == null) {
					throw new CodeSetLoadException(source, line, "<diag> has no <name> before its content");
				}
				Icd10CmNoteKind kind = Icd10CmNoteKind.forElement(name);
				if (name.equals("desc")) {
					node.description = text();
				} else if (kind != null) {
					noteBlock(kind, node.notes);
				} else if (name.equals("sevenChrDef")) {
					sevenCharacterDefinition(node.sevenCharacters);
				} else if (name.equals("diag")) {
					diagnosis(node, chapter, section);
				} else {
					skip();
				}
			}
			if (node == null) {
				throw new CodeSetLoadException(source, line, "<diag> has no <name>");
			}
			if (node.description.isEmpty()) {
				throw new CodeSetLoadException(source, line, "code " + Icd10CmCodes.dotted(node.key) + " has no <desc>");
			}
		}

		private void noteBlock(Icd10CmNoteKind kind, Map<Icd10CmNoteKind, List<String>> notes) throws XMLStreamException {
			while (nextChild()) {
				if (in.getLocalName().equals("note")) {
					String note = text();
					if (!note.isEmpty()) {
						notes.computeIfAbsent(kind, k -> new ArrayList<>()).add(note);
					}
				} else {
					skip();
				}
			}
		}

		private void sevenCharacterDefinition(Map<String, String> definitions) throws XMLStreamException {
			while (nextChild()) {
				if (in.getLocalName().equals("extension")) {
					String character = attribute("char");
					if (character == null || character.length() != 1) {
						throw fail("<extension char='" + character + "'> is not a single 7th character");
					}
					definitions.put(character.toUpperCase(Locale.ROOT), text());
				} else {
					skip();
				}
			}
		}

		/** Moves to the next child start tag of the current element; false at its end tag. */
		private boolean nextChild() throws XMLStreamException {
			while (in.hasNext()) {
				int event = in.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					return true;
				}
				if (event == XMLStreamConstants.END_ELEMENT) {
					return false;
				}
			}
			return false;
		}

		/** The text content of the current element and its descendants, white space folded; ends on its end tag. */
		private String text() throws XMLStreamException {
			StringBuilder text = new StringBuilder();
			int depth = 1;
			while (depth > 0) {
				int event = in.next();
				switch (event) {
					case XMLStreamConstants.START_ELEMENT -> depth++;
					case XMLStreamConstants.END_ELEMENT -> depth--;
					case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
							text.append(in.getText());
					default -> { }
				}
			}
			return text.toString().replaceAll("\\s+", " ").trim();
		}

		private void skip() throws XMLStreamException {
			int depth = 1;
			while (depth > 0) {
				int event = in.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					depth++;
				} else if (event == XMLStreamConstants.END_ELEMENT) {
					depth--;
				}
			}
		}

		private String attribute(String name) {
			String value = in.getAttributeValue(null, name);
			return value == null ? null : value.trim();
		}

		private CodeSetLoadException fail(String reason) {
			return new CodeSetLoadException(source, in.getLocation().getLineNumber(), reason);
		}

		/** {@code "Neoplasms (C00-D49)"} → {@code ["Neoplasms", "C00-D49"]}; no range → {@code [text, ""]}. */
		private static String[] splitRange(String text) {
			Matcher m = TITLE_WITH_RANGE.matcher(text);
			return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {text, ""};
		}
	}

	/** A diag while it is being read. */
	private static final class Node {
		final String key;
		final String parentKey;
		final Icd10CmChapter chapter;
		final Icd10CmSection section;
		final Map<Icd10CmNoteKind, List<String>> notes = new EnumMap<>(Icd10CmNoteKind.class);
		final Map<String, String> sevenCharacters = new LinkedHashMap<>();
		String description = "";

		Node(String key, String parentKey, Icd10CmChapter chapter, Icd10CmSection section) {
			this.key = key;
			this.parentKey = parentKey;
			this.chapter = chapter;
			this.section = section;
		}
	}
}
