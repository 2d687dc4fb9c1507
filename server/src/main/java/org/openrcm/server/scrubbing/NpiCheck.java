package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.util.List;
import org.hl7.fhir.r4.model.Claim.CareTeamComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code NPI-INVALID}: every NPI of the billing provider and the care team must be ten digits whose last is the
 * Luhn check digit of the other nine prefixed with {@code 80840} (the health-industry prefix, 45 CFR 162.406).
 */
final class NpiCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		check(context, context.resolve(context.claim().getProvider()), "the billing provider", "Claim.provider.resolve()");
		List<CareTeamComponent> careTeam = context.claim().getCareTeam();
		for (int i = 0; i < careTeam.size(); i++) {
			check(context, context.resolve(careTeam.get(i).getProvider()), "care team member " + (i + 1),
					"Claim.careTeam[" + i + "].provider.resolve()");
		}
	}

	private static void check(ScrubContext context, Resource provider, String who, String path) {
		if (provider == null) {
			return;
		}
		List<Identifier> identifiers = RequiredElementCheck.identifiers(provider);
		for (int i = 0; i < identifiers.size(); i++) {
			Identifier identifier = identifiers.get(i);
			if (RequiredElementCheck.NPI_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()
					&& !valid(identifier.getValue())) {
				context.add(error(ScrubRule.NPI_INVALID, "The NPI " + identifier.getValue() + " of " + who
						+ " is not a valid NPI.", "An NPI is 10 digits with a check digit (Luhn, prefix 80840); copy it "
						+ "again from NPPES.", path + ".identifier[" + i + "]"));
			}
		}
	}

	/** Whether {@code npi} is ten digits with a correct check digit. */
	static boolean valid(String npi) {
		if (npi == null || npi.length() != 10) {
			return false;
		}
		int sum = 24; // the doubled-and-summed digits of the 80840 prefix
		for (int i = 8; i >= 0; i--) {
			char c = npi.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			int digit = c - '0';
			if ((8 - i) % 2 == 0) { // rightmost of the nine, then every second one, is doubled
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		char check = npi.charAt(9);
		return check >= '0' && check <= '9' && (10 - sum % 10) % 10 == check - '0';
	}
}
