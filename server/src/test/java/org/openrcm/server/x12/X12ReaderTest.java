package org.openrcm.server.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader on small 837P files written for these tests ({@code fixtures/x12/}): a valid claim read in full, and
 * one file per fault, each of which must be reported with its code, segment, element and loop.
 */
class X12ReaderTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());
	private static final X12Reader.Options KEEP = X12Reader.Options.DEFAULT.keepingSegments();

	@Test
	void readsAValidProfessionalClaim() {
		X12ReadResult result = read("837p-minimal.edi");

		assertThat(result.allErrors()).isEmpty();
		assertThat(result.isValid()).isTrue();
		X12Interchange interchange = result.interchanges().get(0);
		assertThat(interchange.senderQualifier()).isEqualTo("ZZ");
		assertThat(interchange.senderId()).isEqualTo("OPENRCMSUBMIT");
		assertThat(interchange.receiverId()).isEqualTo("CLEARINGHOUSE");
		assertThat(interchange.controlNumber()).isEqualTo("000000101");
		assertThat(interchange.usageIndicator()).isEqualTo("T");
		assertThat(interchange.delimiters()).isEqualTo(X12Delimiters.STANDARD);
		X12FunctionalGroup group = interchange.groups().get(0);
		assertThat(group.functionalIdentifier()).isEqualTo("HC");
		assertThat(group.controlNumber()).isEqualTo("101");
		assertThat(group.version()).isEqualTo("005010X222A1");

		X12Transaction claim = group.transactions().get(0);
		assertThat(claim.guide()).contains(X12Guide.CLAIM_837P);
		assertThat(claim.controlNumber()).isEqualTo("0001");
		assertThat(claim.segmentCount()).isEqualTo(23);
		assertThat(claim.segments()).hasSize(23);
		assertThat(claim.segments().get(0).toString()).isEqualTo("ST*837*0001*005010X222A1");
		assertThat(claim.segments("NM1")).extracting(X12Segment::loop)
				.containsExactly("1000A", "1000B", "2010AA", "2010BA", "2010BB");
		X12Segment clm = claim.segments("CLM").get(0);
		assertThat(clm.position()).isEqualTo(18);
		assertThat(clm.loop()).isEqualTo("2300");
		assertThat(clm.element(1)).isEqualTo("CLAIM0001");
		assertThat(clm.component(5, 2)).isEqualTo("B");
		assertThat(claim.segments("SV1").get(0).loop()).isEqualTo("2400");
	}

	@Test
	void missingBillingProviderLoop() {
		X12ReadResult result = read("837p-missing-billing-provider.edi");

		assertThat(result.allErrors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.LOOP_UNDER_MINIMUM);
			assertThat(error.level()).isEqualTo(X12ErrorLevel.SEGMENT);
			assertThat(error.code().ackCode()).isEqualTo("I7");
			assertThat(error.loop()).isEqualTo("2010AA");
			assertThat(error.segmentId()).isEqualTo("NM1");
			// noticed at the subscriber HL that follows the billing provider HL
			assertThat(error.segmentPosition()).isEqualTo(7);
			assertThat(error.message()).contains("Billing Provider Name");
		});
		assertThat(result.transactions().findFirst().orElseThrow().errors()).hasSize(1);
	}

	@Test
	void wrongSegmentCountInSe() {
		X12ReadResult result = read("837p-wrong-segment-count.edi");

		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.TRANSACTION_SEGMENT_COUNT_MISMATCH);
			assertThat(error.code().ackCode()).isEqualTo("4");
			assertThat(error.segmentId()).isEqualTo("SE");
			assertThat(error.segmentPosition()).isEqualTo(23);
			assertThat(error.elementPosition()).isEqualTo(1);
			assertThat(error.data()).isEqualTo("24");
		});
	}

	@Test
	void interchangeControlNumberMismatch() {
		X12ReadResult result = read("837p-iea-control-number-mismatch.edi");

		X12Interchange interchange = result.interchanges().get(0);
		assertThat(interchange.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.INTERCHANGE_CONTROL_NUMBER_MISMATCH);
			assertThat(error.level()).isEqualTo(X12ErrorLevel.INTERCHANGE);
			assertThat(error.code().ackCode()).isEqualTo("001");
			assertThat(error.segmentId()).isEqualTo("IEA");
			assertThat(error.elementPosition()).isEqualTo(2);
			assertThat(error.data()).isEqualTo("000000199");
		});
		assertThat(interchange.groups()).allMatch(X12FunctionalGroup::isValid);
	}

	@Test
	void qualifierTheGuideDoesNotAllow() {
		X12ReadResult result = read("837p-invalid-qualifier.edi");

		assertThat(result.allErrors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.CODE_NOT_USED_IN_IMPLEMENTATION);
			assertThat(error.level()).isEqualTo(X12ErrorLevel.ELEMENT);
			assertThat(error.segmentId()).isEqualTo("NM1");
			assertThat(error.segmentPosition()).isEqualTo(13);
			assertThat(error.elementPosition()).isEqualTo(8);
			assertThat(error.elementReference()).isEqualTo("66");
			assertThat(error.loop()).isEqualTo("2010BA");
			assertThat(error.data()).isEqualTo("ZZ");
			assertThat(error.toString()).startsWith("X12-ELEMENT-QUALIFIER at NM108 (segment 13, loop 2010BA), value \"ZZ\"");
		});
	}

	@Test
	void truncatedFileKeepsWhatWasRead() {
		List<X12Transaction> handed = new ArrayList<>();
		X12ReadResult result = READER.read(stream("837p-truncated.edi"), KEEP, handed::add);

		X12Interchange interchange = result.interchanges().get(0);
		assertThat(interchange.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.TRUNCATED);
			assertThat(error.code().ackCode()).isEqualTo("023");
			assertThat(error.segmentId()).isEqualTo("SV1");
		});
		assertThat(handed).singleElement().satisfies(t -> assertThat(t.segments("CLM")).hasSize(1));
		assertThat(result.isValid()).isFalse();
	}

	@Test
	void garbageBytesAreRejectedWithoutException() {
		byte[] garbage = new byte[4096];
		new Random(837).nextBytes(garbage);

		X12ReadResult result = READER.read(garbage, KEEP);

		assertThat(result.interchanges()).isEmpty();
		assertThat(result.errors()).singleElement()
				.satisfies(error -> assertThat(error.code()).isEqualTo(X12ErrorCode.NOT_X12));
	}

	@Test
	void garbageInsideAnInterchangeStopsTheReadThere() {
		byte[] valid = bytes("837p-minimal.edi");
		String text = new String(valid, StandardCharsets.UTF_8);
		int cut = text.indexOf("HL*2*");
		byte[] broken = new byte[valid.length + 8];
		System.arraycopy(valid, 0, broken, 0, cut);
		for (int i = 0; i < 8; i++) {
			broken[cut + i] = (byte) (0xF8 + i);
		}
		System.arraycopy(valid, cut, broken, cut + 8, valid.length - cut);

		X12ReadResult result = READER.read(broken, KEEP);

		assertThat(result.interchanges()).singleElement().satisfies(interchange -> {
			assertThat(interchange.errors()).extracting(X12Error::code).containsExactly(X12ErrorCode.UNREADABLE);
			assertThat(interchange.groups().get(0).transactions().get(0).segments("NM1")).hasSize(3);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = {"", " ", "\n\n", "ISA", "GS*HC*A*B*20240101*1200*1*X*005010X222A1~",
			"ISA*00*short*00~", "<?xml version=\"1.0\"?><claim/>", "{\"resourceType\":\"Claim\"}"})
	void inputThatIsNotAnInterchange(String input) {
		X12ReadResult result = READER.read(input.getBytes(StandardCharsets.UTF_8), KEEP);

		assertThat(result.isValid()).isFalse();
		assertThat(result.allErrors()).isNotEmpty()
				.allSatisfy(error -> assertThat(error.level()).isEqualTo(X12ErrorLevel.INPUT));
		assertThat(result.allErrors()).extracting(X12Error::code)
				.containsAnyOf(X12ErrorCode.EMPTY_INPUT, X12ErrorCode.NOT_X12, X12ErrorCode.TRUNCATED);
	}

	@Test
	void aByteOrderMarkBeforeTheIsaIsNotData() {
		byte[] valid = bytes("837p-minimal.edi");
		byte[] marked = new byte[valid.length + 3];
		marked[0] = (byte) 0xEF;
		marked[1] = (byte) 0xBB;
		marked[2] = (byte) 0xBF;
		System.arraycopy(valid, 0, marked, 3, valid.length);

		X12ReadResult result = READER.read(marked, KEEP);

		assertThat(result.allErrors()).isEmpty();
		assertThat(result.skippedPrefix()).isZero();
	}

	@Test
	void emptyInput() {
		assertThat(READER.read(new byte[0], KEEP).errors()).extracting(X12Error::code)
				.containsExactly(X12ErrorCode.EMPTY_INPUT);
	}

	@Test
	void separatorsDeclaredByTheIsa() {
		X12ReadResult result = read("837p-other-separators.edi");

		assertThat(result.allErrors()).isEmpty();
		assertThat(result.interchanges().get(0).delimiters()).isEqualTo(new X12Delimiters('|', '>', '^', '~'));
		X12Segment sv1 = result.transactions().findFirst().orElseThrow().segments("SV1").get(0);
		assertThat(sv1.component(1, 2)).isEqualTo("99213");
		assertThat(sv1.component(7, 2)).isEqualTo("2");
	}

	@Test
	void severalInterchangesGroupsAndTransactions() {
		X12ReadResult result = read("837p-two-interchanges.edi");

		assertThat(result.allErrors()).isEmpty();
		assertThat(result.interchanges()).extracting(X12Interchange::controlNumber)
				.containsExactly("000000101", "000000102");
		assertThat(result.interchanges().get(1).groups()).extracting(X12FunctionalGroup::controlNumber)
				.containsExactly("102", "103");
		assertThat(result.interchanges().get(1).groups().get(1).transactions())
				.extracting(X12Transaction::controlNumber).containsExactly("0001", "0002");
		assertThat(result.transactions()).hasSize(4);
	}

	@Test
	void transactionControlNumberRepeatedInAGroup() {
		X12ReadResult result = read("837p-duplicate-control-number.edi");

		List<X12Transaction> transactions = result.transactions().toList();
		assertThat(transactions).hasSize(2);
		assertThat(transactions.get(0).errors()).isEmpty();
		assertThat(transactions.get(1).errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.TRANSACTION_CONTROL_NUMBER_NOT_UNIQUE);
			assertThat(error.code().ackCode()).isEqualTo("23");
			assertThat(error.segmentId()).isEqualTo("ST");
			assertThat(error.elementPosition()).isEqualTo(2);
		});
	}

	@Test
	void missingGroupTrailer() {
		X12ReadResult result = read("837p-missing-ge.edi");

		assertThat(result.allErrors()).extracting(X12Error::code).containsExactly(X12ErrorCode.GROUP_TRAILER_MISSING);
		assertThat(result.allErrors().get(0).segmentId()).isEqualTo("GE");
	}

	@Test
	void segmentTheTransactionDoesNotDefine() {
		X12ReadResult result = read("837p-unknown-segment.edi");

		assertThat(result.allErrors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.SEGMENT_NOT_IN_TRANSACTION);
			assertThat(error.segmentId()).isEqualTo("ZZZ");
			assertThat(error.segmentPosition()).isEqualTo(21);
		});
	}

	@Test
	void transactionUnderAGuideThisServerDoesNotRead() {
		// an 837 under the dental guide: the envelope is checked, the content is not validated
		X12ReadResult result = read("837-dental-guide.edi");

		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).isEmpty();
		assertThat(transaction.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo(X12ErrorCode.IMPLEMENTATION_NOT_SUPPORTED);
			assertThat(error.data()).isEqualTo("005010X224A2");
			assertThat(error.code().ackCode()).isEqualTo("I6");
		});
	}

	@Test
	void proseBeforeTheIsaOnlyWhenAsked() {
		X12ReadResult strict = read("837p-with-prose.edi");
		assertThat(strict.errors()).extracting(X12Error::code).containsExactly(X12ErrorCode.NOT_X12);
		assertThat(strict.interchanges()).isEmpty();

		X12ReadResult lenient = READER.read(bytes("837p-with-prose.edi"), KEEP.skippingLeadingText());
		assertThat(lenient.allErrors()).isEmpty();
		assertThat(lenient.skippedPrefix()).isEqualTo(82);
		assertThat(lenient.transactions()).hasSize(1);
	}

	@Test
	void segmentsAreHandedToTheListenerAndNotKeptUnlessAsked() {
		List<X12Transaction> handed = new ArrayList<>();

		X12ReadResult result = READER.read(stream("837p-two-interchanges.edi"), X12Reader.Options.DEFAULT, handed::add);

		assertThat(handed).hasSize(4).allSatisfy(t -> assertThat(t.segments()).hasSize(23));
		assertThat(result.transactions()).hasSize(4).allSatisfy(t -> {
			assertThat(t.segments()).isEmpty();
			assertThat(t.segmentCount()).isEqualTo(23);
		});
	}

	@Test
	void aListenerFailureIsTheCallersNotAnX12Fault() {
		IllegalStateException failure = new IllegalStateException("storage full");

		assertThatThrownBy(() -> READER.read(stream("837p-minimal.edi"), KEEP, t -> {
			throw failure;
		})).isSameAs(failure);
	}

	private static X12ReadResult read(String fixture) {
		return READER.read(bytes(fixture), KEEP);
	}

	private static InputStream stream(String fixture) {
		return new ByteArrayInputStream(bytes(fixture));
	}

	static byte[] bytes(String fixture) {
		try (InputStream in = X12ReaderTest.class.getResourceAsStream("/fixtures/x12/" + fixture)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + fixture);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
