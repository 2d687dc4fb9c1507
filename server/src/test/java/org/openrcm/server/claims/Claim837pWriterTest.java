package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openrcm.server.claims.Claim837Fixtures.CPT;
import static org.openrcm.server.claims.Claim837Fixtures.NPI;
import static org.openrcm.server.claims.Claim837Fixtures.NUCC;
import static org.openrcm.server.claims.Claim837Fixtures.POS;
import static org.openrcm.server.claims.Claim837Fixtures.ROLE;
import static org.openrcm.server.claims.Claim837Fixtures.contained;
import static org.openrcm.server.claims.Claim837Fixtures.officeVisit;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.scrubbing.ClaimScrubber;
import org.openrcm.server.scrubbing.ClaimSurroundings;
import org.openrcm.server.scrubbing.ScrubFinding;
import org.openrcm.server.scrubbing.ScrubRule;
import org.openrcm.server.scrubbing.ScrubSettings;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;

/**
 * Claims to 837P: each written interchange is read back through {@link X12Reader} without a fault, and the segments
 * a clearinghouse and payer look at are asserted exactly. A claim that cannot be mapped is refused with every reason
 * and the FHIRPath of each element, before any control number is spent.
 */
class Claim837pWriterTest {

	private final InMemoryControlNumbers numbers = new InMemoryControlNumbers();
	private final Claim837Writer writer = Claim837Fixtures.writer(numbers);
	private final X12Reader reader = new X12Reader(Claim837Fixtures.SCHEMAS);

	/** Writes the claim, reads it back and fails on any fault; the transaction with its segments. */
	private X12Transaction write(Claim claim, ClaimSources sources) {
		WrittenInterchange written = writer.write(claim, sources);
		X12ReadResult read = reader.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(written.text()).isEmpty();
		return read.transactions().findFirst().orElseThrow();
	}

	private X12Transaction write(Claim claim) {
		return write(claim, ClaimSources.NONE);
	}

	/** The segments of a transaction as text, e.g. {@code CLM*1001*155***11:B:1*Y*A*Y*Y}. */
	private static List<String> text(X12Transaction transaction) {
		return transaction.segments().stream().map(X12Segment::toString).toList();
	}

	private static List<String> text(X12Transaction transaction, String id) {
		return transaction.segments(id).stream().map(X12Segment::toString).toList();
	}

	private static String loopOf(X12Transaction transaction, String segment) {
		return transaction.segments().stream().filter(s -> s.toString().equals(segment)).findFirst()
				.map(X12Segment::loop).orElseThrow(() -> new AssertionError(segment + " not in " + text(transaction)));
	}

	private Claim837Exception refusal(Claim claim, ClaimSources sources) {
		return catchThrowableOfType(() -> writer.write(claim, sources), Claim837Exception.class);
	}

	private static List<String> expressions(Claim837Exception refusal) {
		return refusal.problems().stream().map(Claim837Problem::expression).toList();
	}

	@Test
	void anOfficeVisitIsWrittenSegmentBySegment() {
		X12Transaction claim = write(officeVisit());

		assertThat(text(claim)).containsExactly(
				"ST*837*0001*005010X222A1",
				"BHT*0019*00*240618140500000-1001*20240618*1405*CH",
				"NM1*41*2*OPENRCM DEVELOPMENT*****46*OPENRCM",
				"PER*IC*EDI SUPPORT*TE*5555550100",
				"NM1*40*2*OPENRCM SANDBOX CLEARINGHOUSE*****46*OPENRCMSANDBOX",
				"HL*1**20*1",
				"PRV*BI*PXC*207Q00000X",
				"NM1*85*2*SPRINGFIELD FAMILY MEDICINE*****XX*1987654328",
				"N3*400 MAIN STREET*SUITE 210",
				"N4*SPRINGFIELD*IL*627011234",
				"REF*EI*371234567",
				"HL*2*1*22*0",
				"SBR*P*18*GRP-20071******CI",
				"NM1*IL*1*RIVERA*ANA*LUCIA***MI*PHP884421907",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"DMG*D8*19710418*F",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"CLM*1001*155***11:B:1*Y*A*Y*Y",
				"REF*EA*MRN-100231",
				"HI*ABK:E119*ABF:I10",
				"NM1*82*1*OKAFOR*DANIEL****XX*1234567893",
				"PRV*PE*PXC*207Q00000X",
				"LX*1",
				"SV1*HC:99213*125*UN*1***1:2",
				"DTP*472*D8*20240617",
				"REF*6R*1",
				"LX*2",
				"SV1*HC:96372:25*30*UN*1***1",
				"DTP*472*D8*20240617",
				"REF*6R*2",
				"SE*32*0001");
		assertThat(loopOf(claim, "PRV*BI*PXC*207Q00000X")).isEqualTo("2000A");
		assertThat(loopOf(claim, "NM1*85*2*SPRINGFIELD FAMILY MEDICINE*****XX*1987654328")).isEqualTo("2010AA");
		assertThat(loopOf(claim, "NM1*IL*1*RIVERA*ANA*LUCIA***MI*PHP884421907")).isEqualTo("2010BA");
		assertThat(loopOf(claim, "NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054")).isEqualTo("2010BB");
		assertThat(loopOf(claim, "CLM*1001*155***11:B:1*Y*A*Y*Y")).isEqualTo("2300");
		assertThat(loopOf(claim, "NM1*82*1*OKAFOR*DANIEL****XX*1234567893")).isEqualTo("2310B");
		assertThat(loopOf(claim, "SV1*HC:96372:25*30*UN*1***1")).isEqualTo("2400");
	}

	@Test
	void theEnvelopeComesFromTheClearinghouseConnectionWithFreshControlNumbers() {
		WrittenInterchange first = writer.write(officeVisit(), ClaimSources.NONE);
		WrittenInterchange second = writer.write(officeVisit(), ClaimSources.NONE);

		assertThat(first.text()).startsWith("ISA*00*          *00*          *ZZ*OPENRCM        *ZZ*OPENRCMSANDBOX "
				+ "*240618*1405*^*00501*000000001*0*T*:~GS*HC*OPENRCM*OPENRCMSANDBOX*20240618*1405*1*X*005010X222A1~")
				.endsWith("~GE*1*1~IEA*1*000000001~");
		assertThat(second.interchangeControlNumber()).isEqualTo("000000002");
		assertThat(second.transactionControlNumbers()).containsExactly("0002");
	}

	@Test
	void aPriorAuthorizationIsReferenced() {
		Claim claim = officeVisit();
		claim.getInsuranceFirstRep().addPreAuthRef("PA-2024-7781");

		assertThat(text(write(claim), "REF")).containsExactly("REF*EI*371234567", "REF*G1*PA-2024-7781",
				"REF*EA*MRN-100231", "REF*6R*1", "REF*6R*2");
	}

	@Test
	void aSoloPractitionerBillingForHimselfHasNoSeparateRenderingProvider() {
		Claim claim = officeVisit();
		Practitioner okafor = contained(claim, "okafor", Practitioner.class);
		okafor.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("123-45-6789");
		okafor.addAddress().addLine("7 Oak Court").setCity("Springfield").setState("IL").setPostalCode("627040001");
		claim.setProvider(new Reference("#okafor"));

		X12Transaction written = write(claim);

		assertThat(text(written, "NM1")).contains("NM1*85*1*OKAFOR*DANIEL****XX*1234567893")
				.noneMatch(s -> s.startsWith("NM1*82"));
		assertThat(text(written, "REF")).contains("REF*SY*123456789");
	}

	@Test
	void aSubscriberWhoIsNotThePatientGetsThePatientLevel() {
		Claim claim = officeVisit();
		Patient mother = Claim837Fixtures.patient("mother", "Rivera", "Maria");
		mother.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1950-02-01"));
		claim.addContained(mother);
		Coverage coverage = contained(claim, "coverage", Coverage.class);
		coverage.setSubscriber(new Reference("#mother"));
		coverage.getRelationship().getCodingFirstRep().setCode("child");

		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence(
				"HL*2*1*22*1",
				"SBR*P**GRP-20071******CI",
				"NM1*IL*1*RIVERA*MARIA****MI*PHP884421907",
				"DMG*D8*19500201*F",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"HL*3*2*23*0",
				"PAT*19",
				"NM1*QC*1*RIVERA*ANA*LUCIA",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"DMG*D8*19710418*F",
				"CLM*1001*155***11:B:1*Y*A*Y*Y");
		assertThat(loopOf(written, "PAT*19")).isEqualTo("2000C");
		assertThat(loopOf(written, "NM1*QC*1*RIVERA*ANA*LUCIA")).isEqualTo("2010CA");
		assertThat(loopOf(written, "CLM*1001*155***11:B:1*Y*A*Y*Y")).isEqualTo("2300");
		assertThat(text(written, "DMG")).hasSize(2);
	}

	@Test
	void aReplacementCarriesFrequency7AndThePayersNumberForTheOriginal() {
		Claim claim = officeVisit();
		claim.addRelated().setClaim(new Reference("Claim/77")).getRelationship().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship").setCode("prior");
		Claim original = officeVisit();
		original.setId("77");
		ClaimResponse accepted = new ClaimResponse();
		accepted.addIdentifier().setSystem("http://prairiehealth.example.org/icn").setValue("2024170000123");
		Claim837Fixtures.Stored stored = new Claim837Fixtures.Stored().with("Claim/77", original)
				.response("Claim/77", accepted);

		X12Transaction written = write(claim, stored);

		assertThat(text(written, "CLM")).containsExactly("CLM*1001*155***11:B:7*Y*A*Y*Y");
		assertThat(text(written, "REF")).contains("REF*F8*2024170000123");
	}

	@Test
	void thePayersNumberMayBeRecordedOnTheRelatedEntryOrTheOriginalClaim() {
		Claim byReference = officeVisit();
		byReference.addRelated().setClaim(new Reference("Claim/77")).setReference(
				new Identifier().setValue("ICN-1")).getRelationship().addCoding().setCode("prior");
		Claim onOriginal = officeVisit();
		onOriginal.addRelated().setClaim(new Reference("Claim/78")).getRelationship().addCoding().setCode("prior");
		Claim original = officeVisit();
		original.addIdentifier().setSystem(Claim837Writer.PAYER_CLAIM_NUMBER_SYSTEM).setValue("ICN-2");

		assertThat(text(write(byReference), "REF")).contains("REF*F8*ICN-1");
		assertThat(text(write(onOriginal, new Claim837Fixtures.Stored().with("Claim/78", original)), "REF"))
				.contains("REF*F8*ICN-2");
	}

	@Test
	void aCancelledClaimIsAVoidOfWhatThePayerHas() {
		Claim claim = officeVisit();
		claim.setStatus(Claim.ClaimStatus.CANCELLED);
		ClaimResponse response = new ClaimResponse();
		response.addIdentifier().setValue("2024170000999");

		X12Transaction written = write(claim, new Claim837Fixtures.Stored().response("Claim/1001", response));

		assertThat(text(written, "CLM")).containsExactly("CLM*1001*155***11:B:8*Y*A*Y*Y");
		assertThat(text(written, "REF")).contains("REF*F8*2024170000999");
	}

	@Test
	void aReplacementWithoutThePayersNumberIsRefused() {
		Claim claim = officeVisit();
		claim.addRelated().setClaim(new Reference("Claim/77")).getRelationship().addCoding().setCode("prior");

		Claim837Exception refusal = refusal(claim, ClaimSources.NONE);

		assertThat(refusal.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_MISSING_DATA);
			assertThat(problem.text()).isEqualTo("The payer's claim number of the claim this one replaces is missing.");
			assertThat(problem.expression()).isEqualTo("Claim.related[0]");
		});
	}

	@Test
	void otherPayersAreListedForCoordinationOfBenefits() {
		Claim claim = officeVisit();
		claim.addContained(Claim837Fixtures.payer("medicaid", "Illinois Medicaid", "77001"));
		Coverage secondary = Claim837Fixtures.coverage("medicaid-coverage", "MCD55501", "#medicaid", "self");
		secondary.getType().addCoding().setSystem(Claim837Codes.SOPT_SYSTEM).setCode("2");
		claim.addContained(secondary);
		claim.addInsurance().setSequence(2).setFocal(false).setCoverage(new Reference("#medicaid-coverage"));

		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence(
				"HI*ABK:E119*ABF:I10",
				"NM1*82*1*OKAFOR*DANIEL****XX*1234567893",
				"SBR*S*18*******MC",
				"OI***Y***Y",
				"NM1*IL*1*RIVERA*ANA*LUCIA***MI*MCD55501",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"NM1*PR*2*ILLINOIS MEDICAID*****PI*77001",
				"LX*1");
		assertThat(loopOf(written, "SBR*S*18*******MC")).isEqualTo("2320");
		assertThat(loopOf(written, "NM1*IL*1*RIVERA*ANA*LUCIA***MI*MCD55501")).isEqualTo("2330A");
		assertThat(loopOf(written, "NM1*PR*2*ILLINOIS MEDICAID*****PI*77001")).isEqualTo("2330B");
	}

	@Test
	void theSecondaryPayersClaimSaysSecondaryAndNamesThePrimary() {
		Claim claim = officeVisit();
		claim.addContained(Claim837Fixtures.payer("medicare", "Medicare Part B", "00952"));
		Coverage primary = Claim837Fixtures.coverage("medicare-coverage", "1EG4TE5MK73", "#medicare", "self");
		primary.getType().addCoding().setSystem(Claim837Codes.X12_FILING_INDICATOR_SYSTEM).setCode("MB");
		claim.addContained(primary);
		claim.getInsuranceFirstRep().setSequence(2);
		claim.addInsurance().setSequence(1).setFocal(false).setCoverage(new Reference("#medicare-coverage"));

		X12Transaction written = write(claim);

		assertThat(text(written, "SBR")).containsExactly("SBR*S*18*GRP-20071******CI", "SBR*P*18*******MB");
	}

	@Test
	void aDrugIsIdentifiedByItsNationalDrugCode() {
		Claim claim = officeVisit();
		ItemComponent injection = claim.getItem().get(1);
		injection.getProductOrService().addCoding().setSystem(Claim837Writer.NDC_SYSTEM).setCode("0409-4888-02");
		injection.setQuantity(new Quantity().setValue(2).setCode("mL").setSystem("http://unitsofmeasure.org"));

		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence("SV1*HC:96372:25*30*UN*2***1", "DTP*472*D8*20240617",
				"REF*6R*2", "LIN**N4*00409488802", "CTP****2*ML");
		assertThat(loopOf(written, "LIN**N4*00409488802")).isEqualTo("2410");
	}

	@ParameterizedTest
	@CsvSource({
		"00409488802, 00409488802",
		"0409-4888-02, 00409488802",
		"12345-678-90, 12345067890",
		"12345-6789-1, 12345678901",
		"12345-6789-01, 12345678901",
		"0409488802, ",
		"12-34-56, "})
	void nationalDrugCodesAreWrittenAsElevenDigits(String ndc, String expected) {
		assertThat(Claim837Codes.ndc11(ndc)).isEqualTo(expected);
	}

	@Test
	void referringSupervisingFacilityDatesAndAnAutoAccident() {
		Claim claim = officeVisit();
		Practitioner referrer = new Practitioner();
		referrer.setId("referrer");
		referrer.addName().setFamily("Lindqvist").addGiven("Eva").addGiven("M").addSuffix("Jr.");
		referrer.addIdentifier().setSystem(NPI).setValue("1093817465");
		Practitioner supervisor = new Practitioner();
		supervisor.setId("supervisor");
		supervisor.addName().setFamily("Stone").addGiven("Paul");
		supervisor.addIdentifier().setSystem(NPI).setValue("1548267391");
		Location urgentCare = new Location();
		urgentCare.setId("urgent-care");
		urgentCare.setName("Springfield Urgent Care");
		urgentCare.setAddress(new Address().addLine("9 Elm Avenue").setCity("Springfield").setState("IL")
				.setPostalCode("627030009"));
		claim.addContained(referrer);
		claim.addContained(supervisor);
		claim.addContained(urgentCare);
		claim.addCareTeam().setSequence(2).setProvider(new Reference("#referrer"))
				.setRole(new CodeableConcept(new Coding("http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole",
						"referring", null)));
		claim.addCareTeam().setSequence(3).setProvider(new Reference("#supervisor"))
				.setRole(new CodeableConcept(new Coding(ROLE, "supervisor", null)));
		claim.setFacility(new Reference("#urgent-care"));
		claim.getAccident().setDateElement(new DateType("2024-06-10")).setLocation(new Address().setState("IL"))
				.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("MVA");
		claim.addSupportingInfo().setSequence(1).setTiming(new DateType("2024-06-10")).getCategory().addCoding()
				.setSystem(Claim837Writer.INFORMATION_CATEGORY_SYSTEM).setCode("onset");
		claim.addSupportingInfo().setSequence(2).setTiming(new DateType("2024-06-11"))
				.setCode(new CodeableConcept(new Coding(Claim837Writer.X12_DATE_QUALIFIER_SYSTEM, "454", null)))
				.getCategory().addCoding().setSystem(Claim837Writer.INFORMATION_CATEGORY_SYSTEM).setCode("info");
		ItemComponent second = claim.getItem().get(1);
		second.setLocation(new CodeableConcept(new Coding(POS, "20", null)));
		second.setServiced(new Period().setStartElement(new DateTimeType("2024-06-17"))
				.setEndElement(new DateTimeType("2024-06-19")));

		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence(
				"CLM*1001*155***11:B:1*Y*A*Y*Y**AA:::IL",
				"DTP*439*D8*20240610",
				"DTP*431*D8*20240610",
				"DTP*454*D8*20240611",
				"REF*EA*MRN-100231",
				"HI*ABK:E119*ABF:I10",
				"NM1*DN*1*LINDQVIST*EVA*M**JR.*XX*1093817465",
				"NM1*82*1*OKAFOR*DANIEL****XX*1234567893",
				"PRV*PE*PXC*207Q00000X",
				"NM1*77*2*SPRINGFIELD URGENT CARE",
				"N3*9 ELM AVENUE",
				"N4*SPRINGFIELD*IL*627030009",
				"NM1*DQ*1*STONE*PAUL****XX*1548267391",
				"LX*1",
				"SV1*HC:96372:25*30*UN*1*20**1",
				"DTP*472*RD8*20240617-20240619");
		assertThat(loopOf(written, "NM1*DN*1*LINDQVIST*EVA*M**JR.*XX*1093817465")).isEqualTo("2310A");
		assertThat(loopOf(written, "NM1*77*2*SPRINGFIELD URGENT CARE")).isEqualTo("2310C");
		assertThat(loopOf(written, "NM1*DQ*1*STONE*PAUL****XX*1548267391")).isEqualTo("2310D");
	}

	@Test
	void aLineSeenByAnotherPhysicianNamesItsOwnRenderingProvider() {
		Claim claim = officeVisit();
		Practitioner colleague = new Practitioner();
		colleague.setId("colleague");
		colleague.addName().setFamily("Haddad").addGiven("Rana");
		colleague.addIdentifier().setSystem(NPI).setValue("1316254781");
		colleague.addQualification().setCode(new CodeableConcept(new Coding(NUCC, "207R00000X", null)));
		claim.addContained(colleague);
		claim.addCareTeam().setSequence(2).setProvider(new Reference("#colleague"));
		claim.getItem().get(1).getCareTeamSequence().clear();
		claim.getItem().get(1).addCareTeamSequence(2);

		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence("SV1*HC:96372:25*30*UN*1***1", "REF*6R*2",
				"NM1*82*1*HADDAD*RANA****XX*1316254781", "PRV*PE*PXC*207R00000X");
		assertThat(loopOf(written, "NM1*82*1*HADDAD*RANA****XX*1316254781")).isEqualTo("2420A");
		assertThat(text(written, "NM1")).filteredOn(s -> s.startsWith("NM1*82")).hasSize(2);
	}

	@Test
	void storedPartiesAreReadThroughTheSources() {
		Claim claim = officeVisit();
		Organization payer = contained(claim, "payer", Organization.class);
		claim.getContained().remove(payer);
		payer.setId("Organization/4");
		claim.setInsurer(new Reference("Organization/4"));
		contained(claim, "coverage", Coverage.class).getPayorFirstRep().setReference("Organization/4");

		assertThat(text(write(claim, new Claim837Fixtures.Stored().with("Organization/4", payer)), "NM1"))
				.contains("NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054");
		assertThat(expressions(refusal(claim, ClaimSources.NONE))).containsExactly("Claim.insurer");
	}

	@Test
	void everythingMissingIsListedWithItsFhirPathAndNoControlNumberIsSpent() {
		Claim claim = officeVisit();
		contained(claim, "payer", Organization.class).getIdentifier().clear();
		Organization practice = contained(claim, "practice", Organization.class);
		practice.getIdentifier().removeIf(i -> NPI.equals(i.getSystem()));
		practice.getType().clear();
		contained(claim, "okafor", Practitioner.class).getIdentifier().clear();
		contained(claim, "patient", Patient.class).setBirthDate(null);
		claim.getItem().get(0).setServiced(null).getDiagnosisSequence().clear();
		claim.getItem().get(1).setNet(null).addDiagnosisSequence(9);
		claim.setTotal(null);

		Claim837Exception refusal = refusal(claim, ClaimSources.NONE);

		assertThat(expressions(refusal)).containsExactlyInAnyOrder(
				"Claim.patient.resolve().birthDate",
				"Claim.provider.resolve()",
				"Claim.provider.resolve().identifier",
				"Claim.insurer.resolve().identifier",
				"Claim.total",
				"Claim.careTeam[0].provider.resolve().identifier",
				"Claim.item[0].diagnosisSequence",
				"Claim.item[0].serviced",
				"Claim.item[1].net",
				"Claim.item[1].diagnosisSequence[1]");
		assertThat(refusal.problems()).extracting(Claim837Problem::text).contains(
				"The billing provider's NPI is missing.",
				"The billing provider's taxonomy code is missing.",
				"The payer's id is missing.",
				"The rendering provider's NPI is missing.",
				"Line 2 points at diagnosis 9, which the claim does not list.");
		assertThat(numbers.nextInterchange("ZZ:OPENRCM")).as("no control number spent").isEqualTo(1);

		OperationOutcome outcome = refusal.outcome();
		assertThat(outcome.getIssue()).hasSize(10).allSatisfy(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(ErrorCode.SYSTEM);
			assertThat(issue.getExpression()).hasSize(1);
		});
		assertThat(outcome.getIssue()).filteredOn(i -> i.getExpression().get(0).getValue().equals("Claim.insurer.resolve().identifier"))
				.singleElement().satisfies(issue -> {
					assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("ORCM-6001");
					assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
					assertThat(issue.getDetails().getText()).isEqualTo("The payer's id is missing.");
					assertThat(issue.getDiagnostics()).startsWith("ORCM-6001: The payer's id is missing. Add the payer id")
							.contains(PartyData.PAYER_ID_SYSTEM);
				});
	}

	@Test
	void aSubscriberOtherThanThePatientMustBeNamed() {
		Claim claim = officeVisit();
		contained(claim, "coverage", Coverage.class).getRelationship().getCodingFirstRep().setCode("spouse");

		assertThat(expressions(refusal(claim, ClaimSources.NONE)))
				.containsExactly("Claim.insurance[0].coverage.resolve().subscriber");
	}

	@Test
	void whatAnEightThirtySevenCannotHoldIsSaid() {
		Claim claim = officeVisit();
		for (String code : List.of("I11.9", "E78.5", "E66.9", "Z68.30", "R73.03", "J45.909", "K21.9", "M54.50",
				"F41.1", "G47.00", "N18.3")) {
			Claim837Fixtures.diagnosis(claim, code);
		}
		claim.getItem().get(0).addModifier(new CodeableConcept(new Coding(CPT, "25", null)))
				.addModifier(new CodeableConcept(new Coding(CPT, "59", null)))
				.addModifier(new CodeableConcept(new Coding(CPT, "76", null)))
				.addModifier(new CodeableConcept(new Coding(CPT, "77", null)))
				.addModifier(new CodeableConcept(new Coding(CPT, "91", null)));

		Claim837Exception refusal = refusal(claim, ClaimSources.NONE);

		assertThat(refusal.problems()).extracting(Claim837Problem::code).containsOnly(
				ErrorCode.CLAIM_837_NOT_REPRESENTABLE);
		assertThat(expressions(refusal)).containsExactly("Claim.diagnosis", "Claim.item[0].modifier");
	}

	@Test
	void onlyProfessionalAndInstitutionalClaimsForPaymentAreWritten() {
		Claim dental = officeVisit();
		dental.getType().getCodingFirstRep().setCode("oral");
		Claim preauthorization = officeVisit();
		preauthorization.setUse(Claim.Use.PREAUTHORIZATION);

		Claim837Exception refusal = refusal(dental, ClaimSources.NONE);
		assertThat(refusal.problems()).singleElement().satisfies(p -> {
			assertThat(p.code()).isEqualTo(ErrorCode.CLAIM_837_NOT_SUPPORTED);
			assertThat(p.expression()).isEqualTo("Claim.type");
			assertThat(p.text()).contains("oral");
		});
		assertThat(refusal).hasMessageStartingWith("Claim/1001 cannot be written as an 837:");
		assertThat(expressions(refusal(preauthorization, ClaimSources.NONE))).containsExactly("Claim.use");
		assertThat(refusal(preauthorization, ClaimSources.NONE)).hasMessageStartingWith(
				"Claim/1001 cannot be written as an 837P:");
	}

	@Test
	void aValueX12CannotCarryIsRefusedWithItsPlaceInThe837() {
		Claim claim = officeVisit();
		contained(claim, "coverage", Coverage.class).setSubscriberId("PHP*884421907");

		Claim837Exception refusal = refusal(claim, ClaimSources.NONE);

		assertThat(refusal.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_NOT_REPRESENTABLE);
			assertThat(problem.text()).contains("X12-", "NM109", "PHP*884421907");
			assertThat(problem.expression()).isNull();
		});
	}

	/**
	 * The scrubber's REQUIRED-ELEMENT rule and the writer check the same ground: whatever the scrubber reports as
	 * missing, the writer refuses the claim for, at the same FHIRPath.
	 */
	@Test
	void everyRequiredElementTheScrubberNamesStopsThe837() {
		Claim claim = officeVisit();
		Patient patient = contained(claim, "patient", Patient.class);
		patient.getName().clear();
		patient.setGender(null);
		patient.getAddress().clear();
		Coverage coverage = contained(claim, "coverage", Coverage.class);
		coverage.setSubscriberId(null);
		Organization practice = contained(claim, "practice", Organization.class);
		practice.getIdentifier().clear();
		practice.getType().clear();
		practice.getAddress().clear();
		ItemComponent line = claim.getItem().get(0);
		line.setServiced(null).setNet(null).setLocation(null);
		line.getQuantity().setValue((BigDecimal) null);
		claim.setTotal(null);
		ClaimScrubber scrubber = new ClaimScrubber(BillingTerminology::starterWith,
				ScrubSettings.defaults(Claim837Fixtures.CLOCK), FhirContext.forR4Cached());

		List<ScrubFinding> required = scrubber.scrub(claim, ClaimSurroundings.NONE).stream()
				.filter(f -> f.rule() == ScrubRule.REQUIRED_ELEMENT).toList();
		Claim837Exception refusal = refusal(claim, ClaimSources.NONE);

		assertThat(required).hasSizeGreaterThanOrEqualTo(12);
		assertThat(expressions(refusal)).containsAll(required.stream().flatMap(f -> f.expressions().stream()).toList());
		assertThat(refusal.problems()).extracting(Claim837Problem::text)
				.containsAll(required.stream().map(ScrubFinding::text).toList());
	}

	/**
	 * The README's scrub example, as it would be stored (with an id). Its total (180.00) is not the sum of its lines
	 * (155.00), which the 837P's balancing rule forbids, so it is refused for exactly that (the scrubber's
	 * AMOUNT-MISMATCH); its other scrub findings (E11 not billable, modifier 25 on 96372, timely filing) are the
	 * payer's to judge, not the 837's. With the total corrected it is written.
	 */
	@Test
	void theReadmeExampleClaim() throws IOException {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/examples/scrub-claim.json")) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Parameters parameters = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, json);
		Claim claim = (Claim) parameters.getParameterFirstRep().getResource();
		claim.setId("9");

		assertThat(refusal(claim, ClaimSources.NONE).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_NOT_REPRESENTABLE);
			assertThat(problem.text()).isEqualTo("The total charge 180.00 is not the sum of the line charges, 155.00.");
			assertThat(problem.expression()).isEqualTo("Claim.total");
		});

		claim.getTotal().setValue(new BigDecimal("155.00"));
		X12Transaction written = write(claim);

		assertThat(text(written)).containsSubsequence(
				"HL*1**20*1",
				"PRV*BI*PXC*207Q00000X",
				"NM1*85*2*SPRINGFIELD FAMILY MEDICINE*****XX*1987654328",
				"N3*400 MAIN STREET",
				"N4*SPRINGFIELD*IL*62701",
				"REF*EI*371234567",
				"HL*2*1*22*0",
				"SBR*P*18*******CI",
				"NM1*IL*1*RIVERA*ANA****MI*PHP884421907",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"DMG*D8*19710418*F",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"CLM*9*155***11:B:1*Y*A*Y*Y",
				"HI*ABK:E11*ABF:I10",
				"LX*1",
				"SV1*HC:99213*125*UN*1***1:2",
				"DTP*472*D8*20240617",
				"REF*6R*1",
				"LX*2",
				"SV1*HC:96372:25*30*UN*1***1",
				"DTP*472*D8*20240617",
				"REF*6R*2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"José Núñez-O'Brien | 60 | JOSE NUNEZ-O'BRIEN",
		"12 Elm*Road~Apt 3  | 55 | 12 ELM ROAD APT 3",
		"Zoë:Ünal^          | 60 | ZOE UNAL",
		"  Spaced   out     | 60 | SPACED OUT",
		"Springfield Family | 11 | SPRINGFIELD"})
	void freeTextIsFoldedToX12Characters(String value, int max, String expected) {
		assertThat(X12Values.text(value, max)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({"1, MB", "121, MB", "111, 16", "2, MC", "21, MC", "311, CH", "32, VA", "33, OF", "511, HM", "512, 12",
		"513, 13", "52, 15", "5, CI", "6, BL", "95, WC"})
	void paymentTypologyCodesGiveTheClaimFilingIndicator(String sopt, String indicator) {
		assertThat(Claim837Codes.fromPaymentTypology(sopt)).isEqualTo(indicator);
	}

	@Test
	void amountsAndUnitsCarryNoTrailingZeros() {
		assertThat(X12Values.amount(new BigDecimal("155.00"))).isEqualTo("155");
		assertThat(X12Values.amount(new BigDecimal("30.50"))).isEqualTo("30.5");
		assertThat(X12Values.amount(new BigDecimal("100"))).isEqualTo("100");
		assertThat(X12Values.quantity(new BigDecimal("1.500"))).isEqualTo("1.5");
	}
}
