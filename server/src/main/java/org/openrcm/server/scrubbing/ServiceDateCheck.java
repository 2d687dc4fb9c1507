package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code DATE-INVALID}: a date of service in the future, after the claim was created, before the patient was born,
 * or a service period that ends before it starts.
 */
final class ServiceDateCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		LocalDate created = context.claim().hasCreatedElement() ? FhirValues.day(context.claim().getCreatedElement())
				: null;
		LocalDate birth = context.patient() == null ? null : FhirValues.day(context.patient().getBirthDateElement());
		for (ServiceLine line : context.lines()) {
			LocalDate date = line.date();
			if (date == null) {
				continue;
			}
			String at = "The date of service " + date + " of line " + (line.index() + 1);
			String path = line.path() + ".serviced";
			if (date.isAfter(context.today())) {
				context.add(error(ScrubRule.DATE_INVALID, at + " is in the future.", "Bill services after they are "
						+ "rendered; correct the date.", path));
			} else if (created != null && date.isAfter(created)) {
				context.add(error(ScrubRule.DATE_INVALID, at + " is after the claim was created (" + created + ").",
						"Correct the date of service or the claim's created date.", path));
			}
			if (birth != null && date.isBefore(birth)) {
				context.add(error(ScrubRule.DATE_INVALID, at + " is before the patient's birth date (" + birth + ").",
						"Correct the date of service or the patient's birth date.", path));
			}
			ItemComponent item = context.claim().getItem().get(line.index());
			if (item.hasServicedPeriod() && item.getServicedPeriod().hasEnd()) {
				LocalDate end = FhirValues.day(item.getServicedPeriod().getEndElement());
				if (end != null && end.isBefore(date)) {
					context.add(error(ScrubRule.DATE_INVALID, "The service period of line " + (line.index() + 1)
							+ " ends (" + end + ") before it starts (" + date + ").", "Correct the service period.", path));
				}
			}
		}
	}
}
