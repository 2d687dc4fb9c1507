package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;
import static org.openrcm.server.scrubbing.ScrubFinding.warning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;
import org.openrcm.terminology.ncci.AddOnCodeEdit;
import org.openrcm.terminology.ncci.AddOnCodeTable;

/**
 * {@code ADDON-WITHOUT-PRIMARY}: an add-on code billed without one of its primary codes by the same provider on the
 * same date. Type 1 edits (only the listed primaries) are errors; type 3 (the listed primaries, or others a
 * contractor allows) warnings; type 2 (contractor-defined primaries) cannot be judged from the table.
 */
final class AddOnCodeCheck implements ScrubCheck {

	private static final String TABLE = "NCCI add-on code edits";

	@Override
	public void check(ScrubContext context) {
		for (LocalDate date : context.datesOfService()) {
			Optional<AddOnCodeTable> table = context.table(TABLE, context.terminology().addOnCodes(date), date);
			if (table.isEmpty()) {
				continue;
			}
			for (ServiceLine line : context.lines()) {
				if (line.code() == null || !date.equals(line.date())) {
					continue;
				}
				Optional<AddOnCodeEdit> edit = table.get().edit(line.code());
				if (edit.isEmpty()) {
					continue;
				}
				List<String> others = new ArrayList<>();
				for (ServiceLine other : context.lines()) {
					if (other != line && date.equals(other.date()) && other.code() != null
							&& Objects.equals(other.provider(), line.provider())) {
						others.add(other.code());
					}
				}
				report(context, table.get(), edit.get(), edit.get().check(others), line, date);
			}
		}
	}

	private static void report(ScrubContext context, AddOnCodeTable table, AddOnCodeEdit edit,
			AddOnCodeEdit.Result result, ServiceLine line, LocalDate date) {
		String text = line.code() + " (line " + (line.index() + 1) + ") is an add-on code billed without its primary "
				+ "procedure on " + date + ".";
		List<String> primaries = edit.primaryCodes().stream().sorted().limit(8).toList();
		String fix = "Bill it with one of its primary codes by the same provider on the same date ("
				+ String.join(", ", primaries) + (edit.primaryCodes().size() > primaries.size() ? ", ..." : "")
				+ "), or remove it (" + TABLE + " " + table.version() + ", edit type " + edit.type() + ").";
		switch (result) {
			case PRIMARY_MISSING -> context.add(error(ScrubRule.ADDON_WITHOUT_PRIMARY, text, fix,
					line.path() + ".productOrService"));
			case PRIMARY_MISSING_CONTRACTOR_MAY_ALLOW -> context.add(warning(ScrubRule.ADDON_WITHOUT_PRIMARY, text,
					fix + " The payer may accept another primary code.", line.path() + ".productOrService"));
			default -> {
				// a primary is present, or the contractor defines the primaries
			}
		}
	}
}
