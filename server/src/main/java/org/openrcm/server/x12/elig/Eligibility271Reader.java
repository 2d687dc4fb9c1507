package org.openrcm.server.x12.elig;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * Reads a 271 transaction set (005010X279A1 or the base 005010X279), as {@link org.openrcm.server.x12.X12Reader}
 * read it with its segments kept, into an {@link EligibilityResponse}.
 *
 * <p>The levels come from HL03 ({@code 20} information source, {@code 21} receiver, {@code 22} subscriber, {@code 23}
 * dependent) in the order they appear, so the reader does not depend on the transaction having passed validation; the
 * caller decides from {@link X12Transaction#errors()} whether to trust it. Within a subscriber or dependent level,
 * each EB opens a benefit (loop 2110) that the following HSD, REF, DTP, AAA and MSG belong to; the related entity
 * between LS and LE (loop 2120) is skipped. An AAA before a level's NM1 belongs to the level (2000A), after it to the
 * name loop (2100A, 2100B, 2100C, 2100D) or, once an EB has opened, to the benefit (2110C, 2110D). Of a 271 answering
 * for several subscribers, the first is read. It never throws on content; amounts and dates that do not parse read as
 * {@code null}.
 */
public final class Eligibility271Reader {

	private Eligibility271Reader() {}

	/**
	 * Reads one 271.
	 *
	 * @throws IllegalArgumentException when it is not a 271, or its segments were not kept
	 */
	public static EligibilityResponse read(X12Transaction transaction) {
		if (!"271".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 271: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException(
					"the 271 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		for (X12Segment segment : transaction.segments()) {
			if (session.accept(segment)) {
				break;
			}
		}
		return session.build(transaction.controlNumber());
	}

	/** The state of one read. */
	private static final class Session {
		private String level = "";
		private boolean named;
		private boolean relatedEntity;
		private String reference = "";
		private LocalDateTime created;
		private Party source = Party.organization("PR", "", "", "");
		private Party receiver;
		private final List<RequestError> errors = new ArrayList<>();
		private PersonBuilder subscriber;
		private PersonBuilder dependent;
		private PersonBuilder current;
		private BenefitBuilder benefit;

		/** Takes one segment; true when a second subscriber starts (the rest is not read). */
		boolean accept(X12Segment segment) {
			if (relatedEntity && !"LE".equals(segment.id())) {
				return false;
			}
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = EligibilitySegments.dateTime(segment.element(4), segment.element(5));
				}
				case "HL" -> {
					return level(segment.element(3));
				}
				case "NM1" -> name(EligibilitySegments.party(segment));
				case "TRN" -> {
					if (current != null) {
						current.traces.add(EligibilitySegments.trace(segment));
					}
				}
				case "AAA" -> error(segment);
				case "DMG" -> {
					if (current != null) {
						current.birthDate = X12Text.date(segment.element(2));
						current.gender = segment.element(3);
					}
				}
				case "INS" -> {
					if (current != null) {
						current.relationship = segment.element(2);
					}
				}
				case "DTP" -> date(EligibilitySegments.period(segment));
				case "EB" -> {
					if (current != null) {
						benefit = new BenefitBuilder(segment);
						current.benefits.add(benefit);
					}
				}
				case "MSG" -> {
					if (benefit != null) {
						benefit.messages.add(segment.element(1));
					}
				}
				case "LS" -> relatedEntity = true;
				case "LE" -> relatedEntity = false;
				default -> {
					// ST, SE, REF, N3, N4, PER, PRV, HI, MPI, HSD, III: not part of the model
				}
			}
			return false;
		}

		private boolean level(String code) {
			level = code;
			named = false;
			benefit = null;
			switch (code) {
				case "22" -> {
					if (subscriber != null) {
						return true;
					}
					subscriber = new PersonBuilder();
					current = subscriber;
				}
				case "23" -> {
					if (dependent != null) {
						return true;
					}
					dependent = new PersonBuilder();
					current = dependent;
				}
				default -> current = null;
			}
			return false;
		}

		private void name(Party party) {
			named = true;
			switch (level) {
				case "20" -> source = party;
				case "21" -> receiver = party;
				default -> {
					if (current != null) {
						current.name = party;
					}
				}
			}
		}

		private void error(X12Segment aaa) {
			String suffix = switch (level) {
				case "20" -> "A";
				case "21" -> "B";
				case "22" -> "C";
				case "23" -> "D";
				default -> "";
			};
			String loop = (benefit != null ? "2110" : named ? "2100" : "2000") + suffix;
			RequestError error = new RequestError(loop, aaa.element(1), aaa.element(3), aaa.element(4));
			if (benefit != null) {
				benefit.errors.add(error);
			} else if (current != null) {
				current.errors.add(error);
			} else {
				errors.add(error);
			}
		}

		private void date(DatePeriod period) {
			if (period == null) {
				return;
			}
			if (benefit != null) {
				benefit.dates.add(period);
			} else if (current != null) {
				current.dates.add(period);
			}
		}

		EligibilityResponse build(String controlNumber) {
			return new EligibilityResponse(controlNumber, reference, created, source, receiver, errors,
					subscriber == null ? null : subscriber.build(), dependent == null ? null : dependent.build());
		}
	}

	private static final class PersonBuilder {
		Party name = Party.person("", "", "", "", "");
		LocalDate birthDate;
		String gender = "";
		String relationship = "";
		final List<Trace> traces = new ArrayList<>();
		final List<DatePeriod> dates = new ArrayList<>();
		final List<RequestError> errors = new ArrayList<>();
		final List<BenefitBuilder> benefits = new ArrayList<>();

		Person build() {
			return new Person(name, birthDate, gender, relationship, traces, dates, List.of(), errors,
					benefits.stream().map(BenefitBuilder::build).toList());
		}
	}

	private static final class BenefitBuilder {
		private final X12Segment eb;
		final List<DatePeriod> dates = new ArrayList<>();
		final List<RequestError> errors = new ArrayList<>();
		final List<String> messages = new ArrayList<>();

		BenefitBuilder(X12Segment eb) {
			this.eb = eb;
		}

		Benefit build() {
			BigDecimal amount = X12Text.decimal(eb.element(7));
			BigDecimal percent = X12Text.decimal(eb.element(8));
			BigDecimal quantity = X12Text.decimal(eb.element(10));
			return new Benefit(eb.element(1), eb.element(2), EligibilitySegments.repeated(eb, 3), eb.element(4),
					eb.element(5), eb.element(6), amount, percent, eb.element(9), quantity, eb.element(11),
					eb.element(12), dates, errors, messages);
		}
	}
}
