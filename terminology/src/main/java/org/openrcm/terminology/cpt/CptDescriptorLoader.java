package org.openrcm.terminology.cpt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openrcm.terminology.CodeSetLoadException;

/**
 * Reads a licensee's CPT descriptor file, so that a practice holding an AMA licence can show CPT descriptors it owns.
 * Format (the layout of the AMA data files' tab-delimited descriptor lists, e.g. {@code LONGULT.txt}):
 * <ul>
 * <li>UTF-8 text, one code per line: the code, a TAB, the descriptor; blank lines are skipped;</li>
 * <li>the code is a CPT procedure code ({@code 99213}, {@code 0591T}, {@code 1036F}) or modifier ({@code 25},
 * {@code P1});</li>
 * <li>the first line may be a header (its first field is not a code, e.g. {@code Code<TAB>Descriptor});</li>
 * <li>lines without a TAB may separate code and descriptor with a single space (AMA's fixed {@code LONGUF.txt}
 * style).</li>
 * </ul>
 * A code listed twice, an empty descriptor or a line that is not a code fails the load with file and line.
 */
public final class CptDescriptorLoader {

	/**
	 * @param text the file; closed by this method
	 * @param source the file name for error messages
	 * @param version the CPT edition the licensee loaded, e.g. {@code 2024}
	 */
	public CptDescriptors load(Reader text, String source, String version) throws IOException {
		Map<String, String> descriptors = new LinkedHashMap<>();
		try (BufferedReader in = new BufferedReader(text)) {
			int lineNumber = 0;
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				lineNumber++;
				if (lineNumber == 1 && line.startsWith("\uFEFF")) {
					line = line.substring(1);
				}
				if (line.isBlank()) {
					continue;
				}
				int separator = line.indexOf('\t');
				if (separator < 0) {
					separator = line.indexOf(' ');
				}
				String code = (separator < 0 ? line : line.substring(0, separator)).trim();
				if (!CptCodes.isCode(code) && !CptCodes.isModifier(code)) {
					if (lineNumber == 1) {
						continue;
					}
					throw new CodeSetLoadException(source, lineNumber, "'" + code + "' is not a CPT code or modifier");
				}
				String descriptor = separator < 0 ? "" : line.substring(separator + 1).trim();
				if (descriptor.isEmpty()) {
					throw new CodeSetLoadException(source, lineNumber, "code " + code + " has no descriptor");
				}
				if (descriptors.putIfAbsent(code, descriptor) != null) {
					throw new CodeSetLoadException(source, lineNumber, "code " + code + " appears twice");
				}
			}
		}
		if (descriptors.isEmpty()) {
			throw new CodeSetLoadException(source, 0, "the file holds no descriptors");
		}
		return new CptDescriptors(version, descriptors);
	}
}
