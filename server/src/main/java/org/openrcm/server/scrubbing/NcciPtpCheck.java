package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;
import org.openrcm.terminology.ncci.PtpEdit;
import org.openrcm.terminology.ncci.PtpTable;

/**
 * {@code NCCI-PTP}: two lines of the same date and rendering provider whose codes are an NCCI procedure-to-procedure
 * edit in the practitioner table of that date's quarter. Modifier indicator 0: never billable together, whatever
 * the modifiers. Indicator 1: allowed only with an NCCI-associated modifier on either line. Indicator 9, or an edit
 * deleted before the date: no edit. The finding sits on the column-two line (the one the payer denies).
 */
final class NcciPtpCheck implements ScrubCheck {

	private static final String TABLE = "NCCI PTP practitioner edits";

	@Override
	public void check(ScrubContext context) {
		List<ServiceLine> lines = context.lines();
		if (lines.size() < 2) {
			return;
		}
		for (LocalDate date : context.datesOfService()) {
			Optional<PtpTable> table = context.table(TABLE, context.terminology().ptp(date), date);
			if (table.isEmpty()) {
				continue;
			}
			int day = (int) date.toEpochDay();
			int[] numbers = new int[lines.size()];
			for (int i = 0; i < lines.size(); i++) {
				ServiceLine line = lines.get(i);
				numbers[i] = line.code() != null && date.equals(line.date()) ? table.get().codeNumber(line.code()) : -1;
			}
			for (int i = 0; i < lines.size(); i++) {
				for (int j = i + 1; j < lines.size(); j++) {
					if (numbers[i] < 0 || numbers[j] < 0 || numbers[i] == numbers[j]
							|| !Objects.equals(lines.get(i).provider(), lines.get(j).provider())) {
						continue;
					}
					int forward = table.get().modifierIndicator(numbers[i], numbers[j], day);
					if (forward >= 0) {
						judge(context, table.get(), lines.get(i), lines.get(j), forward, date);
					} else {
						int backward = table.get().modifierIndicator(numbers[j], numbers[i], day);
						if (backward >= 0) {
							judge(context, table.get(), lines.get(j), lines.get(i), backward, date);
						}
					}
				}
			}
		}
	}

	private static void judge(ScrubContext context, PtpTable table, ServiceLine column1, ServiceLine column2,
			int indicator, LocalDate date) {
		if (indicator == 9) {
			return;
		}
		boolean modified = column1.hasModifierIn(context.settings().ncciAssociatedModifiers())
				|| column2.hasModifierIn(context.settings().ncciAssociatedModifiers());
		if (indicator == 1 && modified) {
			return;
		}
		String rationale = table.edit(column1.code(), column2.code(), date).map(PtpEdit::rationale)
				.filter(r -> !r.isBlank()).map(r -> "; rationale: " + r).orElse("");
		String source = TABLE + " " + table.quarter().label() + ", column 1 " + column1.code() + ", column 2 "
				+ column2.code() + ", modifier indicator " + indicator + rationale;
		String text = column2.code() + " (line " + (column2.index() + 1) + ") is bundled into " + column1.code()
				+ " (line " + (column1.index() + 1) + ") on " + date + ".";
		String fix = indicator == 0
				? "Remove " + column2.code() + ": the pair is never paid together, whatever the modifiers (" + source + ")."
				: "If the services were distinct (separate encounter, site or practitioner) add an NCCI-associated "
						+ "modifier such as 59 or XS to " + column2.code() + " when the record supports it; otherwise "
						+ "remove " + column2.code() + " (" + source + ").";
		context.add(error(ScrubRule.NCCI_PTP, text, fix, column2.path() + ".productOrService"));
	}
}
