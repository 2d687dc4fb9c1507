package org.openrcm.server.x12.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12ErrorCode;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.Context;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * The 999 owed for an 837 group, from what the reader found in the project's 837P fixtures ({@code fixtures/x12/})
 * and in groups built here: each fault must come back at the segment, element and claim a biller would correct, and
 * every 999 must survive the writer (validated against the 999 schema) and read back the same.
 */
class ImplementationAcknowledgerTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12Reader READER = new X12Reader(SCHEMAS);
	private static final Set<X12Guide> CLAIMS = Set.of(X12Guide.CLAIM_837P, X12Guide.CLAIM_837I);
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "CLEARINGHOUSE", "ZZ", "OPENRCMSUBMIT",
			"CLEARINGHOUSE", "OPENRCMSUBMIT", X12Usage.TEST, false);
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-15T11:00:00Z"), ZoneOffset.UTC);

	@Test
	void validClaimIsAccepted() {
		ImplementationAcknowledgment ack = acknowledge("837p-minimal.edi");

		assertThat(ack.functionalIdentifier()).isEqualTo("HC");
		assertThat(ack.groupControlNumber()).isEqualTo("101");
		assertThat(ack.version()).isEqualTo("005010X222A1");
		assertThat(ack.transactionSets()).singleElement().isEqualTo(
				new TransactionSetResponse("837", "0001", "005010X222A1", "A", List.of(), List.of()));
		assertThat(ack.accepted("0001")).isTrue();
		assertThat(ack.groupResponse()).isEqualTo(new ImplementationAcknowledgment.GroupResponse("A", 1, 1, 1, List.of()));
		assertWritesAndReadsBack(ack);
	}

	@Test
	void badQualifierIsNamedAtItsSegmentAndElement() {
		// NM108 of the subscriber is ZZ, which the 837P does not allow there
		ImplementationAcknowledgment ack = acknowledge("837p-invalid-qualifier.edi");

		TransactionSetResponse set = ack.transactionSets().get(0);
		assertThat(set.status()).isEqualTo("R");
		assertThat(set.errorCodes()).as("only implementation-guide codes: I5").containsExactly("I5");
		assertThat(set.segmentErrors()).containsExactly(new SegmentError("NM1", 13, "2010", "8", List.of(),
				List.of(new ElementError(8, 0, 0, "66", "I6", "ZZ", List.of()))));
		assertThat(ack.groupResponse().status()).isEqualTo("R");
		assertThat(ack.groupResponse().transactionSetsAccepted()).isZero();
		assertWritesAndReadsBack(ack);
	}

	@Test
	void faultInsideAClaimNamesTheClaim() {
		// an unknown segment ZZZ in the service line of claim CLAIM0001
		ImplementationAcknowledgment ack = acknowledge("837p-unknown-segment.edi");

		TransactionSetResponse set = ack.transactionSets().get(0);
		assertThat(set.errorCodes()).containsExactly("5");
		SegmentError error = set.segmentErrors().get(0);
		assertThat(error.segmentId()).isEqualTo("ZZZ");
		assertThat(error.position()).isEqualTo(21);
		assertThat(error.errorCode()).isEqualTo(X12ErrorCode.SEGMENT_NOT_IN_TRANSACTION.ackCode());
		assertThat(error.contexts()).containsExactly(Context.businessUnit("CLM01", "CLAIM0001"));
		assertThat(error.claimId()).contains("CLAIM0001");
		assertWritesAndReadsBack(ack);
	}

	@Test
	void wrongSegmentCountIsATransactionSetFault() {
		ImplementationAcknowledgment ack = acknowledge("837p-wrong-segment-count.edi");

		TransactionSetResponse set = ack.transactionSets().get(0);
		assertThat(set.status()).isEqualTo("R");
		assertThat(set.errorCodes()).containsExactly("4");
		assertThat(set.segmentErrors()).isEmpty();
		assertThat(set.errorDescriptions()).containsExactly(
				"4 (SE01 does not give the number of segments actually sent)");
		assertWritesAndReadsBack(ack);
	}

	@Test
	void guideTheReceiverDoesNotTakeIsRejected() {
		ImplementationAcknowledgment dental = acknowledge("837-dental-guide.edi");
		assertThat(dental.transactionSets().get(0).errorCodes()).containsExactly("I6");

		X12FunctionalGroup professional = READER.read(fixture("837p-minimal.edi"), X12Reader.Options.DEFAULT)
				.interchanges().get(0).groups().get(0);
		ImplementationAcknowledgment institutionalOnly = ImplementationAcknowledger.acknowledge(professional,
				Set.of(X12Guide.CLAIM_837I));
		assertThat(institutionalOnly.transactionSets().get(0).status()).isEqualTo("R");
		assertThat(institutionalOnly.transactionSets().get(0).errorCodes()).containsExactly("1");
	}

	@Test
	void someSetsRejectedIsAPartialAcceptance() {
		X12Transaction good = transaction("0001");
		X12Transaction bad = transaction("0002", new X12Error(X12ErrorCode.REQUIRED_SEGMENT_MISSING, 9, "NM1", 0, 0,
				null, "2010BB", null, "a required segment is missing"));
		ImplementationAcknowledgment ack = ImplementationAcknowledger.acknowledge(group(List.of(), good, bad), CLAIMS);

		assertThat(ack.transactionSets()).extracting(TransactionSetResponse::status).containsExactly("A", "R");
		assertThat(ack.transactionSet("0002").orElseThrow().segmentErrors()).containsExactly(
				new SegmentError("NM1", 9, "2010", "3", List.of(), List.of()));
		assertThat(ack.groupResponse()).isEqualTo(new ImplementationAcknowledgment.GroupResponse("P", 2, 2, 1, List.of()));
		assertWritesAndReadsBack(ack);
	}

	@Test
	void unusedDataIsNotedWithoutRejecting() {
		X12Transaction noted = transaction("0001", new X12Error(X12ErrorCode.UNUSED_ELEMENT_PRESENT, 18, "CLM", 10,
				0, "1359", "2300", "N", "not used"));
		ImplementationAcknowledgment ack = ImplementationAcknowledger.acknowledge(group(List.of(), noted), CLAIMS);

		TransactionSetResponse set = ack.transactionSets().get(0);
		assertThat(set.status()).isEqualTo("E");
		assertThat(set.accepted()).isTrue();
		assertThat(set.errorCodes()).containsExactly("I5");
		assertThat(set.segmentErrors().get(0).elementErrors()).containsExactly(
				new ElementError(10, 0, 0, "1359", "I10", "N", List.of()));
		assertThat(ack.groupResponse().status()).isEqualTo("E");
		assertThat(ack.groupResponse().transactionSetsAccepted()).isEqualTo(1);
		assertWritesAndReadsBack(ack);
	}

	@Test
	void faultyGroupEnvelopeRejectsTheGroup() {
		X12Error count = new X12Error(X12ErrorCode.GROUP_TRANSACTION_COUNT_MISMATCH, 28, "GE", 1, 0, "97", null, "3",
				"GE01 does not match");
		ImplementationAcknowledgment ack = ImplementationAcknowledger.acknowledge(
				group(List.of(count), transaction("0001")), CLAIMS);

		assertThat(ack.transactionSets().get(0).status()).isEqualTo("A");
		assertThat(ack.groupResponse()).isEqualTo(
				new ImplementationAcknowledgment.GroupResponse("R", 3, 1, 0, List.of("5")));
		assertThat(ack.accepted("0001")).as("the group as a whole was rejected").isFalse();
		assertWritesAndReadsBack(ack);
	}

	@Test
	void badDataHoldingThisServersSeparatorsIsWrittenWithout() {
		// read under other separators, a value may hold '*' or ':'
		X12Transaction odd = transaction("0001", new X12Error(X12ErrorCode.INVALID_CHARACTER, 15, "NM1", 3, 0,
				"1035", "2010BA", "RIVERA*ANA:X", "invalid character"));
		ImplementationAcknowledgment ack = ImplementationAcknowledger.acknowledge(group(List.of(), odd), CLAIMS);

		ImplementationAcknowledgment back = assertWritesAndReadsBack(ack);
		assertThat(back.transactionSets().get(0).segmentErrors().get(0).elementErrors().get(0).badData())
				.isEqualTo("RIVERA ANA X");
	}

	/** Writes the 999 through the envelope writer (which validates it) and reads it back. */
	private static ImplementationAcknowledgment assertWritesAndReadsBack(ImplementationAcknowledgment ack) {
		X12InterchangeWriter writer = new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);
		WrittenInterchange written = new Ack999Writer(writer).write(ENVELOPE, List.of(ack));

		X12ReadResult result = READER.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.ACK_999);
		ImplementationAcknowledgment back = Ack999Reader.read(transaction);
		if (ack.transactionSets().stream().flatMap(t -> t.segmentErrors().stream())
				.flatMap(s -> s.elementErrors().stream()).noneMatch(e -> e.badData().contains("*"))) {
			assertThat(back).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(ack);
		}
		return back;
	}

	private static ImplementationAcknowledgment acknowledge(String fixture) {
		X12ReadResult result = READER.read(fixture(fixture), X12Reader.Options.DEFAULT.keepingSegments());
		return ImplementationAcknowledger.acknowledge(result.interchanges().get(0).groups().get(0), CLAIMS);
	}

	private static X12Transaction transaction(String controlNumber, X12Error... errors) {
		return new X12Transaction("837", controlNumber, "005010X222A1", Optional.of(X12Guide.CLAIM_837P), 23,
				List.of(), List.of(errors));
	}

	private static X12FunctionalGroup group(List<X12Error> errors, X12Transaction... transactions) {
		return new X12FunctionalGroup("HC", "OPENRCMSUBMIT", "CLEARINGHOUSE", "20240815", "1030", "101",
				"005010X222A1", List.of(transactions), errors);
	}

	private static byte[] fixture(String name) {
		try (InputStream in = ImplementationAcknowledgerTest.class.getResourceAsStream("/fixtures/x12/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
