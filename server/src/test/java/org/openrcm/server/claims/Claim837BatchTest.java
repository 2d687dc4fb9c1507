package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrcm.server.claims.Claim837Fixtures.contained;
import static org.openrcm.server.claims.Claim837Fixtures.officeVisit;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openrcm.server.clearinghouse.ChannelProperties;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;

/**
 * Many claims into one interchange, the way the submission outbox sends them: a transaction set per claim, so a 999
 * that names an ST02 names one claim; a claim that cannot be written is refused alone and the others still go.
 */
class Claim837BatchTest {

	private static final ClearinghouseProperties ACME = new ClearinghouseProperties("ACMEBILL", "ZZ", "Acme Billing",
			"EDI Desk", "5555550111", "edi@acme.example", "CLEARCO", "ZZ", "ClearCo EDI", "", "", X12Usage.PRODUCTION,
			false, ChannelProperties.defaults());

	private final InMemoryControlNumbers numbers = new InMemoryControlNumbers();
	private final Claim837Writer writer = Claim837Fixtures.writer(numbers);
	private final X12Reader reader = new X12Reader(Claim837Fixtures.SCHEMAS);

	private static Claim claim(String id) {
		Claim claim = officeVisit();
		claim.setId(id);
		return claim;
	}

	private static ClaimToWrite entry(String key, Claim claim) {
		return new ClaimToWrite(key, claim, ClaimSources.NONE);
	}

	/** Reads an interchange of the batch back, failing on any fault. */
	private X12Interchange read(Claim837Batch.BatchInterchange interchange) {
		X12ReadResult read = reader.read(interchange.written().bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(interchange.written().text()).isEmpty();
		assertThat(read.interchanges()).hasSize(1);
		return read.interchanges().get(0);
	}

	private static String clm01(X12Transaction transaction) {
		return transaction.segments("CLM").get(0).toString().split("\\*")[1];
	}

	@Test
	void eachClaimIsATransactionSetOfItsOwnNamedByTheCallersKey() {
		List<ClaimToWrite> claims = List.of(entry("outbox-1", claim("1001")), entry("outbox-2", claim("1002")),
				entry("outbox-3", claim("1003")));

		Claim837Batch batch = writer.writeBatch(ACME, claims);

		assertThat(batch.refused()).isEmpty();
		assertThat(batch.interchanges()).singleElement().satisfies(interchange -> {
			assertThat(interchange.guide()).isEqualTo(X12Guide.CLAIM_837P);
			assertThat(interchange.entries()).containsExactly(
					new Claim837Batch.BatchEntry("outbox-1", "0001", "1001"),
					new Claim837Batch.BatchEntry("outbox-2", "0002", "1002"),
					new Claim837Batch.BatchEntry("outbox-3", "0003", "1003"));
			X12Interchange read = read(interchange);
			List<X12Transaction> sets = read.groups().get(0).transactions();
			assertThat(sets).extracting(X12Transaction::controlNumber).containsExactly("0001", "0002", "0003");
			assertThat(sets).extracting(Claim837BatchTest::clm01).containsExactly("1001", "1002", "1003");
			assertThat(interchange.written().transactionControlNumbers()).containsExactly("0001", "0002", "0003");
		});
		assertThat(batch.entry("outbox-2")).map(Claim837Batch.BatchEntry::transactionControlNumber).contains("0002");
	}

	@Test
	void theConnectionGivenAddressesTheInterchangeAndNamesSubmitterAndReceiver() {
		Claim837Batch batch = writer.writeBatch(ACME, List.of(entry("a", claim("1001"))));

		X12Interchange read = read(batch.interchanges().get(0));
		assertThat(read.senderId()).isEqualTo("ACMEBILL");
		assertThat(read.receiverId()).isEqualTo("CLEARCO");
		assertThat(read.usageIndicator()).isEqualTo("P");
		assertThat(read.groups().get(0).transactions().get(0).segments("NM1").stream().map(X12Segment::toString)
				.limit(2)).containsExactly("NM1*41*2*ACME BILLING*****46*ACMEBILL", "NM1*40*2*CLEARCO EDI*****46*CLEARCO");
		assertThat(read.groups().get(0).transactions().get(0).segments("PER").get(0).toString())
				.isEqualTo("PER*IC*EDI DESK*TE*5555550111*EM*edi@acme.example");
		assertThat(numbers.nextInterchange("ZZ:ACMEBILL")).as("numbers are counted per sender").isEqualTo(2);
	}

	/** Claims of two tenants in one batch: the same reference resolves in each claim's own tenant. */
	@Test
	void claimsOfDifferentTenantsResolveInTheirOwnTenant() {
		Claim first = claim("1001");
		Claim second = claim("2001");
		for (Claim claim : List.of(first, second)) {
			Patient patient = contained(claim, "patient", Patient.class);
			claim.getContained().remove(patient);
			claim.setPatient(new Reference("Patient/7"));
			contained(claim, "coverage", Coverage.class).setBeneficiary(new Reference("Patient/7"));
		}
		Patient ana = contained(officeVisit(), "patient", Patient.class);
		Patient ben = contained(officeVisit(), "patient", Patient.class);
		ben.getNameFirstRep().setFamily("Okoye").setGiven(new ArrayList<>()).addGiven("Ben");
		Claim837Fixtures.Stored clinicA = new Claim837Fixtures.Stored().with("Patient/7", ana);
		Claim837Fixtures.Stored clinicB = new Claim837Fixtures.Stored().with("Patient/7", ben);

		Claim837Batch batch = writer.writeBatch(ACME, List.of(new ClaimToWrite("a", first, clinicA),
				new ClaimToWrite("b", second, clinicB)));

		List<X12Transaction> sets = read(batch.interchanges().get(0)).groups().get(0).transactions();
		assertThat(sets.get(0).segments("NM1").stream().map(X12Segment::toString))
				.contains("NM1*IL*1*RIVERA*ANA*LUCIA***MI*PHP884421907");
		assertThat(sets.get(1).segments("NM1").stream().map(X12Segment::toString))
				.contains("NM1*IL*1*OKOYE*BEN****MI*PHP884421907");
	}

	@Test
	void aClaimThatCannotBeMappedIsRefusedAloneAndSpendsNoNumber() {
		Claim incomplete = claim("1002");
		contained(incomplete, "payer", Organization.class).getIdentifier().clear();

		Claim837Batch batch = writer.writeBatch(ACME, List.of(entry("a", claim("1001")), entry("b", incomplete),
				entry("c", claim("1003"))));

		assertThat(batch.refused()).containsOnlyKeys("b");
		assertThat(batch.refused().get("b").problems()).extracting(Claim837Problem::expression)
				.containsExactly("Claim.insurer.resolve().identifier");
		assertThat(batch.interchanges().get(0).entries()).extracting(Claim837Batch.BatchEntry::key)
				.containsExactly("a", "c");
		assertThat(batch.interchanges().get(0).entries()).extracting(Claim837Batch.BatchEntry::transactionControlNumber)
				.containsExactly("0001", "0002");
		assertThat(batch.interchanges().get(0).written().interchangeControlNumber()).isEqualTo("000000001");
	}

	/**
	 * A member id with a separator in it passes the mapping and breaks the written X12: that claim is refused with
	 * the fault at its element, the others are written again in a new interchange.
	 */
	@Test
	void aClaimWhoseTransactionSetBreaksAnX12RuleIsRefusedAndTheRestIsWrittenAgain() {
		Claim broken = claim("1002");
		contained(broken, "coverage", Coverage.class).setSubscriberId("PHP*884421907");

		Claim837Batch batch = writer.writeBatch(ACME, List.of(entry("a", claim("1001")), entry("b", broken),
				entry("c", claim("1003"))));

		assertThat(batch.refused()).containsOnlyKeys("b");
		assertThat(batch.refused().get("b").problems()).singleElement().satisfies(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_NOT_REPRESENTABLE);
			assertThat(problem.text()).contains("NM109", "PHP*884421907");
		});
		Claim837Batch.BatchInterchange interchange = batch.interchanges().get(0);
		assertThat(interchange.entries()).extracting(Claim837Batch.BatchEntry::key).containsExactly("a", "c");
		assertThat(interchange.written().interchangeControlNumber()).as("the failed attempt's number stays spent")
				.isEqualTo("000000002");
		List<X12Transaction> sets = read(interchange).groups().get(0).transactions();
		assertThat(sets).extracting(Claim837BatchTest::clm01).containsExactly("1001", "1003");
		assertThat(sets).extracting(X12Transaction::controlNumber)
				.containsExactlyElementsOf(interchange.written().transactionControlNumbers());
	}

	@Test
	void whenEveryClaimIsRefusedNothingIsWritten() {
		Claim preauthorization = claim("1001");
		preauthorization.setUse(Claim.Use.PREAUTHORIZATION);

		Claim837Batch batch = writer.writeBatch(ACME, List.of(entry("a", preauthorization)));

		assertThat(batch.interchanges()).isEmpty();
		assertThat(batch.refused()).containsOnlyKeys("a");
		assertThat(batch.entry("a")).isEmpty();
	}

	@Test
	void keysMustBeUnique() {
		assertThatThrownBy(() -> writer.writeBatch(ACME, List.of(entry("a", claim("1001")), entry("a", claim("1002")))))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
	}
}
