package org.openrcm.server.x12.auth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One 278 Health Care Services Review transaction set (005010X217) in either direction: a provider's request for
 * review (prior authorization, referral, admission review) or the utilization management organization's (UMO)
 * response. The request and the response share one shape; what only a response carries (the review outcome
 * {@link Decision}, the {@link Rejection}s) is empty in a request.
 *
 * @param kind request (BHT02 {@code 13}) or response ({@code 11})
 * @param controlNumber ST02 as read; empty for a transaction set to be written (the writer numbers it)
 * @param reference BHT03, the submitter's reference for the request (a response repeats it)
 * @param created BHT04/BHT05
 * @param transactionType BHT06 ({@code RU} medical services reservation), or {@code null}
 * @param umo 2010A, the payer or UMO that reviews
 * @param requester 2010B, the provider asking
 * @param subscriber 2010C, the member (NM1*IL with the member id)
 * @param dependent 2010D, the patient when not the subscriber; {@code null} otherwise
 * @param event 2000E, the patient event under review
 * @param services 2000F, the services under review, in order (may be empty: an admission review, say)
 * @param rejections every AAA of the response outside the event and its services: why the UMO could not review
 */
public record AuthorizationReview(Kind kind, String controlNumber, String reference, LocalDateTime created,
		String transactionType, Party umo, Party requester, Party subscriber, Party dependent, PatientEvent event,
		List<Service> services, List<Rejection> rejections) {

	public AuthorizationReview {
		Objects.requireNonNull(kind, "kind");
		controlNumber = controlNumber == null ? "" : controlNumber;
		services = List.copyOf(services);
		rejections = List.copyOf(rejections);
	}

	/** Which way a 278 goes. */
	public enum Kind {
		/** BHT02 {@code 13}: request for review. */
		REQUEST("13"),
		/** BHT02 {@code 11}: response to a request for review. */
		RESPONSE("11");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		/** BHT02. */
		public String code() {
			return code;
		}

		/** The kind of a BHT02 value, or empty for any other value. */
		public static Optional<Kind> of(String code) {
			for (Kind kind : values()) {
				if (kind.code.equals(code)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}
	}

	/** The patient: the dependent when there is one, else the subscriber. */
	public Party patient() {
		return dependent != null ? dependent : subscriber;
	}

	/** Every AAA in the transaction set, wherever it stood. */
	public List<Rejection> allRejections() {
		List<Rejection> all = new java.util.ArrayList<>(rejections);
		all.addAll(event.rejections());
		services.forEach(service -> all.addAll(service.rejections()));
		return List.copyOf(all);
	}

	/**
	 * A person or organization named in an NM1 loop.
	 *
	 * @param entity NM101, e.g. {@code X3} UMO, {@code 1P} provider, {@code IL} subscriber, {@code SJ} service provider
	 * @param person NM102 {@code 1} (a person) rather than {@code 2} (an organization)
	 * @param name NM103, last or organization name
	 * @param firstName NM104, or {@code null}
	 * @param idQualifier NM108, e.g. {@code XX} NPI, {@code MI} member id, {@code PI} payer id
	 * @param id NM109
	 * @param references the loop's REF segments (qualifier, value)
	 * @param birthDate DMG02 (subscriber and dependent), or {@code null}
	 * @param gender DMG03 ({@code F}, {@code M}, {@code U}), or {@code null}
	 */
	public record Party(String entity, boolean person, String name, String firstName, String idQualifier, String id,
			List<Reference> references, LocalDate birthDate, String gender) {

		public Party {
			references = List.copyOf(references);
		}

		/** An organization known by one id. */
		public static Party organization(String entity, String name, String idQualifier, String id) {
			return new Party(entity, false, name, null, idQualifier, id, List.of(), null, null);
		}

		/** A person known by one id. */
		public static Party person(String entity, String name, String firstName, String idQualifier, String id) {
			return new Party(entity, true, name, firstName, idQualifier, id, List.of(), null, null);
		}
	}

	/** A REF segment: qualifier (REF01) and value (REF02). */
	public record Reference(String qualifier, String value) {}

	/**
	 * A TRN trace number.
	 *
	 * @param type TRN01: {@code 1} a number the writer of this 278 assigned, {@code 2} a number it repeats from the
	 *     request it answers
	 * @param number TRN02
	 * @param originator TRN03, ten characters identifying who assigned the number
	 * @param secondary TRN04, or {@code null}
	 */
	public record Trace(String type, String number, String originator, String secondary) {}

	/**
	 * The UM segment: what kind of review is asked for.
	 *
	 * @param category UM01: {@code AR} admission review, {@code HS} health services review, {@code SC} specialty care
	 *     review (a referral), {@code IN} individual
	 * @param certificationType UM02: {@code I} initial, {@code R} renewal, {@code S} revised, {@code 3} cancel,
	 *     {@code 4} extension, {@code 1}/{@code 2} appeals
	 * @param serviceType UM03, the X12 service type code (e.g. {@code 1} medical care, {@code 2} surgical), or
	 *     {@code null}
	 * @param facilityCode UM04-1, the place of service (a CMS place-of-service code when UM04-2 is {@code B}), or
	 *     {@code null}
	 * @param facilityQualifier UM04-2 ({@code A} UB type of bill facility code, {@code B} place of service), or
	 *     {@code null}
	 * @param levelOfService UM06 ({@code 03} emergency, {@code E} elective, {@code U} urgent), or {@code null}
	 */
	public record Review(String category, String certificationType, String serviceType, String facilityCode,
			String facilityQualifier, String levelOfService) {}

	/**
	 * The HCR segment of a response: the UMO's decision.
	 *
	 * @param action HCR01, see {@link ReviewAction}
	 * @param reviewNumber HCR02, the authorization (certification) number; a pended or denied review may carry
	 *     none
	 * @param reason HCR03, why the review was pended, denied or modified (X12 code list 886), or {@code null}
	 * @param secondOpinion HCR04 {@code Y}: a second surgical opinion is required
	 */
	public record Decision(String action, String reviewNumber, String reason, boolean secondOpinion) {

		/** The action as a known {@link ReviewAction}, if it is one. */
		public Optional<ReviewAction> reviewAction() {
			return ReviewAction.of(action);
		}
	}

	/**
	 * A date or period (DTP).
	 *
	 * @param qualifier DTP01, e.g. {@code AAH} event date, {@code 472} service date, {@code 435} admission
	 * @param from the date, or the start of a range
	 * @param to the end of a range; equal to {@code from} for a single date
	 */
	public record Dated(String qualifier, LocalDate from, LocalDate to) {}

	/**
	 * One code of the HI segment.
	 *
	 * @param qualifier HI0n-1, e.g. {@code ABK} principal ICD-10-CM diagnosis, {@code ABF} other ICD-10-CM diagnosis,
	 *     {@code BF}/{@code BK} ICD-9-CM
	 * @param code HI0n-2 without the decimal point
	 * @param date HI0n-4 when HI0n-3 is {@code D8}, or {@code null}
	 */
	public record Diagnosis(String qualifier, String code, LocalDate date) {}

	/**
	 * An AAA segment of a response: the request (or part of it) could not be reviewed.
	 *
	 * @param loop where it stood, e.g. {@code 2010A} (the UMO could not answer), {@code 2010C} (the member), {@code
	 *     2000E}, {@code 2000F}
	 * @param valid AAA01 {@code Y}: the request was valid, the answer is still incomplete
	 * @param reason AAA03, the reject reason (X12 code list 901), e.g. {@code 42} unable to respond now, {@code 72}
	 *     invalid member id, {@code 75} member not found
	 * @param followUp AAA04: {@code C} correct and resubmit, {@code N} do not resubmit, {@code R} resubmit, {@code Y}
	 *     do not resubmit, the UMO follows up
	 */
	public record Rejection(String loop, boolean valid, String reason, String followUp) {}

	/**
	 * A procedure code with its modifiers (SV1-01, SV2-02).
	 *
	 * @param qualifier {@code HC} CPT/HCPCS, {@code IV} home infusion EDI coalition codes, {@code N4} NDC, ...
	 */
	public record Procedure(String qualifier, String code, List<String> modifiers) {

		public Procedure {
			modifiers = List.copyOf(modifiers);
		}
	}

	/**
	 * Loop 2000E, the patient event.
	 *
	 * @param traces TRN segments
	 * @param review UM
	 * @param decision HCR, in a response
	 * @param references REF: {@code BB} a previous authorization number, {@code NT} the UMO's administrative
	 *     reference (a pended review's number that a later request quotes)
	 * @param dates DTP segments
	 * @param diagnoses HI, in order
	 * @param providers 2010E names (service provider {@code SJ}, facility {@code FA}, ...)
	 * @param rejections AAA of the response at this level
	 */
	public record PatientEvent(List<Trace> traces, Review review, Decision decision, List<Reference> references,
			List<Dated> dates, List<Diagnosis> diagnoses, List<Party> providers, List<Rejection> rejections) {

		public PatientEvent {
			traces = List.copyOf(traces);
			references = List.copyOf(references);
			dates = List.copyOf(dates);
			diagnoses = List.copyOf(diagnoses);
			providers = List.copyOf(providers);
			rejections = List.copyOf(rejections);
		}

		/** The first date with this DTP01 qualifier. */
		public Optional<Dated> date(String qualifier) {
			return dates.stream().filter(d -> d.qualifier().equals(qualifier)).findFirst();
		}

		/** The first REF value with this qualifier. */
		public Optional<String> reference(String qualifier) {
			return references.stream().filter(r -> r.qualifier().equals(qualifier)).map(Reference::value)
					.findFirst();
		}
	}

	/**
	 * Loop 2000F, one service under review.
	 *
	 * @param traces TRN segments (a request's TRN*1 identifies the line; the response repeats it as TRN*2)
	 * @param review UM, or {@code null} when the event's applies
	 * @param decision HCR, in a response
	 * @param references REF segments
	 * @param dates DTP segments ({@code 472} service date)
	 * @param procedure SV1-01 or SV2-02, or {@code null}
	 * @param revenueCode SV2-01, or {@code null} (professional services carry none)
	 * @param charge SV1-02/SV2-03, or {@code null}
	 * @param unit SV1-03/SV2-04 ({@code UN} units, {@code DA} days), or {@code null}
	 * @param quantity SV1-04/SV2-05, or {@code null}
	 * @param providers 2010F names
	 * @param rejections AAA of the response at this level
	 */
	public record Service(List<Trace> traces, Review review, Decision decision, List<Reference> references,
			List<Dated> dates, Procedure procedure, String revenueCode, BigDecimal charge, String unit,
			BigDecimal quantity, List<Party> providers, List<Rejection> rejections) {

		public Service {
			traces = List.copyOf(traces);
			references = List.copyOf(references);
			dates = List.copyOf(dates);
			providers = List.copyOf(providers);
			rejections = List.copyOf(rejections);
		}

		/** The first date with this DTP01 qualifier. */
		public Optional<Dated> date(String qualifier) {
			return dates.stream().filter(d -> d.qualifier().equals(qualifier)).findFirst();
		}
	}
}
