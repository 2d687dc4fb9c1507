package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ClaimStatus;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code DUPLICATE-CLAIM}: another claim of the patient that is not cancelled or entered in error has the same
 * billing provider, the same dates of service and the same procedure codes. Payers deny the second as a duplicate
 * (CARC 18). A replacement (frequency 7) or void (8) of the other claim is not a duplicate: that is what
 * {@code Claim.related} with relationship {@code prior} says.
 */
final class DuplicateClaimCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		Claim claim = context.claim();
		if (context.lines().isEmpty()) {
			return;
		}
		List<Claim> others = context.surroundings().otherClaimsOfPatient(claim);
		if (others.isEmpty()) {
			return;
		}
		List<String> services = services(context.lines());
		for (Claim other : others) {
			if (other.getStatus() == ClaimStatus.CANCELLED || other.getStatus() == ClaimStatus.ENTEREDINERROR
					|| sameClaim(claim, other) || replaces(claim, other)
					|| !Objects.equals(claim.getProvider().getReference(), other.getProvider().getReference())) {
				continue;
			}
			List<ServiceLine> otherLines = new ArrayList<>(other.getItem().size());
			for (int i = 0; i < other.getItem().size(); i++) {
				otherLines.add(ServiceLine.of(other, i));
			}
			if (services.equals(services(otherLines))) {
				String id = other.getIdElement().toUnqualifiedVersionless().getValue();
				context.add(error(ScrubRule.DUPLICATE_CLAIM, "This claim duplicates " + id + " (same patient, provider, "
						+ "dates and codes).", "Do not send it again: follow up on " + id + " instead. To correct that "
						+ "claim, send a replacement that names it in Claim.related (relationship prior).", "Claim"));
				return;
			}
		}
	}

	/** The lines' (date, code, modifiers) in a canonical order. */
	private static List<String> services(List<ServiceLine> lines) {
		List<String> services = new ArrayList<>(lines.size());
		for (ServiceLine line : lines) {
			LocalDate date = line.date();
			services.add(date + " " + line.code() + " " + line.modifiers());
		}
		Collections.sort(services);
		return services;
	}

	private static boolean sameClaim(Claim claim, Claim other) {
		return claim.getIdElement().hasIdPart()
				&& claim.getIdElement().getIdPart().equals(other.getIdElement().getIdPart());
	}

	private static boolean replaces(Claim claim, Claim other) {
		String otherId = other.getIdElement().toUnqualifiedVersionless().getValue();
		return claim.getRelated().stream().anyMatch(r -> r.getClaim().hasReference()
				&& otherId.equals(r.getClaim().getReferenceElement().toUnqualifiedVersionless().getValue()));
	}
}
