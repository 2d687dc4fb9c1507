package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;
import static org.openrcm.server.scrubbing.ScrubFinding.warning;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code TIMELY-FILING}: the first date of service is older than the payer's filing limit (its shortest {@code filing-limit}
 * payer rule, else {@link ScrubSettings#defaultFilingLimitDays()}). A warning when fewer than
 * {@link ScrubSettings#filingWarningDays()} days are left.
 */
final class TimelyFilingCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		Optional<LocalDate> first = context.firstDateOfService();
		if (first.isEmpty() || first.get().isAfter(context.today())) {
			return;
		}
		int limit = context.settings().defaultFilingLimitDays();
		String source = "the default filing limit of " + limit + " days";
		PayerRule shortest = null;
		for (PayerRule rule : context.payerRules()) {
			if (rule.type() == PayerRule.Type.FILING_LIMIT
					&& (shortest == null || rule.filingLimitDays() < shortest.filingLimitDays())) {
				shortest = rule;
			}
		}
		if (shortest != null) {
			limit = shortest.filingLimitDays();
			source = "the payer's filing limit of " + limit + " days (payer rule " + shortest.label() + ")";
		}
		LocalDate deadline = first.get().plusDays(limit);
		long left = ChronoUnit.DAYS.between(context.today(), deadline);
		if (left < 0) {
			context.add(error(ScrubRule.TIMELY_FILING, "The date of service " + first.get() + " is past the filing "
					+ "deadline of " + deadline + ".", "The payer will deny it as late (CARC 29); send it only with proof "
					+ "of timely filing, e.g. an earlier acceptance report (" + source + ").", "Claim.item[0].serviced"));
		} else if (left < context.settings().filingWarningDays()) {
			context.add(warning(ScrubRule.TIMELY_FILING, "Only " + left + " days are left to file this claim (deadline "
					+ deadline + ").", "Send it now (" + source + ").", "Claim.item[0].serviced"));
		}
	}
}
