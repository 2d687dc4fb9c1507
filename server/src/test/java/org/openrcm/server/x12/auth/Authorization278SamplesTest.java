package org.openrcm.server.x12.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Diagnosis;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Procedure;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * The 13 public 278 samples in {@code ../shared/x12-samples/278} (found through {@link SharedTestData}): each reads
 * against the 278 schema, as a request or a response by its name, into an {@link AuthorizationReview}; on a few, the
 * values a utilization-review clerk checks (decision, authorization number, member, codes, dates).
 */
class Authorization278SamplesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	/**
	 * The samples' real faults: in two, SE01 counts one segment less than the transaction set holds (25 for 26, 19
	 * for 20). Every other sample reads without any fault.
	 */
	private static final Map<String, String> DEFECTS = Map.of(
			"stupidedi-admission-request-for-review.edi", "X12-SE-SEGMENT-COUNT@SE",
			"stupidedi-request-for-home-health-care.edi", "X12-SE-SEGMENT-COUNT@SE");

	@TestFactory
	Stream<DynamicTest> everySampleReadsAsARequestOrAResponse() throws IOException {
		Path folder = SharedTestData.require("x12-samples/278");
		List<Path> files;
		try (Stream<Path> listed = Files.list(folder)) {
			files = listed.filter(f -> f.toString().endsWith(".edi")).sorted().toList();
		}
		assertThat(files).hasSize(13);
		return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
			String name = file.getFileName().toString();
			X12ReadResult result = READER.read(Files.readAllBytes(file), X12Reader.Options.DEFAULT.keepingSegments());
			List<String> faults = result.allErrors().stream().map(e -> e.code().code() + "@" + e.segmentId()).toList();
			assertThat(faults).as("%s: %s", name, result.allErrors())
					.containsExactlyElementsOf(DEFECTS.containsKey(name) ? List.of(DEFECTS.get(name)) : List.of());

			X12Transaction transaction = result.transactions().findFirst().orElseThrow();
			assertThat(transaction.guide()).contains(X12Guide.AUTHORIZATION_278);
			Kind expected = name.contains("response") ? Kind.RESPONSE : Kind.REQUEST;
			assertThat(Authorization278Reader.kindOf(transaction)).contains(expected);
			AuthorizationReview review = Authorization278Reader.read(transaction);
			assertThat(review.kind()).isEqualTo(expected);
			assertThat(review.umo().entity()).isEqualTo("X3");
			assertThat(review.umo().id()).isNotBlank();
			assertThat(review.requester().id()).isNotBlank();
			assertThat(review.subscriber().entity()).isEqualTo("IL");
			assertThat(review.subscriber().idQualifier()).isEqualTo("MI");
			assertThat(review.event().review().category()).isIn("AR", "HS", "SC", "IN");
			if (expected == Kind.RESPONSE) {
				assertThat(review.event().decision()).as("HCR in 2000E").isNotNull();
				assertThat(review.event().decision().reviewAction()).isPresent();
			}
		}));
	}

	@Test
	void admissionResponseCertifiesTheSurgeryUnderOneNumberAndModifiesTheStay() throws IOException {
		AuthorizationReview review = read("stupidedi-admission-response-to-request-for-review.edi");

		assertThat(review.reference()).isEqualTo("B56789");
		assertThat(review.event().decision()).isEqualTo(new Decision("A6", "AUTH0002", null, false));
		assertThat(review.event().decision().reviewAction()).contains(ReviewAction.MODIFIED);
		assertThat(review.event().date("435")).contains(new Dated("435", LocalDate.of(2005, 5, 16),
				LocalDate.of(2005, 5, 16)));
		assertThat(review.event().diagnoses()).containsExactly(new Diagnosis("BF", "41090", LocalDate.of(2005, 1, 25)));
		assertThat(review.event().traces()).singleElement().satisfies(trace -> {
			assertThat(trace.type()).isEqualTo("2");
			assertThat(trace.number()).isEqualTo("97021001");
		});
		assertThat(review.event().providers()).extracting(AuthorizationReview.Party::name)
				.containsExactly("MONTGOMERY HOSPITAL");
		assertThat(review.services()).singleElement().satisfies(service -> {
			assertThat(service.decision().reviewAction()).contains(ReviewAction.CERTIFIED);
			assertThat(service.decision().reviewNumber()).isEqualTo("AUTH0002");
			assertThat(service.procedure()).isEqualTo(new Procedure("HC", "33510", List.of()));
			assertThat(service.providers()).extracting(AuthorizationReview.Party::entity).containsExactly("SJ");
		});
	}

	@Test
	void emergencyAdmissionIsPendedWithTheUmoReferenceNumber() throws IOException {
		AuthorizationReview review = read("stupidedi-emergency-admission-response-to-request-for-review.edi");

		assertThat(review.event().decision().reviewAction()).contains(ReviewAction.PENDED);
		assertThat(review.event().decision().reason()).isEqualTo("0U");
		assertThat(review.event().decision().reviewNumber()).isNull();
		assertThat(review.event().reference("NT")).contains("P20030216001");
		assertThat(review.event().review().levelOfService()).isEqualTo("03");
		assertThat(review.event().review().facilityCode()).isEqualTo("21");
		assertThat(review.patient().name()).isEqualTo("SMITH");
		assertThat(review.patient().firstName()).isEqualTo("MARY");
	}

	@Test
	void transportRequestHasThreeServicesWithModifiersAndUnits() throws IOException {
		AuthorizationReview review = read("stupidedi-request-for-non-emergency-transportation.edi");

		assertThat(review.subscriber().references()).containsExactly(new AuthorizationReview.Reference("EJ",
				"6532214A76"));
		assertThat(review.subscriber().birthDate()).isEqualTo(LocalDate.of(1958, 3, 22));
		assertThat(review.subscriber().gender()).isEqualTo("M");
		assertThat(review.services()).extracting(AuthorizationReview.Service::procedure).containsExactly(
				new Procedure("HC", "A0428", List.of("RX")), new Procedure("HC", "A0428", List.of("PD")),
				new Procedure("HC", "A0428", List.of("DR")));
		assertThat(review.services()).extracting(AuthorizationReview.Service::quantity)
				.containsExactly(new BigDecimal("5"), new BigDecimal("8"), new BigDecimal("14"));
		assertThat(review.event().providers()).extracting(AuthorizationReview.Party::entity)
				.containsExactly("PW", "ND", "R3", "FS");
	}

	@Test
	void theOopFactoryResponseReadsDespiteIts4010EnvelopeAndPrettyPrinting() throws IOException {
		AuthorizationReview review = read("oopfactory-278-example-3-1-2-response.edi");

		assertThat(review.event().decision()).isEqualTo(new Decision("A1", "AUTH0001", null, false));
		assertThat(review.event().date("AAH")).contains(new Dated("AAH", LocalDate.of(2005, 5, 2),
				LocalDate.of(2005, 6, 2)));
		assertThat(review.subscriber().id()).isEqualTo("12345678901");
	}

	private static AuthorizationReview read(String name) throws IOException {
		X12ReadResult result = READER.read(Files.readAllBytes(SharedTestData.require("x12-samples/278/" + name)),
				X12Reader.Options.DEFAULT.keepingSegments());
		List<X12Error> errors = result.allErrors();
		assertThat(errors).as(name).isEmpty();
		return Authorization278Reader.read(result.transactions().findFirst().orElseThrow());
	}
}
