package org.openrcm.server.denials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;

/**
 * {@code $denial-patterns} as a client calls it: the period it defaults to and reads, the groupings, the answer's
 * parts, and the errors with their codes. The Tasks come from a fake source; the tenant's search is the DAO's.
 */
class DenialPatternsOperationProviderTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** 2024-07-15 03:30 UTC is 23:30 on the 14th in New York: "today" is the server clock's day, the 14th. */
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-15T03:30:00Z"),
			ZoneId.of("America/New_York"));

	private final FakeSource source = new FakeSource(List.of(
			DenialPatternsTest.denial("Organization/acme", "197", "97110", DenialCategory.AUTHORIZATION, "85.10",
					Instant.parse("2024-06-03T10:00:00Z")),
			DenialPatternsTest.denial("Organization/acme", "197", "97112", DenialCategory.AUTHORIZATION, "70.25",
					Instant.parse("2024-06-30T23:30:00Z")), // June 30 in UTC, still June 30 in New York
			DenialPatternsTest.denial("Organization/beta", "16", null, DenialCategory.MISSING_INFORMATION, "300.00",
					Instant.parse("2024-07-01T03:59:00Z")))); // June 30, 23:59 in New York

	private final DenialPatternsOperationProvider provider = new DenialPatternsOperationProvider(source,
			new DenialPatterns(), DenialClassifier.standard(), new DenialsProperties(Period.ofDays(90), 10), CLOCK);

	@Test
	void withoutDatesThePeriodIsTheDefaultLengthEndingToday() {
		Parameters result = provider.denialPatterns(null, null, null, null, null);

		assertThat(date(result, "from")).isEqualTo("2024-04-16");
		assertThat(date(result, "to")).isEqualTo("2024-07-14");
		// the source is asked for whole days in the clock's zone
		assertThat(source.from).isEqualTo(Instant.parse("2024-04-16T04:00:00Z"));
		assertThat(source.to).isEqualTo(Instant.parse("2024-07-15T04:00:00Z"));
		assertThat(source.limit).isEqualTo(10);
		// default grouping: payer and reason code
		assertThat(patterns(result)).extracting(pattern -> names(pattern)).containsOnly(
				List.of("payer", "carc", "count", "amount"));
	}

	@Test
	void aMonthCoversItsDaysInTheServersTimeZoneAndTheAnswerHasEveryPart() {
		Parameters result = provider.denialPatterns(new DateType("2024-06"), new DateType("2024-06"), null,
				List.of(new CodeType("payer"), new CodeType("carc,category"), new CodeType("procedure")), null);

		assertThat(date(result, "from")).isEqualTo("2024-06-01");
		assertThat(date(result, "to")).isEqualTo("2024-06-30");
		List<ParametersParameterComponent> patterns = patterns(result);
		assertThat(patterns).hasSize(3);
		// the largest amount first: beta's claim-level denial, counted in June in New York
		ParametersParameterComponent first = patterns.get(0);
		assertThat(names(first)).containsExactly("payer", "carc", "category", "count", "amount");
		assertThat(((Reference) part(first, "payer")).getReference()).isEqualTo("Organization/beta");
		assertThat(((Coding) part(first, "carc")).getCode()).isEqualTo("16");
		assertThat(((Coding) part(first, "carc")).getSystem())
				.isEqualTo("https://x12.org/codes/claim-adjustment-reason-codes");
		assertThat(((Coding) part(first, "category")).getCode()).isEqualTo("missing-information");
		assertThat(((IntegerType) part(first, "count")).getValue()).isEqualTo(1);
		Money amount = (Money) part(first, "amount");
		assertThat(amount.getValue()).isEqualByComparingTo("300.00");
		assertThat(amount.getCurrency()).isEqualTo("USD");

		ParametersParameterComponent second = patterns.get(1);
		assertThat(((Reference) part(second, "payer")).getDisplay()).isEqualTo("Acme Health");
		assertThat(((Coding) part(second, "carc")).getDisplay())
				.isEqualTo("No authorization or precertification on file");
		assertThat(((Coding) part(second, "procedure")).getCode()).isEqualTo("97110");
		assertThat(((Coding) part(second, "category")).getDisplay()).isEqualTo("Authorization or referral");
	}

	@Test
	void onePayer() {
		Parameters result = provider.denialPatterns(new DateType("2024-06-01"), new DateType("2024-07-14"),
				new StringType("Organization/acme"), List.of(new CodeType("payer")), null);

		assertThat(patterns(result)).singleElement().satisfies(pattern -> {
			assertThat(((IntegerType) part(pattern, "count")).getValue()).isEqualTo(2);
			assertThat(((Money) part(pattern, "amount")).getValue()).isEqualByComparingTo("155.35");
		});
	}

	@Test
	void badParametersAreRefusedWithTheirCode() {
		assertThatThrownBy(() -> provider.denialPatterns(null, null, null, List.of(new CodeType("month")), null))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("month")
				.satisfies(e -> assertThat(code(e)).isEqualTo("ORCM-9001"));
		assertThatThrownBy(() -> provider.denialPatterns(new DateType("2024-07-01"), new DateType("2024-06-30"), null,
				null, null))
				.isInstanceOf(InvalidRequestException.class)
				.satisfies(e -> assertThat(code(e)).isEqualTo("ORCM-9001"));
	}

	@Test
	void aPeriodWithTooManyDenialsIsRefusedRatherThanAnsweredInPart() {
		DenialPatternsOperationProvider small = new DenialPatternsOperationProvider(source, new DenialPatterns(),
				DenialClassifier.standard(), new DenialsProperties(Period.ofDays(90), 2), CLOCK);

		assertThatThrownBy(() -> small.denialPatterns(new DateType("2024-06-01"), null, null, null, null))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("openrcm.denials.max-tasks")
				.satisfies(e -> assertThat(code(e)).isEqualTo("ORCM-9002"));
	}

	@Test
	void hapiServesItAsAGetWithRepeatedParameters() throws ServletException, IOException {
		RestfulServer server = new RestfulServer(FHIR);
		server.registerProvider(provider);
		server.init(new MockServletConfig());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/$denial-patterns");
		request.setRequestURI("/$denial-patterns");
		request.setQueryString("from=2024-06-01&to=2024-06-30&groupBy=carc&groupBy=procedure");
		request.addParameter("from", "2024-06-01");
		request.addParameter("to", "2024-06-30");
		request.addParameter("groupBy", "carc", "procedure");
		MockHttpServletResponse response = new MockHttpServletResponse();

		server.service(request, response);

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		Parameters result = FHIR.newJsonParser().parseResource(Parameters.class,
				response.getContentAsString(StandardCharsets.UTF_8));
		assertThat(patterns(result)).extracting(pattern -> names(pattern)).containsOnly(
				List.of("carc", "procedure", "count", "amount"), List.of("carc", "count", "amount"));
	}

	private static String code(Throwable e) {
		OperationOutcome outcome = (OperationOutcome) ((BaseServerResponseException) e).getOperationOutcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem())
				.isEqualTo(ErrorCode.SYSTEM);
		return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
	}

	private static String date(Parameters parameters, String name) {
		return ((DateType) parameters.getParameter(name).getValue()).getValueAsString();
	}

	private static List<ParametersParameterComponent> patterns(Parameters parameters) {
		return parameters.getParameter().stream().filter(p -> p.getName().equals("pattern")).toList();
	}

	private static List<String> names(ParametersParameterComponent pattern) {
		return pattern.getPart().stream().map(ParametersParameterComponent::getName).toList();
	}

	private static Object part(ParametersParameterComponent pattern, String name) {
		return pattern.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
	}

	/** Answers every Task it holds, as the DAO would within its widened bounds, and records the question. */
	private static final class FakeSource implements DenialTaskSource {

		private final List<Task> tasks;
		private Instant from;
		private Instant to;
		private int limit;

		FakeSource(List<Task> tasks) {
			this.tasks = tasks;
		}

		@Override
		public List<Task> denialTasks(RequestDetails request, Instant from, Instant to, int limit) {
			this.from = from;
			this.to = to;
			this.limit = limit;
			return new ArrayList<>(tasks);
		}
	}
}
