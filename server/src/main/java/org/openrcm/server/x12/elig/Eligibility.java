package org.openrcm.server.x12.elig;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts an eligibility inquiry (270) and its response (271), 005010X279A1, are made of: the parties named at each
 * hierarchical level, the subscriber or dependent the question is about, trace numbers, request validation errors
 * (AAA), dates (DTP) and the benefits (EB) a payer reports. Plain values: empty strings for absent text, {@code null}
 * for absent dates and numbers, empty lists for absent repeats.
 */
public final class Eligibility {

	private Eligibility() {}

	/**
	 * A named party (NM1).
	 *
	 * @param entityCode NM101, e.g. {@code PR} payer, {@code 1P} provider, {@code IL} subscriber, {@code 03} dependent
	 * @param entityType NM102: {@code 1} person, {@code 2} organization
	 * @param name NM103, last or organization name
	 * @param firstName NM104
	 * @param middleName NM105
	 * @param suffix NM107
	 * @param idQualifier NM108, e.g. {@code PI} payer id, {@code XX} NPI, {@code MI} member id
	 * @param id NM109
	 */
	public record Party(String entityCode, String entityType, String name, String firstName, String middleName,
			String suffix, String idQualifier, String id) {

		public Party {
			entityCode = text(entityCode);
			entityType = text(entityType);
			name = text(name);
			firstName = text(firstName);
			middleName = text(middleName);
			suffix = text(suffix);
			idQualifier = text(idQualifier);
			id = text(id);
		}

		/** An organization with an id. */
		public static Party organization(String entityCode, String name, String idQualifier, String id) {
			return new Party(entityCode, "2", name, "", "", "", idQualifier, id);
		}

		/** A person, with or without an id. */
		public static Party person(String entityCode, String last, String first, String idQualifier, String id) {
			return new Party(entityCode, "1", last, first, "", "", idQualifier, id);
		}
	}

	/**
	 * A trace number (TRN).
	 *
	 * @param type TRN01: {@code 1} current transaction (assigned by whoever writes the segment), {@code 2} referenced
	 *     transaction (a 271 echoing the 270's trace)
	 * @param number TRN02
	 * @param assigner TRN03, the assigning entity ({@code 1} + tax id or {@code 9} + a code of its own)
	 * @param secondary TRN04
	 */
	public record Trace(String type, String number, String assigner, String secondary) {

		public Trace {
			type = text(type);
			number = text(number);
			assigner = text(assigner);
			secondary = text(secondary);
		}
	}

	/**
	 * A request validation (AAA): why the payer could not answer (part of) the inquiry.
	 *
	 * @param loop the loop it was reported in: {@code 2000A}, {@code 2100A}, {@code 2100B}, {@code 2100C},
	 *     {@code 2110C}, {@code 2100D}, {@code 2110D}
	 * @param valid AAA01: {@code Y} the request was valid but could not be answered for this reason, {@code N} it was
	 *     not valid
	 * @param reason AAA03, the reject reason, e.g. {@code 42} unable to respond now, {@code 75} subscriber not found
	 * @param followUp AAA04, what to do next, e.g. {@code C} correct and resubmit, {@code R} resubmit original
	 */
	public record RequestError(String loop, String valid, String reason, String followUp) {

		public RequestError {
			loop = text(loop);
			valid = text(valid);
			reason = text(reason);
			followUp = text(followUp);
		}

		/** The reason and follow-up in words, e.g. {@code 75 (subscriber or insured not found); C (correct ...)}. */
		public String description() {
			return reason + " (" + EligibilityCodes.rejectReason(reason) + "); " + followUp + " ("
					+ EligibilityCodes.followUp(followUp) + ")";
		}
	}

	/**
	 * A date or date range (DTP).
	 *
	 * @param qualifier DTP01, e.g. {@code 291} plan, {@code 346} plan begin, {@code 347} plan end, {@code 356}
	 *     eligibility begin, {@code 357} eligibility end, {@code 472} service
	 * @param start the date, or the first day of the range
	 * @param end the same as {@code start} for a single date, else the last day of the range
	 */
	public record DatePeriod(String qualifier, LocalDate start, LocalDate end) {

		public DatePeriod {
			qualifier = text(qualifier);
			Objects.requireNonNull(start, "start");
			end = end == null ? start : end;
		}

		/** One day. */
		public static DatePeriod of(String qualifier, LocalDate day) {
			return new DatePeriod(qualifier, day, day);
		}

		/** Whether it is a single date (DTP02 {@code D8}) rather than a range ({@code RD8}). */
		public boolean singleDay() {
			return start.equals(end);
		}
	}

	/**
	 * A person an inquiry or response is about: the subscriber (loop 2000C/2100C) or a dependent (2000D/2100D).
	 *
	 * @param name NM1: the subscriber ({@code IL}, with the member id in NM109 qualifier {@code MI}) or the
	 *     dependent ({@code 03}, without an id of its own)
	 * @param birthDate DMG02, or {@code null}
	 * @param gender DMG03: {@code F}, {@code M}, {@code U}, or empty
	 * @param relationship INS02 (e.g. {@code 18} self, {@code 01} spouse, {@code 19} child), or empty
	 * @param traces TRN segments of its level
	 * @param dates DTP segments of its name loop: in a 270 the date of service ({@code 291}); in a 271 the plan and
	 *     eligibility dates
	 * @param serviceTypes in a 270, the service type codes asked about (EQ01 of each 2110 loop); empty in a 271
	 * @param errors in a 271, the request validations of its name loop (AAA)
	 * @param benefits in a 271, its eligibility and benefit information (EB loops); empty in a 270
	 */
	public record Person(Party name, LocalDate birthDate, String gender, String relationship, List<Trace> traces,
			List<DatePeriod> dates, List<String> serviceTypes, List<RequestError> errors, List<Benefit> benefits) {

		public Person {
			Objects.requireNonNull(name, "name");
			gender = text(gender);
			relationship = text(relationship);
			traces = List.copyOf(traces);
			dates = List.copyOf(dates);
			serviceTypes = List.copyOf(serviceTypes);
			errors = List.copyOf(errors);
			benefits = List.copyOf(benefits);
		}

		/** The member id (NM109), or empty. */
		public String memberId() {
			return name.id();
		}

		/** The first date with this qualifier. */
		public Optional<DatePeriod> date(String qualifier) {
			return dates.stream().filter(d -> d.qualifier().equals(qualifier)).findFirst();
		}

		/** The first trace of this type ({@code 1} or {@code 2}). */
		public Optional<Trace> trace(String type) {
			return traces.stream().filter(t -> t.type().equals(type)).findFirst();
		}
	}

	/**
	 * One eligibility or benefit statement (EB with the segments of its 2110 loop).
	 *
	 * @param code EB01, e.g. {@code 1} active coverage, {@code 6} inactive, {@code A} co-insurance, {@code B}
	 *     co-payment, {@code C} deductible, {@code G} out-of-pocket (stop loss); see
	 *     {@link EligibilityCodes#benefit(String)}
	 * @param coverageLevel EB02, e.g. {@code IND} individual, {@code FAM} family
	 * @param serviceTypes EB03 (repeats), e.g. {@code 30} health benefit plan coverage, {@code 98} professional
	 *     physician visit - office
	 * @param insuranceType EB04, e.g. {@code HM} HMO, {@code PR} PPO, {@code C1} commercial
	 * @param planDescription EB05
	 * @param timePeriod EB06, e.g. {@code 23} calendar year, {@code 29} remaining, {@code 27} visit
	 * @param amount EB07, or {@code null}
	 * @param percent EB08 as a fraction ({@code 0.2} is 20%), or {@code null}
	 * @param quantityQualifier EB09, e.g. {@code VS} visits
	 * @param quantity EB10, or {@code null}
	 * @param authorizationRequired EB11: {@code Y}, {@code N}, {@code U} unknown, or empty
	 * @param inNetwork EB12: {@code Y} in plan network, {@code N} out of network, {@code W} not applicable, {@code U}
	 *     unknown, or empty
	 * @param dates DTP segments of the loop (e.g. {@code 292} benefit, {@code 348}/{@code 349} benefit begin/end)
	 * @param errors AAA segments of the loop
	 * @param messages MSG01 of each MSG segment
	 */
	public record Benefit(String code, String coverageLevel, List<String> serviceTypes, String insuranceType,
			String planDescription, String timePeriod, BigDecimal amount, BigDecimal percent, String quantityQualifier,
			BigDecimal quantity, String authorizationRequired, String inNetwork, List<DatePeriod> dates,
			List<RequestError> errors, List<String> messages) {

		public Benefit {
			code = text(code);
			coverageLevel = text(coverageLevel);
			serviceTypes = List.copyOf(serviceTypes);
			insuranceType = text(insuranceType);
			planDescription = text(planDescription);
			timePeriod = text(timePeriod);
			quantityQualifier = text(quantityQualifier);
			authorizationRequired = text(authorizationRequired);
			inNetwork = text(inNetwork);
			dates = List.copyOf(dates);
			errors = List.copyOf(errors);
			messages = List.copyOf(messages);
		}

		/** A benefit with only its code, coverage level, service types and plan, to build on with the withers. */
		public static Benefit of(String code, String coverageLevel, List<String> serviceTypes, String insuranceType,
				String planDescription) {
			return new Benefit(code, coverageLevel, serviceTypes, insuranceType, planDescription, "", null, null, "",
					null, "", "", List.of(), List.of(), List.of());
		}

		/** This benefit with an amount for a time period (EB06, EB07). */
		public Benefit withAmount(String period, BigDecimal value) {
			return new Benefit(code, coverageLevel, serviceTypes, insuranceType, planDescription, period, value,
					percent, quantityQualifier, quantity, authorizationRequired, inNetwork, dates, errors, messages);
		}

		/** This benefit with a percent as a fraction (EB08). */
		public Benefit withPercent(BigDecimal value) {
			return new Benefit(code, coverageLevel, serviceTypes, insuranceType, planDescription, timePeriod, amount,
					value, quantityQualifier, quantity, authorizationRequired, inNetwork, dates, errors, messages);
		}

		/** This benefit with its authorization (EB11) and network (EB12) indicators. */
		public Benefit withIndicators(String authorization, String network) {
			return new Benefit(code, coverageLevel, serviceTypes, insuranceType, planDescription, timePeriod, amount,
					percent, quantityQualifier, quantity, authorization, network, dates, errors, messages);
		}

		/** This benefit with dates and messages. */
		public Benefit withDetails(List<DatePeriod> benefitDates, List<String> texts) {
			return new Benefit(code, coverageLevel, serviceTypes, insuranceType, planDescription, timePeriod, amount,
					percent, quantityQualifier, quantity, authorizationRequired, inNetwork, benefitDates, errors,
					texts);
		}
	}

	static String text(String value) {
		return value == null ? "" : value;
	}
}
