package org.openrcm.server.x12.auth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Diagnosis;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Party;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Procedure;
import org.openrcm.server.x12.auth.AuthorizationReview.Reference;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Review;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;

/** Small 278s written for the tests: an outpatient prior authorization request for two services, and answers. */
public final class Authorization278Fixtures {

	/** From the practice's submitter to the payer. */
	public static final X12Envelope REQUESTER = new X12Envelope("ZZ", "OPENRCM", "ZZ", "PAYER", "OPENRCM", "PAYER",
			X12Usage.TEST, false);
	/** From the payer back to the submitter. */
	public static final X12Envelope UMO = new X12Envelope("ZZ", "PAYER", "ZZ", "OPENRCM", "PAYER", "OPENRCM",
			X12Usage.TEST, false);

	private Authorization278Fixtures() {}

	/** A request for an MRI (70551) and a sleep study (95810) for member {@code memberId}. */
	public static AuthorizationReview request(String memberId, String... procedures) {
		List<Service> services = new java.util.ArrayList<>();
		for (int i = 0; i < procedures.length; i++) {
			services.add(new Service(List.of(new Trace("1", "PA-1-" + (i + 1), "9OPENRCM00", null)),
					new Review("HS", "I", null, null, null, null), null, List.of(),
					List.of(new Dated("472", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1))),
					new Procedure("HC", procedures[i], i == 0 ? List.of("26") : List.of()), null,
					new BigDecimal("410"), "UN", BigDecimal.ONE, List.of(), List.of()));
		}
		PatientEvent event = new PatientEvent(List.of(new Trace("1", "PA-1", "9OPENRCM00", null)),
				new Review("HS", "I", "1", "11", "B", "E"), null, List.of(),
				List.of(new Dated("AAH", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
				List.of(new Diagnosis("ABK", "G4733", null), new Diagnosis("ABF", "R51", null)),
				List.of(Party.person("SJ", "WELBY", "MARCUS", "XX", "1234567893")), List.of());
		Party subscriber = new Party("IL", true, "DOE", "JANE", "MI", memberId, List.of(new Reference("EJ", "ACCT9")),
				LocalDate.of(1980, 5, 17), "F");
		return new AuthorizationReview(Kind.REQUEST, "", "PA-1", LocalDateTime.of(2026, 11, 29, 18, 5), null,
				Party.organization("X3", "ACME HEALTH PLAN", "PI", "ACME01"),
				Party.organization("1P", "NORTHSIDE CLINIC", "XX", "1245319599"), subscriber, null, event, services,
				List.of());
	}

	/** The answer a UMO gives: every service and the event with this decision, the traces repeated as TRN*2. */
	public static AuthorizationReview response(AuthorizationReview request, Decision decision,
			List<Rejection> rejections) {
		PatientEvent asked = request.event();
		PatientEvent event = new PatientEvent(repeated(asked.traces()), asked.review(), decision, List.of(),
				List.of(new Dated("AAH", LocalDate.of(2026, 12, 1), LocalDate.of(2027, 2, 28))), asked.diagnoses(),
				asked.providers(), rejections.stream().filter(r -> r.loop().startsWith("2000E")).toList());
		List<Service> services = request.services().stream().map(s -> new Service(repeated(s.traces()), s.review(),
				decision, List.of(), s.dates(), s.procedure(), s.revenueCode(), s.charge(), s.unit(), s.quantity(),
				s.providers(), List.of())).toList();
		return new AuthorizationReview(Kind.RESPONSE, "", request.reference(), request.created().plusMinutes(1), null,
				request.umo(), request.requester(), request.subscriber(), request.dependent(), event, services,
				rejections.stream().filter(r -> !r.loop().startsWith("2000E")).toList());
	}

	private static List<Trace> repeated(List<Trace> traces) {
		return traces.stream().map(t -> new Trace("2", t.number(), t.originator(), t.secondary())).toList();
	}
}
