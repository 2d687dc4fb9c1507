package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.support.BillableClaims;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code Claim/[id]/$x12-837} over HTTP, the way a biller's tools or a clearinghouse job call it: a claim whose
 * parties are stored in a fresh tenant comes back as a complete 837P interchange that reads without a fault, each
 * call with new control numbers from the database; as a FHIR Binary or as the X12 itself; 404 for a claim the tenant
 * does not have, 422 with the missing elements for the claim drafted from the README's example encounter.
 */
@OpenRcmServerTest
class Claim837IT {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	@LocalServerPort
	int port;

	FhirHttp http;
	String tenant;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
		tenant = http.createTenant();
	}

	/** Patient, payer, practice, physician and coverage stored in the tenant; a complete claim over them, stored. */
	private String storeClaim(String tenant) {
		Claim claim = BillableClaims.claim(BillableClaims.storeParties(http, tenant, "PHP884421907"));
		claim.getInsuranceFirstRep().addPreAuthRef("PA-2024-7781");
		return BillableClaims.store(http, tenant, claim);
	}

	/** GETs the 837 as a FHIR Binary and reads the interchange, failing on any fault. */
	private X12Interchange interchange(String claimId) {
		FhirHttp.Response response = http.get(tenant, claimId + "/$x12-837", FhirHttp.FHIR_JSON);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Binary binary = response.resource(Binary.class);
		assertThat(binary.getContentType()).isEqualTo("application/EDI-X12");
		X12ReadResult read = READER.read(binary.getData(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(new String(binary.getData(), StandardCharsets.UTF_8)).isEmpty();
		assertThat(read.interchanges()).hasSize(1);
		return read.interchanges().get(0);
	}

	@Test
	void aStoredClaimComesBackAsAValidInterchangeWithNewControlNumbersEachTime() {
		String claimId = storeClaim(tenant);

		X12Interchange first = interchange(claimId);
		X12Interchange second = interchange(claimId);

		assertThat(first.usageIndicator()).isEqualTo("T");
		assertThat(first.senderId()).isEqualTo("OPENRCM");
		X12Transaction claim = first.groups().get(0).transactions().get(0);
		String number = claimId.substring("Claim/".length());
		assertThat(claim.segments("CLM").get(0).toString()).isEqualTo("CLM*" + number + "*155***11:B:1*Y*A*Y*Y");
		assertThat(claim.segments("REF").stream().map(Object::toString)).contains("REF*G1*PA-2024-7781");
		assertThat(claim.segments("NM1").stream().map(Object::toString)).contains(
				"NM1*85*2*SPRINGFIELD FAMILY MEDICINE*****XX*1987654328",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"NM1*82*1*OKAFOR*DANIEL****XX*1234567893");
		X12Transaction again = second.groups().get(0).transactions().get(0);
		assertThat(second.controlNumber()).isNotEqualTo(first.controlNumber());
		assertThat(again.controlNumber()).isNotEqualTo(claim.controlNumber());
	}

	@Test
	void aClientThatDoesNotAskForFhirGetsTheX12Itself() {
		String claimId = storeClaim(tenant);

		FhirHttp.Response get = http.get(tenant, claimId + "/$x12-837");
		FhirHttp.Response post = http.post(tenant, claimId + "/$x12-837", "", FhirHttp.FHIR_JSON);

		assertThat(get.status()).as(get.body()).isEqualTo(200);
		assertThat(get.contentType()).startsWith("application/EDI-X12");
		assertThat(get.body()).startsWith("ISA*00*").endsWith("~");
		assertThat(READER.read(get.body().getBytes(StandardCharsets.UTF_8), X12Reader.Options.DEFAULT).isValid())
				.isTrue();
		assertThat(post.status()).as(post.body()).isEqualTo(200);
	}

	@Test
	void aClaimTheTenantDoesNotHaveIsNotFound() {
		String elsewhere = storeClaim(http.createTenant());

		assertThat(http.get(tenant, "Claim/does-not-exist/$x12-837", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
		assertThat(http.get(tenant, elsewhere + "/$x12-837", FhirHttp.FHIR_JSON).status()).isEqualTo(404);
	}

	/** The README's tour: the claim drafted from the example encounter lacks what the scrubber also reports. */
	@Test
	void aClaimThatCannotBeWrittenIsRefusedWithWhatIsMissing() throws Exception {
		String bundle = Files.readString(Path.of("../examples/encounter-bundle.json"));
		Bundle posted = http.post(tenant, "", bundle, FhirHttp.FHIR_JSON).resource(Bundle.class);
		String encounter = posted.getEntry().stream().map(e -> e.getResponse().getLocation())
				.filter(l -> l.startsWith("Encounter/")).findFirst().orElseThrow().replaceAll("/_history/.*", "");
		Claim draft = http.post(tenant, encounter + "/$draft-claim", "", FhirHttp.FHIR_JSON).resource(Claim.class);

		FhirHttp.Response response = http.get(tenant, "Claim/" + draft.getIdElement().getIdPart() + "/$x12-837",
				FhirHttp.FHIR_JSON);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
				.containsExactlyInAnyOrder("Claim.provider.resolve()", "Claim.item[0].net", "Claim.total");
		assertThat(outcome.getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
				.allMatch(d -> d.startsWith("ORCM-6001: "))
				.anyMatch(d -> d.contains("The billing provider's taxonomy code is missing."));
	}
}
