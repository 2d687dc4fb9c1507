package org.openrcm.server.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openrcm.server.claims.Claim837Fixtures.CARIN_INFO;
import static org.openrcm.server.claims.Claim837Fixtures.CARIN_ROLE;
import static org.openrcm.server.claims.Claim837Fixtures.NPI;
import static org.openrcm.server.claims.Claim837Fixtures.contained;
import static org.openrcm.server.claims.Claim837Fixtures.hospitalStay;
import static org.openrcm.server.claims.Claim837Fixtures.info;
import static org.openrcm.server.claims.Claim837Fixtures.officeVisit;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.SupportingInformationComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;

/**
 * Institutional claims to 837I: the claim's type picks the guide, each written interchange reads back through
 * {@link X12Reader} without a fault against the 837I schema, and the segments a facility's biller and the payer
 * look at (type of bill, statement and admission dates, CL1, the HI diagnosis kinds, attending, revenue lines) are
 * asserted exactly, with CARIN Blue Button's way of recording them on the FHIR side.
 */
class Claim837iWriterTest {

	private final InMemoryControlNumbers numbers = new InMemoryControlNumbers();
	private final Claim837Writer writer = Claim837Fixtures.writer(numbers);
	private final X12Reader reader = new X12Reader(Claim837Fixtures.SCHEMAS);

	private X12Transaction write(Claim claim) {
		WrittenInterchange written = writer.write(claim, ClaimSources.NONE);
		X12ReadResult read = reader.read(written.bytes(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.allErrors()).as(written.text()).isEmpty();
		X12Transaction transaction = read.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(X12Guide.CLAIM_837I);
		return transaction;
	}

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

	private Claim837Exception refusal(Claim claim) {
		return catchThrowableOfType(() -> writer.write(claim, ClaimSources.NONE), Claim837Exception.class);
	}

	private static List<String> expressions(Claim837Exception refusal) {
		return refusal.problems().stream().map(Claim837Problem::expression).toList();
	}

	private static SupportingInformationComponent category(Claim claim, String code) {
		return claim.getSupportingInfo().stream()
				.filter(i -> i.getCategory().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
				.findFirst().orElseThrow();
	}

	@Test
	void aHospitalStayIsWrittenSegmentBySegment() {
		X12Transaction stay = write(hospitalStay());

		assertThat(text(stay)).containsExactly(
				"ST*837*0001*005010X223A2",
				"BHT*0019*00*240618140500000-2001*20240618*1405*CH",
				"NM1*41*2*OPENRCM DEVELOPMENT*****46*OPENRCM",
				"PER*IC*EDI SUPPORT*TE*5555550100",
				"NM1*40*2*OPENRCM SANDBOX CLEARINGHOUSE*****46*OPENRCMSANDBOX",
				"HL*1**20*1",
				"PRV*BI*PXC*282N00000X",
				"NM1*85*2*SPRINGFIELD GENERAL HOSPITAL*****XX*1122334455",
				"N3*800 EAST CARPENTER STREET",
				"N4*SPRINGFIELD*IL*62769",
				"REF*EI*377654321",
				"HL*2*1*22*0",
				"SBR*P*18*GRP-20071******CI",
				"NM1*IL*1*RIVERA*ANA*LUCIA***MI*PHP884421907",
				"N3*118 LARCH STREET",
				"N4*SPRINGFIELD*IL*62704",
				"DMG*D8*19710418*F",
				"NM1*PR*2*PRAIRIE HEALTH PLAN*****PI*60054",
				"CLM*2001*5250***11:A:1**A*Y*Y",
				"DTP*096*TM*1115",
				"DTP*434*RD8*20240610-20240613",
				"DTP*435*DT*202406100830",
				"CL1*1*1*01",
				"REF*EA*MRN-100231",
				"HI*ABK:J189:::::::Y",
				"HI*ABJ:R0602",
				"HI*ABF:E119:::::::Y*ABF:I10:::::::Y",
				"NM1*71*1*OKAFOR*DANIEL****XX*1234567893",
				"PRV*AT*PXC*207Q00000X",
				"LX*1",
				"SV2*0120**3600*UN*3",
				"DTP*472*RD8*20240610-20240613",
				"REF*6R*1",
				"LX*2",
				"SV2*0250**450*UN*1",
				"REF*6R*2",
				"LX*3",
				"SV2*0450*HC:99284*1200*UN*1",
				"DTP*472*D8*20240610",
				"REF*6R*3",
				"SE*41*0001");
		assertThat(loopOf(stay, "CL1*1*1*01")).isEqualTo("2300");
		assertThat(loopOf(stay, "NM1*71*1*OKAFOR*DANIEL****XX*1234567893")).isEqualTo("2310A");
		assertThat(loopOf(stay, "SV2*0450*HC:99284*1200*UN*1")).isEqualTo("2400");
	}

	@Test
	void anOutpatientVisitNeedsNoAdmissionAndTakesItsFacilityAndFrequencyFromTheTypeOfBill() {
		Claim visit = hospitalStay();
		category(visit, "typeofbill").getCode().getCodingFirstRep().setCode("0131");
		visit.getSupportingInfo().removeIf(i -> i.getCategory().getCoding().stream()
				.anyMatch(c -> c.getCode().equals("admissionperiod") || c.getCode().equals("admtype")));
		visit.setBillablePeriod(null);

		X12Transaction written = write(visit);

		assertThat(text(written)).containsSubsequence(
				"CLM*2001*5250***13:A:1**A*Y*Y",
				"DTP*434*RD8*20240610-20240613",
				"CL1**1*01",
				"REF*EA*MRN-100231");
		assertThat(text(written, "DTP")).noneMatch(s -> s.startsWith("DTP*435") || s.startsWith("DTP*096"));
	}

	@Test
	void aCancelledStayIsAVoidOfWhatThePayerHas() {
		Claim stay = hospitalStay();
		stay.setStatus(Claim.ClaimStatus.CANCELLED);
		stay.addRelated().setReference(new Identifier().setValue("ICN-2024-55")).getRelationship().addCoding()
				.setCode("prior");

		assertThat(text(write(stay))).contains("CLM*2001*5250***11:A:8**A*Y*Y", "REF*F8*ICN-2024-55");
	}

	@Test
	void aReplacementTypeOfBillNeedsThePayersNumberForTheOriginal() {
		Claim stay = hospitalStay();
		category(stay, "typeofbill").getCode().getCodingFirstRep().setCode("117");

		assertThat(refusal(stay).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.code()).isEqualTo(ErrorCode.CLAIM_837_MISSING_DATA);
			assertThat(problem.text()).isEqualTo("The payer's claim number of the claim this one replaces is missing.");
		});
	}

	@Test
	void proceduresOccurrencesValuesAndConditionsGoToTheirOwnHiSegments() {
		Claim stay = hospitalStay();
		stay.addProcedure().setSequence(1).setDateElement(new DateTimeType("2024-06-10"))
				.setProcedure(new CodeableConcept(new Coding(Claim837iMapping.ICD10_PCS_SYSTEM, "5A09357", null)))
				.addType(new CodeableConcept(new Coding("http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimProcedureType",
						"principal", null)));
		stay.addProcedure().setSequence(2).setDateElement(new DateTimeType("2024-06-11"))
				.setProcedure(new CodeableConcept(new Coding(Claim837iMapping.ICD10_PCS_SYSTEM, "BW03ZZZ", null)));
		info(stay, "info").setTiming(new DateType("2024-06-10"))
				.setCode(new CodeableConcept(new Coding(Claim837iMapping.OCCURRENCE_SYSTEM, "11", null)));
		info(stay, "info").setTiming(new Period().setStartElement(new DateTimeType("2024-05-01"))
				.setEndElement(new DateTimeType("2024-05-03")))
				.setCode(new CodeableConcept(new Coding(Claim837iMapping.OCCURRENCE_SPAN_SYSTEM, "74", null)));
		info(stay, "info").setValue(new Quantity().setValue(new BigDecimal("3")))
				.setCode(new CodeableConcept(new Coding(Claim837iMapping.VALUE_SYSTEM, "80", null)));
		info(stay, "info").setCode(new CodeableConcept(new Coding(Claim837iMapping.CONDITION_SYSTEM, "09", null)));

		assertThat(text(write(stay), "HI")).containsExactly(
				"HI*ABK:J189:::::::Y",
				"HI*ABJ:R0602",
				"HI*ABF:E119:::::::Y*ABF:I10:::::::Y",
				"HI*BBR:5A09357:D8:20240610",
				"HI*BBQ:BW03ZZZ:D8:20240611",
				"HI*BI:74:RD8:20240501-20240503",
				"HI*BH:11:D8:20240610",
				"HI*BE:80:::3",
				"HI*BG:09");
	}

	@Test
	void withoutATypedPrincipalTheFirstOrdinaryDiagnosisIsPrincipalAndReasonsAndCausesAreKeptApart() {
		Claim visit = hospitalStay();
		visit.getDiagnosis().forEach(d -> d.getType().clear());
		visit.getDiagnosis().get(0).addType(new CodeableConcept(new Coding(Claim837Fixtures.CARIN_DIAGNOSIS_TYPE,
				"patientreasonforvisit", null)));
		Claim837Fixtures.diagnosis(visit, "W19.XXXA").addType(new CodeableConcept(new Coding(
				Claim837Fixtures.CARIN_DIAGNOSIS_TYPE, "externalcauseofinjury", null)));

		assertThat(text(write(visit), "HI")).containsExactly(
				"HI*ABK:J189:::::::Y",
				"HI*APR:R0602",
				"HI*ABN:W19XXXA",
				"HI*ABF:E119:::::::Y*ABF:I10:::::::Y");
	}

	@Test
	void theRenderingPhysicianIsNamedWhenNotTheAttendingAndOperatorsAndTheReferrerHaveTheirLoops() {
		Claim stay = hospitalStay();
		Practitioner surgeon = new Practitioner();
		surgeon.setId("surgeon");
		surgeon.addName().setFamily("Haddad").addGiven("Rana");
		surgeon.addIdentifier().setSystem(NPI).setValue("1316254781");
		Practitioner hospitalist = new Practitioner();
		hospitalist.setId("hospitalist");
		hospitalist.addName().setFamily("Stone").addGiven("Paul");
		hospitalist.addIdentifier().setSystem(NPI).setValue("1548267391");
		stay.addContained(surgeon);
		stay.addContained(hospitalist);
		stay.addCareTeam().setSequence(2).setProvider(new Reference("#hospitalist"))
				.setRole(new CodeableConcept(new Coding(CARIN_ROLE, "performing", null)));
		stay.addCareTeam().setSequence(3).setProvider(new Reference("#surgeon"))
				.setRole(new CodeableConcept(new Coding(CARIN_ROLE, "operating", null)));
		stay.addCareTeam().setSequence(4).setProvider(new Reference("#okafor"))
				.setRole(new CodeableConcept(new Coding(CARIN_ROLE, "referring", null)));

		X12Transaction written = write(stay);

		assertThat(text(written)).containsSubsequence(
				"NM1*71*1*OKAFOR*DANIEL****XX*1234567893",
				"PRV*AT*PXC*207Q00000X",
				"NM1*72*1*HADDAD*RANA****XX*1316254781",
				"NM1*82*1*STONE*PAUL****XX*1548267391",
				"NM1*DN*1*OKAFOR*DANIEL****XX*1234567893",
				"LX*1");
		assertThat(loopOf(written, "NM1*72*1*HADDAD*RANA****XX*1316254781")).isEqualTo("2310B");
		assertThat(loopOf(written, "NM1*82*1*STONE*PAUL****XX*1548267391")).isEqualTo("2310D");
		assertThat(loopOf(written, "NM1*DN*1*OKAFOR*DANIEL****XX*1234567893")).isEqualTo("2310F");
	}

	@Test
	void medicareIsPartAOnAnInstitutionalClaim() {
		Claim stay = hospitalStay();
		contained(stay, "coverage", Coverage.class).getType().addCoding().setSystem(Claim837Codes.SOPT_SYSTEM)
				.setCode("1");

		assertThat(text(write(stay), "SBR")).containsExactly("SBR*P*18*GRP-20071******MA");
	}

	@Test
	void whatAnInstitutionalClaimNeedsIsListedWithItsFhirPath() {
		Claim stay = hospitalStay();
		stay.getSupportingInfo().removeIf(i -> i.getCategory().getCoding().stream().anyMatch(c -> List.of(
				"admissionperiod", "admtype", "discharge-status").contains(c.getCode())));
		stay.getCareTeamFirstRep().getRole().getCodingFirstRep().setCode("referring");
		stay.getItem().get(1).setRevenue(null);
		stay.getItem().get(2).getRevenue().getCodingFirstRep().setCode("45X");
		stay.setProvider(new Reference("#okafor"));

		Claim837Exception refusal = refusal(stay);

		assertThat(refusal).hasMessageStartingWith("Claim/2001 cannot be written as an 837I:");
		assertThat(refusal.problems()).extracting(Claim837Problem::text).contains(
				"The admission date is missing.",
				"The admission type is missing.",
				"The patient's discharge status is missing.",
				"The attending provider is missing.",
				"The revenue code of line 2 is missing.",
				"The revenue code 45X of line 3 is not a four-digit NUBC revenue code.",
				"The billing provider is a person; an institutional claim is billed by the facility, an organization.");
		assertThat(expressions(refusal)).contains("Claim.careTeam", "Claim.item[1].revenue", "Claim.item[2].revenue",
				"Claim.provider");
	}

	@Test
	void withoutATypeOfBillTheClaimIsRefused() {
		Claim stay = hospitalStay();
		stay.getSupportingInfo().removeIf(i -> i.getCategory().getCoding().stream()
				.anyMatch(c -> c.getCode().equals("typeofbill")));

		assertThat(refusal(stay).problems()).singleElement().satisfies(problem -> {
			assertThat(problem.text()).isEqualTo("The type of bill is missing.");
			assertThat(problem.expression()).isEqualTo("Claim.supportingInfo");
			assertThat(problem.fix()).contains(CARIN_INFO, Claim837iMapping.TYPE_OF_BILL_SYSTEM);
		});
	}

	/** A batch of both kinds: one interchange per guide, the professional one first. */
	@Test
	void aBatchOfBothKindsMakesAnInterchangePerGuide() {
		Claim837Batch batch = writer.writeBatch(ClearinghouseProperties.defaults(), List.of(
				new ClaimToWrite("stay", hospitalStay(), ClaimSources.NONE),
				new ClaimToWrite("visit", officeVisit(), ClaimSources.NONE)));

		assertThat(batch.refused()).isEmpty();
		assertThat(batch.interchanges()).extracting(Claim837Batch.BatchInterchange::guide)
				.containsExactly(X12Guide.CLAIM_837P, X12Guide.CLAIM_837I);
		assertThat(batch.interchanges()).allSatisfy(interchange -> assertThat(reader.read(interchange.written().bytes(),
				X12Reader.Options.DEFAULT).isValid()).isTrue());
		assertThat(batch.entry("stay")).map(Claim837Batch.BatchEntry::patientControlNumber).contains("2001");
		assertThat(batch.interchanges().get(1).written().text()).contains("GS*HC*OPENRCM*OPENRCMSANDBOX*20240618*1405*"
				+ "2*X*005010X223A2~ST*837*0002*005010X223A2~");
	}
}
