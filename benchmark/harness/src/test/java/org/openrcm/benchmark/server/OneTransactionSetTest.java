package org.openrcm.benchmark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.claims.Claim837Batch;
import org.openrcm.server.claims.Claim837Writer;
import org.openrcm.server.claims.ClaimSources;
import org.openrcm.server.claims.ClaimToWrite;
import org.openrcm.server.claims.ClaimsProperties;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.sandbox.SandboxRemittanceRules;
import org.openrcm.server.sandbox.SandboxResponder;
import org.openrcm.server.sandbox.SandboxResponse;
import org.openrcm.server.sandbox.SandboxRules;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;

/** The remit benchmark's 837 regrouping: one valid transaction set of all claims, paid by the sandbox as one. */
class OneTransactionSetTest {

	private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 3, 2).atTime(10, 0).toInstant(ZoneOffset.UTC),
			ZoneOffset.UTC);
	private static final X12Schemas SCHEMAS = X12Schemas.load();

	@Test
	void mergedInterchangeReadsAsOneValidTransactionSetWithEveryClaimInOrder() {
		String written = batch("c-1", "c-2", "c-3");
		assertThat(read(written).transactions()).hasSize(3);

		X12ReadResult merged = read(OneTransactionSet.merge(written));

		assertThat(merged.allErrors()).isEmpty();
		assertThat(merged.isValid()).isTrue();
		List<X12Transaction> sets = merged.transactions().toList();
		assertThat(sets).hasSize(1);
		assertThat(sets.get(0).segments("CLM")).extracting(s -> s.element(1)).containsExactly("c-1", "c-2", "c-3");
		assertThat(sets.get(0).segments("HL")).extracting(s -> s.element(1) + "/" + s.element(2))
				.containsExactly("1/", "2/1", "3/", "4/3", "5/", "6/5");
	}

	@Test
	void sandboxPaysTheMergedClaimsInOne835Payment() {
		SandboxResponder sandbox = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				SandboxRemittanceRules.defaults(), List.of(), CLOCK, true);

		SandboxResponse answer = sandbox.respond("bench.837", OneTransactionSet.merge(batch("c-1", "c-2", "c-3"))
				.getBytes(StandardCharsets.US_ASCII));

		assertThat(answer.problems()).isEmpty();
		byte[] remittance = answer.files().stream().filter(f -> f.name().endsWith(".835")).findFirst().orElseThrow()
				.content();
		List<X12Transaction> payments = read(new String(remittance, StandardCharsets.US_ASCII)).transactions().toList();
		assertThat(payments).hasSize(1);
		assertThat(payments.get(0).segments("CLP")).extracting(s -> s.element(1)).containsExactly("c-1", "c-2", "c-3");
		assertThat(RemitServerBenchmark.count(new String(remittance, StandardCharsets.US_ASCII), "CLP")).isEqualTo(3);
	}

	private static X12ReadResult read(String x12) {
		return new X12Reader(SCHEMAS).read(x12.getBytes(StandardCharsets.US_ASCII),
				X12Reader.Options.DEFAULT.keepingSegments());
	}

	/** The claims written as OpenRCM's outbox writes them: one interchange, a transaction set per claim. */
	private static String batch(String... claimIds) {
		Map<String, Resource> stored = new HashMap<>();
		Organization payer = new Organization().setName("Prairie Health Plan");
		payer.setId("Organization/payer");
		payer.addIdentifier().setSystem(OpenRcmIg.CANONICAL_BASE + "/sid/payer-id").setValue("60054");
		Organization practice = new Organization().setName("Springfield Family Medicine");
		practice.setId("Organization/practice");
		practice.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1987654328");
		practice.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.4").setValue("371234567");
		practice.addType(new CodeableConcept(new Coding("http://nucc.org/provider-taxonomy", "207Q00000X", null)));
		practice.addAddress().addLine("400 Main Street").setCity("Springfield").setState("IL").setPostalCode("62701");
		stored.put("Organization/payer", payer);
		stored.put("Organization/practice", practice);
		List<ClaimToWrite> claims = new ArrayList<>();
		ClaimSources sources = new ClaimSources() {
			@Override
			public Resource resolve(Reference reference) {
				return stored.get(reference.getReference());
			}

			@Override
			public List<ClaimResponse> responsesTo(String claimReference) {
				return List.of();
			}
		};
		for (int i = 0; i < claimIds.length; i++) {
			Patient patient = new Patient();
			patient.setId("Patient/p" + i);
			patient.addName().setFamily("Rivera" + i).addGiven("Ana");
			patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1960-05-0" + (i + 1)));
			patient.addAddress().addLine(i + " Larch Street").setCity("Springfield").setState("IL")
					.setPostalCode("62704");
			Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE).setSubscriberId("PHP00" + i)
					.setBeneficiary(new Reference("Patient/p" + i)).addPayor(new Reference("Organization/payer"))
					.setRelationship(new CodeableConcept(new Coding(
							"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)));
			coverage.setId("Coverage/v" + i);
			stored.put("Patient/p" + i, patient);
			stored.put("Coverage/v" + i, coverage);
			claims.add(new ClaimToWrite(claimIds[i], claim(claimIds[i], i), sources));
		}
		ClearinghouseProperties connection = ClearinghouseProperties.defaults();
		Claim837Writer writer = new Claim837Writer(new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(),
				CLOCK, false), SCHEMAS, connection, ClaimsProperties.defaults(), CLOCK);
		Claim837Batch batch = writer.writeBatch(connection, claims);
		assertThat(batch.refused()).isEmpty();
		return batch.interchanges().get(0).written().text();
	}

	private static Claim claim(String id, int patient) {
		Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
				.setPatient(new Reference("Patient/p" + patient)).setProvider(new Reference("Organization/practice"))
				.setInsurer(new Reference("Organization/payer"));
		claim.setId("Claim/" + id);
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type")
				.setCode("professional");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType("2026-03-01"));
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/v" + patient));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(
				new Coding("http://hl7.org/fhir/sid/icd-10-cm", "I10", null)));
		claim.addItem().setSequence(1).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", "99213", null)))
				.setServiced(new DateType("2026-02-20"))
				.setLocation(new CodeableConcept(new Coding("https://www.cms.gov/Medicare/Coding/place-of-service-codes/"
						+ "Place_of_Service_Code_Set", "11", null)))
				.setNet(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD")).getQuantity().setValue(1);
		claim.setTotal(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"));
		return claim;
	}
}
