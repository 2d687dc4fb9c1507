package org.openrcm.server.x12.status;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;

/** Reading helpers the 276 and 277 readers share. */
final class StatusReading {

	private StatusReading() {}

	/**
	 * A CCYYMMDD date with an HHMM[SS] time (midnight when the time is absent or invalid), or {@code null} when the
	 * date is absent or invalid.
	 */
	static LocalDateTime dateTime(String date, String time) {
		LocalDate day = X12Text.date(date);
		if (day == null) {
			return null;
		}
		LocalTime at = LocalTime.MIDNIGHT;
		if (time != null && time.matches("\\d{4}(\\d{2})?\\d*")) {
			try {
				at = LocalTime.of(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
						time.length() >= 6 ? Integer.parseInt(time.substring(4, 6)) : 0);
			} catch (DateTimeException e) {
				at = LocalTime.MIDNIGHT;
			}
		}
		return day.atTime(at);
	}

	/** SVC01-3 to SVC01-6, the modifiers present. */
	static List<String> modifiers(X12Segment svc) {
		List<String> modifiers = new ArrayList<>();
		for (int component = 3; component <= 6; component++) {
			if (!svc.component(1, component).isEmpty()) {
				modifiers.add(svc.component(1, component));
			}
		}
		return modifiers;
	}
}
