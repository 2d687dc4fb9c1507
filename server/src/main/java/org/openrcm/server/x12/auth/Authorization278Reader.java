package org.openrcm.server.x12.auth;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Diagnosis;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Party;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Procedure;
import org.openrcm.server.x12.auth.AuthorizationReview.Reference;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Review;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;

/**
 * Reads a 278 transaction set (005010X217), request or response, into an {@link AuthorizationReview}: from the
 * segments the {@link org.openrcm.server.x12.X12Reader} kept, by the loop each segment was placed in (2000A UMO,
 * 2000B requester, 2000C subscriber, 2000D dependent, 2000E patient event, 2000F service, and the 2010x name loops).
 *
 * <p>Lenient like the other readers: a value that does not parse is {@code null}, a missing level is an empty
 * party. The X12 faults of the transaction set are the reader's business ({@link X12Transaction#errors()}); the one
 * check made here is {@link #kindOf(X12Transaction)}: BHT02 says request or response, and a request must not carry
 * what only a response may (HCR, AAA), which the shared 278 schema cannot tell apart.
 */
public final class Authorization278Reader {

	private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

	private Authorization278Reader() {}

	/**
	 * The direction of a 278, or why it is neither.
	 *
	 * @return the kind; empty when BHT02 is neither {@code 13} nor {@code 11}, or a request carries HCR or AAA
	 */
	public static java.util.Optional<Kind> kindOf(X12Transaction transaction) {
		java.util.Optional<Kind> kind = transaction.segments("BHT").stream().findFirst()
				.flatMap(bht -> Kind.of(bht.element(2)));
		if (kind.isPresent() && kind.get() == Kind.REQUEST
				&& (!transaction.segments("HCR").isEmpty() || !transaction.segments("AAA").isEmpty())) {
			return java.util.Optional.empty();
		}
		return kind;
	}

	/**
	 * Reads one 278.
	 *
	 * @param transaction a 278 read with its segments kept
	 * @throws IllegalArgumentException when its BHT02 names neither a request nor a response
	 */
	public static AuthorizationReview read(X12Transaction transaction) {
		X12Segment bht = transaction.segments("BHT").stream().findFirst()
				.orElseThrow(() -> new IllegalArgumentException("the 278 has no BHT"));
		Kind kind = Kind.of(bht.element(2)).orElseThrow(() -> new IllegalArgumentException(
				"BHT02 \"" + bht.element(2) + "\" is neither 13 (request) nor 11 (response)"));
		State state = new State();
		for (X12Segment segment : transaction.segments()) {
			state.take(segment);
		}
		return new AuthorizationReview(kind, transaction.controlNumber(), bht.element(3), created(bht),
				blankToNull(bht.element(6)), state.umo.build(), state.requester.build(), state.subscriber.build(),
				state.dependent == null ? null : state.dependent.build(), state.event.buildEvent(),
				state.services.stream().map(Level::buildService).toList(), state.rejections);
	}

	private static LocalDateTime created(X12Segment bht) {
		LocalDate date = X12Text.date(bht.element(4));
		if (date == null) {
			return null;
		}
		String time = bht.element(5);
		try {
			return date.atTime(time.length() >= 4 ? LocalTime.parse(time.substring(0, 4), HHMM) : LocalTime.MIDNIGHT);
		} catch (DateTimeParseException e) {
			return date.atStartOfDay();
		}
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/** Where the walk through the segments is. */
	private static final class State {
		final PartyBuilder umo = new PartyBuilder();
		final PartyBuilder requester = new PartyBuilder();
		final PartyBuilder subscriber = new PartyBuilder();
		PartyBuilder dependent;
		final Level event = new Level();
		final List<Level> services = new ArrayList<>();
		final List<Rejection> rejections = new ArrayList<>();
		/** The name loop being read (2010x), if any. */
		PartyBuilder party;
		Level level;

		void take(X12Segment segment) {
			String loop = segment.loop() == null ? "" : segment.loop();
			if ("HL".equals(segment.id())) {
				party = null;
				level = switch (segment.element(3)) {
					case "EV" -> event;
					case "SS" -> {
						Level service = new Level();
						services.add(service);
						yield service;
					}
					default -> null;
				};
				if ("23".equals(segment.element(3))) {
					dependent = new PartyBuilder();
				}
				return;
			}
			if ("NM1".equals(segment.id())) {
				party = switch (loop) {
					case "2010A" -> umo;
					case "2010B" -> requester;
					case "2010C" -> subscriber;
					case "2010D" -> dependent != null ? dependent : (dependent = new PartyBuilder());
					default -> level != null ? level.newProvider() : null;
				};
				if (party != null) {
					party.nm1(segment);
				}
				return;
			}
			if (loop.startsWith("2010")) {
				nameLoop(segment, loop);
			} else if (level != null) {
				level.take(segment, loop);
			} else if ("AAA".equals(segment.id())) {
				rejections.add(rejection(segment, loop));
			}
		}

		private void nameLoop(X12Segment segment, String loop) {
			switch (segment.id()) {
				case "AAA" -> {
					if (level != null && (loop.equals("2010E") || loop.equals("2010F"))) {
						level.rejections.add(rejection(segment, loop));
					} else {
						rejections.add(rejection(segment, loop));
					}
				}
				case "REF" -> {
					if (party != null) {
						party.references.add(new Reference(segment.element(1), segment.element(2)));
					}
				}
				case "DMG" -> {
					if (party != null && "D8".equals(segment.element(1))) {
						party.birthDate = X12Text.date(segment.element(2));
						party.gender = blankToNull(segment.element(3));
					} else if (party != null) {
						party.gender = blankToNull(segment.element(3));
					}
				}
				default -> {
					// addresses, contacts, provider taxonomy: not used by OpenRCM
				}
			}
		}
	}

	static Rejection rejection(X12Segment aaa, String loop) {
		return new Rejection(loop, "Y".equals(aaa.element(1)), blankToNull(aaa.element(3)),
				blankToNull(aaa.element(4)));
	}

	/** The name of a party as it is read. */
	private static final class PartyBuilder {
		String entity = "";
		boolean person;
		String name;
		String firstName;
		String idQualifier;
		String id;
		final List<Reference> references = new ArrayList<>();
		LocalDate birthDate;
		String gender;

		void nm1(X12Segment nm1) {
			entity = nm1.element(1);
			person = "1".equals(nm1.element(2));
			name = blankToNull(nm1.element(3));
			firstName = blankToNull(nm1.element(4));
			idQualifier = blankToNull(nm1.element(8));
			id = blankToNull(nm1.element(9));
		}

		Party build() {
			return new Party(entity, person, name, firstName, idQualifier, id, references, birthDate, gender);
		}
	}

	/** Loop 2000E or one 2000F as it is read. */
	private static final class Level {
		final List<Trace> traces = new ArrayList<>();
		Review review;
		Decision decision;
		final List<Reference> references = new ArrayList<>();
		final List<Dated> dates = new ArrayList<>();
		final List<Diagnosis> diagnoses = new ArrayList<>();
		final List<PartyBuilder> providers = new ArrayList<>();
		final List<Rejection> rejections = new ArrayList<>();
		Procedure procedure;
		String revenueCode;
		java.math.BigDecimal charge;
		String unit;
		java.math.BigDecimal quantity;

		PartyBuilder newProvider() {
			PartyBuilder provider = new PartyBuilder();
			providers.add(provider);
			return provider;
		}

		void take(X12Segment segment, String loop) {
			switch (segment.id()) {
				case "TRN" -> traces.add(new Trace(segment.element(1), segment.element(2),
						blankToNull(segment.element(3)), blankToNull(segment.element(4))));
				case "AAA" -> rejections.add(rejection(segment, loop));
				case "UM" -> review = new Review(segment.element(1), blankToNull(segment.element(2)),
						blankToNull(segment.element(3)), blankToNull(segment.component(4, 1)),
						blankToNull(segment.component(4, 2)), blankToNull(segment.element(6)));
				case "HCR" -> decision = new Decision(segment.element(1), blankToNull(segment.element(2)),
						blankToNull(segment.element(3)), "Y".equals(segment.element(4)));
				case "REF" -> references.add(new Reference(segment.element(1), segment.element(2)));
				case "DTP" -> dates.add(dated(segment));
				case "HI" -> {
					for (List<String> code : segment.elements().stream().map(e -> e.get(0)).toList()) {
						String qualifier = code.isEmpty() ? "" : code.get(0);
						String value = code.size() > 1 ? code.get(1) : "";
						LocalDate date = code.size() > 3 && "D8".equals(code.get(2)) ? X12Text.date(code.get(3)) : null;
						if (!value.isEmpty()) {
							diagnoses.add(new Diagnosis(qualifier, value, date));
						}
					}
				}
				case "SV1" -> {
					procedure = procedure(segment.repetitions(1));
					charge = X12Text.decimal(segment.element(2));
					unit = blankToNull(segment.element(3));
					quantity = X12Text.decimal(segment.element(4));
				}
				case "SV2" -> {
					revenueCode = blankToNull(segment.element(1));
					procedure = procedure(segment.repetitions(2));
					charge = X12Text.decimal(segment.element(3));
					unit = blankToNull(segment.element(4));
					quantity = X12Text.decimal(segment.element(5));
				}
				case "SV3" -> {
					procedure = procedure(segment.repetitions(1));
					charge = X12Text.decimal(segment.element(2));
				}
				default -> {
					// HSD, CRC, CL1, CRx, PWK, MSG, TOO: not used by OpenRCM
				}
			}
		}

		PatientEvent buildEvent() {
			return new PatientEvent(traces, review, decision, references, dates, diagnoses,
					providers.stream().map(PartyBuilder::build).toList(), rejections);
		}

		Service buildService() {
			return new Service(traces, review, decision, references, dates, procedure, revenueCode, charge, unit,
					quantity, providers.stream().map(PartyBuilder::build).toList(), rejections);
		}
	}

	private static Procedure procedure(List<List<String>> element) {
		if (element.isEmpty() || element.get(0).size() < 2 || element.get(0).get(1).isEmpty()) {
			return null;
		}
		List<String> components = element.get(0);
		List<String> modifiers = components.subList(2, Math.min(components.size(), 6)).stream()
				.filter(m -> !m.isEmpty()).toList();
		return new Procedure(components.get(0), components.get(1), modifiers);
	}

	private static Dated dated(X12Segment dtp) {
		String value = dtp.element(3);
		if ("RD8".equals(dtp.element(2)) && value.length() == 17 && value.charAt(8) == '-') {
			return new Dated(dtp.element(1), X12Text.date(value.substring(0, 8)), X12Text.date(value.substring(9)));
		}
		LocalDate date = X12Text.date(value);
		return new Dated(dtp.element(1), date, date);
	}
}
