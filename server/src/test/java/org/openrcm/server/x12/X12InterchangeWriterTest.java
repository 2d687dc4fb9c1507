package org.openrcm.server.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The envelope writer: a professional claim written by hand through it reads back without a fault, with the
 * envelope it was given and fresh control numbers; a claim that breaks the guide is refused before anything is
 * returned.
 */
class X12InterchangeWriterTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-15T14:05:00Z"), ZoneOffset.UTC);
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "OPENRCM", "ZZ", "CLEARHOUSE01", "OPENRCM",
			"CLEARHOUSE01", X12Usage.TEST, false);

	private final ControlNumbers controlNumbers = new InMemoryControlNumbers();
	private final X12InterchangeWriter writer = new X12InterchangeWriter(SCHEMAS, controlNumbers, CLOCK);
	private final X12Reader reader = new X12Reader(SCHEMAS);

	/** An office visit: one claim, one service line, patient is the subscriber. */
	static void officeVisit(X12SegmentSink out, String claimId) {
		out.segment("BHT", "0019", "00", "BATCH-" + claimId, "20240815", "1405", "CH")
				.segment("NM1", "41", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "46", "OPENRCM")
				.segment("PER", "IC", "BILLING OFFICE", "TE", "5555550100")
				.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "CLEARHOUSE01")
				.segment("HL", "1", "", "20", "1")
				.segment("NM1", "85", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "XX", "1245319599")
				.segment("N3", "100 LAKE STREET")
				.segment("N4", "SPRINGFIELD", "IL", "627010000")
				.segment("REF", "EI", "371234567")
				.segment("HL", "2", "1", "22", "0")
				.segment("SBR", "P", "18", "GRP100", "", "", "", "", "", "CI")
				.segment("NM1", "IL", "1", "RIVERA", "ANA", "", "", "", "MI", "MBR0001")
				.segment("N3", "12 ELM ROAD")
				.segment("N4", "SPRINGFIELD", "IL", "627020000")
				.segment("DMG", "D8", "19800412", "F")
				.segment("NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", "PAYER01")
				.segment("CLM", claimId, "150", "", "", composite("11", "B", "1"), "Y", "A", "Y", "Y")
				.segment("HI", composite("ABK", "J069"), composite("ABF", "R051"))
				.segment("LX", "1")
				.segment("SV1", composite("HC", "99213", "25"), "150", "UN", "1", "", "", composite("1", "2"))
				.segment("DTP", "472", "D8", "20240814");
	}

	/** An outpatient hospital claim: one revenue line, the attending physician, Medicare Part B. */
	static void hospitalOutpatient(X12SegmentSink out) {
		out.segment("BHT", "0019", "00", "BATCH-I1", "20240815", "1405", "CH")
				.segment("NM1", "41", "2", "LAKESIDE HOSPITAL", "", "", "", "", "46", "OPENRCM")
				.segment("PER", "IC", "PATIENT ACCOUNTS", "TE", "5555550199")
				.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "CLEARHOUSE01")
				.segment("HL", "1", "", "20", "1")
				.segment("NM1", "85", "2", "LAKESIDE HOSPITAL", "", "", "", "", "XX", "1245319599")
				.segment("N3", "1 HOSPITAL DRIVE")
				.segment("N4", "SPRINGFIELD", "IL", "627010000")
				.segment("REF", "EI", "371234568")
				.segment("HL", "2", "1", "22", "0")
				.segment("SBR", "P", "18", "", "", "", "", "", "", "MB")
				.segment("NM1", "IL", "1", "RIVERA", "ANA", "", "", "", "MI", "1EG4TE5MK73")
				.segment("NM1", "PR", "2", "MEDICARE", "", "", "", "", "PI", "00435")
				.segment("CLM", "ICLAIM1", "89.93", "", "", composite("13", "A", "1"), "", "A", "Y", "Y")
				.segment("DTP", "434", "RD8", "20240810-20240810")
				.segment("CL1", "3", "", "01")
				.segment("HI", composite("ABK", "I10"))
				.segment("NM1", "71", "1", "JONES", "JOHN", "", "", "", "XX", "1122334455")
				.segment("LX", "1")
				.segment("SV2", "0305", composite("HC", "85025"), "89.93", "UN", "1")
				.segment("DTP", "472", "D8", "20240810");
	}

	@Test
	void aHandWrittenClaimReadsBackWithoutFault() {
		WrittenInterchange written = writer.write(ENVELOPE, X12Guide.CLAIM_837P,
				List.of(out -> officeVisit(out, "CLAIM0001")));

		assertThat(written.text()).startsWith("ISA*00*          *00*          *ZZ*OPENRCM        *ZZ*CLEARHOUSE01   "
				+ "*240815*1405*^*00501*000000001*0*T*:~GS*HC*OPENRCM*CLEARHOUSE01*20240815*1405*1*X*005010X222A1~"
				+ "ST*837*0001*005010X222A1~BHT*0019*00*BATCH-CLAIM0001*20240815*1405*CH~");
		assertThat(written.text()).contains("~CLM*CLAIM0001*150***11:B:1*Y*A*Y*Y~HI*ABK:J069*ABF:R051~")
				.contains("~SV1*HC:99213:25*150*UN*1***1:2~")
				.endsWith("~SE*23*0001~GE*1*1~IEA*1*000000001~");

		X12ReadResult read = reader.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).isEmpty();
		X12Interchange interchange = read.interchanges().get(0);
		assertThat(interchange.senderId()).isEqualTo("OPENRCM");
		assertThat(interchange.receiverId()).isEqualTo("CLEARHOUSE01");
		assertThat(interchange.usageIndicator()).isEqualTo("T");
		assertThat(interchange.controlNumber()).isEqualTo(written.interchangeControlNumber()).isEqualTo("000000001");
		assertThat(interchange.groups().get(0).controlNumber()).isEqualTo(written.groupControlNumber());
		X12Transaction claim = read.transactions().findFirst().orElseThrow();
		assertThat(claim.guide()).contains(X12Guide.CLAIM_837P);
		assertThat(claim.segmentCount()).isEqualTo(23);
		assertThat(claim.segments("CLM").get(0).loop()).isEqualTo("2300");
	}

	@Test
	void anInstitutionalClaimReadsBack() {
		WrittenInterchange written = writer.write(ENVELOPE, X12Guide.CLAIM_837I,
				List.of(X12InterchangeWriterTest::hospitalOutpatient));

		X12ReadResult read = reader.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).isEmpty();
		X12Transaction claim = read.transactions().findFirst().orElseThrow();
		assertThat(claim.guide()).contains(X12Guide.CLAIM_837I);
		assertThat(claim.segments("NM1").get(5).loop()).isEqualTo("2310A");
		assertThat(written.text()).contains("~ST*837*0001*005010X223A2~").contains("~SE*23*0001~");
	}

	@Test
	void controlNumbersAdvancePerSenderAndAreNeverReused() {
		WrittenInterchange first = writer.write(ENVELOPE, X12Guide.CLAIM_837P,
				List.of(out -> officeVisit(out, "C1"), out -> officeVisit(out, "C2")));
		WrittenInterchange second = writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> officeVisit(out, "C3")));
		X12Envelope otherSender = new X12Envelope("ZZ", "OTHERCLINIC", "ZZ", "CLEARHOUSE01", "OTHERCLINIC",
				"CLEARHOUSE01", X12Usage.PRODUCTION, true);
		WrittenInterchange third = writer.write(otherSender, X12Guide.CLAIM_837P, List.of(out -> officeVisit(out, "C4")));

		assertThat(first.interchangeControlNumber()).isEqualTo("000000001");
		assertThat(first.transactionControlNumbers()).containsExactly("0001", "0002");
		assertThat(second.interchangeControlNumber()).isEqualTo("000000002");
		assertThat(second.groupControlNumber()).isEqualTo("2");
		assertThat(second.transactionControlNumbers()).containsExactly("0003");
		assertThat(third.interchangeControlNumber()).isEqualTo("000000001");
		assertThat(third.text()).contains("*00501*000000001*1*P*:~");

		X12ReadResult read = reader.read(first.bytes(), X12Reader.Options.DEFAULT);
		assertThat(read.allErrors()).isEmpty();
		assertThat(read.transactions()).extracting(X12Transaction::controlNumber).containsExactly("0001", "0002");
	}

	@Test
	void segmentsOutOfOrderAreRefused() {
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			officeVisit(out, "CLAIM0001");
			// a claim-level diagnosis after the service line
			out.segment("HI", composite("ABF", "R05"));
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.singleElement().satisfies(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.UNEXPECTED_SEGMENT);
					assertThat(error.code().ackCode()).isEqualTo("2");
					assertThat(error.segmentId()).isEqualTo("HI");
					assertThat(error.segmentPosition()).isEqualTo(23);
				}));
	}

	@Test
	void aMissingRequiredElementIsRefused() {
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			out.segment("BHT", "0019", "00", "BATCH1", "20240815", "1405");
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors()).first()
				.satisfies(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.REQUIRED_ELEMENT_MISSING);
					assertThat(error.segmentId()).isEqualTo("BHT");
					assertThat(error.elementPosition()).isEqualTo(6);
					assertThat(error.segmentPosition()).isEqualTo(2);
				}));
	}

	@Test
	void aMissingRequiredLoopIsRefused() {
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			out.segment("BHT", "0019", "00", "BATCH1", "20240815", "1405", "CH")
					.segment("NM1", "41", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "46", "OPENRCM")
					.segment("PER", "IC", "BILLING OFFICE", "TE", "5555550100");
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.extracting(X12Error::code).contains(X12ErrorCode.LOOP_UNDER_MINIMUM));
	}

	@Test
	void aWrongQualifierIsRefused() {
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			out.segment("BHT", "0019", "00", "BATCH1", "20240815", "1405", "XX");
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.anySatisfy(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.CODE_NOT_USED_IN_IMPLEMENTATION);
					assertThat(error.elementPosition()).isEqualTo(6);
					assertThat(error.data()).isEqualTo("XX");
				}));
	}

	@Test
	void aSeparatorInsideAValueIsRefused() {
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			officeVisit(out, "CLAIM*0001");
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.anySatisfy(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.INVALID_CHARACTER);
					assertThat(error.data()).isEqualTo("CLAIM*0001");
					assertThat(error.segmentId()).isEqualTo("CLM");
					assertThat(error.elementPosition()).isEqualTo(1);
					assertThat(error.componentPosition()).isZero();
				}));
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			officeVisit(out, "CLAIM0001");
			out.segment("REF", "6R", "LINE~1");
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.anySatisfy(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.INVALID_CHARACTER);
					assertThat(error.segmentId()).isEqualTo("REF");
					assertThat(error.elementPosition()).isEqualTo(2);
				}));
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(out -> {
			out.segment("BHT", "0019", "00", "BATCH1", "20240815", "1405", "CH")
					.segment("NM1", "41", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "46", "OPENRCM")
					.segment("PER", "IC", "BILLING OFFICE", "TE", "5555550100")
					.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "CLEARHOUSE01")
					.segment("HL", "1", "", "20", "1")
					.segment("NM1", "85", "2", "LAKESIDE", "", "", "", "", "XX", "1245319599")
					.segment("N3", "100 LAKE STREET")
					.segment("N4", "SPRINGFIELD", "IL", "627010000")
					.segment("REF", "EI", "371234567")
					.segment("HL", "2", "1", "22", "0")
					.segment("SBR", "P", "18", "", "", "", "", "", "", "CI")
					.segment("NM1", "IL", "1", "RIVERA", "ANA", "", "", "", "MI", "MBR0001")
					.segment("NM1", "PR", "2", "PLAN", "", "", "", "", "PI", "PAYER01")
					.segment("CLM", "C1", "150", "", "", composite("11", "B", "1"), "Y", "A", "Y", "Y")
					.segment("HI", composite("ABK", "J0^69"));
		}))).isInstanceOfSatisfying(X12ValidationException.class, e -> assertThat(e.errors())
				.anySatisfy(error -> {
					assertThat(error.code()).isEqualTo(X12ErrorCode.INVALID_CHARACTER);
					assertThat(error.segmentId()).isEqualTo("HI");
					assertThat(error.elementPosition()).isEqualTo(1);
					assertThat(error.componentPosition()).isEqualTo(2);
				}));
	}

	@Test
	void theEnvelopeRefusesIdsThatCannotBeWritten() {
		assertThatThrownBy(() -> new X12Envelope("ZZ", "A*B", "ZZ", "R", "AB", "CD", X12Usage.TEST, false))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISA06");
		assertThatThrownBy(() -> new X12Envelope("ZZ", "SENDER-ID-LONGER-THAN-15", "ZZ", "R", "AB", "CD",
				X12Usage.TEST, false)).hasMessageContaining("ISA06");
		assertThatThrownBy(() -> writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of()))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
