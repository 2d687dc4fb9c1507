package org.openrcm.server.x12.elig;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * One 270 eligibility inquiry (005010X279A1): who is asked (2100A, the payer), who asks (2100B, the provider), and
 * about whom: the subscriber (2000C/2100C) and, when the patient is a dependent without a member id of their own, the
 * dependent (2000D/2100D). The question (service types, date of service) and the trace number sit with the patient:
 * the dependent when there is one, else the subscriber.
 *
 * @param reference BHT03, the submitter's reference for the transaction
 * @param created BHT04/BHT05, or {@code null}
 * @param source the information source (NM1*PR, with the payer id)
 * @param receiver the information receiver (NM1*1P, with the provider's NPI)
 * @param subscriber the subscriber
 * @param dependent the dependent, or {@code null}
 */
public record EligibilityInquiry(String reference, LocalDateTime created, Party source, Party receiver,
		Person subscriber, Person dependent) {

	public EligibilityInquiry {
		reference = Eligibility.text(reference);
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(receiver, "receiver");
		Objects.requireNonNull(subscriber, "subscriber");
	}

	/** The person the inquiry is about: the dependent when there is one, else the subscriber. */
	public Person patient() {
		return dependent != null ? dependent : subscriber;
	}

	/** The inquirer's trace (TRN*1 of the patient's level), if any. */
	public Optional<Trace> trace() {
		return patient().trace("1");
	}
}
