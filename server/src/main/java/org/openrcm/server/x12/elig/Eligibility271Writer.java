package org.openrcm.server.x12.elig;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12SegmentSink;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * Writes 271 eligibility responses (005010X279A1) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HB} functional group, one 271 transaction set per {@link EligibilityResponse}, each validated against the 271
 * schema before it is returned. The payer sandbox answers 270s with it.
 *
 * <p>Segments: BHT ({@code 0022}, purpose {@code 11} response, BHT03 the inquiry's reference); 2000A HL (20) with the
 * AAA segments of loop 2000A, the payer's NM1 and the AAA of 2100A; when there is a receiver, 2000B HL (21) with its
 * NM1 and the AAA of 2100B; when there is a subscriber, 2000C HL (22) with its TRN segments, NM1, AAA, DMG, INS (when
 * a relationship is known), DTP segments and one 2110C loop per benefit (EB, DTP, AAA, MSG); and a dependent (2000D)
 * the same way. A benefit for several service types is written as one EB per service type (an EB03 repeating them says
 * the same). {@link EligibilityResponse#controlNumber()} is not written: the writer numbers each 271 itself.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Eligibility271Writer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public Eligibility271Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 271s.
	 *
	 * @param envelope who answers (the payer or clearinghouse) to whom (the submitter of the 270s)
	 * @param responses one per transaction set; at least one
	 * @throws X12ValidationException when a response breaks the 271 guide
	 */
	public WrittenInterchange write(X12Envelope envelope, List<EligibilityResponse> responses) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (EligibilityResponse response : responses) {
			bodies.add(out -> body(out, response));
		}
		return writer.write(envelope, X12Guide.ELIGIBILITY_271, bodies);
	}

	private static void body(X12SegmentSink out, EligibilityResponse response) {
		out.segment("BHT", "0022", "11", EligibilitySegments.clean(response.reference(), 50),
				response.created() == null ? null : X12Text.d8(response.created().toLocalDate()),
				response.created() == null ? null : response.created().format(TIME));
		boolean receiver = response.receiver() != null;
		out.segment("HL", "1", null, "20", receiver ? "1" : "0");
		errors(out, response.errors(), "2000A");
		out.segment("NM1", EligibilitySegments.nm1(response.source()));
		errors(out, response.errors(), "2100A");
		if (!receiver) {
			return;
		}
		boolean subscriber = response.subscriber() != null;
		out.segment("HL", "2", "1", "21", subscriber ? "1" : "0");
		out.segment("NM1", EligibilitySegments.nm1(response.receiver()));
		errors(out, response.errors(), "2100B");
		if (subscriber) {
			out.segment("HL", "3", "2", "22", response.dependent() == null ? "0" : "1");
			person(out, response.subscriber(), true);
			if (response.dependent() != null) {
				out.segment("HL", "4", "3", "23", "0");
				person(out, response.dependent(), false);
			}
		}
	}

	private static void person(X12SegmentSink out, Person person, boolean subscriber) {
		for (Trace trace : person.traces()) {
			out.segment("TRN", trace.type(), EligibilitySegments.clean(trace.number(), 50),
					EligibilitySegments.clean(trace.assigner(), 10), EligibilitySegments.clean(trace.secondary(), 50));
		}
		out.segment("NM1", EligibilitySegments.nm1(person.name()));
		person.errors().forEach(error -> aaa(out, error));
		if (person.birthDate() != null) {
			out.segment("DMG", "D8", X12Text.d8(person.birthDate()),
					person.gender().isEmpty() ? null : person.gender());
		}
		if (!person.relationship().isEmpty()) {
			out.segment("INS", subscriber ? "Y" : "N", person.relationship());
		}
		for (DatePeriod date : person.dates()) {
			out.segment("DTP", EligibilitySegments.dtp(date));
		}
		for (Benefit benefit : person.benefits()) {
			List<String> types = benefit.serviceTypes().isEmpty() ? Collections.singletonList(null)
					: benefit.serviceTypes();
			for (String type : types) {
				benefit(out, benefit, type);
			}
		}
	}

	private static void benefit(X12SegmentSink out, Benefit benefit, String serviceType) {
		out.segment("EB", benefit.code(), benefit.coverageLevel(), serviceType, benefit.insuranceType(),
				EligibilitySegments.clean(benefit.planDescription(), 50), benefit.timePeriod(),
				EligibilitySegments.number(benefit.amount()), EligibilitySegments.number(benefit.percent()),
				benefit.quantityQualifier(), EligibilitySegments.number(benefit.quantity()),
				benefit.authorizationRequired(), benefit.inNetwork());
		for (DatePeriod date : benefit.dates()) {
			out.segment("DTP", EligibilitySegments.dtp(date));
		}
		benefit.errors().forEach(error -> aaa(out, error));
		for (String message : benefit.messages()) {
			out.segment("MSG", EligibilitySegments.clean(message, 264));
		}
	}

	private static void errors(X12SegmentSink out, List<RequestError> errors, String loop) {
		errors.stream().filter(e -> e.loop().equals(loop)).forEach(error -> aaa(out, error));
	}

	private static void aaa(X12SegmentSink out, RequestError error) {
		out.segment("AAA", error.valid(), null, error.reason(), error.followUp());
	}
}
