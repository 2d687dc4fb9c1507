package org.openrcm.server.x12.remit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.remit.Remittance.Adjustment;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance.Procedure;
import org.openrcm.server.x12.remit.Remittance.ProviderAdjustment;
import org.openrcm.server.x12.remit.Remittance.Reference;
import org.openrcm.server.x12.remit.Remittance.ServicePayment;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * Public 835 samples from {@code ../shared/x12-samples/835} read into {@link Remittance}s: every one of them (with
 * its balance), and on three the values a biller checks on an ERA (payment, trace number, each claim's status and
 * paid amount, the adjustments).
 */
class Remittance835SamplesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	/**
	 * The samples that do not balance, with the transaction difference: two carry PLB adjustments that BPR02 leaves
	 * out; in one, SVC01 is split by an element separator, so the line's charge reads as its procedure code.
	 */
	private static final Map<String, String> IMBALANCED = Map.of("oopfactory-835-example1-denials.edi", "-1.27",
			"stupidedi-x221-case-3a.edi", "-2.54", "lfh-tertiary-payment.edi", "0");

	@TestFactory
	Stream<DynamicTest> everySampleReadsIntoARemittance() throws IOException {
		Path folder = SharedTestData.require("x12-samples/835");
		List<Path> files;
		try (Stream<Path> listed = Files.list(folder)) {
			files = listed.filter(f -> f.toString().endsWith(".edi")).sorted().toList();
		}
		assertThat(files).hasSize(16);
		return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
			X12ReadResult result = READER.read(Files.readAllBytes(file),
					X12Reader.Options.DEFAULT.skippingLeadingText().keepingSegments());
			List<Remittance> remittances = result.transactions().map(Remittance835Reader::read).toList();

			assertThat(remittances).singleElement().satisfies(remittance -> {
				assertThat(remittance.payment().amount()).isNotNull();
				assertThat(remittance.traceNumber()).isNotBlank();
				assertThat(remittance.payer().entity()).isEqualTo("PR");
				assertThat(remittance.payee().entity()).isEqualTo("PE");
				assertThat(remittance.claims()).isNotEmpty().allSatisfy(claim -> {
					assertThat(claim.patientControlNumber()).isNotBlank();
					assertThat(claim.status()).isNotBlank();
				});
				RemittanceBalance balance = RemittanceBalance.of(remittance);
				String name = file.getFileName().toString();
				assertThat(balance.balanced()).as("%s: %s", name, balance.messages())
						.isEqualTo(!IMBALANCED.containsKey(name));
				assertThat(balance.transactionDifference())
						.isEqualByComparingTo(IMBALANCED.getOrDefault(name, "0"));
			});
		}));
	}

	@Test
	void medicarePartAPaymentWithProviderAdjustment() throws IOException {
		Remittance remittance = read("stupidedi-dollars-and-data-sent-together.edi");

		assertThat(remittance.payment()).isEqualTo(new Remittance.Payment("C", new BigDecimal("150000.00"), "C", "ACH",
				LocalDate.of(2002, 9, 13)));
		assertThat(remittance.traceNumber()).isEqualTo("12345");
		assertThat(remittance.originatorId()).isEqualTo("1512345678");
		assertThat(remittance.productionDate()).isEqualTo(LocalDate.of(2002, 9, 16));
		assertThat(remittance.payer().name()).isEqualTo("INSURANCE COMPANY OF TIMBUCKTU");
		assertThat(remittance.payer().additionalIds()).containsExactly(new Reference("2U", "999"));
		assertThat(remittance.payer().address().city()).isEqualTo("TIMBUCKTU");
		assertThat(remittance.payer().contacts()).singleElement().satisfies(contact -> {
			assertThat(contact.function()).isEqualTo("BL");
			assertThat(contact.numbers()).containsExactly(
					new Reference("UR", "www.anyhealthplan.com/policies.html"));
		});
		assertThat(remittance.payee().idQualifier()).isEqualTo("XX");
		assertThat(remittance.payee().id()).isEqualTo("6543210903");

		assertThat(remittance.claims()).extracting(ClaimPayment::patientControlNumber, ClaimPayment::status,
				ClaimPayment::paid).containsExactly(
						tuple("666123", "1", new BigDecimal("138018.40")),
						tuple("777777", "1", new BigDecimal("11980.33")));
		ClaimPayment inpatient = remittance.claims().get(0);
		assertThat(inpatient.adjustments())
				.containsExactly(new Adjustment("CO", "45", new BigDecimal("73348.57"), null));
		assertThat(inpatient.filingIndicator()).isEqualTo("MA");
		assertThat(inpatient.statementFrom()).isEqualTo(LocalDate.of(2002, 8, 16));
		assertThat(inpatient.statementTo()).isEqualTo(LocalDate.of(2002, 8, 24));
		assertThat(inpatient.patient().name()).isEqualTo("JONES");
		assertThat(inpatient.patient().id()).isEqualTo("666666666A");
		assertThat(remittance.claims().get(1).remarks()).as("MOA03").containsExactly("MA02");
		assertThat(remittance.providerAdjustments()).containsExactly(new ProviderAdjustment("6543210903",
				LocalDate.of(2002, 12, 31), "CV", "CP", new BigDecimal("-1.27")));

		assertThat(RemittanceBalance.of(remittance).balanced()).isTrue();
	}

	@Test
	void dentalClaimsUnderOneCheck() throws IOException {
		Remittance remittance = read("stupidedi-multiple-claims-single-check.edi");

		assertThat(remittance.payment().amount()).isEqualByComparingTo("810.8");
		assertThat(remittance.payment().method()).isEqualTo("CHK");
		assertThat(remittance.claims()).hasSize(9);
		ClaimPayment fourth = remittance.claims().get(3);
		assertThat(fourth.patient().name()).isEqualTo("SMITH");
		assertThat(fourth.paid()).isEqualTo(new BigDecimal("14.00"));
		assertThat(fourth.patientResponsibility()).isEqualTo(new BigDecimal("902.00"));
		assertThat(fourth.coverageAmount()).isEqualTo(new BigDecimal("14.00"));
		ServicePayment crown = fourth.services().get(1);
		assertThat(crown.procedure()).isEqualTo(new Procedure("AD", "D2790", List.of()));
		assertThat(crown.serviceFrom()).isEqualTo(LocalDate.of(2014, 3, 24)).isEqualTo(crown.serviceTo());
		assertThat(crown.adjustments()).containsExactly(new Adjustment("PR", "3", new BigDecimal("756.00"), null),
				new Adjustment("CO", "131", new BigDecimal("184.00"), null));
		assertThat(remittance.claims().get(1).insured().name()).isEqualTo("DOE");
		assertThat(remittance.claims().get(1).renderingProvider().idQualifier()).isEqualTo("XX");
		assertThat(remittance.claims().get(0).services().get(0).allowed()).isEqualTo(new BigDecimal("25.00"));

		assertThat(RemittanceBalance.of(remittance).balanced()).isTrue();
	}

	/**
	 * The OopFactory sample labels its group {@code 5010} (no implementation guide): the reader keeps its segments,
	 * and the remittance reads from them all the same. It holds denials, reversals and an LQ remark, and it does not
	 * balance: its PLB of -1.27 is not in BPR02.
	 */
	@Test
	void denialsAndReversalsDespiteTheUnknownVersionLabel() throws IOException {
		X12Transaction transaction = transaction(sample("oopfactory-835-example1-denials.edi"));
		assertThat(transaction.guide()).isEmpty();

		Remittance remittance = Remittance835Reader.read(transaction);

		assertThat(remittance.payment().handling()).isEqualTo("H");
		assertThat(remittance.payment().method()).isEqualTo("NON");
		assertThat(remittance.traceNumber()).isEqualTo("A04B001017.07504");
		assertThat(remittance.claims()).filteredOn(ClaimPayment::isDenied)
				.extracting(ClaimPayment::patientControlNumber)
				.containsExactly("999999", "888888", "121212");
		ClaimPayment reversal = remittance.claims().get(7);
		assertThat(reversal.isReversal()).isTrue();
		assertThat(reversal.charge()).isEqualTo(new BigDecimal("-42.58"));
		assertThat(reversal.services().get(0).units()).isEqualTo(new BigDecimal("-2"));
		assertThat(reversal.services().get(0).procedure()).isEqualTo(new Procedure("HC", "H0036", List.of("GT", "UK")));
		assertThat(reversal.services().get(0).lineControlNumber()).isEqualTo("123456");
		ServicePayment withRemark = remittance.claims().get(8).services().get(0);
		assertThat(withRemark.remarks()).containsExactly("MA92");
		assertThat(withRemark.serviceFrom()).isEqualTo(LocalDate.of(2004, 2, 10));
		assertThat(withRemark.serviceTo()).isEqualTo(LocalDate.of(2004, 2, 11));
		assertThat(remittance.claims().get(9).charge()).as("CLP*090909*22 without amounts").isNull();

		RemittanceBalance balance = RemittanceBalance.of(remittance);
		assertThat(balance.transactionBalanced()).isFalse();
		assertThat(balance.transactionDifference()).isEqualByComparingTo("-1.27");
	}

	/**
	 * The same sample relabelled 005010X221A1, to check its content: besides the missing payer technical contact it
	 * uses codes that 5010 dropped or never had (SVC01-1 {@code ZZ}, group {@code CR}), claim-level qualifiers on a
	 * line (AMT*AU, QTY*NE), and it ends with a CLP without its amounts, filing indicator or patient.
	 */
	@Test
	void denialsSampleContentUnderTheGuide() throws IOException {
		String text = new String(sample("oopfactory-835-example1-denials.edi"), StandardCharsets.UTF_8)
				.replace("*X*5010~", "*X*005010X221A1~");

		X12ReadResult result = READER.read(text.getBytes(StandardCharsets.UTF_8),
				X12Reader.Options.DEFAULT.keepingSegments());

		assertThat(result.transactions()).singleElement()
				.satisfies(t -> assertThat(t.guide()).contains(X12Guide.REMITTANCE_835));
		Set<String> faults = result.allErrors().stream().map(e -> e.code().code() + "@" + e.segmentId())
				.collect(Collectors.toCollection(TreeSet::new));
		assertThat(faults).containsExactly("X12-ELEMENT-MISSING@CLP", "X12-ELEMENT-QUALIFIER@AMT",
				"X12-ELEMENT-QUALIFIER@CAS", "X12-ELEMENT-QUALIFIER@QTY", "X12-ELEMENT-QUALIFIER@SVC",
				"X12-SEGMENT-UNDER-MINIMUM@NM1");
	}

	private static Remittance read(String name) throws IOException {
		X12Transaction transaction = transaction(sample(name));
		assertThat(transaction.isValid()).as("%s: %s", name, transaction.errors()).isTrue();
		return Remittance835Reader.read(transaction);
	}

	private static X12Transaction transaction(byte[] bytes) {
		X12ReadResult result = READER.read(bytes, X12Reader.Options.DEFAULT.keepingSegments());
		return result.transactions().findFirst().orElseThrow();
	}

	private static byte[] sample(String name) throws IOException {
		Path file = SharedTestData.require("x12-samples/835/" + name);
		return Files.readAllBytes(file);
	}
}
