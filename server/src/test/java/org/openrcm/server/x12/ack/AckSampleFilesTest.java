package org.openrcm.server.x12.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.ClaimStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Party;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.Context;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * The acknowledgment readers on every public 999 and 277CA sample in {@code ../shared/x12-samples} (found through
 * {@link SharedTestData}, like {@code X12SampleFilesTest}, which pins the samples' known faults): each reads without
 * an exception into what a biller would look for, and the samples with known content are checked field by field.
 */
class AckSampleFilesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	@TestFactory
	Stream<DynamicTest> every999SampleReads() {
		return samples("999").map(file -> dynamicTest(file.getFileName().toString(), () -> {
			List<X12Transaction> transactions = read(file).transactions().toList();

			assertThat(transactions).isNotEmpty();
			for (X12Transaction transaction : transactions) {
				ImplementationAcknowledgment ack = Ack999Reader.read(transaction);
				assertThat(ack.functionalIdentifier()).isEqualTo("HC");
				assertThat(ack.groupControlNumber()).isNotEmpty();
				assertThat(ack.transactionSets()).isNotEmpty().allSatisfy(set -> {
					assertThat(set.transactionSetId()).isEqualTo("837");
					assertThat(set.status()).isIn("A", "R");
					assertThat(set.accepted()).isEqualTo("A".equals(set.status()));
				});
				assertThat(ack.groupResponse().transactionSetsAccepted())
						.isEqualTo((int) ack.transactionSets().stream().filter(TransactionSetResponse::accepted).count());
			}
		}));
	}

	@TestFactory
	Stream<DynamicTest> every277caSampleReads() {
		return samples("277CA").map(file -> dynamicTest(file.getFileName().toString(), () -> {
			List<X12Transaction> transactions = read(file).transactions().toList();

			assertThat(transactions).isNotEmpty();
			for (X12Transaction transaction : transactions) {
				ClaimAcknowledgment ack = Ack277caReader.read(transaction);
				assertThat(ack.informationSource().entityCode()).isIn("PR", "AY");
				assertThat(ack.receivers()).isNotEmpty();
				assertThat(ack.claims()).isNotEmpty().allSatisfy(claim -> {
					assertThat(claim.patientControlNumber()).isNotEmpty();
					assertThat(claim.accepted()).isNotEqualTo(claim.rejected());
				});
			}
		}));
	}

	@Test
	void partialAcceptanceOfThreeClaims() {
		ImplementationAcknowledgment ack = read999("stupidedi-response-to-functional-group-containing-3-837s.edi");

		assertThat(ack.groupControlNumber()).isEqualTo("17456");
		assertThat(ack.version()).isEqualTo("005010X222A2");
		assertThat(ack.accepted("0001")).isTrue();
		assertThat(ack.accepted("0002")).isFalse();
		assertThat(ack.accepted("0004")).as("not acknowledged at all").isFalse();

		TransactionSetResponse second = ack.transactionSet("0002").orElseThrow();
		assertThat(second.statusDescription()).isEqualTo("R (rejected)");
		assertThat(second.errorCodes()).containsExactly("5");
		SegmentError clm = second.segmentErrors().get(0);
		assertThat(clm.segmentId()).isEqualTo("CLM");
		assertThat(clm.position()).isEqualTo(22);
		assertThat(clm.errorCode()).isEqualTo("8");
		assertThat(clm.claimId()).contains("123456789");
		assertThat(clm.elementErrors()).containsExactly(new ElementError(2, 0, 0, "782", "1", "", List.of()));
		assertThat(clm.elementErrors().get(0).errorDescription()).isEqualTo("1 (a required data element is missing)");

		SegmentError ref = ack.transactionSet("0003").orElseThrow().segmentErrors().get(0);
		assertThat(ref.errorDescription()).isEqualTo("3 (a required segment is missing)");
		assertThat(ref.elementErrors()).isEmpty();
		assertThat(ref.contexts()).containsExactly(new Context("SITUATIONAL TRIGGER", "", "CLM", 43, "", 5, 3, ""),
				Context.businessUnit("CLM01", "987654321"));
		assertThat(ref.claimId()).contains("987654321");

		assertThat(ack.groupResponse().status()).isEqualTo("P");
		assertThat(ack.groupResponse().statusDescription()).startsWith("P (partly accepted");
		assertThat(ack.groupResponse().transactionSetsIncluded()).isEqualTo(3);
		assertThat(ack.groupResponse().transactionSetsReceived()).isEqualTo(3);
		assertThat(ack.groupResponse().transactionSetsAccepted()).isEqualTo(1);
	}

	@Test
	void rejectedForAnUnknownSegment() {
		ImplementationAcknowledgment ack = read999("imsweb-999-rejected.edi");

		assertThat(ack.version()).isEqualTo("005010X223A2");
		TransactionSetResponse set = ack.transactionSets().get(0);
		assertThat(set.controlNumber()).isEqualTo("0028");
		assertThat(set.implementationReference()).isEmpty();
		assertThat(set.errorDescriptions()).containsExactly("5 (one or more segments have errors (see the segment errors))");
		assertThat(set.segmentErrors()).singleElement().satisfies(error -> {
			assertThat(error.segmentId()).isEqualTo("NM");
			assertThat(error.position()).isEqualTo(17);
			assertThat(error.errorDescription()).isEqualTo("1 (the segment id is not a known segment)");
		});
		assertThat(ack.groupResponse().rejected()).isTrue();
		assertThat(ack.groupResponse().transactionSetsAccepted()).isZero();
	}

	@Test
	void prettyPrintedAcknowledgmentOfA4010Group() {
		// indented with line breaks; CTX06 names "C023" where a data element number belongs (a known fault)
		ImplementationAcknowledgment ack = read999("oopfactory-999-dhs-wisconsin-partial-accept.edi");

		assertThat(ack.version()).isEqualTo("004010X098A1");
		assertThat(ack.transactionSets()).extracting(TransactionSetResponse::controlNumber)
				.containsExactly("0001", "002", "0003");
		assertThat(ack.transactionSets()).extracting(TransactionSetResponse::status).containsExactly("A", "R", "R");
		assertThat(ack.transactionSet("0003").orElseThrow().segmentErrors().get(0).contexts().get(0).elementReference())
				.isEqualTo("C023");
	}

	@Test
	void claimAcceptedIntoAdjudication() {
		ClaimAcknowledgment ack = read277("imsweb-277CA-accepted.edi");

		assertThat(ack.reference()).isEqualTo("000000674");
		assertThat(ack.created()).isEqualTo(LocalDateTime.of(2011, 3, 11, 10, 8, 31));
		assertThat(ack.informationSource()).isEqualTo(new Party("PR", "2", "NYSDOH", "", "", "", "FI", "141797357"));
		assertThat(ack.receiptTraceNumber()).isEqualTo("000014420");
		assertThat(ack.receiptDate()).isEqualTo(LocalDate.of(2011, 3, 11));
		assertThat(ack.processDate()).isEqualTo(LocalDate.of(2011, 3, 11));

		ClaimAcknowledgment.Receiver receiver = ack.receivers().get(0);
		assertThat(receiver.party().name()).isEqualTo("A NY MD GROUP");
		assertThat(receiver.traceNumber()).as("the 837's BHT03").isEqualTo("000000674");
		assertThat(receiver.statuses().get(0).statuses()).containsExactly(new Status("A1", "20", ""));
		assertThat(receiver.totals().acceptedQuantity()).isEqualByComparingTo("1");
		assertThat(receiver.totals().acceptedAmount()).isEqualByComparingTo("125");
		assertThat(receiver.providers().get(0).party().id()).isEqualTo("1234567890");
		assertThat(receiver.providers().get(0).traceNumber()).isEqualTo("1107000000000135FF");
		assertThat(receiver.providers().get(0).patients().get(0).party().id()).isEqualTo("LL99999X");

		ClaimStatus claim = ack.claim("5781").orElseThrow();
		assertThat(claim.accepted()).isTrue();
		assertThat(claim.rejected()).isFalse();
		assertThat(claim.allStatuses()).containsExactly(new Status("A2", "20", ""));
		assertThat(claim.descriptions()).containsExactly(
				"A2 (acknowledged: accepted into the adjudication system) / 20 (accepted for processing)");
		assertThat(claim.statuses().get(0).actionCode()).isEqualTo("WQ");
		assertThat(claim.chargeAmount()).isEqualByComparingTo(new BigDecimal("125"));
		assertThat(claim.payerClaimControlNumber()).isEqualTo("1107000000014420");
		assertThat(claim.serviceDates().start()).isEqualTo(LocalDate.of(1001, 1, 1));
	}

	@Test
	void claimRejectedForTheBillingProviderNpi() {
		// ISA16 declares '|' as the component separator
		ClaimAcknowledgment ack = read277("imsweb-277CA-rejected.edi");

		ClaimStatus claim = ack.claims().get(0);
		assertThat(claim.patientControlNumber()).isEqualTo("3920394930203");
		assertThat(claim.rejected()).isTrue();
		assertThat(claim.accepted()).isFalse();
		assertThat(claim.allStatuses()).containsExactly(new Status("A7", "562", "85"));
		assertThat(claim.descriptions().get(0)).isEqualTo("A7 (rejected: information is invalid (see the status codes))"
				+ " / 562 (the National Provider Identifier (NPI) of the entity named) / 85 (billing provider)");
		assertThat(claim.billType()).isEqualTo("731");
		assertThat(claim.payerClaimControlNumber()).isEqualTo("1107000000001120");
		assertThat(claim.serviceDates().end()).isEqualTo(LocalDate.of(2009, 3, 11));
	}

	private static ImplementationAcknowledgment read999(String sample) {
		return Ack999Reader.read(read(SharedTestData.require("x12-samples/999/" + sample)).transactions()
				.findFirst().orElseThrow());
	}

	private static ClaimAcknowledgment read277(String sample) {
		return Ack277caReader.read(read(SharedTestData.require("x12-samples/277CA/" + sample)).transactions()
				.findFirst().orElseThrow());
	}

	private static X12ReadResult read(Path file) {
		try {
			return READER.read(Files.readAllBytes(file), X12Reader.Options.DEFAULT.keepingSegments());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Stream<Path> samples(String folder) {
		Path samples = SharedTestData.require("x12-samples/" + folder);
		try (Stream<Path> files = Files.list(samples)) {
			return files.filter(f -> f.toString().endsWith(".edi")).sorted().toList().stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
