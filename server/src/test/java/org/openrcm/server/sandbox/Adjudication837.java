package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Transaction;

/**
 * The adjudication tests' submissions: 837P files with what the payer's rules look at (frequency, prior
 * authorizations, the original claim's number, modifiers, units, BHT04), and one 837I, written through the project's
 * envelope writer like {@link Sandbox837}'s and read back as the sandbox reads them ({@link Inbound837}).
 */
final class Adjudication837 {

	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
	private static final X12Reader READER = new X12Reader(Sandbox837.SCHEMAS);

	private Adjudication837() {}

	/**
	 * One service line.
	 *
	 * @param procedure the CPT/HCPCS code
	 * @param modifiers its modifiers
	 * @param charge SV102
	 * @param units SV104
	 * @param date DTP*472
	 * @param controlNumber REF*6R, or {@code null}
	 * @param priorAuthorization 2400 REF*G1, or {@code null}
	 */
	record Line(String procedure, List<String> modifiers, String charge, String units, LocalDate date,
			String controlNumber, String priorAuthorization) {

		/** One unit of a code without modifiers, yesterday. */
		static Line of(String procedure, String charge, String controlNumber) {
			return new Line(procedure, List.of(), charge, "1", Sandbox837.TODAY.minusDays(1), controlNumber, null);
		}

		Line on(LocalDate day) {
			return new Line(procedure, modifiers, charge, units, day, controlNumber, priorAuthorization);
		}

		Line authorized(String number) {
			return new Line(procedure, modifiers, charge, units, date, controlNumber, number);
		}
	}

	/**
	 * One claim.
	 *
	 * @param id CLM01
	 * @param memberId the subscriber's member id
	 * @param payerId 2010BB NM109
	 * @param frequency CLM05-3
	 * @param priorAuthorization 2300 REF*G1, or {@code null}
	 * @param originalReference 2300 REF*F8, or {@code null}
	 * @param lines its service lines
	 */
	record Claim(String id, String memberId, String payerId, String frequency, String priorAuthorization,
			String originalReference, List<Line> lines) {

		/** An original claim to payer 60054. */
		static Claim of(String id, String memberId, Line... lines) {
			return new Claim(id, memberId, "60054", "1", null, null, List.of(lines));
		}

		Claim toPayer(String payer) {
			return new Claim(id, memberId, payer, frequency, priorAuthorization, originalReference, lines);
		}

		Claim authorized(String number) {
			return new Claim(id, memberId, payerId, frequency, number, originalReference, lines);
		}

		/** This claim sent again as a replacement (7) or void (8) of the claim the payer numbered so. */
		Claim resent(String newFrequency, String payerClaimNumber) {
			return new Claim(id, memberId, payerId, newFrequency, priorAuthorization, payerClaimNumber, lines);
		}

		BigDecimal charge() {
			return lines.stream().map(l -> new BigDecimal(l.charge())).reduce(BigDecimal.ZERO, BigDecimal::add);
		}
	}

	/** An 837 as the sandbox holds it, with its ISA13 and ST02. */
	record Read(String interchangeControlNumber, String transactionControlNumber, Inbound837 transaction) {}

	/** An 837P created (BHT04) on this day, with one transaction set, each claim under its own subscriber level. */
	static byte[] professional(LocalDate created, Claim... claims) {
		return professional(Sandbox837.submitterWriter(), created, claims);
	}

	/** An 837P written by this writer (whose control numbers move on with every file). */
	static byte[] professional(X12InterchangeWriter writer, LocalDate created, Claim... claims) {
		return writer.write(Sandbox837.SUBMITTER, X12Guide.CLAIM_837P,
				List.of(out -> professional(out, created, List.of(claims)))).bytes();
	}

	/** An 837P created today. */
	static byte[] professional(Claim... claims) {
		return professional(Sandbox837.TODAY, claims);
	}

	private static void professional(X12SegmentSink out, LocalDate created, List<Claim> claims) {
		out.segment("BHT", "0019", "00", "BATCH1", D8.format(created), "1300", "CH")
				.segment("NM1", "41", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "46", "SUB0001")
				.segment("PER", "IC", "BILLING OFFICE", "TE", "5555550100")
				.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "RCV0001")
				.segment("HL", "1", "", "20", "1")
				.segment("NM1", "85", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "XX", "1245319599")
				.segment("N3", "100 LAKE STREET")
				.segment("N4", "SPRINGFIELD", "IL", "627010000")
				.segment("REF", "EI", "371234567");
		int hl = 1;
		for (Claim claim : claims) {
			out.segment("HL", Integer.toString(++hl), "1", "22", "0")
					.segment("SBR", "P", "18", "GRP100", "", "", "", "", "", "CI")
					.segment("NM1", "IL", "1", "RIVERA", "ANA", "", "", "", "MI", claim.memberId())
					.segment("N3", "12 ELM ROAD")
					.segment("N4", "SPRINGFIELD", "IL", "627020000")
					.segment("DMG", "D8", "19800412", "F")
					.segment("NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", claim.payerId())
					.segment("CLM", claim.id(), claim.charge().toPlainString(), "", "",
							composite("11", "B", claim.frequency()), "Y", "A", "Y", "Y");
			if (claim.priorAuthorization() != null) {
				out.segment("REF", "G1", claim.priorAuthorization());
			}
			if (claim.originalReference() != null) {
				out.segment("REF", "F8", claim.originalReference());
			}
			out.segment("HI", composite("ABK", "J069"));
			int number = 0;
			for (Line line : claim.lines()) {
				List<String> procedure = new ArrayList<>(List.of("HC", line.procedure()));
				procedure.addAll(line.modifiers());
				out.segment("LX", Integer.toString(++number))
						.segment("SV1", composite(procedure.toArray(String[]::new)), line.charge(), "UN", line.units(),
								"", "", composite("1"))
						.segment("DTP", "472", "D8", D8.format(line.date()));
				if (line.priorAuthorization() != null) {
					out.segment("REF", "G1", line.priorAuthorization());
				}
				if (line.controlNumber() != null) {
					out.segment("REF", "6R", line.controlNumber());
				}
			}
		}
	}

	/**
	 * An 837I outpatient claim: an emergency visit with a revenue-code-only line (0300, lab, $100)
	 * and a line with a procedure code (0450, 99284:25, $640), over a two-day statement period.
	 */
	static byte[] institutional(String claimId, LocalDate from, LocalDate through) {
		return Sandbox837.submitterWriter().write(Sandbox837.SUBMITTER, X12Guide.CLAIM_837I, List.of(out -> out
				.segment("BHT", "0019", "00", "HOSP1", "20240618", "1300", "CH")
				.segment("NM1", "41", "2", "LAKESIDE COMMUNITY HOSPITAL", "", "", "", "", "46", "SUB0002")
				.segment("PER", "IC", "PATIENT ACCOUNTS", "TE", "5555550177")
				.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "RCV0001")
				.segment("HL", "1", "", "20", "1")
				.segment("NM1", "85", "2", "LAKESIDE COMMUNITY HOSPITAL", "", "", "", "", "XX", "1588667638")
				.segment("N3", "9 HARBOR ROAD")
				.segment("N4", "SPRINGFIELD", "IL", "627030000")
				.segment("REF", "EI", "371234599")
				.segment("HL", "2", "1", "22", "0")
				.segment("SBR", "P", "18", "", "", "", "", "", "", "MC")
				.segment("NM1", "IL", "1", "OKAFOR", "GRACE", "", "", "", "MI", "MBR7700")
				.segment("N3", "40 BIRCH LANE")
				.segment("N4", "SPRINGFIELD", "IL", "627040000")
				.segment("DMG", "D8", "19660921", "F")
				.segment("NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", "60054")
				.segment("CLM", claimId, "740", "", "", composite("13", "A", "1"), "", "A", "Y", "Y")
				.segment("DTP", "434", "RD8", D8.format(from) + "-" + D8.format(through))
				.segment("CL1", "1", "", "01")
				.segment("HI", composite("ABK", "S52501A"))
				.segment("NM1", "71", "1", "NAKAMURA", "KEN", "", "", "", "XX", "1407853277")
				.segment("LX", "1")
				.segment("SV2", "0300", "", "100", "UN", "1")
				.segment("LX", "2")
				.segment("SV2", "0450", composite("HC", "99284", "25"), "640", "UN", "1")
				.segment("DTP", "472", "D8", D8.format(from)))).bytes();
	}

	/** The file's first transaction set as the sandbox holds it; the file must read without faults. */
	static Read read(byte[] file) {
		X12ReadResult result = READER.read(file, X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).as("faults in the test's own 837").isEmpty();
		X12Interchange interchange = result.interchanges().get(0);
		X12Transaction transaction = interchange.groups().get(0).transactions().get(0);
		return new Read(interchange.controlNumber(), transaction.controlNumber(), Inbound837.of(transaction));
	}
}
