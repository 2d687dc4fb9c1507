package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12WriteValidation;

/**
 * The 837s the mapping writes, varied one fault at a time (see {@link X12WriteValidation}): every variant the
 * write-time validation lets through reads back without a fault, so the server may skip the read-back.
 */
class Claim837WriteValidationTest {

	private final X12WriteValidation validation = new X12WriteValidation(Claim837Fixtures.SCHEMAS,
			Claim837Fixtures.CLOCK);

	@Test
	void noFaultOfAMappedProfessionalClaimGetsPastTheWriterUnnoticed() {
		assertNoGaps(X12Guide.CLAIM_837P, Claim837Fixtures.officeVisit());
	}

	@Test
	void noFaultOfAMappedInstitutionalClaimGetsPastTheWriterUnnoticed() {
		assertNoGaps(X12Guide.CLAIM_837I, Claim837Fixtures.hospitalStay());
	}

	private void assertNoGaps(X12Guide guide, org.hl7.fhir.r4.model.Claim claim) {
		WrittenInterchange written = Claim837Fixtures.writer(new InMemoryControlNumbers()).write(claim,
				ClaimSources.NONE);
		List<X12Segment> body = validation.bodies(written.bytes()).get(0);

		X12WriteValidation.Report report = validation.vary(ClearinghouseProperties.defaults().envelope(), guide, body);

		assertThat(report.gaps()).as("variants the writer let through and the read-back refused").isEmpty();
		assertThat(report.refusedWhileWriting()).as("variants refused while writing, of " + report.variants())
				.isGreaterThan(report.variants() / 2);
	}
}
