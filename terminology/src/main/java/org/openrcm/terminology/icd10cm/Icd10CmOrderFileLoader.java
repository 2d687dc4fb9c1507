package org.openrcm.terminology.icd10cm;

import java.io.IOException;
import java.io.Reader;
import org.openrcm.terminology.CodeSetLoadException;
import org.openrcm.terminology.FixedWidthReader;

/**
 * Reads the CDC ICD-10-CM order file ({@code icd10cm_order_<year>.txt}, "ICD-10-CM Code Descriptions in Tabular
 * Order"), one fixed-width line per code, headers included. Record layout (1-based columns, from the CDC's
 * {@code icd10cm_order_<year>.pdf}):
 *
 * <pre>
 * columns  length  content
 * 1-5      5       order number, right-justified, zero-filled
 * 6        1       blank
 * 7-13     7       ICD-10-CM code, no dot, left-justified, blank-filled
 * 14       1       blank
 * 15       1       0 = header (not valid for HIPAA-covered transactions), 1 = valid (billable)
 * 16       1       blank
 * 17-76    60      short description
 * 77       1       blank
 * 78-end   up to 400 long description
 * </pre>
 */
public final class Icd10CmOrderFileLoader {

	/**
	 * @param text the file's text; closed by this method
	 * @param source the file name for error messages
	 * @param release the release the file belongs to (the file does not say)
	 * @throws CodeSetLoadException naming file and line for a line that breaks the layout or repeats a code
	 */
	public Icd10CmCodeSet load(Reader text, String source, Icd10CmRelease release) throws IOException {
		Icd10CmCodeSet.Builder builder = new Icd10CmCodeSet.Builder(release, true);
		try (FixedWidthReader reader = new FixedWidthReader(text, source)) {
			for (FixedWidthReader.Line line = reader.next(); line != null; line = reader.next()) {
				String order = line.field(1, 5);
				if (!order.chars().allMatch(Character::isDigit) || order.isEmpty()) {
					throw line.fail("order number '" + order + "' in columns 1-5 is not a number;"
							+ " this is not the fixed-width order-file layout");
				}
				if (line.charAt(6) != ' ' || line.charAt(14) != ' ' || line.charAt(16) != ' ') {
					throw line.fail("columns 6, 14 and 16 must be blank in the order-file layout");
				}
				String key = line.field(7, 13);
				if (!Icd10CmCodes.isKey(key)) {
					throw line.fail("'" + key + "' in columns 7-13 is not an ICD-10-CM code");
				}
				char flag = line.charAt(15);
				if (flag != '0' && flag != '1') {
					throw line.fail("billable flag '" + flag + "' in column 15 is neither 0 nor 1");
				}
				String shortDescription = line.field(17, 76);
				String longDescription = line.rest(78);
				if (longDescription.isEmpty()) {
					throw line.fail("code " + key + " has no long description (columns 78 on)");
				}
				Icd10CmCode code = new Icd10CmCode(Icd10CmCodes.dotted(key), flag == '1', shortDescription,
						longDescription, null, null);
				if (!builder.add(code)) {
					throw line.fail("code " + code.code() + " appears twice");
				}
			}
		}
		if (builder.size() == 0) {
			throw new CodeSetLoadException(source, 0, "the file holds no codes");
		}
		return builder.build();
	}
}
