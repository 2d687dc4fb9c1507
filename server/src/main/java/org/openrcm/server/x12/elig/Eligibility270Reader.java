package org.openrcm.server.x12.elig;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Text;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * Reads a 270 transaction set (005010X279A1), as {@link org.openrcm.server.x12.X12Reader} read it with its segments
 * kept, into an {@link EligibilityInquiry}.
 *
 * <p>The levels come from HL03 ({@code 20} information source, {@code 21} receiver, {@code 22} subscriber, {@code 23}
 * dependent) in the order they appear, so the reader does not depend on the transaction having passed validation; the
 * caller decides from {@link X12Transaction#errors()} whether to trust it. Of a 270 asking about several subscribers,
 * the first is read. It never throws on content; dates that do not parse read as {@code null}. A 270 without any
 * subscriber level reads with an empty subscriber.
 */
public final class Eligibility270Reader {

	private Eligibility270Reader() {}

	/**
	 * Reads one 270.
	 *
	 * @throws IllegalArgumentException when it is not a 270, or its segments were not kept
	 */
	public static EligibilityInquiry read(X12Transaction transaction) {
		if (!"270".equals(transaction.transactionSetId())) {
			throw new IllegalArgumentException("not a 270: ST01 is " + transaction.transactionSetId());
		}
		if (transaction.segments().isEmpty()) {
			throw new IllegalArgumentException(
					"the 270 was read without its segments (X12Reader.Options.keepSegments)");
		}
		Session session = new Session();
		for (X12Segment segment : transaction.segments()) {
			if (session.accept(segment)) {
				break;
			}
		}
		return session.build();
	}

	/** The state of one read. */
	private static final class Session {
		private String level = "";
		private String reference = "";
		private LocalDateTime created;
		private Party source = Party.organization("PR", "", "", "");
		private Party receiver = Party.organization("1P", "", "", "");
		private PersonBuilder subscriber;
		private PersonBuilder dependent;
		private PersonBuilder current;

		/** Takes one segment; true when a second subscriber starts (the rest is not read). */
		boolean accept(X12Segment segment) {
			switch (segment.id()) {
				case "BHT" -> {
					reference = segment.element(3);
					created = EligibilitySegments.dateTime(segment.element(4), segment.element(5));
				}
				case "HL" -> {
					level = segment.element(3);
					if ("22".equals(level)) {
						if (subscriber != null) {
							return true;
						}
						subscriber = new PersonBuilder();
						current = subscriber;
					} else if ("23".equals(level) && dependent == null) {
						dependent = new PersonBuilder();
						current = dependent;
					} else {
						current = null;
					}
				}
				case "NM1" -> name(EligibilitySegments.party(segment));
				case "TRN" -> {
					if (current != null) {
						current.traces.add(EligibilitySegments.trace(segment));
					}
				}
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
				case "DTP" -> {
					DatePeriod period = EligibilitySegments.period(segment);
					if (current != null && period != null) {
						current.dates.add(period);
					}
				}
				case "EQ" -> {
					if (current != null) {
						current.serviceTypes.addAll(EligibilitySegments.repeated(segment, 1));
					}
				}
				default -> {
					// ST, SE, REF, N3, N4, PRV, HI, AMT, III: not part of the model
				}
			}
			return false;
		}

		private void name(Party party) {
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

		EligibilityInquiry build() {
			Person subscriberPerson = subscriber == null ? new PersonBuilder().build() : subscriber.build();
			return new EligibilityInquiry(reference, created, source, receiver, subscriberPerson,
					dependent == null ? null : dependent.build());
		}
	}

	private static final class PersonBuilder {
		Party name = Party.person("", "", "", "", "");
		LocalDate birthDate;
		String gender = "";
		String relationship = "";
		final List<Trace> traces = new ArrayList<>();
		final List<DatePeriod> dates = new ArrayList<>();
		final List<String> serviceTypes = new ArrayList<>();

		Person build() {
			return new Person(name, birthDate, gender, relationship, traces, dates, serviceTypes, List.of(), List.of());
		}
	}
}
