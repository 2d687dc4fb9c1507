package org.openrcm.server.x12.elig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * Every public 270 and 271 sample in {@code ../shared/x12-samples} (found through {@link SharedTestData}, like
 * {@code X12SampleFilesTest}) read through the reader with the 005010X279A1 schemas (the samples labelled with the
 * base 005010X279 reference are read against the same rules) and then through {@link Eligibility270Reader} or
 * {@link Eligibility271Reader}. The TR3 examples read without any fault. A few published files are not valid X12: for
 * each the test pins the exact faults the reader must report, so a schema that got looser would fail here as surely as
 * one that got stricter than the guide.
 */
class EligibilitySampleFilesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	/**
	 * GS01 {@code XX} is no functional identifier (a 271 travels in an {@code HB} group); the file was anonymised by
	 * replacing values with placeholders.
	 */
	private static final String GS01_PLACEHOLDER = "X12-GS-INVALID@GS";

	/**
	 * ISA11 and ISA16 both declare {@code ^}, so a repetition separator cannot be told from a component separator:
	 * EB03's repeated service types read as components of one value (more components than a simple element has).
	 */
	private static final String EB03_SEPARATORS = "X12-ELEMENT-COMPONENTS@EB";

	private static final Map<String, Set<String>> KNOWN_DEFECTS = Map.of(
			// SE02 4323 does not match ST02 4321
			"271/lfh-subscriber-health-benefit-check-error-271.edi", Set.of("X12-SE-CONTROL-NUMBER@SE"),
			"271/oopfactory-271-error-without-benefit-info.edi", Set.of(GS01_PLACEHOLDER),
			"271/oopfactory-271-example-3-1-3.edi", Set.of(GS01_PLACEHOLDER),
			"271/oopfactory-271-example-3-1-2.edi", Set.of(GS01_PLACEHOLDER, EB03_SEPARATORS),
			"271/oopfactory-271-example-3-2-2.edi", Set.of(GS01_PLACEHOLDER, EB03_SEPARATORS));

	@TestFactory
	Stream<DynamicTest> every270And271SampleIsReadAndValidated() {
		Path samples = SharedTestData.require("x12-samples");
		return Stream.of("270", "271").flatMap(folder -> list(samples.resolve(folder))).map(file -> {
			String name = samples.relativize(file).toString().replace('\\', '/');
			boolean inquiry = name.startsWith("270/");
			return dynamicTest(name, () -> {
				X12ReadResult result = READER.read(Files.readAllBytes(file),
						X12Reader.Options.DEFAULT.keepingSegments());

				assertThat(result.errors()).as("input-level faults").isEmpty();
				assertThat(result.transactions()).isNotEmpty().allSatisfy(t -> assertThat(t.guide())
						.isEqualTo(Optional.of(inquiry ? X12Guide.ELIGIBILITY_270 : X12Guide.ELIGIBILITY_271)));
				assertThat(faults(result)).as("faults in %s, the first: %s", name,
						result.allErrors().stream().limit(5).toList())
						.isEqualTo(KNOWN_DEFECTS.getOrDefault(name, Set.of()));
				for (X12Transaction transaction : result.transactions().toList()) {
					if (inquiry) {
						EligibilityInquiry read = Eligibility270Reader.read(transaction);
						assertThat(read.source().entityCode()).isEqualTo("PR");
						assertThat(read.source().id()).isNotEmpty();
						assertThat(read.receiver().id()).isNotEmpty();
						assertThat(read.subscriber().memberId()).isNotEmpty();
						assertThat(read.trace()).isPresent();
						assertThat(read.patient().serviceTypes()).isNotEmpty();
					} else {
						EligibilityResponse read = Eligibility271Reader.read(transaction);
						assertThat(read.source().entityCode()).isEqualTo("PR");
						assertThat(read.patient().isPresent() || !read.allErrors().isEmpty())
								.as("a 271 either answers for someone or says why not").isTrue();
					}
				}
			});
		});
	}

	@Test
	void inquiryAboutADependent() throws IOException {
		EligibilityInquiry inquiry = Eligibility270Reader.read(transaction(
				"270/stupidedi-generic-request-by-physician-for-patient-dependent-eligibility.edi"));

		assertThat(inquiry.reference()).isEqualTo("10001235");
		assertThat(inquiry.source().id()).isEqualTo("842610001");
		assertThat(inquiry.receiver().name()).isEqualTo("JONES");
		assertThat(inquiry.receiver().idQualifier()).isEqualTo("SV");
		assertThat(inquiry.subscriber().memberId()).isEqualTo("11122333301");
		Person patient = inquiry.patient();
		assertThat(patient).isSameAs(inquiry.dependent());
		assertThat(patient.name().firstName()).isEqualTo("MARY");
		assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1978, 10, 14));
		assertThat(patient.date("291")).contains(DatePeriod.of("291", LocalDate.of(2006, 5, 1)));
		assertThat(patient.serviceTypes()).containsExactly("30");
		assertThat(inquiry.trace().orElseThrow().number()).isEqualTo("93175-012547");
		assertThat(inquiry.trace().orElseThrow().assigner()).isEqualTo("9877281234");
	}

	@Test
	void responseWithCopaysInAndOutOfNetwork() throws IOException {
		// the subscriber is the patient; EB03 repeats ten service types; LS/LE around the primary care provider
		EligibilityResponse response = Eligibility271Reader.read(transaction(
				"271/lfh-subscriber-health-benefit-check-271.edi"));

		assertThat(response.traceNumber()).contains("93175-012547");
		Person subscriber = response.patient().orElseThrow();
		assertThat(subscriber.memberId()).isEqualTo("123456789");
		assertThat(subscriber.gender()).isEqualTo("M");
		assertThat(subscriber.date("346")).contains(DatePeriod.of("346", LocalDate.of(2006, 1, 1)));
		List<Benefit> benefits = response.benefits();
		assertThat(benefits).extracting(Benefit::code).containsExactly("1", "L", "1", "B", "B");
		assertThat(benefits.get(0).serviceTypes()).containsExactly("30");
		assertThat(benefits.get(0).planDescription()).isEqualTo("GOLD 123 PLAN");
		Benefit inNetworkCopay = benefits.get(3);
		assertThat(inNetworkCopay.serviceTypes()).hasSize(10).startsWith("1", "33").endsWith("UC");
		assertThat(inNetworkCopay.insuranceType()).isEqualTo("HM");
		assertThat(inNetworkCopay.timePeriod()).isEqualTo("27");
		assertThat(inNetworkCopay.amount()).isEqualByComparingTo("10");
		assertThat(inNetworkCopay.inNetwork()).isEqualTo("Y");
		assertThat(benefits.get(4).amount()).isEqualByComparingTo(new BigDecimal("30"));
		assertThat(benefits.get(4).inNetwork()).isEqualTo("N");
		assertThat(response.allErrors()).isEmpty();
	}

	@Test
	void responseAboutADependent() throws IOException {
		EligibilityResponse response = Eligibility271Reader.read(transaction(
				"271/stupidedi-response-to-generic-request-by-physician-for-patient-dependent-eligibility.edi"));

		assertThat(response.subscriber().memberId()).isEqualTo("123456789");
		Person dependent = response.patient().orElseThrow();
		assertThat(dependent).isSameAs(response.dependent());
		assertThat(dependent.relationship()).isEqualTo("19");
		assertThat(dependent.benefits()).hasSize(5);
		assertThat(response.traceNumber()).contains("93175-012547");
	}

	@Test
	void providerNotEligibleForInquiries() throws IOException {
		EligibilityResponse response = Eligibility271Reader.read(transaction(
				"271/stupidedi-error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi"));

		assertThat(response.patient()).isEmpty();
		assertThat(response.allErrors()).containsExactly(new RequestError("2100B", "Y", "50", "N"));
		assertThat(response.allErrors().get(0).description())
				.isEqualTo("50 (provider not eligible for inquiries); N (resubmission not allowed)");
	}

	@Test
	void requestValidationsAtEveryLevel() throws IOException {
		EligibilityResponse response = Eligibility271Reader.read(transaction(
				"271/oopfactory-271-error-without-benefit-info.edi"));

		assertThat(response.errors()).extracting(RequestError::loop, RequestError::reason).containsExactly(
				tuple("2000A", "80"), tuple("2000A", "79"), tuple("2100A", "79"), tuple("2100A", "80"),
				tuple("2100B", "41"), tuple("2100B", "41"));
		assertThat(response.subscriber().errors()).containsExactly(new RequestError("2100C", "Y", "42", "Y"));
		assertThat(response.benefits()).isEmpty();
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private static X12Transaction transaction(String sample) throws IOException {
		Path file = SharedTestData.require("x12-samples/" + sample);
		return READER.read(Files.readAllBytes(file), X12Reader.Options.DEFAULT.keepingSegments()).transactions()
				.findFirst().orElseThrow();
	}

	private static Set<String> faults(X12ReadResult result) {
		return result.allErrors().stream().map(e -> e.code().code() + "@" + e.segmentId())
				.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Stream<Path> list(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.toString().endsWith(".edi")).sorted().toList().stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
