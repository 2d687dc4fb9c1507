package org.openrcm.server.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.auth.Authorization278Reader;
import org.openrcm.server.x12.auth.Authorization278Writer;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Reference;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;
import org.openrcm.server.x12.auth.ReviewAction;

/**
 * The sandbox's utilization management organization: answers each 278 request with a 278 response by the
 * {@link SandboxAuthorizationRules}, deterministically (the same request on the same day gets the same answer).
 *
 * <p>Per request, the first rule that applies (member id = the subscriber's NM109):
 * <ol>
 * <li>member id starts with {@code unavailable-member-id-prefix}: AAA {@code N}/{@code 42}/{@code R} on the UMO
 * (2010A): unable to respond now, resubmit; no decision;</li>
 * <li>member id starts with {@code rejected-member-id-prefix}: AAA {@code N}/{@code 75}/{@code C} on the subscriber
 * (2010C): member not found, correct and resubmit; no decision;</li>
 * <li>member id starts with {@code slow-member-id-prefix}: the answer waits {@code slow-delay} first, then the
 * rules below apply;</li>
 * <li>per service (2000F), by its procedure code: not certified (HCR {@code A3}, reason {@code denied-reason}) when
 * the member id starts with {@code denied-member-id-prefix} or the code is in {@code denied-codes}; else pended (HCR
 * {@code A4}, reason {@code pended-reason}) when the member id starts with {@code pended-member-id-prefix} or the code
 * is in {@code pended-codes}; else certified (HCR {@code A1}) under the authorization number.</li>
 * </ol>
 * The patient event (2000E) gets one decision for all: the services' common action; pended when any is pended;
 * certified in part ({@code A2}) when some are certified and some not. The authorization number is
 * {@code number-prefix} and eight hex digits of a hash of BHT03, the member id and the event's trace number; it is
 * written on every certified HCR. A certification holds for {@code authorized-days} from the first date asked for
 * (2000E DTP*AAH, else the earliest service date, else the day received), written as 2000E DTP*AAH RD8.
 *
 * <p><b>Pended reviews are decided later</b> the way a requester would follow one up: the pended answer carries the
 * UMO's reference (2000E REF*NT: {@code P} and the same eight hex digits); a later request for the same services
 * that quotes it (its own 2000E REF*NT) is decided without the pended rules: certified unless a denial rule applies.
 * No state is kept: the quoted reference is the proof of the earlier request.
 *
 * <p>Trace numbers of the request (TRN*1) are repeated as TRN*2; the parties, the review (UM), diagnoses and
 * services are echoed.
 */
public final class SandboxAuthorization implements SandboxRequestAnswerer {

	private final SandboxAuthorizationRules rules;

	public SandboxAuthorization(SandboxAuthorizationRules rules) {
		this.rules = rules;
	}

	@Override
	public X12Guide requestGuide() {
		return X12Guide.AUTHORIZATION_278;
	}

	@Override
	public String answerExtension() {
		return "278";
	}

	/**
	 * {@inheritDoc}
	 *
	 * @throws IllegalArgumentException when none of the transaction sets is a 278 request (BHT02 {@code 13})
	 */
	@Override
	public WrittenInterchange answer(X12InterchangeWriter writer, X12Envelope envelope, List<X12Transaction> requests,
			LocalDateTime received) {
		List<AuthorizationReview> answers = new ArrayList<>();
		for (X12Transaction transaction : requests) {
			if (Authorization278Reader.kindOf(transaction).orElse(null) == Kind.REQUEST) {
				answers.add(decide(Authorization278Reader.read(transaction), received));
			}
		}
		if (answers.isEmpty()) {
			throw new IllegalArgumentException("none of the 278s is a request for review (BHT02 13)");
		}
		return new Authorization278Writer(writer).write(envelope, answers);
	}

	/** The response to one request. */
	AuthorizationReview decide(AuthorizationReview request, LocalDateTime received) {
		String member = Optional.ofNullable(request.subscriber().id()).orElse("");
		PatientEvent asked = request.event();
		if (starts(member, rules.unavailableMemberIdPrefix())) {
			return answer(request, received, null, List.of(), null, List.of(new Rejection("2010A", false, "42", "R")));
		}
		if (starts(member, rules.rejectedMemberIdPrefix())) {
			return answer(request, received, null, List.of(), null, List.of(new Rejection("2010C", false, "75", "C")));
		}
		if (starts(member, rules.slowMemberIdPrefix())) {
			try {
				Thread.sleep(rules.slowDelay().toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		String digits = digits(request.reference() + "|" + member + "|"
				+ asked.traces().stream().map(Trace::number).findFirst().orElse(""));
		String number = rules.numberPrefix() + digits;
		boolean followUp = asked.reference("NT").isPresent();
		List<ReviewAction> actions = new ArrayList<>();
		for (Service service : request.services()) {
			actions.add(action(member, service.procedure() == null ? "" : service.procedure().code(), followUp));
		}
		ReviewAction overall = request.services().isEmpty() ? action(member, "", followUp) : overall(actions);
		return answer(request, received, overall, actions, digits, List.of());
	}

	private ReviewAction action(String member, String code, boolean followUp) {
		if (starts(member, rules.deniedMemberIdPrefix()) || rules.deniedCodes().contains(code)) {
			return ReviewAction.NOT_CERTIFIED;
		}
		if (!followUp && (starts(member, rules.pendedMemberIdPrefix()) || rules.pendedCodes().contains(code))) {
			return ReviewAction.PENDED;
		}
		return ReviewAction.CERTIFIED;
	}

	private static ReviewAction overall(List<ReviewAction> actions) {
		if (actions.stream().distinct().count() == 1) {
			return actions.get(0);
		}
		if (actions.contains(ReviewAction.PENDED)) {
			return ReviewAction.PENDED;
		}
		return actions.contains(ReviewAction.CERTIFIED) ? ReviewAction.CERTIFIED_PARTIAL : ReviewAction.NOT_CERTIFIED;
	}

	private Decision decision(ReviewAction action, String digits) {
		return switch (action) {
			case CERTIFIED, CERTIFIED_PARTIAL -> new Decision(action.code(), rules.numberPrefix() + digits, null,
					false);
			case PENDED -> new Decision(action.code(), null, blankToNull(rules.pendedReason()), false);
			default -> new Decision(action.code(), null, blankToNull(rules.deniedReason()), false);
		};
	}

	private AuthorizationReview answer(AuthorizationReview request, LocalDateTime received, ReviewAction overall,
			List<ReviewAction> actions, String digits, List<Rejection> rejections) {
		PatientEvent asked = request.event();
		List<Reference> references = new ArrayList<>();
		List<Dated> dates = new ArrayList<>();
		if (overall == ReviewAction.PENDED) {
			references.add(new Reference("NT", "P" + digits));
		}
		if (overall != null && overall.approved()) {
			LocalDate from = firstDate(request, received.toLocalDate());
			dates.add(new Dated("AAH", from, from.plusDays(rules.authorizedDays() - 1L)));
		}
		PatientEvent event = new PatientEvent(repeated(asked.traces()), asked.review(),
				overall == null ? null : decision(overall, digits), references, dates, asked.diagnoses(),
				asked.providers(), List.of());
		List<Service> services = new ArrayList<>();
		for (int i = 0; i < request.services().size(); i++) {
			Service s = request.services().get(i);
			Decision decision = overall == null ? null : decision(actions.get(i), digits);
			services.add(new Service(repeated(s.traces()), s.review(), decision, List.of(), s.dates(), s.procedure(),
					s.revenueCode(), s.charge(), s.unit(), s.quantity(), s.providers(), List.of()));
		}
		return new AuthorizationReview(Kind.RESPONSE, "", request.reference(), received, request.transactionType(),
				request.umo(), request.requester(), request.subscriber(), request.dependent(), event, services,
				rejections);
	}

	private static LocalDate firstDate(AuthorizationReview request, LocalDate received) {
		Optional<LocalDate> event = request.event().date("AAH").map(Dated::from);
		if (event.isPresent()) {
			return event.get();
		}
		return request.services().stream().flatMap(s -> s.dates().stream()).map(Dated::from)
				.filter(java.util.Objects::nonNull).min(LocalDate::compareTo).orElse(received);
	}

	private static List<Trace> repeated(List<Trace> traces) {
		return traces.stream().filter(t -> "1".equals(t.type()))
				.map(t -> new Trace("2", t.number(), t.originator(), t.secondary())).toList();
	}

	private static boolean starts(String member, String prefix) {
		return !prefix.isEmpty() && member.startsWith(prefix);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/** Eight upper-case hex digits of a SHA-256 of the text. */
	static String digits(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(hash, 0, 4);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is not available", e);
		}
	}
}
