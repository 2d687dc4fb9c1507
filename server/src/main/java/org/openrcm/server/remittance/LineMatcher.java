package org.openrcm.server.remittance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * Finds the claim line an 835 service line pays: by its line item control number (REF*6R, the line's sequence in
 * OpenRCM's 837), else by procedure code, modifiers and date of service among the lines not matched yet. Each claim
 * line is matched once.
 */
final class LineMatcher {

	private final Claim claim;
	private final Set<Integer> taken = new HashSet<>();

	LineMatcher(Claim claim) {
		this.claim = claim;
	}

	/** The sequence of the claim line, or {@code null} when none matches. */
	Integer match(ServicePayment service) {
		if (service.lineControlNumber() != null && service.lineControlNumber().strip().matches("\\d{1,9}")) {
			int sequence = Integer.parseInt(service.lineControlNumber().strip());
			for (ItemComponent item : claim.getItem()) {
				if (item.getSequence() == sequence && taken.add(sequence)) {
					return sequence;
				}
			}
		}
		Procedure procedure = service.submittedProcedure() != null ? service.submittedProcedure()
				: service.procedure();
		if (procedure == null) {
			return null;
		}
		for (ItemComponent item : claim.getItem()) {
			if (!taken.contains(item.getSequence()) && sameService(item, procedure, service)) {
				taken.add(item.getSequence());
				return item.getSequence();
			}
		}
		return null;
	}

	private static boolean sameService(ItemComponent item, Procedure procedure, ServicePayment service) {
		boolean revenueOnly = "NU".equals(procedure.qualifier());
		CodeableConcept code = revenueOnly ? item.getRevenue() : item.getProductOrService();
		if (code.getCoding().stream().map(Coding::getCode).noneMatch(c -> procedure.code().equals(c))) {
			return false;
		}
		if (!revenueOnly && !modifiers(item).equals(new HashSet<>(procedure.modifiers()))) {
			return false;
		}
		return service.serviceFrom() == null || served(item, service.serviceFrom());
	}

	private static Set<String> modifiers(ItemComponent item) {
		List<String> codes = new ArrayList<>();
		item.getModifier().forEach(modifier -> modifier.getCoding().forEach(c -> codes.add(c.getCode())));
		return new HashSet<>(codes);
	}

	private static boolean served(ItemComponent item, LocalDate day) {
		if (item.hasServicedDateType()) {
			return day.equals(FhirValues.day(item.getServicedDateType()));
		}
		if (item.hasServicedPeriod()) {
			LocalDate start = FhirValues.day(item.getServicedPeriod().getStartElement());
			LocalDate end = FhirValues.day(item.getServicedPeriod().getEndElement());
			return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
		}
		return true;
	}
}
