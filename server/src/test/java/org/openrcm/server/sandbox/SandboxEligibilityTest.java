package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrcm.server.sandbox.SandboxEligibility.Scenario;
import org.openrcm.server.sandbox.SandboxResponse.ResponseFile;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;
import org.openrcm.server.x12.elig.Eligibility270Writer;
import org.openrcm.server.x12.elig.Eligibility271Reader;
import org.openrcm.server.x12.elig.EligibilityInquiry;
import org.openrcm.server.x12.elig.EligibilityResponse;

/**
 * The payer sandbox answering 270s with 271s through the {@link SandboxResponder}, as the batch channel (a 999 and a
 * 271 file) and the real-time channel (the 271 alone) see it: each scenario gives the benefits or the request
 * validation it documents, the inquirer's trace comes back, and the scenario follows the member id prefix rules, with
 * a requester's own rules chosen by its submitter id.
 */
class SandboxEligibilityTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 3, 15, 9, 12).toInstant(ZoneOffset.UTC),
			ZoneOffset.UTC);
	private static final X12Reader READER = new X12Reader(SCHEMAS);
	private static final Party PAYER = Party.organization("PR", "SANDBOX PAYER", "PI", "SBXPAYER1");
	private static final Party CLINIC = Party.organization("1P", "RIVERSIDE FAMILY CLINIC", "XX", "1457392044");
	private static final LocalDate SERVICE = LocalDate.of(2026, 3, 20);

	@Test
	void anActiveMemberHasThePlansDeductibleOutOfPocketCopayCoinsuranceAndAuthorizations() {
		EligibilityResponse response = answer("OPENRCM", "GF20418877", false);

		assertThat(response.traceNumber()).contains("TRACE-1");
		Person subscriber = response.patient().orElseThrow();
		assertThat(subscriber.trace("1").orElseThrow().assigner()).isEqualTo(SandboxEligibility.ASSIGNER);
		assertThat(subscriber.date("346").orElseThrow().start()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(subscriber.date("347").orElseThrow().start()).isEqualTo(LocalDate.of(2026, 12, 31));
		List<Benefit> benefits = response.benefits();
		assertThat(benefits.get(0).code()).isEqualTo("1");
		assertThat(benefits.get(0).planDescription()).isEqualTo(SandboxEligibility.PLAN);
		assertThat(amount(benefits, "C", "29", "Y")).isEqualByComparingTo("1100");
		assertThat(amount(benefits, "C", "23", "Y")).isEqualByComparingTo("1500");
		assertThat(amount(benefits, "C", "23", "N")).isEqualByComparingTo("3000");
		assertThat(amount(benefits, "G", "29", "Y")).isEqualByComparingTo("4600");
		assertThat(amount(benefits, "B", "27", "N")).isEqualByComparingTo("50");
		assertThat(benefits).filteredOn(b -> b.code().equals("A") && b.inNetwork().equals("Y"))
				.singleElement().satisfies(b -> assertThat(b.percent()).isEqualByComparingTo("0.2"));
		assertThat(benefits).filteredOn(b -> b.authorizationRequired().equals("Y"))
				.flatExtracting(Benefit::serviceTypes).containsExactly("62", "48");
		assertThat(response.allErrors()).isEmpty();
	}

	@Test
	void aMetDeductibleHasNothingRemaining() {
		List<Benefit> benefits = answer("OPENRCM", "DEDMET0001", false).benefits();

		assertThat(amount(benefits, "C", "29", "Y")).isEqualByComparingTo("0");
		assertThat(amount(benefits, "C", "23", "Y")).isEqualByComparingTo("1500");
		assertThat(amount(benefits, "G", "29", "Y")).isEqualByComparingTo("3100");
	}

	@Test
	void anInactiveMemberSCoverageEndedTheMonthBefore() {
		EligibilityResponse response = answer("OPENRCM", "inactive-77", false);

		assertThat(response.benefits()).extracting(Benefit::code).containsExactly("6");
		assertThat(response.benefits().get(0).messages()).containsExactly("COVERAGE TERMINATED");
		Person subscriber = response.patient().orElseThrow();
		assertThat(subscriber.date("347")).contains(DatePeriod.of("347", LocalDate.of(2026, 2, 28)));
		assertThat(subscriber.date("346")).contains(DatePeriod.of("346", LocalDate.of(2025, 1, 1)));
	}

	@Test
	void anUnknownMemberAndAnUnavailablePayerSaySoAtTheSubscriber() {
		EligibilityResponse notFound = answer("OPENRCM", "NOTFOUND1", false);
		EligibilityResponse unavailable = answer("OPENRCM", "UNAVAIL1", false);

		assertThat(notFound.benefits()).isEmpty();
		assertThat(notFound.allErrors()).containsExactly(new RequestError("2100C", "Y", "75", "C"));
		assertThat(notFound.traceNumber()).contains("TRACE-1");
		assertThat(unavailable.allErrors()).containsExactly(new RequestError("2100C", "Y", "42", "R"));
		assertThat(unavailable.traceNumber()).contains("TRACE-1");
	}

	@Test
	void aDependentIsAnsweredAtTheDependentLevel() {
		EligibilityResponse response = answer("OPENRCM", "GF20418877", true);

		assertThat(response.dependent()).isNotNull();
		assertThat(response.patient().orElseThrow().name().firstName()).isEqualTo("MIA");
		assertThat(response.subscriber().benefits()).isEmpty();
		assertThat(response.dependent().benefits()).isNotEmpty();
		assertThat(response.traceNumber()).contains("TRACE-1");
	}

	@Test
	void theLongestPrefixWinsAndARequesterMayHaveItsOwnRules() {
		SandboxEligibilityProperties rules = new SandboxEligibilityProperties(
				Map.of("X", Scenario.INACTIVE, "XNF", Scenario.NOT_FOUND), Scenario.ACTIVE,
				Map.of("CLINICB", new SandboxEligibilityProperties.Rules(Map.of(), Scenario.PAYER_UNAVAILABLE)),
				Duration.ofSeconds(30));

		assertThat(rules.scenario("OPENRCM", "x123")).isEqualTo(Scenario.INACTIVE);
		assertThat(rules.scenario("OPENRCM", "XNF9")).isEqualTo(Scenario.NOT_FOUND);
		assertThat(rules.scenario("OPENRCM", "A1")).isEqualTo(Scenario.ACTIVE);
		assertThat(rules.scenario("CLINICB", "XNF9")).isEqualTo(Scenario.PAYER_UNAVAILABLE);
		assertThat(SandboxEligibilityProperties.defaults().scenario("OPENRCM", "UNAVAIL-3"))
				.isEqualTo(Scenario.PAYER_UNAVAILABLE);

		SandboxEligibility sandbox = new SandboxEligibility(rules);
		assertThat(answer(sandbox, "CLINICB", "A1", false).allErrors()).extracting(RequestError::reason)
				.containsExactly("42");
	}

	@Test
	void aPayerThatDoesNotAnswerInTimeAnswersLate() {
		SandboxEligibilityProperties rules = new SandboxEligibilityProperties(null, Scenario.ACTIVE, null,
				Duration.ofMillis(300));
		long started = System.nanoTime();

		EligibilityResponse response = answer(new SandboxEligibility(rules), "OPENRCM", "NOANSWER1", false);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(
				Duration.ofMillis(300));
		assertThat(response.benefits()).isNotEmpty();
		assertThat(rules.scenario("OPENRCM", "NOANSWER1")).isEqualTo(Scenario.NO_ANSWER);
	}

	@Test
	void theBatchChannelGetsA999AndA271() {
		SandboxResponder responder = responder(new SandboxEligibility(SandboxEligibilityProperties.defaults()));

		SandboxResponse response = responder.respond("elig-1.x12", inquiry("OPENRCM", "GF20418877", false));

		assertThat(response.problems()).isEmpty();
		assertThat(response.files()).extracting(ResponseFile::name).hasSize(2).first().asString().endsWith(".999");
		assertThat(response.files().get(1).name()).endsWith(".271");
		assertThat(response.files().get(1).text()).contains("ISA*00*          *00*          *ZZ*OPENRCMSANDBOX",
				"*ZZ*OPENRCM        *", "GS*HB*");
	}

	private static BigDecimal amount(List<Benefit> benefits, String code, String period, String network) {
		return benefits.stream().filter(b -> b.code().equals(code) && b.timePeriod().equals(period)
				&& b.inNetwork().equals(network)).findFirst().orElseThrow().amount();
	}

	private static EligibilityResponse answer(String submitter, String memberId, boolean dependent) {
		return answer(new SandboxEligibility(SandboxEligibilityProperties.defaults()), submitter, memberId, dependent);
	}

	/** The 271 the sandbox answers in real time to one 270 from this submitter about this member. */
	private static EligibilityResponse answer(SandboxEligibility answerer, String submitter, String memberId,
			boolean dependent) {
		SandboxResponder responder = responder(answerer);
		SandboxResponder.RealTimeResponse answer = responder.respondRealTime(inquiry(submitter, memberId, dependent));
		assertThat(answer.problems()).isEmpty();
		X12ReadResult read = READER.read(answer.answer().orElseThrow().content(),
				X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).isEmpty();
		X12Transaction transaction = read.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.ELIGIBILITY_271);
		return Eligibility271Reader.read(transaction);
	}

	private static SandboxResponder responder(SandboxEligibility answerer) {
		return new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				SandboxRemittanceRules.defaults().disabled(), List.of(answerer), CLOCK, true);
	}

	private static byte[] inquiry(String submitter, String memberId, boolean dependent) {
		Trace trace = new Trace("1", "TRACE-1", "9OPENRCM01", "");
		List<DatePeriod> service = List.of(DatePeriod.of("291", SERVICE));
		Person subscriber = new Person(Party.person("IL", "ACKERMANN", "LOTTE", "MI", memberId),
				LocalDate.of(1984, 2, 29), "F", "", dependent ? List.of() : List.of(trace),
				dependent ? List.of() : service, List.of(), List.of(), List.of());
		Person child = dependent ? new Person(Party.person("03", "ACKERMANN", "MIA", "", ""), LocalDate.of(2015, 6, 1),
				"F", "", List.of(trace), service, List.of("30"), List.of(), List.of()) : null;
		EligibilityInquiry inquiry = new EligibilityInquiry("REF-1", LocalDateTime.now(CLOCK), PAYER, CLINIC,
				subscriber, child);
		X12Envelope envelope = new X12Envelope("ZZ", submitter, "ZZ", "OPENRCMSANDBOX", submitter, "OPENRCMSANDBOX",
				X12Usage.TEST, false);
		return new Eligibility270Writer(new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK))
				.write(envelope, List.of(inquiry)).bytes();
	}
}
