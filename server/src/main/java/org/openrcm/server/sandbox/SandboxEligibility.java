package org.openrcm.server.sandbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;
import org.openrcm.server.x12.elig.Eligibility270Reader;
import org.openrcm.server.x12.elig.Eligibility271Writer;
import org.openrcm.server.x12.elig.EligibilityInquiry;
import org.openrcm.server.x12.elig.EligibilityResponse;

/**
 * The payer sandbox's answer to 270 eligibility inquiries: one 271 per 270, by the {@link Scenario} its
 * {@link SandboxEligibilityProperties rules} choose for the subscriber's member id and the requester. Deterministic:
 * the same inquiry received on the same day gets the same answer.
 *
 * <p>Every 271 echoes the inquiry: BHT03, the payer (2100A) and provider (2100B), the subscriber's name and member id,
 * the dependent when asked about one, and the inquirer's trace as {@code TRN*2} at the patient's level, next to the
 * sandbox's own {@code TRN*1} ({@code SBX} and ten hex digits of a hash of the inquirer's trace, assigner
 * {@value #ASSIGNER}). The date of service is the patient's {@code DTP*291}, else the day received. The scenarios:
 * <ul>
 * <li>{@code active}: plan {@value #PLAN} (PPO, {@code PR}), plan dates {@code DTP*346}/{@code 347} the calendar year
 * of the date of service; for health benefit plan coverage ({@code 30}) active coverage ({@code EB*1}), an individual
 * calendar-year deductible of 1,500.00 in network with 1,100.00 remaining and 3,000.00 out of network (all remaining),
 * an out-of-pocket maximum of 5,000.00 in network with 4,600.00 remaining; for office visits ({@code 98}) a copay of
 * 25.00 in network and 50.00 out, coinsurance of 20% in network and 40% out, no authorization; MRI/CAT scans
 * ({@code 62}) and inpatient stays ({@code 48}) covered with authorization required ({@code EB11 Y}); and active
 * coverage for any other service type asked about;</li>
 * <li>{@code deductible-met}: as active, with the in-network deductible remaining 0.00 and the out-of-pocket
 * maximum remaining 3,100.00;</li>
 * <li>{@code inactive}: coverage ended ({@code EB*6} for {@code 30}, with a message), plan dates from January 1 of
 * the year before the date of service to the last day of the month before it;</li>
 * <li>{@code not-found}: no benefits, {@code AAA*Y**75*C} (subscriber not found; correct and resubmit) in 2100C;</li>
 * <li>{@code payer-unavailable}: no benefits, {@code AAA*Y**42*R} (unable to respond now; resubmission allowed) in
 * 2100C, so the inquirer's trace is still echoed;</li>
 * <li>{@code no-answer}: the payer takes {@code no-answer-delay} (30 seconds unless configured) before it answers
 * as active, longer than a real-time requester waits (its timeout); the wait holds the sandbox's worker (real time)
 * or its polling (batch) that long.</li>
 * </ul>
 */
public final class SandboxEligibility implements SandboxRequestAnswerer {

	/** The sandbox payer's plan name (EB05). */
	static final String PLAN = "SANDBOX SILVER PPO";
	/** TRN03 of the sandbox's own trace numbers. */
	static final String ASSIGNER = "9OPENRCMSB";

	/** How the sandbox payer answers an inquiry. */
	public enum Scenario {
		/** Covered, with deductible and out-of-pocket left to meet. */
		ACTIVE,
		/** Coverage ended before the date of service. */
		INACTIVE,
		/** Covered, the in-network deductible met. */
		DEDUCTIBLE_MET,
		/** No such subscriber (AAA 75). */
		NOT_FOUND,
		/** The payer cannot answer now (AAA 42). */
		PAYER_UNAVAILABLE,
		/** The payer answers (as active) only after {@link SandboxEligibilityProperties#noAnswerDelay()}. */
		NO_ANSWER
	}

	private static final String IN = "Y";
	private static final String OUT = "N";

	private final SandboxEligibilityProperties rules;

	public SandboxEligibility(SandboxEligibilityProperties rules) {
		this.rules = rules;
	}

	@Override
	public X12Guide requestGuide() {
		return X12Guide.ELIGIBILITY_270;
	}

	@Override
	public String answerExtension() {
		return "271";
	}

	@Override
	public WrittenInterchange answer(X12InterchangeWriter writer, X12Envelope envelope, List<X12Transaction> requests,
			LocalDateTime received) {
		List<EligibilityResponse> responses = new ArrayList<>();
		boolean slow = false;
		for (X12Transaction request : requests) {
			EligibilityInquiry inquiry = Eligibility270Reader.read(request);
			Scenario scenario = rules.scenario(envelope.receiverId(), inquiry.subscriber().memberId());
			slow |= scenario == Scenario.NO_ANSWER;
			responses.add(respond(inquiry, scenario, received));
		}
		if (slow) {
			pause(rules.noAnswerDelay());
		}
		return new Eligibility271Writer(writer).write(envelope, responses);
	}

	/** The 271 content for one inquiry under a scenario. */
	static EligibilityResponse respond(EligibilityInquiry inquiry, Scenario scenario, LocalDateTime received) {
		Person patient = inquiry.patient();
		LocalDate service = patient.date("291").map(DatePeriod::start).orElse(received.toLocalDate());
		List<Trace> traces = new ArrayList<>();
		inquiry.trace().ifPresent(trace -> {
			traces.add(new Trace("2", trace.number(), trace.assigner(), trace.secondary()));
			traces.add(new Trace("1", "SBX" + hash(trace.number()), ASSIGNER, ""));
		});
		List<DatePeriod> dates = new ArrayList<>();
		List<RequestError> errors = new ArrayList<>();
		List<Benefit> benefits = new ArrayList<>();
		switch (scenario) {
			case ACTIVE, DEDUCTIBLE_MET, NO_ANSWER -> {
				dates.add(DatePeriod.of("346", service.withDayOfYear(1)));
				dates.add(DatePeriod.of("347", service.withDayOfYear(service.lengthOfYear())));
				benefits.addAll(plan(scenario == Scenario.DEDUCTIBLE_MET, patient.serviceTypes()));
			}
			case INACTIVE -> {
				dates.add(DatePeriod.of("346", service.minusYears(1).withDayOfYear(1)));
				dates.add(DatePeriod.of("347", service.withDayOfMonth(1).minusDays(1)));
				benefits.add(Benefit.of("6", "IND", List.of("30"), "PR", PLAN).withDetails(List.of(),
						List.of("COVERAGE TERMINATED")));
			}
			case NOT_FOUND -> errors.add(new RequestError(level(inquiry), "Y", "75", "C"));
			case PAYER_UNAVAILABLE -> errors.add(new RequestError(level(inquiry), "Y", "42", "R"));
		}
		boolean dependent = inquiry.dependent() != null;
		Person subscriber = inquiry.subscriber();
		Person answeredSubscriber = dependent
				? new Person(subscriber.name(), subscriber.birthDate(), subscriber.gender(), "", List.of(), List.of(),
						List.of(), List.of(), List.of())
				: new Person(subscriber.name(), subscriber.birthDate(), subscriber.gender(), "", traces, dates,
						List.of(), errors, benefits);
		Person answeredDependent = dependent
				? new Person(patient.name(), patient.birthDate(), patient.gender(), "", traces, dates, List.of(),
						errors, benefits)
				: null;
		return new EligibilityResponse("", inquiry.reference(), received, inquiry.source(), inquiry.receiver(),
				List.of(), answeredSubscriber, answeredDependent);
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		} catch (InterruptedException e) {
			// the sandbox is closing: answer at once
			Thread.currentThread().interrupt();
		}
	}

	private static String level(EligibilityInquiry inquiry) {
		return inquiry.dependent() != null ? "2100D" : "2100C";
	}

	private static List<Benefit> plan(boolean deductibleMet, List<String> asked) {
		List<Benefit> plan = new ArrayList<>();
		plan.add(Benefit.of("1", "IND", List.of("30"), "PR", PLAN));
		plan.add(amount("C", "30", "23", "1500", IN));
		plan.add(amount("C", "30", "29", deductibleMet ? "0" : "1100", IN));
		plan.add(amount("C", "30", "23", "3000", OUT));
		plan.add(amount("C", "30", "29", "3000", OUT));
		plan.add(amount("G", "30", "23", "5000", IN));
		plan.add(amount("G", "30", "29", deductibleMet ? "3100" : "4600", IN));
		plan.add(amount("B", "98", "27", "25", IN));
		plan.add(amount("B", "98", "27", "50", OUT));
		plan.add(Benefit.of("A", "IND", List.of("98"), "PR", "").withAmount("27", null)
				.withPercent(new BigDecimal("0.2")).withIndicators("N", IN));
		plan.add(Benefit.of("A", "IND", List.of("98"), "PR", "").withAmount("27", null)
				.withPercent(new BigDecimal("0.4")).withIndicators("N", OUT));
		plan.add(Benefit.of("1", "IND", List.of("62"), "PR", "").withIndicators("Y", IN));
		plan.add(Benefit.of("1", "IND", List.of("48"), "PR", "").withIndicators("Y", IN));
		for (String type : asked) {
			if (!List.of("30", "98", "62", "48").contains(type)) {
				plan.add(Benefit.of("1", "IND", List.of(type), "PR", ""));
			}
		}
		return plan;
	}

	private static Benefit amount(String code, String serviceType, String period, String value, String network) {
		return Benefit.of(code, "IND", List.of(serviceType), "PR", "").withAmount(period, new BigDecimal(value))
				.withIndicators("", network);
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(digest).substring(0, 10);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
