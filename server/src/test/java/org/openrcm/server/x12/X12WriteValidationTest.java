package org.openrcm.server.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.sandbox.SandboxResponder;
import org.openrcm.server.sandbox.SandboxResponse;
import org.openrcm.server.sandbox.SandboxRules;

/**
 * The write-time validation refuses whatever the read-back would: some 2,500 faulty variants of an 837P, an 837I,
 * a 999 (accepting, and rejecting with IK3/IK4 errors) and a 277CA (accepting and rejecting claims) are written
 * without read-back, and every variant the writer lets through reads back without a fault. This is what allows the
 * server to write without the read-back ({@link X12Properties#readBack()}). Each source also has to give many
 * refused variants, or the check would prove nothing.
 */
class X12WriteValidationTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-15T14:05:00Z"), ZoneOffset.UTC);
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "OPENRCM", "ZZ", "CLEARHOUSE01", "OPENRCM",
			"CLEARHOUSE01", X12Usage.TEST, false);
	private static final X12Envelope ANSWER = new X12Envelope("ZZ", "CLEARHOUSE01", "ZZ", "OPENRCM", "CLEARHOUSE01",
			"OPENRCM", X12Usage.TEST, false);

	private final X12WriteValidation validation = new X12WriteValidation(SCHEMAS, CLOCK);
	private final X12InterchangeWriter writer = new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);

	@Test
	void noFaultOfAProfessionalClaimGetsPastTheWriterUnnoticed() {
		WrittenInterchange claim = writer.write(ENVELOPE, X12Guide.CLAIM_837P,
				List.of(out -> X12InterchangeWriterTest.officeVisit(out, "CLAIM0001")));

		assertNoGaps(X12Guide.CLAIM_837P, ENVELOPE, validation.bodies(claim.bytes()).get(0));
	}

	@Test
	void noFaultOfAnInstitutionalClaimGetsPastTheWriterUnnoticed() {
		WrittenInterchange claim = writer.write(ENVELOPE, X12Guide.CLAIM_837I,
				List.of(X12InterchangeWriterTest::hospitalOutpatient));

		assertNoGaps(X12Guide.CLAIM_837I, ENVELOPE, validation.bodies(claim.bytes()).get(0));
	}

	@Test
	void noFaultOfTheAcknowledgmentsGetsPastTheWriterUnnoticed() {
		byte[] claims = writer.write(ENVELOPE, X12Guide.CLAIM_837P, List.of(
				out -> X12InterchangeWriterTest.officeVisit(out, "CLAIM0001"),
				out -> X12InterchangeWriterTest.officeVisit(out, "CLAIM0002"))).bytes();
		// a 999 and a 277CA accepting both claims; a 277CA rejecting them (a payer the sandbox does not route)
		SandboxResponse accepted = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				CLOCK).respond("claims.x12", claims);
		SandboxResponse rejected = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(),
				SandboxRules.defaults().withKnownPayerIds("OTHERPAYER"), CLOCK).respond("claims.x12", claims);
		// a 999 rejecting a transaction set with segment and element errors
		SandboxResponse broken = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				CLOCK).respond("bad.x12", X12ReaderTest.bytes("837p-invalid-qualifier.edi"));

		assertNoGaps(X12Guide.ACK_999, ANSWER, validation.bodies(accepted.files().get(0).content()).get(0));
		assertNoGaps(X12Guide.CLAIM_ACK_277CA, ANSWER, validation.bodies(accepted.files().get(1).content()).get(0));
		assertNoGaps(X12Guide.CLAIM_ACK_277CA, ANSWER, validation.bodies(rejected.files().get(1).content()).get(0));
		assertNoGaps(X12Guide.ACK_999, ANSWER, validation.bodies(broken.files().get(0).content()).get(0));
	}

	private void assertNoGaps(X12Guide guide, X12Envelope envelope, List<X12Segment> body) {
		X12WriteValidation.Report report = validation.vary(envelope, guide, body);

		assertThat(report.gaps()).as("variants the writer let through and the read-back refused").isEmpty();
		assertThat(report.refusedWhileWriting()).as("variants refused while writing, of " + report.variants())
				.isGreaterThan(report.variants() / 2);
	}
}
