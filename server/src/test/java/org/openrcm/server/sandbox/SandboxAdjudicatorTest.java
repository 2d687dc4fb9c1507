package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrcm.server.sandbox.Sandbox837.CLOCK;
import static org.openrcm.server.sandbox.Sandbox837.SCHEMAS;
import static org.openrcm.server.sandbox.Sandbox837.TODAY;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openrcm.server.sandbox.Adjudication837.Claim;
import org.openrcm.server.sandbox.Adjudication837.Line;
import org.openrcm.server.sandbox.Adjudication837.Read;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.ack.Ack277caReader;
import org.openrcm.server.x12.ack.ClaimAcknowledgment;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Payment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;

/**
 * The sandbox payer's adjudication: 837s written by the project's envelope writer are read as the sandbox reads them
 * and paid; the remittances are checked the way a biller reading the 835 would (paid, allowed, each CARC and RARC,
 * the payer's claim number), and every remittance a test produces is checked to balance at all three levels.
 */
class SandboxAdjudicatorTest {

	private static final LocalDate YESTERDAY = TODAY.minusDays(1);

	@Test
	void plainClaimPaysTheAllowedAmountLessCoinsurance() {
		byte[] file = Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				new Line("99213", List.of("25"), "125", "1", YESTERDAY, "L1", null), Line.of("36415", "15", null)));
		Read read = Adjudication837.read(file);

		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults(), read));

		assertThat(remittance.payment()).isEqualTo(new Payment("C", amount("89.60"), "C", "ACH", TODAY.plusDays(2)));
		assertThat(remittance.traceNumber()).as("ISA13, ST02 and eight digits")
				.matches(read.interchangeControlNumber() + read.transactionControlNumber() + "\\d{8}");
		assertThat(remittance.originatorId()).isEqualTo("1990005010");
		assertThat(remittance.productionDate()).isEqualTo(TODAY);
		assertThat(remittance.payer().entity()).isEqualTo("PR");
		assertThat(remittance.payer().name()).isEqualTo("EXAMPLE HEALTH PLAN");
		assertThat(remittance.payer().additionalIds()).containsExactly(new Reference("2U", "60054"));
		assertThat(remittance.payee().entity()).isEqualTo("PE");
		assertThat(remittance.payee().name()).isEqualTo("LAKESIDE FAMILY CLINIC");
		assertThat(remittance.payee().idQualifier()).isEqualTo("XX");
		assertThat(remittance.payee().id()).isEqualTo("1245319599");
		assertThat(remittance.providerAdjustments()).isEmpty();

		ClaimPayment claim = single(remittance.claims());
		assertThat(claim.patientControlNumber()).isEqualTo("CLAIM0001");
		assertThat(claim.status()).isEqualTo("1");
		assertThat(claim.charge()).isEqualTo(amount("140.00"));
		assertThat(claim.paid()).isEqualTo(amount("89.60"));
		assertThat(claim.patientResponsibility()).isEqualTo(amount("22.40"));
		assertThat(claim.coverageAmount()).as("AMT*AU, the allowed total").isEqualTo(amount("112.00"));
		assertThat(claim.filingIndicator()).as("CI is not among the 835's claim filing indicators").isEqualTo("ZZ");
		assertThat(claim.facilityType()).isEqualTo("11");
		assertThat(claim.frequency()).isEqualTo("1");
		assertThat(claim.received()).isEqualTo(TODAY);
		assertThat(claim.adjustments()).as("everything sits on the lines").isEmpty();
		assertThat(claim.patient().name()).isEqualTo("RIVERA");
		assertThat(claim.patient().firstName()).isEqualTo("ANA");
		assertThat(claim.patient().idQualifier()).isEqualTo("MI");
		assertThat(claim.patient().id()).isEqualTo("MBR0001");
		assertThat(claim.insured()).as("the patient is the subscriber").isNull();

		ServicePayment visit = claim.services().get(0);
		assertThat(visit.procedure()).isEqualTo(new Procedure("HC", "99213", List.of("25")));
		assertThat(visit.charge()).isEqualTo(amount("125.00"));
		assertThat(visit.allowed()).isEqualTo(amount("100.00"));
		assertThat(visit.adjustments()).containsExactly(adjustment("CO", "45", "25.00"),
				adjustment("PR", "2", "20.00"));
		assertThat(visit.paid()).isEqualTo(amount("80.00"));
		assertThat(visit.units()).isEqualByComparingTo("1");
		assertThat(visit.serviceFrom()).isEqualTo(YESTERDAY);
		assertThat(visit.serviceTo()).isEqualTo(YESTERDAY);
		assertThat(visit.lineControlNumber()).isEqualTo("L1");
		assertThat(visit.revenueCode()).isNull();
		assertThat(visit.remarks()).isEmpty();
		ServicePayment draw = claim.services().get(1);
		assertThat(draw.procedure()).isEqualTo(new Procedure("HC", "36415", List.of()));
		assertThat(draw.allowed()).isEqualTo(amount("12.00"));
		assertThat(draw.adjustments()).containsExactly(adjustment("CO", "45", "3.00"), adjustment("PR", "2", "2.40"));
		assertThat(draw.paid()).isEqualTo(amount("9.60"));
		assertThat(draw.lineControlNumber()).as("no REF*6R in the 837").isNull();
	}

	@Test
	void payerClaimNumberIsTheOneThe277caGave() {
		byte[] file = Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1")),
				Claim.of("CLAIM0002", "MBR0002", Line.of("99213", "125", "L1")));
		Read read = Adjudication837.read(file);

		SandboxResponse response = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(),
				SandboxRules.defaults(), CLOCK).respond("claims.x12", file);
		ClaimAcknowledgment ack277 = Ack277caReader.read(new X12Reader(SCHEMAS).read(response.files().get(1)
				.content(), X12Reader.Options.DEFAULT.keepingSegments()).interchanges().get(0).groups().get(0)
				.transactions().get(0));

		List<ClaimPayment> claims = single(adjudicate(SandboxRemittanceRules.defaults(), read)).claims();
		assertThat(claims).extracting(ClaimPayment::payerClaimNumber).containsExactly(
				ack277.claim("CLAIM0001").orElseThrow().payerClaimControlNumber(),
				ack277.claim("CLAIM0002").orElseThrow().payerClaimControlNumber());
		assertThat(claims.get(0).payerClaimNumber()).isNotEqualTo(claims.get(1).payerClaimNumber());
	}

	@Test
	void onlyClaimsThe277caAcceptedArePaid() {
		Read read = Adjudication837.read(Adjudication837.professional(
				Claim.of("CLAIM0001", "REJ0001", Line.of("99213", "125", "L1")),
				Claim.of("CLAIM0002", "MBR0002", Line.of("99213", "125", "L1"))));
		ClaimAcknowledgment ack = new SandboxScreening(SandboxRules.defaults()).acknowledge(
				read.interchangeControlNumber(), read.transactionControlNumber(), "CLEARINGHOUSE", read.transaction(),
				LocalDateTime.now(CLOCK));

		List<Remittance> remittances = new SandboxAdjudicator(SandboxRemittanceRules.defaults(), CLOCK).adjudicate(
				read.interchangeControlNumber(), read.transactionControlNumber(), read.transaction(), ack);

		remittances.forEach(SandboxAdjudicatorTest::assertBalanced);
		ClaimPayment paid = single(single(remittances).claims());
		assertThat(paid.patientControlNumber()).isEqualTo("CLAIM0002");
		assertThat(paid.payerClaimNumber()).isEqualTo(ack.claim("CLAIM0002").orElseThrow().payerClaimControlNumber())
				.isNotEmpty();
		assertThat(paid.paid()).isEqualTo(amount("80.00"));
	}

	@Test
	void dependentPatientIsNamedWithTheSubscriberAsInsured() {
		Read read = Adjudication837.read(Sandbox837.professional(new Sandbox837.Claim("CLAIM0001", "MBR0001", "60054",
				true, List.of(new Sandbox837.Line("99392", "180", YESTERDAY, null)))));

		ClaimPayment claim = single(single(adjudicate(SandboxRemittanceRules.defaults(), read)).claims());

		assertThat(claim.patient().name()).isEqualTo("RIVERA");
		assertThat(claim.patient().firstName()).isEqualTo("LUCA");
		assertThat(claim.patient().id()).isEqualTo("MBR0001");
		assertThat(claim.insured()).isNotNull();
		assertThat(claim.insured().entity()).isEqualTo("IL");
		assertThat(claim.insured().firstName()).isEqualTo("ANA");
		assertThat(claim.insured().idQualifier()).isEqualTo("MI");
		assertThat(claim.insured().id()).isEqualTo("MBR0001");
		assertThat(claim.paid()).isEqualTo(amount("115.20"));
	}

	@Test
	void deductibleIsSpentOncePerMemberAcrossClaimsOfARun() {
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withPatientShare("150", "20", "0");
		Read read = Adjudication837.read(Adjudication837.professional(
				Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1")),
				Claim.of("CLAIM0002", "MBR0001", Line.of("99213", "125", "L1")),
				Claim.of("CLAIM0003", "MBR0002", Line.of("99213", "125", "L1"))));

		List<ClaimPayment> claims = single(adjudicate(rules, read)).claims();

		ServicePayment first = claims.get(0).services().get(0);
		assertThat(first.adjustments()).as("the whole allowed amount goes to the deductible")
				.containsExactly(adjustment("CO", "45", "25.00"), adjustment("PR", "1", "100.00"));
		assertThat(claims.get(0).paid()).isEqualTo(amount("0.00"));
		assertThat(claims.get(0).status()).as("paid nothing, yet processed, not denied").isEqualTo("1");
		assertThat(claims.get(0).patientResponsibility()).isEqualTo(amount("100.00"));
		assertThat(claims.get(1).services().get(0).adjustments()).as("the remaining 50, then 20% of the other 50")
				.containsExactly(adjustment("CO", "45", "25.00"), adjustment("PR", "1", "50.00"),
						adjustment("PR", "2", "10.00"));
		assertThat(claims.get(1).paid()).isEqualTo(amount("40.00"));
		assertThat(claims.get(1).patientResponsibility()).isEqualTo(amount("60.00"));
		assertThat(claims.get(2).services().get(0).adjustments()).as("another member has a deductible of their own")
				.contains(adjustment("PR", "1", "100.00"));

		List<ClaimPayment> rerun = single(adjudicate(rules, read)).claims();
		assertThat(rerun.get(0).services().get(0).adjustments()).as("a new run starts the deductible over")
				.contains(adjustment("PR", "1", "100.00"));
	}

	@Test
	void copayOnTheFirstLineAndAllowedAmountsPerCode() {
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withPatientShare("0", "20", "15")
				.withAllowed("80", Map.of("99213", new BigDecimal("90"), "g0008", new BigDecimal("50")));
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				new Line("99213", List.of(), "250", "2", YESTERDAY, "L1", null), Line.of("36415", "15", "L2"),
				Line.of("G0008", "30", "L3"))));

		ClaimPayment claim = single(single(adjudicate(rules, read)).claims());

		ServicePayment visits = claim.services().get(0);
		assertThat(visits.allowed()).as("90 per unit, 2 units").isEqualTo(amount("180.00"));
		assertThat(visits.adjustments()).containsExactly(adjustment("CO", "45", "70.00"),
				adjustment("PR", "2", "36.00"), adjustment("PR", "3", "15.00"));
		assertThat(visits.paid()).isEqualTo(amount("129.00"));
		assertThat(visits.units()).isEqualByComparingTo("2");
		assertThat(claim.services().get(1).adjustments()).as("80% of the charge; copay only once per claim")
				.containsExactly(adjustment("CO", "45", "3.00"), adjustment("PR", "2", "2.40"));
		ServicePayment vaccine = claim.services().get(2);
		assertThat(vaccine.allowed()).as("never more than the charge").isEqualTo(amount("30.00"));
		assertThat(vaccine.adjustments()).containsExactly(adjustment("PR", "2", "6.00"));
		assertThat(claim.patientResponsibility()).isEqualTo(amount("59.40"));
		assertThat(claim.paid()).isEqualTo(amount("129.00").add(amount("9.60")).add(amount("24.00")));
	}

	@Test
	void memberIdWithTheDenyPrefixIsDeniedWithCo16() {
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "DENY16X01",
				Line.of("99213", "125", "L1"), Line.of("36415", "15", "L2"))));

		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults(), read));

		ClaimPayment claim = single(remittance.claims());
		assertThat(claim.status()).isEqualTo("4");
		assertThat(claim.isDenied()).isTrue();
		assertThat(claim.paid()).isEqualTo(amount("0.00"));
		assertThat(claim.patientResponsibility()).isEqualTo(amount("0.00"));
		assertThat(claim.services()).allSatisfy(line -> {
			assertThat(line.paid()).isEqualTo(amount("0.00"));
			assertThat(line.adjustments()).containsExactly(new Adjustment("CO", "16", line.charge(), null));
			assertThat(line.remarks()).containsExactly("N382");
		});
		assertThat(remittance.payment()).as("nothing to pay: a notice only")
				.isEqualTo(new Payment("H", amount("0.00"), "C", "NON", TODAY.plusDays(2)));
	}

	@Test
	void codeThatNeedsAnAuthorizationIsDeniedWithCo197WithoutOne() {
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withAuthorizationRequired("70553");
		Read read = Adjudication837.read(Adjudication837.professional(
				Claim.of("CLAIM0001", "MBR0001", Line.of("70553", "900", "L1")),
				Claim.of("CLAIM0002", "MBR0001", Line.of("70553", "900", "L1")).authorized("AUTH778"),
				Claim.of("CLAIM0003", "MBR0001", Line.of("70553", "900", "L1").authorized("AUTH779"))));

		List<ClaimPayment> claims = single(adjudicate(rules, read)).claims();

		assertThat(claims.get(0).status()).isEqualTo("4");
		assertThat(claims.get(0).services().get(0).adjustments()).containsExactly(adjustment("CO", "197", "900.00"));
		assertThat(claims.get(0).services().get(0).remarks()).containsExactly("M62");
		assertThat(claims.get(1).paid()).as("claim-level REF*G1").isEqualTo(amount("576.00"));
		assertThat(claims.get(2).paid()).as("line-level REF*G1").isEqualTo(amount("576.00"));
		assertThat(single(adjudicate(SandboxRemittanceRules.defaults(), read)).claims())
				.as("no code listed by default").allMatch(claim -> claim.status().equals("1"));
	}

	@Test
	void mixedClaimWithOneDeniedLineIsProcessedWithAPartialPayment() {
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withAuthorizationRequired("70553");
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				Line.of("70553", "900", "L1"), Line.of("99213", "125", "L2"))));

		ClaimPayment claim = single(single(adjudicate(rules, read)).claims());

		assertThat(claim.status()).isEqualTo("1");
		assertThat(claim.charge()).isEqualTo(amount("1025.00"));
		assertThat(claim.paid()).isEqualTo(amount("80.00"));
		assertThat(claim.patientResponsibility()).isEqualTo(amount("20.00"));
		assertThat(claim.coverageAmount()).isEqualTo(amount("100.00"));
		assertThat(claim.services().get(0).paid()).isEqualTo(amount("0.00"));
		assertThat(claim.services().get(0).allowed()).isEqualTo(amount("0.00"));
		assertThat(claim.services().get(0).adjustments()).containsExactly(adjustment("CO", "197", "900.00"));
		assertThat(claim.services().get(1).paid()).isEqualTo(amount("80.00"));
		assertThat(claim.services().get(1).remarks()).isEmpty();
	}

	@Test
	void serviceOlderThanTheFilingLimitBeforeThe837DateIsDeniedWithCo29() {
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				Line.of("99213", "125", "L1").on(TODAY.minusDays(365)), Line.of("99213", "125", "L2")
						.on(TODAY.minusDays(366)))));

		ClaimPayment claim = single(single(adjudicate(SandboxRemittanceRules.defaults(), read)).claims());

		assertThat(claim.services().get(0).paid()).as("365 days is still in time").isEqualTo(amount("80.00"));
		assertThat(claim.services().get(1).adjustments()).containsExactly(adjustment("CO", "29", "125.00"));
		assertThat(claim.services().get(1).remarks()).containsExactly("N1");
		assertThat(claim.status()).isEqualTo("1");

		LocalDate created = TODAY.minusDays(10);
		Read older = Adjudication837.read(Adjudication837.professional(created, Claim.of("CLAIM0002", "MBR0001",
				Line.of("99213", "125", "L1").on(created.minusDays(365)))));
		assertThat(single(single(adjudicate(SandboxRemittanceRules.defaults(), older)).claims()).paid())
				.as("counted from the 837's BHT04, not from the day of adjudication").isEqualTo(amount("80.00"));
	}

	@Test
	void randomDenialsFollowTheSeedAndTheClaimNotTheFile() {
		Claim[] claims = IntStream.rangeClosed(1, 40).mapToObj(i -> Claim.of("CLAIM" + i, "MBR" + i,
				Line.of("99213", "125", "L1"))).toArray(Claim[]::new);
		X12InterchangeWriter writer = Sandbox837.submitterWriter();
		Read first = Adjudication837.read(Adjudication837.professional(writer, TODAY, claims));
		Read again = Adjudication837.read(Adjudication837.professional(writer, TODAY, claims));
		assertThat(again.interchangeControlNumber()).isNotEqualTo(first.interchangeControlNumber());
		SandboxRemittanceRules half = SandboxRemittanceRules.defaults().withDenials(0.5, 42);

		List<String> denied = deniedClaims(adjudicate(half, first));

		assertThat(denied).hasSizeBetween(10, 30);
		assertThat(deniedClaims(adjudicate(half, again))).as("same claims, another file: same draws")
				.isEqualTo(denied);
		assertThat(deniedClaims(adjudicate(SandboxRemittanceRules.defaults().withDenials(0.5, 43), first)))
				.isNotEqualTo(denied);
		assertThat(deniedClaims(adjudicate(SandboxRemittanceRules.defaults().withDenials(1, 42), first)))
				.hasSize(40);
		assertThat(deniedClaims(adjudicate(SandboxRemittanceRules.defaults(), first))).isEmpty();
		ServicePayment line = single(adjudicate(half, first)).claims().stream()
				.filter(c -> c.patientControlNumber().equals(denied.get(0))).findFirst().orElseThrow()
				.services().get(0);
		assertThat(line.adjustments()).containsExactly(adjustment("CO", "50", "125.00"));
		assertThat(line.remarks()).containsExactly("M25");
	}

	@Test
	void voidIsAnsweredWithTheReversalOfWhatTheClaimWouldBePaid() {
		Claim original = Claim.of("CLAIM0001", "MBR0001",
				new Line("99213", List.of("25"), "125", "1", YESTERDAY, "L1", null), Line.of("36415", "15", "L2"));
		ClaimPayment paid = single(single(adjudicate(SandboxRemittanceRules.defaults(),
				Adjudication837.read(Adjudication837.professional(original)))).claims());
		Read read = Adjudication837.read(Adjudication837.professional(original.resent("8",
				paid.payerClaimNumber())));

		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults(), read));

		ClaimPayment reversal = single(remittance.claims());
		assertThat(reversal.status()).isEqualTo("22");
		assertThat(reversal.isReversal()).isTrue();
		assertThat(reversal.frequency()).isEqualTo("8");
		assertThat(reversal.references()).containsExactly(new Reference("F8", paid.payerClaimNumber()));
		assertThat(reversal.charge()).isEqualTo(amount("-140.00"));
		assertThat(reversal.paid()).isEqualTo(paid.paid().negate()).isEqualTo(amount("-89.60"));
		assertThat(reversal.patientResponsibility()).isEqualTo(amount("-22.40"));
		assertThat(reversal.coverageAmount()).isEqualTo(amount("-112.00"));
		for (int i = 0; i < 2; i++) {
			ServicePayment line = reversal.services().get(i);
			ServicePayment before = paid.services().get(i);
			assertThat(line.charge()).isEqualTo(before.charge().negate());
			assertThat(line.paid()).isEqualTo(before.paid().negate());
			assertThat(line.allowed()).isEqualTo(before.allowed().negate());
			assertThat(line.adjustments()).isEqualTo(before.adjustments().stream()
					.map(a -> new Adjustment(a.group(), a.reason(), a.amount().negate(), null)).toList());
			assertThat(line.lineControlNumber()).isEqualTo(before.lineControlNumber());
		}
		assertThat(remittance.payment()).as("a negative total pays nothing")
				.isEqualTo(new Payment("H", amount("0.00"), "C", "NON", TODAY.plusDays(2)));
		assertThat(remittance.providerAdjustments()).as("the balance is carried forward").containsExactly(
				new ProviderAdjustment("1245319599", LocalDate.of(2024, 12, 31), "FB", remittance.traceNumber(),
						amount("-89.60")));
	}

	@Test
	void voidReversesAFullDeductibleWithoutSpendingTheRunsDeductible() {
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withPatientShare("50", "20", "0");
		Read read = Adjudication837.read(Adjudication837.professional(
				Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1")).resent("8", "000000009123"),
				Claim.of("CLAIM0002", "MBR0001", Line.of("99213", "125", "L1"))));

		Remittance remittance = single(adjudicate(rules, read));

		assertThat(remittance.claims().get(0).services().get(0).adjustments()).containsExactly(
				adjustment("CO", "45", "-25.00"), adjustment("PR", "1", "-50.00"), adjustment("PR", "2", "-10.00"));
		assertThat(remittance.claims().get(0).paid()).isEqualTo(amount("-40.00"));
		assertThat(remittance.claims().get(1).services().get(0).adjustments()).contains(adjustment("PR", "1", "50.00"));
		assertThat(remittance.claims().get(1).paid()).isEqualTo(amount("40.00"));
		assertThat(remittance.payment().amount()).isEqualTo(amount("0.00"));
		assertThat(remittance.providerAdjustments()).as("a total of 0 needs no balance forward").isEmpty();
	}

	@Test
	void replacementIsAdjudicatedLikeAnyClaim() {
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				Line.of("99213", "125", "L1")).resent("7", "000000001555")));

		ClaimPayment claim = single(single(adjudicate(SandboxRemittanceRules.defaults(), read)).claims());

		assertThat(claim.status()).isEqualTo("1");
		assertThat(claim.frequency()).isEqualTo("7");
		assertThat(claim.paid()).isEqualTo(amount("80.00"));
		assertThat(claim.references()).containsExactly(new Reference("F8", "000000001555"));
	}

	@Test
	void institutionalLinesArePaidByRevenueCodeOrProcedure() {
		Read read = Adjudication837.read(Adjudication837.institutional("HCLAIM01", TODAY.minusDays(3),
				TODAY.minusDays(2)));

		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults(), read));

		assertThat(remittance.payee().id()).isEqualTo("1588667638");
		ClaimPayment claim = single(remittance.claims());
		assertThat(claim.filingIndicator()).isEqualTo("MC");
		assertThat(claim.facilityType()).isEqualTo("13");
		assertThat(claim.statementFrom()).isEqualTo(TODAY.minusDays(3));
		assertThat(claim.statementTo()).isEqualTo(TODAY.minusDays(2));
		assertThat(claim.charge()).isEqualTo(amount("740.00"));
		assertThat(claim.paid()).isEqualTo(amount("473.60"));
		ServicePayment lab = claim.services().get(0);
		assertThat(lab.procedure()).isEqualTo(new Procedure("NU", "0300", List.of()));
		assertThat(lab.revenueCode()).isNull();
		assertThat(lab.serviceFrom()).as("no DTP*472: the statement period").isEqualTo(TODAY.minusDays(3));
		assertThat(lab.serviceTo()).isEqualTo(TODAY.minusDays(2));
		assertThat(lab.paid()).isEqualTo(amount("64.00"));
		ServicePayment visit = claim.services().get(1);
		assertThat(visit.procedure()).isEqualTo(new Procedure("HC", "99284", List.of("25")));
		assertThat(visit.revenueCode()).isEqualTo("0450");
		assertThat(visit.adjustments()).containsExactly(adjustment("CO", "45", "128.00"),
				adjustment("PR", "2", "102.40"));
		assertThat(visit.paid()).isEqualTo(amount("409.60"));
	}

	@Test
	void oneRemittancePerPayerInTheOrderOfTheirFirstClaim() {
		Read read = Adjudication837.read(Adjudication837.professional(
				Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1")),
				Claim.of("CLAIM0002", "MBR0002", Line.of("99213", "100", "L1")).toPayer("87726"),
				Claim.of("CLAIM0003", "MBR0003", Line.of("99213", "125", "L1"))));

		List<Remittance> remittances = adjudicate(SandboxRemittanceRules.defaults(), read);

		assertThat(remittances).hasSize(2);
		assertThat(remittances).extracting(Remittance::controlNumber).containsExactly("0001", "0002");
		assertThat(remittances.get(0).payer().additionalIds()).containsExactly(new Reference("2U", "60054"));
		assertThat(remittances.get(0).claims()).extracting(ClaimPayment::patientControlNumber)
				.containsExactly("CLAIM0001", "CLAIM0003");
		assertThat(remittances.get(0).payment().amount()).isEqualTo(amount("160.00"));
		assertThat(remittances.get(1).payer().additionalIds()).containsExactly(new Reference("2U", "87726"));
		assertThat(remittances.get(1).payment().amount()).isEqualTo(amount("64.00"));
		assertThat(remittances.get(0).traceNumber()).isNotEqualTo(remittances.get(1).traceNumber());
	}

	@Test
	void sameInputGivesEqualRemittances() {
		byte[] file = Adjudication837.professional(
				Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1"), Line.of("36415", "15", "L2")),
				Claim.of("CLAIM0002", "MBR0001", Line.of("99214", "180", "L1")).toPayer("87726"));
		SandboxRemittanceRules rules = SandboxRemittanceRules.defaults().withPatientShare("60", "20", "10")
				.withDenials(0.3, 9);

		List<Remittance> first = adjudicate(rules, Adjudication837.read(file));
		List<Remittance> second = adjudicate(rules, Adjudication837.read(file));

		assertThat(second).isEqualTo(first);
	}

	@Test
	void interestAndPaymentMethodAreConfigurableAndDisabledPaysNothing() {
		Read read = Adjudication837.read(Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001",
				Line.of("99213", "125", "L1"))));

		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults().withPayment("CHK", 5, "3.25"),
				read));

		assertThat(remittance.payment()).isEqualTo(new Payment("C", amount("83.25"), "C", "CHK", TODAY.plusDays(5)));
		assertThat(remittance.providerAdjustments()).containsExactly(new ProviderAdjustment("1245319599",
				LocalDate.of(2024, 12, 31), "L6", null, amount("-3.25")));
		assertThat(adjudicate(SandboxRemittanceRules.defaults().disabled(), read)).isEmpty();
	}

	@Test
	void balanceCheckCatchesAnUnbalancedRemittance() {
		Remittance remittance = single(adjudicate(SandboxRemittanceRules.defaults(), Adjudication837.read(
				Adjudication837.professional(Claim.of("CLAIM0001", "MBR0001", Line.of("99213", "125", "L1"))))));
		Remittance overpaid = new Remittance(remittance.controlNumber(), new Payment("C", amount("80.01"), "C", "ACH",
				TODAY), remittance.traceNumber(), remittance.originatorId(), TODAY, remittance.payer(),
				remittance.payee(), remittance.claims(), List.of());

		assertThatThrownBy(() -> assertBalanced(overpaid)).isInstanceOf(AssertionError.class)
				.hasMessageContaining("BPR02");
	}

	/** Adjudicates every claim of the transaction and checks that each remittance balances. */
	private static List<Remittance> adjudicate(SandboxRemittanceRules rules, Read read) {
		List<Remittance> remittances = new SandboxAdjudicator(rules, CLOCK).adjudicate(read.interchangeControlNumber(),
				read.transactionControlNumber(), read.transaction(), read.transaction().claims());
		remittances.forEach(SandboxAdjudicatorTest::assertBalanced);
		return remittances;
	}

	/**
	 * The 835's balancing rules: BPR02 = sum of CLP04 - sum of PLB; per claim CLP03 - CLP04 = its CAS and its lines'
	 * CAS, and CLP05 = the sum of the PR adjustments; per line SVC02 - SVC03 = its CAS.
	 */
	static void assertBalanced(Remittance remittance) {
		BigDecimal claimsPaid = remittance.claims().stream().map(ClaimPayment::paid).reduce(BigDecimal.ZERO,
				BigDecimal::add);
		BigDecimal provider = remittance.providerAdjustments().stream().map(ProviderAdjustment::amount)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(remittance.payment().amount()).as("BPR02 of %s", remittance.traceNumber())
				.isEqualByComparingTo(claimsPaid.subtract(provider));
		for (ClaimPayment claim : remittance.claims()) {
			BigDecimal adjusted = sum(claim.adjustments());
			BigDecimal patient = claim.adjustments().stream().filter(a -> a.group().equals("PR"))
					.map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			for (ServicePayment line : claim.services()) {
				assertThat(line.charge().subtract(line.paid())).as("line %s of %s", line.lineControlNumber(),
						claim.patientControlNumber()).isEqualByComparingTo(sum(line.adjustments()));
				adjusted = adjusted.add(sum(line.adjustments()));
				patient = patient.add(line.adjustments().stream().filter(a -> a.group().equals("PR"))
						.map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
			}
			assertThat(claim.charge().subtract(claim.paid())).as("claim %s", claim.patientControlNumber())
					.isEqualByComparingTo(adjusted);
			assertThat(claim.patientResponsibility()).as("CLP05 of %s", claim.patientControlNumber())
					.isEqualByComparingTo(patient);
		}
	}

	private static BigDecimal sum(List<Adjustment> adjustments) {
		return adjustments.stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private static List<String> deniedClaims(List<Remittance> remittances) {
		List<String> denied = new ArrayList<>();
		remittances.forEach(r -> r.claims().stream().filter(ClaimPayment::isDenied)
				.forEach(c -> denied.add(c.patientControlNumber())));
		return denied;
	}

	private static <T> T single(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static BigDecimal amount(String value) {
		return new BigDecimal(value);
	}

	private static Adjustment adjustment(String group, String reason, String amount) {
		return new Adjustment(group, reason, new BigDecimal(amount), null);
	}
}
