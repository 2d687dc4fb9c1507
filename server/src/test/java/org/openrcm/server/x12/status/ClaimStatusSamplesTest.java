package org.openrcm.server.x12.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.status.ClaimStatusRequest.Inquiry;
import org.openrcm.server.x12.status.ClaimStatusResponse.LevelStatus;
import org.openrcm.server.x12.status.ClaimStatusResponse.Report;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * Every public 276 and 277 (005010X212) sample in {@code ../shared/x12-samples} read through the reader, validated
 * against the 276 and 277 implementation schemas and read into the request and response models. The TR3 worked
 * examples read without any fault; the one published file that is not valid X12 has its exact fault pinned. The
 * content of the worked examples is checked against the file: trace numbers, claim identifiers, amounts, dates,
 * status codes, dependents and service lines.
 */
class ClaimStatusSamplesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	/** The faults of the published samples that are not valid X12, as distinct {@code code@segment}. */
	private static final Map<String, Set<String>> KNOWN_DEFECTS = Map.of(
			// IEA02 842928883 against ISA13 000000001
			"277/imsweb-277-x212.edi", Set.of("X12-IEA-CONTROL-NUMBER@IEA"));

	@TestFactory
	Stream<DynamicTest> everySampleIsReadAndValidated() {
		Path samples = SharedTestData.require("x12-samples");
		return Stream.of("276", "277").flatMap(folder -> list(samples.resolve(folder))).map(file -> {
			String name = samples.relativize(file).toString().replace('\\', '/');
			X12Guide guide = name.startsWith("276/") ? X12Guide.CLAIM_STATUS_276 : X12Guide.CLAIM_STATUS_277;
			return dynamicTest(name, () -> {
				X12ReadResult result = READER.read(Files.readAllBytes(file),
						X12Reader.Options.DEFAULT.keepingSegments());

				assertThat(result.errors()).as("input-level faults").isEmpty();
				assertThat(result.transactions()).isNotEmpty()
						.allSatisfy(t -> assertThat(t.guide()).isEqualTo(Optional.of(guide)));
				assertThat(faults(result)).as("faults in %s: %s", name, result.allErrors())
						.isEqualTo(KNOWN_DEFECTS.getOrDefault(name, Set.of()));
				result.transactions().forEach(t -> {
					if (guide == X12Guide.CLAIM_STATUS_276) {
						assertThat(ClaimStatus276Reader.read(t).inquiries()).isNotEmpty()
								.allSatisfy(i -> assertThat(i.traceNumber()).isNotEmpty());
					} else {
						ClaimStatusResponse response = ClaimStatus277Reader.read(t);
						assertThat(response.reports().size() + response.levelStatuses().size()).isPositive();
						assertThat(response.reports()).allSatisfy(r -> assertThat(r.statuses()).isNotEmpty());
					}
				});
			});
		});
	}

	@Test
	void requestWithSubscribersAndADependent() {
		ClaimStatusRequest request = ClaimStatus276Reader.read(transaction("276/stupidedi-claim-request.edi"));

		assertThat(request.reference()).isEqualTo("ABC276XXX");
		assertThat(request.created()).isEqualTo(LocalDate.of(2005, 9, 15).atTime(14, 25));
		assertThat(request.inquiries()).extracting(Inquiry::traceNumber)
				.containsExactly("ABCXYZ1", "ABCXYZ2", "ABCXYZ3");
		Inquiry first = request.inquiries().get(0);
		assertThat(first.payer().id()).isEqualTo("12345");
		assertThat(first.receiver().id()).isEqualTo("X67E");
		assertThat(first.provider().id()).isEqualTo("1666666661");
		assertThat(first.subscriber().party().id()).isEqualTo("123456789A");
		assertThat(first.subscriber().birthDate()).isEqualTo(LocalDate.of(1930, 12, 10));
		assertThat(first.subscriber().gender()).isEqualTo("M");
		assertThat(first.dependent()).isNull();
		assertThat(first.patientControlNumber()).isEqualTo("SM123456");
		assertThat(first.billType()).isEqualTo("111");
		assertThat(first.chargeAmount()).isEqualByComparingTo("8513.88");
		assertThat(first.serviceDates()).isEqualTo(new DatePeriod(LocalDate.of(2005, 8, 31), LocalDate.of(2005, 9, 6)));
		Inquiry dependent = request.inquiries().get(2);
		assertThat(dependent.provider().id()).isEqualTo("1666666666");
		assertThat(dependent.subscriber().party().name()).isEqualTo("MANN");
		assertThat(dependent.dependent().party().firstName()).isEqualTo("JOSEPH");
		assertThat(dependent.patient()).isEqualTo(dependent.dependent());
		assertThat(dependent.dependent().birthDate()).isEqualTo(LocalDate.of(1995, 11, 1));
		assertThat(dependent.lines()).singleElement().satisfies(line -> {
			assertThat(line.procedureCode()).isEqualTo("99203");
			assertThat(line.chargeAmount()).isEqualByComparingTo("150");
			assertThat(line.units()).isEqualByComparingTo("1");
			assertThat(line.serviceDates()).isEqualTo(DatePeriod.of(LocalDate.of(2005, 5, 1)));
		});
	}

	@Test
	void responseWithPendingFinalizedAndDeniedClaims() {
		ClaimStatusResponse response = ClaimStatus277Reader.read(transaction("277/stupidedi-claim-response.edi"));

		assertThat(response.reports()).extracting(Report::traceNumber).containsExactly("ABCXYZ1", "ABCXYZ2",
				"ABCXYC3");
		Report pending = response.reports().get(0);
		assertThat(pending.statuses()).singleElement().satisfies(s -> {
			assertThat(s.category()).isEqualTo("P3");
			assertThat(s.statuses().get(0).code()).isEqualTo("317");
			assertThat(s.effectiveDate()).isEqualTo(LocalDate.of(2005, 9, 13));
			assertThat(s.chargeAmount()).isEqualByComparingTo("8513.88");
			assertThat(s.paidAmount()).isNull();
			assertThat(s.words()).startsWith("P3 (pending: waiting for information requested from the provider)");
		});
		assertThat(pending.payerClaimNumber()).isEqualTo("05347006051");
		assertThat(pending.patientControlNumber()).isEqualTo("SM123456");
		Report finalized = response.reports().get(1);
		assertThat(finalized.statuses().get(0).paidAmount()).isEqualByComparingTo("7599");
		assertThat(finalized.statuses().get(0).words()).contains("F0 (finalized: adjudication is complete)",
				"billed 7599, paid 7599");
		Report denied = response.reports().get(2);
		assertThat(denied.dependent().firstName()).isEqualTo("JOSEPH");
		assertThat(denied.subscriber().name()).isEqualTo("MANN");
		assertThat(denied.statuses().get(0).statuses().get(0).entity()).isEqualTo("QC");
		assertThat(denied.lines()).singleElement().satisfies(line -> {
			assertThat(line.procedureCode()).isEqualTo("99203");
			assertThat(line.paidAmount()).isEqualByComparingTo("0");
			assertThat(line.statuses()).singleElement().satisfies(s -> assertThat(s.category()).isEqualTo("F2"));
		});
	}

	@Test
	void requestsNotAnsweredOnTheReceiverAndProviderLevels() {
		ClaimStatusResponse receiver = ClaimStatus277Reader.read(
				transaction("277/stupidedi-info-receiver-response.edi"));
		assertThat(receiver.reports()).isEmpty();
		assertThat(receiver.levelStatuses()).singleElement().satisfies(level -> {
			assertThat(level.provider()).isNull();
			assertThat(level.traceNumber()).isEqualTo("ABC276XXX");
			assertThat(level.statuses().get(0).category()).isEqualTo("E0");
		});

		ClaimStatusResponse provider = ClaimStatus277Reader.read(transaction("277/stupidedi-provider-response.edi"));
		assertThat(provider.reports()).extracting(Report::traceNumber).containsExactly("ABCXYZ1");
		assertThat(provider.levelStatuses()).extracting(l -> l.provider().id(), LevelStatus::traceNumber)
				.containsExactly(tuple("6166666666", "0"));
	}

	@Test
	void paymentDetailsAndMessages() {
		ClaimStatusResponse ncpdp = ClaimStatus277Reader.read(transaction("277/stupidedi-claim-ncpdp-response.edi"));
		assertThat(ncpdp.reports().get(0).statuses().get(0).statuses().get(0).code()).isEqualTo("80");
		assertThat(ncpdp.reports().get(0).statuses().get(0).paidAmount()).isEqualByComparingTo(BigDecimal.ZERO);

		ClaimStatusResponse imsweb = ClaimStatus277Reader.read(transaction("277/imsweb-277-x212.edi"));
		assertThat(imsweb.reports()).hasSize(8).allSatisfy(r -> assertThat(r.statuses().get(0).message())
				.isEqualTo("PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM"));
		assertThat(imsweb.reports().get(0).patientControlNumber()).isEqualTo("12345");
		assertThat(imsweb.reports().get(0).clearinghouseTraceNumber()).isEqualTo("12345");
	}

	private static X12Transaction transaction(String name) {
		Path file = SharedTestData.require("x12-samples").resolve(name);
		try {
			return READER.read(Files.readAllBytes(file), X12Reader.Options.DEFAULT.keepingSegments()).transactions()
					.findFirst().orElseThrow();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Set<String> faults(X12ReadResult result) {
		return result.allErrors().stream().map(e -> e.code().code() + "@" + e.segmentId())
				.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Stream<Path> list(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
			return sorted.stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
