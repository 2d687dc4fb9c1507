package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;
import org.openrcm.terminology.ncci.MueAdjudicationIndicator;
import org.openrcm.terminology.ncci.MueEdit;
import org.openrcm.terminology.ncci.MueTable;

/**
 * {@code MUE}: the units of a code exceed its medically unlikely edit in the practitioner table of the date's
 * quarter. Adjudication indicator 1 counts each line on its own; 2 and 3 count all lines of the code on the date of
 * service together.
 */
final class MueCheck implements ScrubCheck {

	private static final String TABLE = "NCCI MUE practitioner edits";

	@Override
	public void check(ScrubContext context) {
		for (LocalDate date : context.datesOfService()) {
			Optional<MueTable> table = context.table(TABLE, context.terminology().mue(date), date);
			if (table.isEmpty()) {
				continue;
			}
			Map<String, List<ServiceLine>> byCode = new LinkedHashMap<>();
			for (ServiceLine line : context.lines()) {
				if (line.code() != null && date.equals(line.date()) && line.units() != null) {
					byCode.computeIfAbsent(line.code(), c -> new ArrayList<>(2)).add(line);
				}
			}
			for (Map.Entry<String, List<ServiceLine>> entry : byCode.entrySet()) {
				Optional<MueEdit> edit = table.get().edit(entry.getKey());
				if (edit.isPresent()) {
					judge(context, table.get(), edit.get(), entry.getValue(), date);
				}
			}
		}
	}

	private static void judge(ScrubContext context, MueTable table, MueEdit edit, List<ServiceLine> lines,
			LocalDate date) {
		String source = TABLE + " " + table.quarter().label() + ": " + edit.code() + " MUE " + edit.maximumUnits()
				+ ", adjudication indicator " + edit.adjudicationIndicator().value() + " ("
				+ switch (edit.adjudicationIndicator()) {
					case LINE -> "per line";
					case DATE_OF_SERVICE_POLICY -> "per date of service, policy";
					case DATE_OF_SERVICE_CLINICAL -> "per date of service, clinical: units above it are paid only on "
							+ "appeal with documentation";
				} + ")"
				+ (edit.rationale() == null || edit.rationale().isBlank() ? "" : ", rationale: " + edit.rationale());
		if (edit.adjudicationIndicator() == MueAdjudicationIndicator.LINE) {
			for (ServiceLine line : lines) {
				if (edit.exceededBy(line.wholeUnits())) {
					context.add(error(ScrubRule.MUE, line.wholeUnits() + " units of " + edit.code() + " on line "
							+ (line.index() + 1) + " exceed the " + edit.maximumUnits() + " a payer accepts on one line.",
							"Check the units; report units beyond the limit on separate lines with an appropriate "
									+ "modifier only when the record supports it (" + source + ").",
							line.path() + ".quantity"));
				}
			}
			return;
		}
		int total = 0;
		for (ServiceLine line : lines) {
			total += line.wholeUnits();
		}
		if (edit.exceededBy(total)) {
			String[] paths = lines.stream().map(line -> line.path() + ".quantity").toArray(String[]::new);
			context.add(error(ScrubRule.MUE, total + " units of " + edit.code() + " on " + date + " exceed the "
					+ edit.maximumUnits() + " a payer accepts for one patient on one day.", "Correct the units; the "
					+ "limit counts every line of the code on the date, so splitting lines does not help (" + source
					+ ").", paths));
		}
	}
}
