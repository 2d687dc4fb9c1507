package org.openrcm.server.denials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openrcm.server.scrubbing.ScrubRule;

/**
 * Classifies a remittance adjustment (835 CAS: group code, reason code, and the remark codes beside it) into a
 * {@link DenialClassification}: its category, the scrub rule that would have caught it, whether a biller works it and
 * what to do next.
 *
 * <p>The reason codes and remark codes OpenRCM knows are data, {@value #REASON_CODES} and {@value #REMARK_CODES} on
 * the classpath; each row says what the code means when the provider bears the adjustment. The group then decides:
 * <ul>
 * <li>{@code PR} (patient responsibility): whatever the reason, the amount is the patient's to pay: category
 * {@link DenialCategory#PATIENT_RESPONSIBILITY}, {@link NextAction#BILL_PATIENT}, not actionable (a statement, not
 * a Task). The scrub rule of the reason code is kept (a PR-27 is still a claim sent for a lapsed coverage).</li>
 * <li>{@code CO} (contractual obligation) and {@code PI} (payer-initiated): the provider's loss unless it is worked,
 * so the row applies as written. A patient cost share under CO or PI (e.g. CO-2 on a crossover) may not be billed to
 * the patient: category {@link DenialCategory#CONTRACTUAL}, {@link NextAction#WRITE_OFF}.</li>
 * <li>{@code OA} (other adjustment): the row applies as written; a patient cost share under OA is informational
 * ({@link NextAction#NONE}).</li>
 * <li>{@code CR} (correction or reversal of an earlier adjudication): bookkeeping, never actionable
 * ({@link NextAction#NONE}).</li>
 * <li>Any other group is taken as {@code OA}.</li>
 * </ul>
 * Contractual and patient-responsibility adjustments are never actionable; every other category is. A reason code
 * marked {@code remark} in the data (e.g. 16, 96, A1), or one OpenRCM does not know, takes the category, scrub rule
 * and action of the first remark code given that is in {@value #REMARK_CODES} (e.g. CO-16 with N4: missing
 * information; CO-96 with N30: eligibility). A reason code OpenRCM does not know, without such a remark, is
 * {@link DenialCategory#OTHER}, actionable, {@link NextAction#NONE}: a person has to read it.
 *
 * <p>Immutable and thread-safe; {@link #standard()} loads the data once per call, so keep the instance.
 */
public final class DenialClassifier {

	/** Classpath resource of the reason codes. */
	public static final String REASON_CODES = "org/openrcm/server/denials/reason-codes.csv";
	/** Classpath resource of the remark codes that refine a general reason code. */
	public static final String REMARK_CODES = "org/openrcm/server/denials/remark-codes.csv";

	/**
	 * One row of the data: what a code means when the provider bears the adjustment.
	 *
	 * @param code the CARC or RARC
	 * @param category the category
	 * @param scrubRule the scrub rule that would have caught it, or {@code null}
	 * @param action the next action
	 * @param refinable whether remark codes decide the category (reason codes only)
	 * @param description OpenRCM's short words for it
	 */
	record CodeRow(String code, DenialCategory category, ScrubRule scrubRule, NextAction action, boolean refinable,
			String description) {}

	private final Map<String, CodeRow> reasons;
	private final Map<String, CodeRow> remarks;

	DenialClassifier(Map<String, CodeRow> reasons, Map<String, CodeRow> remarks) {
		this.reasons = Map.copyOf(reasons);
		this.remarks = Map.copyOf(remarks);
	}

	/** The classifier over the data shipped on the classpath. */
	public static DenialClassifier standard() {
		return new DenialClassifier(index(read(REASON_CODES, true)), index(read(REMARK_CODES, false)));
	}

	/** Classifies an adjustment without remark codes. */
	public DenialClassification classify(String group, String carc) {
		return classify(group, carc, List.of());
	}

	/**
	 * Classifies an adjustment.
	 *
	 * @param group the CAS01 group code ({@code CO}, {@code PR}, {@code OA}, {@code PI}, {@code CR})
	 * @param carc the reason code (CAS02, 05, ...)
	 * @param remarkCodes the remark codes (RARC) of the line or claim, in the order given; may be empty or null
	 * @throws IllegalArgumentException if the reason code is blank
	 */
	public DenialClassification classify(String group, String carc, List<String> remarkCodes) {
		if (carc == null || carc.isBlank()) {
			throw new IllegalArgumentException("a claim adjustment reason code is required");
		}
		String reasonCode = normalize(carc);
		String groupCode = group == null ? "" : normalize(group);
		CodeRow reason = reasons.get(reasonCode);
		CodeRow basis = reason;
		String remark = null;
		if (reason == null || reason.refinable()) {
			for (String code : remarkCodes == null ? List.<String>of() : remarkCodes) {
				CodeRow refinement = code == null ? null : remarks.get(normalize(code));
				if (refinement != null) {
					basis = refinement;
					remark = refinement.code();
					break;
				}
			}
		}
		String words = reason != null ? reason.description()
				: "Reason code " + reasonCode + " is not one OpenRCM knows: read the payer's remarks";
		if (basis == null) {
			basis = new CodeRow(reasonCode, DenialCategory.OTHER, null, NextAction.NONE, false, words);
		}
		DenialCategory category = basis.category();
		NextAction action = basis.action();
		boolean costShare = reason != null && reason.category() == DenialCategory.PATIENT_RESPONSIBILITY;
		switch (groupCode) {
			case "PR" -> {
				category = DenialCategory.PATIENT_RESPONSIBILITY;
				action = NextAction.BILL_PATIENT;
			}
			case "CO", "PI" -> {
				if (costShare) {
					category = DenialCategory.CONTRACTUAL;
					action = NextAction.WRITE_OFF;
				}
			}
			case "CR" -> action = NextAction.NONE;
			default -> {
				if (costShare) {
					action = NextAction.NONE;
				}
			}
		}
		boolean actionable = !"CR".equals(groupCode) && category != DenialCategory.CONTRACTUAL
				&& category != DenialCategory.PATIENT_RESPONSIBILITY;
		if (remark != null) {
			words = words + "; " + remark + ": " + basis.description();
		}
		return new DenialClassification(groupCode, reasonCode, category, basis.scrubRule(), actionable, action, words,
				remark);
	}

	/** The short words of a known reason code. */
	public Optional<String> describe(String carc) {
		CodeRow row = carc == null ? null : reasons.get(normalize(carc));
		return Optional.ofNullable(row).map(CodeRow::description);
	}

	/** The reason codes in the data, by code (for tests). */
	Map<String, CodeRow> reasonCodes() {
		return reasons;
	}

	/** The remark codes in the data. */
	Map<String, CodeRow> remarkCodes() {
		return remarks;
	}

	private static String normalize(String code) {
		return code.trim().toUpperCase(Locale.ROOT);
	}

	private static Map<String, CodeRow> index(List<CodeRow> rows) {
		Map<String, CodeRow> byCode = new LinkedHashMap<>();
		for (CodeRow row : rows) {
			if (byCode.put(row.code(), row) != null) {
				throw new IllegalStateException("code " + row.code() + " is listed twice");
			}
		}
		return Collections.unmodifiableMap(byCode);
	}

	/**
	 * The rows of one of the data files. Lines starting with {@code #} are comments, the first other line is the
	 * header; the description is the rest of the line and may hold commas.
	 *
	 * @throws IllegalStateException naming the file and line of a row that does not parse
	 */
	static List<CodeRow> read(String resource, boolean reasonCodes) {
		InputStream in = DenialClassifier.class.getClassLoader().getResourceAsStream(resource);
		if (in == null) {
			throw new IllegalStateException(resource + " is not on the classpath");
		}
		int columns = reasonCodes ? 6 : 5;
		List<CodeRow> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			boolean header = true;
			int number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				try {
					rows.add(row(line.split(",", columns), reasonCodes));
				} catch (RuntimeException e) {
					throw new IllegalStateException(resource + " line " + number + ": " + e.getMessage(), e);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows;
	}

	private static CodeRow row(String[] fields, boolean reasonCode) {
		int columns = reasonCode ? 6 : 5;
		if (fields.length != columns) {
			throw new IllegalArgumentException("expected " + columns + " columns, found " + fields.length);
		}
		String code = fields[0].trim();
		if (!code.matches("[A-Z0-9]{1,6}")) {
			throw new IllegalArgumentException("'" + code + "' is not a code");
		}
		DenialCategory category = DenialCategory.ofCode(fields[1].trim())
				.orElseThrow(() -> new IllegalArgumentException("'" + fields[1] + "' is not a denial category"));
		String rule = fields[2].trim();
		ScrubRule scrubRule = rule.isEmpty() ? null : Arrays.stream(ScrubRule.values())
				.filter(candidate -> candidate.code().equals(rule)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("'" + rule + "' is not a scrub rule"));
		NextAction action = NextAction.valueOf(fields[3].trim());
		boolean refinable = false;
		if (reasonCode) {
			String refine = fields[4].trim();
			if (!refine.isEmpty() && !"remark".equals(refine)) {
				throw new IllegalArgumentException("refine is 'remark' or empty, not '" + refine + "'");
			}
			refinable = !refine.isEmpty();
		}
		String description = fields[columns - 1].trim();
		if (description.isEmpty()) {
			throw new IllegalArgumentException("no description");
		}
		return new CodeRow(code, category, scrubRule, action, refinable, description);
	}
}
