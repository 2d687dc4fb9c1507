package org.openrcm.server.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.terminology.testing.SharedTestData;

/**
 * Every public 837P, 837I, 999, 277CA and 835 sample in {@code ../shared/x12-samples} read through the reader and
 * its implementation schemas (for the 835s, text before the ISA is skipped: three open with prose). Files from the TR3 worked examples read without any fault. A few published files are not
 * valid X12 (wrong SE01 counts, composites written with the wrong separator, 4010 qualifiers): for each of them the
 * test pins the exact faults the reader must report, so a schema that got looser would fail here as surely as one
 * that got stricter than the guide.
 */
class X12SampleFilesTest {

	private static final X12Reader READER = new X12Reader(X12Schemas.load());

	/** HI written with element separators inside the composite ({@code HI*BK*8901*BF*87200}), as the imsweb files do. */
	private static final Set<String> HI_SEPARATORS = Set.of("X12-ELEMENT-MISSING@HI", "X12-ELEMENT-TOO-LONG@HI");


	/**
	 * BPR written with one element separator too few before the date: the date lands in BPR15 (an account number),
	 * which then lacks its qualifier BPR14, and BPR16 is missing.
	 */
	private static final Set<String> BPR_DATE_SHIFTED = Set.of("X12-ELEMENT-MISSING@BPR",
			"X12-ELEMENT-CONDITION-MISSING@BPR");

	/**
	 * Samples whose implementation convention reference is not one of the guide: they are read (envelopes checked,
	 * segments kept) but not validated against any implementation schema.
	 */
	private static final Set<String> UNKNOWN_VERSION = Set.of("835/oopfactory-835-example1-denials.edi");

	/**
	 * The faults of the published samples that are not valid X12, as distinct {@code code@segment}. Each was checked
	 * by hand against the file.
	 */
	private static final Map<String, Set<String>> KNOWN_DEFECTS = Map.ofEntries(
			// SE01 of every transaction says 25 whatever the count; HI composites split by '*'
			Map.entry("837P/imsweb-837P-valid.edi", union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE")),
			Map.entry("837P/imsweb-837P-different-separators.edi",
					union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE")),
			// also IEA01 says 1 for three groups
			Map.entry("837P/imsweb-837P-multiple-gs.edi",
					union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE", "X12-IEA-GROUP-COUNT@IEA")),
			Map.entry("837P/imsweb-837P-multiple-transactions.edi",
					union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE")),
			Map.entry("837P/imsweb-837P-many-claims.edi", union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE")),
			// also: GE01 says 1 for two transactions; NM108 'X' and 'MI' for provider NPIs; OI04 codes 'A'..'D' of
			// 4010; other-payer referring provider (2330C) without its required REF
			Map.entry("837P/imsweb-837P-complex.edi", union(HI_SEPARATORS, "X12-SE-SEGMENT-COUNT@SE",
					"X12-GE-TRANSACTION-COUNT@GE", "X12-ELEMENT-QUALIFIER@NM1", "X12-ELEMENT-QUALIFIER@OI",
					"X12-SEGMENT-UNDER-MINIMUM@REF")),
			// an 837P copied into 837I: CLM05-2 'B', CLM06 and CLM10 (not used in 837I), the service facility after
			// the other-subscriber loops (so read as 2330F, with name and NPI that 2330F does not use and no REF),
			// DTP*304 on a service line; SE01 25
			Map.entry("837I/imsweb-837I-x223-test.edi", Set.of("X12-ELEMENT-QUALIFIER@CLM",
					"X12-ELEMENT-NOT-USED@CLM", "X12-ELEMENT-NOT-USED@NM1", "X12-SEGMENT-UNDER-MINIMUM@REF",
					"X12-ELEMENT-QUALIFIER@DTP", "X12-SE-SEGMENT-COUNT@SE")),
			// composites separated by '>' while ISA16 declares ':'
			Map.entry("837P/lfh-demo.cob.2ndary.example4.edi", Set.of("X12-ELEMENT-TOO-LONG@CLM",
					"X12-ELEMENT-MISSING@CLM", "X12-ELEMENT-TOO-LONG@HI", "X12-ELEMENT-MISSING@HI",
					"X12-ELEMENT-TOO-LONG@SV1", "X12-ELEMENT-MISSING@SV1")),
			// AMT*F2 (patient responsibility) in 2320 is a 4010 qualifier; 5010 has D, A8 and EAF there
			Map.entry("837P/lfh-demo.cob.example4.edi", Set.of("X12-ELEMENT-QUALIFIER@AMT")),
			// IEA02 000000001 against ISA13 000000286; GS05 102497 is no time of day
			Map.entry("999/imsweb-999-accepted.edi", Set.of("X12-IEA-CONTROL-NUMBER@IEA", "X12-GS-INVALID@GS")),
			// acknowledges a 4010 group: AK202 "002" is shorter than an ST02 may be; CTX06-1 "C023" is not a
			// data element number
			Map.entry("999/oopfactory-999-dhs-wisconsin-partial-accept.edi", Set.of("X12-ELEMENT-TOO-SHORT@AK2",
					"X12-ELEMENT-CHARACTER@CTX")),
			// (the payer's technical contact, PER*BL, which 005010X221A1 requires in loop 1000A, is missing from eight
			// of these; the schema takes a payer without it, as a receiver should)
			// BPR16 shifted into BPR15; SVC01 composite written with '>' while ISA16 declares ':'
			Map.entry("835/lfh-cob-contractural-adjustment.edi", union(BPR_DATE_SHIFTED,
					"X12-ELEMENT-TOO-LONG@SVC", "X12-ELEMENT-MISSING@SVC")),
			Map.entry("835/lfh-secondary-payment.edi", union(BPR_DATE_SHIFTED,
					"X12-ELEMENT-TOO-LONG@SVC", "X12-ELEMENT-MISSING@SVC")),
			// BPR16 shifted; SVC01 "HC*24599.00": the procedure's code is written as a separate element, so every
			// SVC element moves one place (SVC01-2 missing, SVC06-1 "1" too short, SVC06-2 missing)
			Map.entry("835/lfh-tertiary-payment.edi", union(BPR_DATE_SHIFTED,
					"X12-ELEMENT-MISSING@SVC", "X12-ELEMENT-TOO-SHORT@SVC")),
			// BPR16 "20002316" has no month 23
			Map.entry("835/lfh-managed-care.edi", Set.of("X12-ELEMENT-DATE@BPR")),
			// TS309/TS311 carry the amounts at their 4010 places (5010 uses TS313/TS315, not 09/11)
			Map.entry("835/lfh-medicare-part-a.edi", Set.of("X12-ELEMENT-NOT-USED@TS3")),
			// SE01 says 39 for 41 segments (the two PLB segments were not counted)
			Map.entry("835/stupidedi-x221-case-3a.edi", Set.of("X12-SE-SEGMENT-COUNT@SE")),
			// GS08 "5010" names no implementation guide: read, but not validated against the 835 schema (its content
			// is checked under the 005010X221A1 label by Remittance835SamplesTest)
			Map.entry("835/oopfactory-835-example1-denials.edi", Set.of("X12-IMPLEMENTATION-NOT-SUPPORTED@ST")));

	private static final Map<String, X12Guide> GUIDE_BY_FOLDER = Map.of("837P", X12Guide.CLAIM_837P, "837I",
			X12Guide.CLAIM_837I, "999", X12Guide.ACK_999, "277CA", X12Guide.CLAIM_ACK_277CA, "835",
			X12Guide.REMITTANCE_835);

	@TestFactory
	Stream<DynamicTest> everySampleIsReadAndValidated() {
		Path samples = SharedTestData.require("x12-samples");
		Stream<Path> files = Stream.of("837P", "837I", "999", "277CA", "835")
				.flatMap(folder -> list(samples.resolve(folder)));
		return files.map(file -> {
			String name = samples.relativize(file).toString().replace('\\', '/');
			X12Guide guide = GUIDE_BY_FOLDER.get(name.substring(0, name.indexOf('/')));
			return dynamicTest(name, () -> {
				// three 835 samples (the TR3 business scenarios) open with prose
				X12Reader.Options options = guide == X12Guide.REMITTANCE_835
						? X12Reader.Options.DEFAULT.skippingLeadingText() : X12Reader.Options.DEFAULT;
				X12ReadResult result = READER.read(Files.readAllBytes(file), options);

				assertThat(result.errors()).as("input-level faults").isEmpty();
				assertThat(result.interchanges()).isNotEmpty();
				assertThat(result.transactions()).isNotEmpty()
						.allSatisfy(t -> assertThat(t.guide()).as("guide of ST %s", t.controlNumber())
								.isEqualTo(UNKNOWN_VERSION.contains(name) ? Optional.empty() : Optional.of(guide)));
				assertThat(faults(result)).as("faults in %s, the first: %s", name, result.allErrors().stream().limit(5).toList())
						.isEqualTo(KNOWN_DEFECTS.getOrDefault(name, Set.of()));
			});
		});
	}

	@Test
	void manyClaimsInOneTransaction() throws IOException {
		X12ReadResult result = read("837P/imsweb-837P-many-claims.edi");

		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(result.transactions()).hasSize(1);
		assertThat(transaction.segments("CLM")).hasSize(820);
		assertThat(transaction.segments("LX")).hasSize(820);
		assertThat(transaction.segmentCount()).isEqualTo(11486);
		assertThat(transaction.segments("CLM")).allSatisfy(clm -> assertThat(clm.loop()).isEqualTo("2300"));
	}

	@Test
	void oneInterchangePerTransaction() throws IOException {
		X12ReadResult result = read("837P/imsweb-837P-multiple-transactions.edi");

		assertThat(result.interchanges()).hasSize(312);
		assertThat(result.transactions()).hasSize(312);
		assertThat(result.transactions().mapToInt(t -> t.segments("CLM").size()).sum()).isEqualTo(624);
	}

	@Test
	void severalGroupsInOneInterchange() throws IOException {
		X12ReadResult result = read("837P/imsweb-837P-multiple-gs.edi");

		assertThat(result.interchanges()).singleElement()
				.satisfies(i -> assertThat(i.groups()).hasSize(3)
						.allSatisfy(g -> assertThat(g.transactions()).hasSize(1)));
		assertThat(result.transactions().mapToInt(t -> t.segments("CLM").size()).sum()).isEqualTo(6);
	}

	@Test
	void severalTransactionsInOneGroup() throws IOException {
		X12ReadResult result = read("837P/imsweb-837P-complex.edi");

		X12FunctionalGroup group = result.interchanges().get(0).groups().get(0);
		assertThat(group.transactions()).extracting(X12Transaction::controlNumber).hasSize(2).doesNotHaveDuplicates();
		assertThat(result.transactions().mapToInt(t -> t.segments("CLM").size()).sum()).isEqualTo(6);
	}

	@Test
	void separatorsComeFromTheIsa() throws IOException {
		X12ReadResult result = read("837P/imsweb-837P-different-separators.edi");

		X12Interchange interchange = result.interchanges().get(0);
		// ISA11 'U' is the 4010 standards identifier, not a repetition separator
		assertThat(interchange.delimiters()).isEqualTo(new X12Delimiters('~', '^', '\0', '_'));
		X12Segment sv1 = result.transactions().findFirst().orElseThrow().segments("SV1").get(0);
		assertThat(sv1.component(1, 1)).isEqualTo("HC");
		assertThat(sv1.component(1, 2)).isEqualTo("99211");
		assertThat(sv1.component(1, 3)).isEqualTo("25");
	}

	@Test
	void institutionalClaimsUnderOneBillingProvider() throws IOException {
		X12ReadResult result = read("837I/stupidedi-two-claims-for-the-same-provider.edi");

		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.isValid()).isTrue();
		assertThat(transaction.segments("CLM")).extracting(s -> s.element(1)).containsExactly("756048Q", "756049Q");
		assertThat(transaction.segments("HL")).extracting(s -> s.element(3)).containsExactly("20", "22", "22");
		assertThat(transaction.segments("NM1")).filteredOn(s -> s.element(1).equals("71"))
				.extracting(X12Segment::loop).containsExactly("2310A", "2310A");
	}

	@Test
	void implementationAcknowledgmentOfThreeClaims() throws IOException {
		// starts with a UTF-8 byte order mark; ISA11 declares '>' as repetition separator
		X12ReadResult result = read("999/stupidedi-response-to-functional-group-containing-3-837s.edi");

		X12Transaction ack = result.transactions().findFirst().orElseThrow();
		assertThat(ack.isValid()).isTrue();
		assertThat(ack.segments("AK1").get(0).element(3)).isEqualTo("005010X222A2");
		assertThat(ack.segments("AK2")).extracting(s -> s.element(2)).containsExactly("0001", "0002", "0003");
		assertThat(ack.segments("IK5")).extracting(s -> s.element(1)).containsExactly("A", "R", "R");
		assertThat(ack.segments("IK3")).extracting(X12Segment::loop).containsExactly("2100", "2100");
		assertThat(ack.segments("IK4")).singleElement().satisfies(ik4 -> {
			assertThat(ik4.loop()).isEqualTo("2110");
			assertThat(ik4.element(2)).isEqualTo("782");
		});
		assertThat(ack.segments("AK9").get(0).toString()).isEqualTo("AK9*P*3*3*1");
	}

	@Test
	void claimAcknowledgmentRejection() throws IOException {
		// ISA16 declares '|' as component separator
		X12ReadResult result = read("277CA/imsweb-277CA-rejected.edi");

		X12Transaction ack = result.transactions().findFirst().orElseThrow();
		assertThat(ack.isValid()).isTrue();
		assertThat(ack.segments("HL")).extracting(X12Segment::loop).containsExactly("2000A", "2000B", "2000C", "2000D");
		X12Segment claimStatus = ack.segments("STC").get(1);
		assertThat(claimStatus.loop()).isEqualTo("2200D");
		assertThat(claimStatus.repetitions(1)).containsExactly(List.of("A7", "562", "85"));
		assertThat(ack.segments("REF")).extracting(X12Segment::toString)
				.containsExactly("REF*1K*1107000000001120", "REF*BLT*731");
	}

	private static X12ReadResult read(String sample) throws IOException {
		Path file = SharedTestData.require("x12-samples/" + sample);
		return READER.read(Files.readAllBytes(file), X12Reader.Options.DEFAULT.keepingSegments());
	}

	private static Set<String> faults(X12ReadResult result) {
		return result.allErrors().stream().map(e -> e.code().code() + "@" + e.segmentId())
				.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Set<String> union(Set<String> base, String... more) {
		Set<String> all = new TreeSet<>(base);
		all.addAll(List.of(more));
		return all;
	}

	private static Stream<Path> list(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.toString().endsWith(".edi")).sorted().toList().stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
