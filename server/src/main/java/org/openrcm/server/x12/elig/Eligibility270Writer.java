package org.openrcm.server.x12.elig;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * Writes 270 eligibility inquiries (005010X279A1) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HS} functional group, one 270 transaction set per {@link EligibilityInquiry}, each validated against the 270
 * schema before it is returned.
 *
 * <p>Segments: BHT ({@code 0022}, purpose {@code 13} request, BHT03 the reference, BHT04/BHT05 the creation time);
 * 2000A HL (20) with the payer's NM1; 2000B HL (21) with the provider's NM1; 2000C HL (22) with the subscriber's TRN
 * segments, NM1, DMG (when the birth date is known), DTP segments and one EQ per service type (2110C); and, when the
 * inquiry names a dependent, 2000D HL (23) the same way for the dependent. The patient (the dependent when there is
 * one) asks for health benefit plan coverage ({@code EQ*30}) when no service type is given. One EQ per service
 * type, rather than one EQ01 repeating them, says the same. HL ids count from 1; HL04 says whether a level has
 * children. Values are written as X12 can carry them (this server's separators and control characters become
 * spaces) and cut to their lengths.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Eligibility270Writer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public Eligibility270Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 270s.
	 *
	 * @param envelope who asks (the submitter) whom (the clearinghouse or payer)
	 * @param inquiries one per transaction set; at least one
	 * @throws X12ValidationException when an inquiry breaks the 270 guide (a trace without its assigner, say)
	 */
	public WrittenInterchange write(X12Envelope envelope, List<EligibilityInquiry> inquiries) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (EligibilityInquiry inquiry : inquiries) {
			bodies.add(out -> body(out, inquiry));
		}
		return writer.write(envelope, X12Guide.ELIGIBILITY_270, bodies);
	}

	private static void body(X12SegmentSink out, EligibilityInquiry inquiry) {
		out.segment("BHT", "0022", "13", EligibilitySegments.clean(inquiry.reference(), 50),
				inquiry.created() == null ? null : X12Text.d8(inquiry.created().toLocalDate()),
				inquiry.created() == null ? null : inquiry.created().format(TIME));
		out.segment("HL", "1", null, "20", "1");
		name(out, inquiry.source());
		out.segment("HL", "2", "1", "21", "1");
		name(out, inquiry.receiver());
		out.segment("HL", "3", "2", "22", inquiry.dependent() == null ? "0" : "1");
		person(out, inquiry.subscriber(), inquiry.dependent() == null);
		if (inquiry.dependent() != null) {
			out.segment("HL", "4", "3", "23", "0");
			person(out, inquiry.dependent(), true);
		}
	}

	/** One person's level; the patient asks at least for health benefit plan coverage ({@code EQ*30}). */
	private static void person(X12SegmentSink out, Person person, boolean patient) {
		for (Trace trace : person.traces()) {
			out.segment("TRN", trace.type(), EligibilitySegments.clean(trace.number(), 50),
					EligibilitySegments.clean(trace.assigner(), 10), EligibilitySegments.clean(trace.secondary(), 50));
		}
		name(out, person.name());
		if (person.birthDate() != null) {
			out.segment("DMG", "D8", X12Text.d8(person.birthDate()),
					person.gender().isEmpty() ? null : person.gender());
		}
		for (DatePeriod date : person.dates()) {
			out.segment("DTP", EligibilitySegments.dtp(date));
		}
		List<String> types = person.serviceTypes().isEmpty() && patient ? List.of("30") : person.serviceTypes();
		for (String type : types) {
			out.segment("EQ", type);
		}
	}

	private static void name(X12SegmentSink out, Party party) {
		out.segment("NM1", EligibilitySegments.nm1(party));
	}
}
