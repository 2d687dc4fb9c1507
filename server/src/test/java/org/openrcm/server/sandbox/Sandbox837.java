package org.openrcm.server.sandbox;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12Usage;

/**
 * The sandbox tests' submissions: small 837P and 837I files written through the project's own envelope writer (so
 * they are valid unless a test breaks them), for the practice "Lakeside Family Clinic" submitting as
 * {@code OPENRCMSUBMIT} to the clearinghouse {@code CLEARINGHOUSE}. The sandbox receives them on {@link #TODAY}.
 */
final class Sandbox837 {

	/** The day the sandbox receives every file: 2024-06-18, 14:05 UTC. */
	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-18T14:05:00Z"), ZoneOffset.UTC);
	static final LocalDate TODAY = LocalDate.of(2024, 6, 18);
	static final X12Schemas SCHEMAS = X12Schemas.load();
	static final X12Envelope SUBMITTER = new X12Envelope("ZZ", "OPENRCMSUBMIT", "ZZ", "CLEARINGHOUSE",
			"OPENRCMSUBMIT", "CLEARINGHOUSE", X12Usage.TEST, false);
	private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

	private Sandbox837() {}

	/**
	 * One service line.
	 *
	 * @param procedure the CPT/HCPCS code
	 * @param charge the line charge
	 * @param date the date of service
	 * @param controlNumber REF*6R, or {@code null}
	 */
	record Line(String procedure, String charge, LocalDate date, String controlNumber) {}

	/**
	 * One claim.
	 *
	 * @param id CLM01
	 * @param memberId the subscriber's member id
	 * @param payerId the payer id (2010BB NM109)
	 * @param dependent whether the patient is the subscriber's child (2000C) rather than the subscriber
	 * @param lines its service lines
	 */
	record Claim(String id, String memberId, String payerId, boolean dependent, List<Line> lines) {

		BigDecimal charge() {
			return lines.stream().map(l -> new BigDecimal(l.charge())).reduce(BigDecimal.ZERO, BigDecimal::add);
		}
	}

	/** A claim for the subscriber with one office visit yesterday. */
	static Claim visit(String id, String memberId, String payerId) {
		return new Claim(id, memberId, payerId, false, List.of(new Line("99213", "125", TODAY.minusDays(1), null)));
	}

	/** A writer for the submitter's own files, with its own control numbers. */
	static X12InterchangeWriter submitterWriter() {
		return new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), CLOCK);
	}

	/** An 837P file: one interchange, one transaction set per list of claims. */
	@SafeVarargs
	static byte[] professional(X12InterchangeWriter writer, List<Claim>... transactions) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (int i = 0; i < transactions.length; i++) {
			List<Claim> claims = transactions[i];
			String batch = "BATCH" + (i + 1);
			bodies.add(out -> professional(out, batch, claims));
		}
		return writer.write(SUBMITTER, X12Guide.CLAIM_837P, bodies).bytes();
	}

	/** An 837P file with one transaction set. */
	static byte[] professional(Claim... claims) {
		return professional(submitterWriter(), List.of(claims));
	}

	private static void professional(X12SegmentSink out, String batch, List<Claim> claims) {
		out.segment("BHT", "0019", "00", batch, "20240618", "1300", "CH")
				.segment("NM1", "41", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "46", "SUB0001")
				.segment("PER", "IC", "BILLING OFFICE", "TE", "5555550100")
				.segment("NM1", "40", "2", "EXAMPLE CLEARINGHOUSE", "", "", "", "", "46", "RCV0001")
				.segment("HL", "1", "", "20", "1")
				.segment("NM1", "85", "2", "LAKESIDE FAMILY CLINIC", "", "", "", "", "XX", "1245319599")
				.segment("N3", "100 LAKE STREET")
				.segment("N4", "SPRINGFIELD", "IL", "627010000")
				.segment("REF", "EI", "371234567");
		int hl = 1;
		Claim previous = null;
		for (Claim claim : claims) {
			boolean sameSubscriber = previous != null && previous.memberId().equals(claim.memberId())
					&& previous.payerId().equals(claim.payerId()) && previous.dependent() == claim.dependent();
			if (!sameSubscriber) {
				int subscriber = ++hl;
				out.segment("HL", Integer.toString(subscriber), "1", "22", claim.dependent() ? "1" : "0")
						.segment("SBR", "P", claim.dependent() ? "" : "18", "GRP100", "", "", "", "", "", "CI")
						.segment("NM1", "IL", "1", "RIVERA", "ANA", "", "", "", "MI", claim.memberId());
				if (!claim.dependent()) {
					out.segment("N3", "12 ELM ROAD")
							.segment("N4", "SPRINGFIELD", "IL", "627020000")
							.segment("DMG", "D8", "19800412", "F");
				}
				out.segment("NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", claim.payerId());
				if (claim.dependent()) {
					out.segment("HL", Integer.toString(++hl), Integer.toString(subscriber), "23", "0")
							.segment("PAT", "19")
							.segment("NM1", "QC", "1", "RIVERA", "LUCA")
							.segment("N3", "12 ELM ROAD")
							.segment("N4", "SPRINGFIELD", "IL", "627020000")
							.segment("DMG", "D8", "20150302", "M");
				}
			}
			out.segment("CLM", claim.id(), claim.charge().toPlainString(), "", "", composite("11", "B", "1"), "Y", "A",
					"Y", "Y")
					.segment("HI", composite("ABK", "J069"));
			int number = 0;
			for (Line line : claim.lines()) {
				out.segment("LX", Integer.toString(++number))
						.segment("SV1", composite("HC", line.procedure()), line.charge(), "UN", "1", "", "",
								composite("1"))
						.segment("DTP", "472", "D8", D8.format(line.date()));
				if (line.controlNumber() != null) {
					out.segment("REF", "6R", line.controlNumber());
				}
			}
			previous = claim;
		}
	}

	/** An 837I file: one outpatient emergency visit with its statement period and one service line. */
	static byte[] institutional(String claimId, LocalDate from, LocalDate through) {
		return submitterWriter().write(SUBMITTER, X12Guide.CLAIM_837I, List.of(out -> out
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
				.segment("SBR", "P", "18", "", "", "", "", "", "", "CI")
				.segment("NM1", "IL", "1", "OKAFOR", "GRACE", "", "", "", "MI", "MBR7700")
				.segment("N3", "40 BIRCH LANE")
				.segment("N4", "SPRINGFIELD", "IL", "627040000")
				.segment("DMG", "D8", "19660921", "F")
				.segment("NM1", "PR", "2", "EXAMPLE HEALTH PLAN", "", "", "", "", "PI", "60054")
				.segment("CLM", claimId, "640", "", "", composite("13", "A", "1"), "", "A", "Y", "Y")
				.segment("DTP", "434", "RD8", D8.format(from) + "-" + D8.format(through))
				.segment("CL1", "1", "", "01")
				.segment("REF", "D9", "CH-TRACE-77")
				.segment("HI", composite("ABK", "S52501A"))
				.segment("NM1", "71", "1", "NAKAMURA", "KEN", "", "", "", "XX", "1407853277")
				.segment("LX", "1")
				.segment("SV2", "0450", composite("HC", "99284", "25"), "640", "UN", "1")
				.segment("DTP", "472", "D8", D8.format(from)))).bytes();
	}
}
