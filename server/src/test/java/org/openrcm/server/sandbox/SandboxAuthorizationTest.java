package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.auth.Authorization278Fixtures;
import org.openrcm.server.x12.auth.Authorization278Reader;
import org.openrcm.server.x12.auth.Authorization278Writer;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Reference;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.ReviewAction;

/** The sandbox UMO's documented rules, each seen in the 278 response it writes. */
class SandboxAuthorizationTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12InterchangeWriter X12 = new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(),
			Clock.fixed(Instant.parse("2026-11-29T18:05:00Z"), ZoneOffset.UTC));
	private static final LocalDateTime RECEIVED = LocalDateTime.of(2026, 11, 29, 18, 6);

	private final SandboxAuthorization sandbox = new SandboxAuthorization(SandboxAuthorizationRules.defaults()
			.withCodes(List.of("0042T"), List.of("95810")));

	@Test
	void certifiesEveryServiceUnderOneNumberForNinetyDays() {
		AuthorizationReview answer = answer(Authorization278Fixtures.request("W123", "70551", "97110"));

		Decision decision = answer.event().decision();
		assertThat(decision.reviewAction()).contains(ReviewAction.CERTIFIED);
		assertThat(decision.reviewNumber()).matches("SBX[0-9A-F]{8}");
		assertThat(answer.services()).extracting(s -> s.decision().reviewNumber()).containsOnly(decision.reviewNumber());
		assertThat(answer.event().date("AAH")).contains(new Dated("AAH", LocalDate.of(2026, 12, 1),
				LocalDate.of(2027, 2, 28)));
		assertThat(answer.event().traces()).singleElement().satisfies(t -> {
			assertThat(t.type()).isEqualTo("2");
			assertThat(t.number()).isEqualTo("PA-1");
		});
		assertThat(answer.reference()).isEqualTo("PA-1");
		assertThat(answer(Authorization278Fixtures.request("W123", "70551", "97110")).event().decision())
				.as("deterministic").isEqualTo(decision);
		assertThat(answer(Authorization278Fixtures.request("W124", "70551")).event().decision().reviewNumber())
				.as("another member, another number").isNotEqualTo(decision.reviewNumber());
	}

	@Test
	void deniesListedCodesAndCertifiesTheRestInPart() {
		AuthorizationReview answer = answer(Authorization278Fixtures.request("W123", "70551", "0042T"));

		assertThat(answer.event().decision().reviewAction()).contains(ReviewAction.CERTIFIED_PARTIAL);
		assertThat(answer.services()).extracting(s -> s.decision().action()).containsExactly("A1", "A3");
		assertThat(answer.services().get(1).decision().reviewNumber()).isNull();
	}

	@Test
	void deniesEverythingForTheDeniedMemberPrefix() {
		AuthorizationReview answer = answer(Authorization278Fixtures.request("PADENY1", "70551"));

		assertThat(answer.event().decision().reviewAction()).contains(ReviewAction.NOT_CERTIFIED);
		assertThat(answer.event().date("AAH")).isEmpty();
	}

	@Test
	void pendsAndDecidesWhenAskedAgainQuotingThePendedReference() {
		AuthorizationReview request = Authorization278Fixtures.request("PAPEND7", "70551");
		AuthorizationReview pended = answer(request);

		assertThat(pended.event().decision()).isEqualTo(new Decision("A4", null, "0U", false));
		String reference = pended.event().reference("NT").orElseThrow();
		assertThat(reference).matches("P[0-9A-F]{8}");

		PatientEvent asked = request.event();
		AuthorizationReview followUp = new AuthorizationReview(Kind.REQUEST, "", request.reference(),
				request.created(), null, request.umo(), request.requester(), request.subscriber(), null,
				new PatientEvent(asked.traces(), asked.review(), null, List.of(new Reference("NT", reference)),
						asked.dates(), asked.diagnoses(), asked.providers(), List.of()), request.services(), List.of());
		AuthorizationReview decided = answer(followUp);

		assertThat(decided.event().decision().reviewAction()).contains(ReviewAction.CERTIFIED);
		assertThat(decided.event().decision().reviewNumber()).isEqualTo("SBX" + reference.substring(1));
	}

	@Test
	void pendsListedCodes() {
		assertThat(answer(Authorization278Fixtures.request("W1", "70551", "95810")).event().decision().action())
				.isEqualTo("A4");
	}

	@Test
	void memberNotFoundAndUmoUnavailableAreAaaErrorsWithoutDecision() {
		AuthorizationReview notFound = answer(Authorization278Fixtures.request("PAREJ9", "70551"));
		AuthorizationReview unavailable = answer(Authorization278Fixtures.request("PADOWN9", "70551"));

		assertThat(notFound.allRejections()).containsExactly(new Rejection("2010C", false, "75", "C"));
		assertThat(notFound.event().decision()).isNull();
		assertThat(notFound.services()).allSatisfy(s -> assertThat(s.decision()).isNull());
		assertThat(unavailable.allRejections()).containsExactly(new Rejection("2010A", false, "42", "R"));
	}

	@Test
	void slowMembersAreAnsweredAfterTheDelay() {
		SandboxAuthorization slow = new SandboxAuthorization(SandboxAuthorizationRules.defaults()
				.withSlowDelay(Duration.ofMillis(300)));
		long start = System.nanoTime();

		AuthorizationReview answer = answer(slow, Authorization278Fixtures.request("PASLOW1", "70551"));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(answer.event().decision().action()).isEqualTo("A1");
	}

	@Test
	void aFileWithoutRequestsIsNotAnswered() {
		AuthorizationReview response = answer(Authorization278Fixtures.request("W1", "70551"));
		List<X12Transaction> responses = transactions(new Authorization278Writer(X12)
				.write(Authorization278Fixtures.UMO, List.of(response)));

		assertThatThrownBy(() -> sandbox.answer(X12, Authorization278Fixtures.UMO, responses, RECEIVED))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BHT02 13");
	}

	@Test
	void theSandboxAnswersA278FileWithA999AndA278AndARealTimeRequestWithThe278() {
		SandboxResponder responder = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				SandboxRemittanceRules.defaults().disabled(), List.of(sandbox), Clock.fixed(
						Instant.parse("2026-11-29T18:05:00Z"), ZoneOffset.UTC), true);
		byte[] request = new Authorization278Writer(X12).write(Authorization278Fixtures.REQUESTER,
				List.of(Authorization278Fixtures.request("W123", "70551"))).bytes();

		SandboxResponse batch = responder.respond("pa-1.x12", request);
		SandboxResponder.RealTimeResponse realTime = responder.respondRealTime(request);

		assertThat(batch.problems()).isEmpty();
		assertThat(batch.files()).extracting(SandboxResponse.ResponseFile::name).hasSize(2)
				.allMatch(name -> name.startsWith("pa-1.")).anyMatch(name -> name.endsWith(".999"))
				.anyMatch(name -> name.endsWith(".278"));
		String answer = batch.files().stream().filter(f -> f.name().endsWith(".278")).findFirst().orElseThrow()
				.text();
		assertThat(answer).contains("BHT*0007*11*PA-1*").contains("HCR*A1*SBX");
		assertThat(realTime.answer()).hasValueSatisfying(file -> assertThat(file.text()).contains("HCR*A1*SBX"));
	}

	private AuthorizationReview answer(AuthorizationReview request) {
		return answer(sandbox, request);
	}

	private static AuthorizationReview answer(SandboxAuthorization sandbox, AuthorizationReview request) {
		List<X12Transaction> requests = transactions(new Authorization278Writer(X12)
				.write(Authorization278Fixtures.REQUESTER, List.of(request)));
		WrittenInterchange answer = sandbox.answer(X12, Authorization278Fixtures.UMO, requests, RECEIVED);
		List<X12Transaction> answers = transactions(answer);
		assertThat(answers).hasSize(1);
		AuthorizationReview read = Authorization278Reader.read(answers.get(0));
		assertThat(read.kind()).isEqualTo(Kind.RESPONSE);
		return read;
	}

	private static List<X12Transaction> transactions(WrittenInterchange written) {
		X12ReadResult result = new X12Reader(SCHEMAS).read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		return result.transactions().toList();
	}
}
