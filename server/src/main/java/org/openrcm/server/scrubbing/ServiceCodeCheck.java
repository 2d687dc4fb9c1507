package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;
import org.openrcm.server.scrubbing.ScrubSettings.CodeRange;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;

/**
 * Each line's codes on its date of service: {@code PROC-INVALID} (no CPT/HCPCS code, unknown, not yet effective or
 * terminated), {@code MODIFIER-INVALID} (unknown or out-of-date modifier, one repeated on the line, or one that
 * applies only to other codes, such as 25 outside E/M) and {@code POS-INVALID} (unknown place of service).
 */
final class ServiceCodeCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		for (ServiceLine line : context.lines()) {
			String at = "line " + (line.index() + 1);
			if (line.code() == null) {
				context.add(error(ScrubRule.PROC_INVALID, "Line " + (line.index() + 1) + " has no CPT or HCPCS code.",
						"Code the service in CPT or HCPCS Level II.", line.path() + ".productOrService"));
			} else if (line.date() != null) {
				CodeValidation validation = context.terminology().procedure(line.system(), line.code(), line.date());
				context.codeSet(isCpt(line) ? "CPT" : "HCPCS Level II", validation);
				if (!validation.reportable()) {
					context.add(error(ScrubRule.PROC_INVALID, invalidText(validation, at), "Use a code in effect on "
							+ line.date() + " (" + release(validation) + ").", line.path() + ".productOrService"));
				}
			}
			if (line.date() != null) {
				modifiers(context, line, at);
				if (line.placeOfService() != null
						&& !context.terminology().placeOfService(line.placeOfService(), line.date()).reportable()) {
					context.add(error(ScrubRule.POS_INVALID, "Place of service " + line.placeOfService() + " on " + at
							+ " is not a CMS place-of-service code.", "Use the two-digit code of the CMS place of "
							+ "service code set, e.g. 11 (office) or 02/10 (telehealth).", line.path() + ".location"));
				}
			}
		}
	}

	private static void modifiers(ScrubContext context, ServiceLine line, String at) {
		Set<String> seen = new HashSet<>();
		for (int m = 0; m < line.modifiers().size(); m++) {
			String modifier = line.modifiers().get(m);
			String path = line.path() + ".modifier[" + m + "]";
			CodeValidation validation = context.terminology().modifier(modifier, line.date());
			if (!validation.reportable()) {
				context.add(error(ScrubRule.MODIFIER_INVALID, "Modifier '" + modifier + "' on " + at + " is "
						+ (validation.status() == CodeStatus.UNKNOWN ? "not a CPT or HCPCS modifier"
								: "not in effect on " + line.date()) + ".",
						"Use a valid two-character modifier (modifiers " + validation.version() + ").", path));
				continue;
			}
			if (!seen.add(modifier)) {
				context.add(error(ScrubRule.MODIFIER_INVALID, "Modifier " + modifier + " appears twice on " + at + ".",
						"Report each modifier once per line.", path));
				continue;
			}
			List<CodeRange> ranges = context.settings().modifierRestrictions().get(modifier);
			if (ranges != null && line.code() != null && ranges.stream().noneMatch(r -> r.contains(line.code()))) {
				context.add(error(ScrubRule.MODIFIER_INVALID, "Modifier " + modifier + " does not apply to "
						+ line.code() + " on " + at + ".", "Modifier " + modifier + " applies to "
						+ ranges.get(0).description() + " only; remove it or move it to the line it belongs to.", path));
			}
		}
	}

	private static boolean isCpt(ServiceLine line) {
		return org.openrcm.terminology.cpt.CptCodeSet.SYSTEM.equals(line.system());
	}

	private static String release(CodeValidation validation) {
		return validation.version() == null ? "no release loaded" : "release " + validation.version();
	}

	private static String invalidText(CodeValidation validation, String at) {
		return switch (validation.status()) {
			case TERMINATED -> validation.code() + " on " + at + " was terminated before " + validation.dateOfService() + ".";
			case NOT_YET_EFFECTIVE -> validation.code() + " on " + at + " is not yet in effect on "
					+ validation.dateOfService() + ".";
			default -> validation.code() + " on " + at + " is not a known code.";
		};
	}
}
