package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The request body limit ({@code openrcm.fhir.max-request-body}, 2 MB in the shared test context) covers the two
 * ways large files come in besides single resources: X12 files posted to {@code $x12-ingest} and transaction
 * Bundles. Over the limit is 413 with an OperationOutcome, and nothing of it is stored.
 */
@OpenRcmServerTest
class RequestLimitsIT {

	private static final int OVER_LIMIT = 3 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Test
	void anX12FileOverTheLimitIs413WithAnOutcome() {
		FhirHttp http = new FhirHttp(port);
		String tenant = http.createTenant();
		String file = "ISA*00*" + "NTE*ADD*padding~".repeat(OVER_LIMIT / 16);

		assertTooLarge(http.post(tenant, "$x12-ingest", file, "application/EDI-X12"));
		assertTooLarge(http.postChunked(tenant, "$x12-ingest",
				new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII)), "application/EDI-X12"));
	}

	@Test
	void aTransactionOverTheLimitIs413AndStoresNothing() {
		FhirHttp http = new FhirHttp(port);
		String tenant = http.createTenant();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 4; i++) {
			Patient patient = new Patient();
			patient.addName().setFamily("Oversized").addGiven("x".repeat(OVER_LIMIT / 4));
			transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}
		String body = FhirHttp.fhir().newJsonParser().encodeResourceToString(transaction);

		assertTooLarge(http.post(tenant, "", body, FhirHttp.FHIR_JSON));
		assertThat(http.search(tenant, "Patient?family=Oversized").getTotal()).isZero();
	}

	private static void assertTooLarge(FhirHttp.Response response) {
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.REQUEST_TOO_LARGE.code());
	}
}
