package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.sandbox.Sandbox837.CLOCK;
import static org.openrcm.server.sandbox.Sandbox837.SCHEMAS;
import static org.openrcm.server.sandbox.Sandbox837.TODAY;
import static org.openrcm.server.sandbox.Sandbox837.professional;
import static org.openrcm.server.sandbox.Sandbox837.visit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance835Reader;
import org.openrcm.server.x12.remit.RemittanceBalance;
import org.openrcm.server.sandbox.Sandbox837.Claim;
import org.openrcm.server.sandbox.Sandbox837.Line;
import org.openrcm.server.sandbox.SandboxResponse.ResponseFile;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.Ack277caReader;
import org.openrcm.server.x12.ack.Ack999Reader;
import org.openrcm.server.x12.ack.ClaimAcknowledgment;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.ClaimStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.DatePeriod;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.LineStatus;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * The sandbox end to end: an 837 written by the project's envelope writer goes in, the 999 and 277CA that come out
 * are read back with {@link X12Reader} and the acknowledgment readers, and checked the way a developer watching the
 * inbound folder would: which files, which verdict per transaction set and per claim, with which codes.
 */
class SandboxResponderTest {

	private static final X12Reader READER = new X12Reader(SCHEMAS);

	@Test
	void cleanClaimsAreAcceptedWithA999AndA277() {
		byte[] file = professional(visit("CLAIM0001", "MBR0001", "60054"), visit("CLAIM0002", "MBR0001", "60054"));

		SandboxResponse response = responder(SandboxRules.defaults()).respond("outbound/claims-0618.x12", file);

		assertThat(response.problems()).isEmpty();
		assertThat(response.files()).extracting(ResponseFile::name)
				.containsExactly("claims-0618.000000001.999", "claims-0618.000000001.277");

		X12Interchange ack999 = interchange(response.files().get(0));
		assertThat(ack999.senderId()).as("the sandbox answers as the 837's receiver").isEqualTo("CLEARINGHOUSE");
		assertThat(ack999.receiverId()).isEqualTo("OPENRCMSUBMIT");
		assertThat(ack999.usageIndicator()).isEqualTo("T");
		assertThat(ack999.groups().get(0).functionalIdentifier()).isEqualTo("FA");
		ImplementationAcknowledgment implementation = Ack999Reader.read(ack999.groups().get(0).transactions().get(0));
		assertThat(implementation.groupControlNumber()).isEqualTo("1");
		assertThat(implementation.version()).isEqualTo("005010X222A1");
		assertThat(implementation.transactionSets()).singleElement().satisfies(set -> {
			assertThat(set.controlNumber()).isEqualTo("0001");
			assertThat(set.status()).isEqualTo("A");
		});
		assertThat(implementation.groupResponse().status()).isEqualTo("A");
		assertThat(implementation.groupResponse().transactionSetsAccepted()).isEqualTo(1);

		ClaimAcknowledgment ack = claimAck(response);
		assertThat(ack.informationSource().entityCode()).isEqualTo("AY");
		assertThat(ack.informationSource().name()).isEqualTo("EXAMPLE CLEARINGHOUSE");
		assertThat(ack.receiptDate()).isEqualTo(TODAY);
		ClaimAcknowledgment.Receiver receiver = ack.receivers().get(0);
		assertThat(receiver.party().id()).isEqualTo("SUB0001");
		assertThat(receiver.traceNumber()).as("the 837's BHT03").isEqualTo("BATCH1");
		assertThat(receiver.totals().acceptedQuantity()).isEqualByComparingTo("2");
		assertThat(receiver.totals().acceptedAmount()).isEqualByComparingTo("250");
		assertThat(receiver.totals().rejectedQuantity()).isNull();
		ClaimAcknowledgment.BillingProvider provider = receiver.providers().get(0);
		assertThat(provider.party().id()).isEqualTo("1245319599");
		assertThat(provider.patients()).as("both claims are the same subscriber's").singleElement()
				.satisfies(patient -> {
					assertThat(patient.party().name()).isEqualTo("RIVERA");
					assertThat(patient.party().idQualifier()).isEqualTo("MI");
					assertThat(patient.party().id()).isEqualTo("MBR0001");
				});
		assertThat(ack.claims()).extracting(ClaimStatus::patientControlNumber).containsExactly("CLAIM0001", "CLAIM0002");
		assertThat(ack.claims()).allSatisfy(claim -> {
			assertThat(claim.accepted()).isTrue();
			assertThat(claim.allStatuses()).containsExactly(new Status("A2", "20", ""));
			assertThat(claim.chargeAmount()).isEqualByComparingTo("125");
			assertThat(claim.payerClaimControlNumber()).matches("000000001\\d{8}");
			assertThat(claim.serviceDates()).isEqualTo(DatePeriod.of(TODAY.minusDays(1)));
		});
		assertThat(ack.claim("CLAIM0001").orElseThrow().payerClaimControlNumber())
				.isNotEqualTo(ack.claim("CLAIM0002").orElseThrow().payerClaimControlNumber());
	}

	@Test
	void payerClaimNumbersAndNamesAreStableAcrossRunsWhileControlNumbersAreNotReused() {
		byte[] file = professional(visit("CLAIM0001", "MBR0001", "60054"));
		SandboxResponder responder = responder(SandboxRules.defaults());

		SandboxResponse first = responder.respond("claims.edi", file);
		SandboxResponse second = responder.respond("claims.edi", file);
		SandboxResponse elsewhere = responder(SandboxRules.defaults()).respond("claims.edi", file);

		assertThat(second.files()).extracting(ResponseFile::name)
				.isEqualTo(first.files().stream().map(ResponseFile::name).toList());
		String number = claimAck(first).claims().get(0).payerClaimControlNumber();
		assertThat(claimAck(second).claims().get(0).payerClaimControlNumber()).isEqualTo(number);
		assertThat(claimAck(elsewhere).claims().get(0).payerClaimControlNumber()).isEqualTo(number);
		assertThat(interchange(second.files().get(0)).controlNumber()).as("the sandbox's own ISA13 moves on")
				.isNotEqualTo(interchange(first.files().get(0)).controlNumber());
	}

	@Test
	void memberIdWithTheRejectPrefixIsSubscriberNotFound() {
		byte[] file = professional(visit("CLAIM0001", "REJ4471", "60054"), visit("CLAIM0002", "MBR0001", "60054"));

		ClaimAcknowledgment ack = claimAck(responder(SandboxRules.defaults()).respond("claims.edi", file));

		ClaimStatus rejected = ack.claim("CLAIM0001").orElseThrow();
		assertThat(rejected.rejected()).isTrue();
		assertThat(rejected.allStatuses()).containsExactly(new Status("A3", "33", "IL"));
		assertThat(rejected.statuses().get(0).actionCode()).isEqualTo("U");
		assertThat(rejected.statuses().get(0).message()).isEqualTo("NO SUBSCRIBER WITH MEMBER ID REJ4471");
		assertThat(rejected.descriptions().get(0)).contains("no subscriber with this subscriber id was found")
				.contains("subscriber");
		assertThat(rejected.payerClaimControlNumber()).as("a rejected claim gets no payer claim number").isEmpty();
		assertThat(ack.claim("CLAIM0002").orElseThrow().accepted()).isTrue();
		assertThat(ack.receivers().get(0).totals().rejectedQuantity()).isEqualByComparingTo("1");
		assertThat(ack.receivers().get(0).totals().rejectedAmount()).isEqualByComparingTo("125");

		SandboxRules off = SandboxRules.defaults().withRejectedMemberIdPrefix("");
		assertThat(claimAck(responder(off).respond("claims.edi", file)).claims()).allMatch(ClaimStatus::accepted);
	}

	@Test
	void payerIdOutsideTheKnownListIsUnknownPayer() {
		byte[] file = professional(visit("CLAIM0001", "MBR0001", "99999"), visit("CLAIM0002", "MBR0002", "60054"));
		SandboxRules known = SandboxRules.defaults().withKnownPayerIds("60054", "87726");

		ClaimAcknowledgment ack = claimAck(responder(known).respond("claims.edi", file));

		ClaimStatus rejected = ack.claim("CLAIM0001").orElseThrow();
		assertThat(rejected.allStatuses()).containsExactly(new Status("A3", "26", "PR"));
		assertThat(rejected.statuses().get(0).message()).contains("99999");
		assertThat(ack.claim("CLAIM0002").orElseThrow().accepted()).isTrue();

		assertThat(claimAck(responder(SandboxRules.defaults()).respond("claims.edi", file)).claims())
				.as("no list: every payer id is routed").allMatch(ClaimStatus::accepted);
	}

	@Test
	void dateOfServiceAfterTheDayOfReceiptIsRejectedWithTheLine() {
		Claim future = new Claim("CLAIM0001", "MBR0001", "60054", false, List.of(
				new Line("99213", "125", TODAY, "L1"), new Line("36415", "15", TODAY.plusDays(1), "L2"),
				new Line("82947", "20", TODAY.plusDays(2), "L3")));
		Claim today = new Claim("CLAIM0002", "MBR0001", "60054", false,
				List.of(new Line("99213", "125", TODAY, null)));

		ClaimAcknowledgment ack = claimAck(responder(SandboxRules.defaults())
				.respond("claims.edi", professional(future, today)));

		ClaimStatus rejected = ack.claim("CLAIM0001").orElseThrow();
		assertThat(rejected.rejected()).isTrue();
		assertThat(rejected.allStatuses()).containsExactly(new Status("A7", "510", ""), new Status("A7", "187", ""));
		assertThat(rejected.statuses().get(0).message()).isEqualTo(
				"DATE OF SERVICE 20240620 IS AFTER THE RECEIPT DATE 20240618");
		assertThat(rejected.chargeAmount()).isEqualByComparingTo("160");
		assertThat(rejected.serviceDates()).isEqualTo(new DatePeriod(TODAY, TODAY.plusDays(2)));
		assertThat(rejected.lines()).as("only the future lines").hasSize(2).allMatch(LineStatus::rejected);
		LineStatus line = rejected.lines().get(0);
		assertThat(line).isEqualTo(new LineStatus("HC", "36415", List.of(), new BigDecimal("15"), "", BigDecimal.ONE,
				line.statuses(), "L2", DatePeriod.of(TODAY.plusDays(1))));
		assertThat(line.statuses().get(0).statuses()).containsExactly(new Status("A7", "510", ""),
				new Status("A7", "187", ""));
		assertThat(rejected.lines().get(1).lineItemControlNumber()).isEqualTo("L3");
		assertThat(ack.claim("CLAIM0002").orElseThrow().accepted()).as("today itself is fine").isTrue();
	}

	@Test
	void everyRuleThatAppliesIsReported() {
		Claim everything = new Claim("CLAIM0001", "REJ1", "99999", false,
				List.of(new Line("99213", "125", TODAY.plusDays(3), null)));

		ClaimAcknowledgment ack = claimAck(responder(SandboxRules.defaults().withKnownPayerIds("60054")
				.withRandomRejections(1, 7)).respond("claims.edi", professional(everything)));

		assertThat(ack.claims().get(0).statuses()).extracting(s -> s.statuses().get(0))
				.as("payer, subscriber, date; no random rejection on top")
				.containsExactly(new Status("A3", "26", "PR"), new Status("A3", "33", "IL"), new Status("A7", "510", ""));
	}

	@Test
	void randomRejectionsFollowTheSeedAndRepeatOnARerun() {
		Claim[] claims = IntStream.rangeClosed(1, 40).mapToObj(i -> visit("CLAIM" + i, "MBR" + i, "60054"))
				.toArray(Claim[]::new);
		byte[] file = professional(claims);
		SandboxRules half = SandboxRules.defaults().withRandomRejections(0.5, 42);

		List<String> first = rejectedClaims(responder(half).respond("claims.edi", file));
		List<String> rerun = rejectedClaims(responder(half).respond("claims.edi", file));
		List<String> otherSeed = rejectedClaims(
				responder(SandboxRules.defaults().withRandomRejections(0.5, 43)).respond("claims.edi", file));

		assertThat(first).hasSizeBetween(10, 30);
		assertThat(rerun).isEqualTo(first);
		assertThat(otherSeed).isNotEqualTo(first);
		ClaimAcknowledgment ack = claimAck(responder(half).respond("claims.edi", file));
		assertThat(ack.claim(first.get(0)).orElseThrow().allStatuses()).containsExactly(new Status("A3", "484", ""));
		assertThat(rejectedClaims(responder(SandboxRules.defaults().withRandomRejections(1, 42))
				.respond("claims.edi", file))).hasSize(40);
		assertThat(rejectedClaims(responder(SandboxRules.defaults()).respond("claims.edi", file))).isEmpty();
	}

	@Test
	void dependentPatientIsNamedWithTheSubscribersMemberId() {
		Claim child = new Claim("CLAIM0001", "MBR0001", "60054", true,
				List.of(new Line("99392", "180", TODAY.minusDays(2), null)));

		ClaimAcknowledgment ack = claimAck(responder(SandboxRules.defaults()).respond("claims.edi", professional(child)));

		ClaimAcknowledgment.Party patient = ack.receivers().get(0).providers().get(0).patients().get(0).party();
		assertThat(patient.name()).isEqualTo("RIVERA");
		assertThat(patient.firstName()).isEqualTo("LUCA");
		assertThat(patient.id()).isEqualTo("MBR0001");
		assertThat(ack.claims().get(0).accepted()).isTrue();
	}

	@Test
	void institutionalClaimCarriesItsBillTypeTraceAndStatementPeriod() {
		byte[] file = Sandbox837.institutional("ER-7781", TODAY.minusDays(4), TODAY.minusDays(3));

		SandboxResponse response = responder(SandboxRules.defaults()).respond("hospital.837", file);

		ImplementationAcknowledgment implementation = ack999(response);
		assertThat(implementation.version()).isEqualTo("005010X223A2");
		assertThat(implementation.transactionSets().get(0).accepted()).isTrue();
		ClaimStatus claim = claimAck(response).claim("ER-7781").orElseThrow();
		assertThat(claim.accepted()).isTrue();
		assertThat(claim.billType()).isEqualTo("131");
		assertThat(claim.clearinghouseTraceNumber()).isEqualTo("CH-TRACE-77");
		assertThat(claim.serviceDates()).isEqualTo(new DatePeriod(TODAY.minusDays(4), TODAY.minusDays(3)));
	}

	@Test
	void brokenElementIsNamedInTheIk4AndGetsNo277Entry() {
		// NM108 of the subscriber: ZZ is not an identification code qualifier the 837P allows there
		String text = new String(professional(visit("CLAIM0001", "MBR0001", "60054")), StandardCharsets.US_ASCII)
				.replace("*MI*MBR0001~", "*ZZ*MBR0001~");

		SandboxResponse response = responder(SandboxRules.defaults()).respond("claims.edi", bytes(text));

		assertThat(response.files()).extracting(ResponseFile::name).containsExactly("claims.000000001.999");
		TransactionSetResponse set = ack999(response).transactionSets().get(0);
		assertThat(set.status()).isEqualTo("R");
		assertThat(set.statusDescription()).isEqualTo("R (rejected)");
		assertThat(set.segmentErrors()).singleElement().satisfies(segment -> {
			assertThat(segment.segmentId()).isEqualTo("NM1");
			assertThat(segment.loopId()).isEqualTo("2010");
			assertThat(segment.errorCode()).isEqualTo("8");
			assertThat(segment.elementErrors()).singleElement().satisfies(element -> {
				assertThat(element.elementPosition()).isEqualTo(8);
				assertThat(element.elementReference()).isEqualTo("66");
				assertThat(element.badData()).isEqualTo("ZZ");
				assertThat(element.errorDescription()).contains("does not allow this code value");
			});
		});
		assertThat(ack999(response).groupResponse().status()).isEqualTo("R");
	}

	@Test
	void brokenSegmentRejectsOnlyItsTransactionSet() {
		X12Reader.Options keep = X12Reader.Options.DEFAULT.keepingSegments();
		String text = new String(professional(Sandbox837.submitterWriter(),
				List.of(visit("GOOD0001", "MBR0001", "60054")), List.of(visit("BAD0001", "MBR0002", "60054"))),
				StandardCharsets.US_ASCII);
		// an unknown segment in the second transaction set's service line, its SE count kept right
		int second = text.indexOf("ST*837*0002");
		String broken = text.substring(0, second) + text.substring(second).replaceFirst("~LX\\*1~", "~LX*1~ZZZ*1~")
				.replaceFirst("~SE\\*(\\d+)\\*0002~", "~SE*" + (segmentCount(text.substring(second)) + 1) + "*0002~");
		assertThat(READER.read(bytes(broken), keep).allErrors()).singleElement()
				.satisfies(e -> assertThat(e.segmentId()).isEqualTo("ZZZ"));

		SandboxResponse response = responder(SandboxRules.defaults()).respond("claims.edi", bytes(broken));

		ImplementationAcknowledgment implementation = ack999(response);
		assertThat(implementation.transactionSets()).extracting(TransactionSetResponse::status)
				.containsExactly("A", "R");
		SegmentError error = implementation.transactionSet("0002").orElseThrow().segmentErrors().get(0);
		assertThat(error.segmentId()).isEqualTo("ZZZ");
		assertThat(error.position()).isEqualTo(21);
		assertThat(error.claimId()).contains("BAD0001");
		assertThat(implementation.groupResponse().status()).isEqualTo("P");
		assertThat(claimAck(response).claims()).extracting(ClaimStatus::patientControlNumber)
				.containsExactly("GOOD0001");
	}

	@Test
	void fileWithoutAnIsaGetsNoFilesAndAReason() {
		SandboxResponse response = responder(SandboxRules.defaults()).respond("notes.txt",
				bytes("Dear clearinghouse, please find our claims attached."));

		assertThat(response.files()).isEmpty();
		assertThat(response.problems()).extracting(SandboxResponse.Problem::code).containsExactly("SANDBOX-NOT-X12");
		assertThat(response.reason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("SANDBOX-NOT-X12: ")
				.contains("notes.txt").contains("ISA"));
	}

	@Test
	void fileCutShortIsRejectedInThe999() {
		String text = new String(professional(visit("CLAIM0001", "MBR0001", "60054")), StandardCharsets.US_ASCII);
		String cut = text.substring(0, text.indexOf("~LX*1~") + 1);

		SandboxResponse response = responder(SandboxRules.defaults()).respond("claims.edi", bytes(cut));

		assertThat(response.files()).extracting(ResponseFile::name).containsExactly("claims.000000001.999");
		ImplementationAcknowledgment implementation = ack999(response);
		assertThat(implementation.transactionSets()).singleElement().satisfies(set -> {
			assertThat(set.status()).isEqualTo("R");
			assertThat(set.errorDescriptions()).containsExactly("2 (the SE trailer is missing)");
		});
		assertThat(implementation.groupResponse().status()).isEqualTo("R");
		assertThat(implementation.groupResponse().errorDescriptions()).containsExactly("3 (the GE trailer is missing)");
	}

	@Test
	void fileCutAfterItsLastTransactionSetStillLosesItsGroup() {
		String text = new String(professional(visit("CLAIM0001", "MBR0001", "60054")), StandardCharsets.US_ASCII);
		String cut = text.substring(0, text.indexOf("~GE*") + 1);

		SandboxResponse response = responder(SandboxRules.defaults()).respond("claims.edi", bytes(cut));

		assertThat(response.files()).extracting(ResponseFile::name).containsExactly("claims.000000001.999");
		ImplementationAcknowledgment implementation = ack999(response);
		assertThat(implementation.transactionSets().get(0).status()).isEqualTo("A");
		assertThat(implementation.groupResponse().status()).isEqualTo("R");
		assertThat(implementation.groupResponse().errorCodes()).containsExactly("3");
	}

	@Test
	void withPaymentRulesTheAcceptedClaimsArePaidInAValidBalanced835() {
		byte[] file = professional(visit("CLAIM0001", "MBR0001", "60054"), visit("CLAIM0002", "REJ0042", "60054"));
		SandboxResponder paying = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), SandboxRules.defaults(),
				SandboxRemittanceRules.defaults(), List.of(), CLOCK, true);

		SandboxResponse response = paying.respond("claims.edi", file);

		assertThat(response.problems()).isEmpty();
		assertThat(response.files()).extracting(ResponseFile::name)
				.containsExactly("claims.000000001.999", "claims.000000001.277", "claims.000000001.835");
		X12ReadResult read = new X12Reader(SCHEMAS).read(response.files().get(2).content(),
				X12Reader.Options.DEFAULT.keepingSegments());
		X12Transaction transaction = read.interchanges().get(0).groups().get(0).transactions().get(0);
		assertThat(transaction.errors()).isEmpty();
		Remittance remittance = Remittance835Reader.read(transaction);
		assertThat(remittance.claims()).as("only the accepted claim is paid")
				.extracting(Remittance.ClaimPayment::patientControlNumber).containsExactly("CLAIM0001");
		assertThat(RemittanceBalance.of(remittance).balanced()).as(RemittanceBalance.of(remittance).messages()
				.toString()).isTrue();
		assertThat(remittance.claims().get(0).payerClaimNumber())
				.isEqualTo(claimAck(response).claims().get(0).payerClaimControlNumber());
	}

	@Test
	void answerFileNamesComeFromTheSubmittedName() {
		assertThat(SandboxResponder.baseName("/outbound/2024/claims-0618.x12")).isEqualTo("claims-0618");
		assertThat(SandboxResponder.baseName("C:\\out\\batch 7.edi")).isEqualTo("batch_7");
		assertThat(SandboxResponder.baseName(".x12")).as("a name that is all extension").isEqualTo(".x12");
		assertThat(SandboxResponder.baseName("")).isEqualTo("submission");
	}

	private static SandboxResponder responder(SandboxRules rules) {
		return new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(), rules, CLOCK);
	}

	private static List<String> rejectedClaims(SandboxResponse response) {
		List<String> rejected = new ArrayList<>();
		claimAck(response).claims().stream().filter(ClaimStatus::rejected)
				.forEach(c -> rejected.add(c.patientControlNumber()));
		return rejected;
	}

	private static ImplementationAcknowledgment ack999(SandboxResponse response) {
		ResponseFile file = response.files().get(0);
		assertThat(file.name()).endsWith(".999");
		return Ack999Reader.read(transaction(file));
	}

	private static ClaimAcknowledgment claimAck(SandboxResponse response) {
		ResponseFile file = response.files().get(1);
		assertThat(file.name()).endsWith(".277");
		return Ack277caReader.read(transaction(file));
	}

	/** The file's only transaction set, which must read without any fault. */
	private static X12Transaction transaction(ResponseFile file) {
		X12ReadResult result = READER.read(file.content(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).as("faults in %s", file.name()).isEmpty();
		assertThat(result.transactions()).hasSize(1);
		return result.transactions().findFirst().orElseThrow();
	}

	private static X12Interchange interchange(ResponseFile file) {
		X12ReadResult result = READER.read(file.content(), X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		return result.interchanges().get(0);
	}

	private static int segmentCount(String fromSt) {
		String transaction = fromSt.substring(0, fromSt.indexOf("~SE*") + 1);
		return (int) transaction.chars().filter(c -> c == '~').count() + 1;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}
}
