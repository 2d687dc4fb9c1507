package org.openrcm.server.x12.auth;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
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
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Diagnosis;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Party;
import org.openrcm.server.x12.auth.AuthorizationReview.Procedure;
import org.openrcm.server.x12.auth.AuthorizationReview.Reference;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Review;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;

/**
 * Writes 278 requests and responses (005010X217) through the {@link X12InterchangeWriter}: one interchange, one
 * {@code HI} functional group, one 278 transaction set per {@link AuthorizationReview}, each validated against the
 * 278 schema before it is returned.
 *
 * <p>Segments: BHT ({@code 0007}, BHT02 from the kind, BHT03 the reference, BHT04/BHT05 the creation time, BHT06
 * when given); 2000A HL (20) with the response's AAA, 2010A NM1 (and its AAA); 2000B HL (21), 2010B NM1 and its AAA;
 * 2000C HL (22), 2010C NM1*IL, REF, AAA, DMG; 2000D HL (23) and 2010D when there is a dependent; 2000E HL (EV), TRN,
 * AAA, UM, HCR, REF, DTP, HI, 2010E NM1 per provider; per service 2000F HL (SS), TRN, AAA, UM, HCR, REF, DTP, SV1
 * (SV2 when the service has a revenue code), 2010F NM1 per provider. HL ids count from 1 in document order; HL04
 * says whether a level has children. A request's {@link Decision}s and {@link Rejection}s are not written (only a
 * response carries them). {@link AuthorizationReview#controlNumber()} is not written: the writer numbers each 278.
 *
 * <p>Instances are immutable and may be shared.
 */
public final class Authorization278Writer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private final X12InterchangeWriter writer;

	public Authorization278Writer(X12InterchangeWriter writer) {
		this.writer = writer;
	}

	/**
	 * Writes one interchange of 278s.
	 *
	 * @param envelope who sends (the requester's submitter, or the UMO for responses) to whom
	 * @param reviews the transaction sets; at least one
	 * @throws X12ValidationException when the content breaks the 278 guide (a missing member id, say)
	 */
	public WrittenInterchange write(X12Envelope envelope, List<AuthorizationReview> reviews) {
		List<X12TransactionBody> bodies = new ArrayList<>();
		for (AuthorizationReview review : reviews) {
			bodies.add(body(review));
		}
		return writer.write(envelope, X12Guide.AUTHORIZATION_278, bodies);
	}

	/** The content of one 278 transaction set. */
	public static X12TransactionBody body(AuthorizationReview review) {
		return out -> new Body(out, review.kind() == Kind.RESPONSE).write(review);
	}

	/** One transaction set being written. */
	private static final class Body {
		private final X12SegmentSink out;
		private final boolean response;
		private int hl;

		Body(X12SegmentSink out, boolean response) {
			this.out = out;
			this.response = response;
		}

		void write(AuthorizationReview review) {
			out.segment("BHT", "0007", review.kind().code(), review.reference(), X12Text.d8(review.created()
					.toLocalDate()), review.created().format(TIME), review.transactionType());
			int umo = hl("20", null, true);
			rejections(review.rejections(), "2000A");
			name(review.umo());
			rejections(review.rejections(), "2010A");
			int requester = hl("21", umo, true);
			name(review.requester());
			rejections(review.rejections(), "2010B");
			boolean dependent = review.dependent() != null;
			int subscriber = hl("22", requester, true);
			member(review.subscriber(), review.rejections(), "2010C");
			int parent = subscriber;
			if (dependent) {
				parent = hl("23", subscriber, true);
				member(review.dependent(), review.rejections(), "2010D");
			}
			int event = hl("EV", parent, !review.services().isEmpty());
			var patientEvent = review.event();
			traces(patientEvent.traces());
			rejections(patientEvent.rejections(), "2000E");
			review(patientEvent.review());
			decision(patientEvent.decision());
			references(patientEvent.references());
			dates(patientEvent.dates());
			diagnoses(patientEvent.diagnoses());
			for (Party provider : patientEvent.providers()) {
				name(provider);
			}
			rejections(patientEvent.rejections(), "2010E");
			for (Service service : review.services()) {
				hl("SS", event, false);
				traces(service.traces());
				rejections(service.rejections(), "2000F");
				review(service.review());
				decision(service.decision());
				references(service.references());
				dates(service.dates());
				service(service);
				for (Party provider : service.providers()) {
					name(provider);
				}
				rejections(service.rejections(), "2010F");
			}
		}

		private int hl(String level, Integer parent, boolean children) {
			hl++;
			out.segment("HL", Integer.toString(hl), parent == null ? null : parent.toString(), level,
					children ? "1" : "0");
			return hl;
		}

		private void name(Party party) {
			out.segment("NM1", party.entity(), party.person() ? "1" : "2", party.name(),
					party.person() ? party.firstName() : null, null, null, null, party.idQualifier(), party.id());
		}

		private void member(Party party, List<Rejection> rejections, String loop) {
			name(party);
			for (Reference reference : party.references()) {
				out.segment("REF", reference.qualifier(), reference.value());
			}
			rejections(rejections, loop);
			if (party.birthDate() != null || party.gender() != null) {
				out.segment("DMG", party.birthDate() == null ? null : "D8", X12Text.d8(party.birthDate()),
						party.gender());
			}
		}

		private void rejections(List<Rejection> rejections, String loop) {
			if (!response) {
				return;
			}
			for (Rejection rejection : rejections) {
				if (rejection.loop().equals(loop)) {
					out.segment("AAA", rejection.valid() ? "Y" : "N", null, rejection.reason(), rejection.followUp());
				}
			}
		}

		private void traces(List<Trace> traces) {
			for (Trace trace : traces) {
				out.segment("TRN", trace.type(), trace.number(), trace.originator(), trace.secondary());
			}
		}

		private void review(Review review) {
			if (review == null) {
				return;
			}
			Object facility = review.facilityCode() == null ? null
					: composite(review.facilityCode(), review.facilityQualifier());
			out.segment("UM", review.category(), review.certificationType(), review.serviceType(), facility, null,
					review.levelOfService());
		}

		private void decision(Decision decision) {
			if (response && decision != null) {
				out.segment("HCR", decision.action(), decision.reviewNumber(), decision.reason(),
						decision.secondOpinion() ? "Y" : null);
			}
		}

		private void references(List<Reference> references) {
			for (Reference reference : references) {
				out.segment("REF", reference.qualifier(), reference.value());
			}
		}

		private void dates(List<Dated> dates) {
			for (Dated date : dates) {
				boolean range = date.to() != null && !date.to().equals(date.from());
				out.segment("DTP", date.qualifier(), range ? "RD8" : "D8", range
						? X12Text.d8(date.from()) + "-" + X12Text.d8(date.to()) : X12Text.d8(date.from()));
			}
		}

		private void diagnoses(List<Diagnosis> diagnoses) {
			if (diagnoses.isEmpty()) {
				return;
			}
			List<Object> codes = new ArrayList<>();
			for (Diagnosis diagnosis : diagnoses.subList(0, Math.min(12, diagnoses.size()))) {
				codes.add(diagnosis.date() == null ? composite(diagnosis.qualifier(), diagnosis.code())
						: composite(diagnosis.qualifier(), diagnosis.code(), "D8", X12Text.d8(diagnosis.date())));
			}
			out.segment("HI", codes.toArray());
		}

		private void service(Service service) {
			Procedure procedure = service.procedure();
			Object code = procedure == null ? null : procedureComposite(procedure);
			if (service.revenueCode() != null) {
				out.segment("SV2", service.revenueCode(), code, amount(service.charge()), service.unit(),
						amount(service.quantity()));
			} else if (procedure != null) {
				out.segment("SV1", code, amount(service.charge()), service.unit(), amount(service.quantity()));
			}
		}

		private static List<String> procedureComposite(Procedure procedure) {
			List<String> components = new ArrayList<>();
			components.add(procedure.qualifier());
			components.add(procedure.code());
			components.addAll(procedure.modifiers().subList(0, Math.min(4, procedure.modifiers().size())));
			return components;
		}

		private static String amount(BigDecimal value) {
			return value == null ? null : value.stripTrailingZeros().toPlainString();
		}
	}
}
