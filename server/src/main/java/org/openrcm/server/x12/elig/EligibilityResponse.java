package org.openrcm.server.x12.elig;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * One 271 eligibility response (005010X279A1): the payer (2100A), the provider that asked (2100B), the subscriber
 * (2000C/2100C) and, when the inquiry was about a dependent, the dependent (2000D/2100D), each with its trace numbers,
 * dates, request validations (AAA) and benefits (EB). A response that could not get as far as the subscriber (the
 * payer is unavailable, the provider is not eligible for inquiries) carries its AAA errors in {@link #errors()} and
 * has no subscriber.
 *
 * @param controlNumber ST02 (read only; the writer numbers transaction sets itself)
 * @param reference BHT03, the inquiry's reference echoed
 * @param created BHT04/BHT05, or {@code null}
 * @param source the information source (the payer)
 * @param receiver the information receiver (the provider), or {@code null} when the response stops at the payer
 * @param errors the request validations of loops 2000A, 2100A and 2100B, each naming its loop
 * @param subscriber the subscriber, or {@code null}
 * @param dependent the dependent, or {@code null}
 */
public record EligibilityResponse(String controlNumber, String reference, LocalDateTime created, Party source,
		Party receiver, List<RequestError> errors, Person subscriber, Person dependent) {

	public EligibilityResponse {
		controlNumber = Eligibility.text(controlNumber);
		reference = Eligibility.text(reference);
		Objects.requireNonNull(source, "source");
		errors = List.copyOf(errors);
	}

	/** The person the response is about: the dependent when there is one, else the subscriber (or empty). */
	public Optional<Person> patient() {
		return Optional.ofNullable(dependent != null ? dependent : subscriber);
	}

	/**
	 * The inquirer's trace number echoed (TRN*2 of the patient's level, else of any level), if any: how a response is
	 * matched to its inquiry.
	 */
	public Optional<String> traceNumber() {
		Optional<Trace> trace = patient().flatMap(p -> p.trace("2"));
		if (trace.isEmpty() && subscriber != null) {
			trace = subscriber.trace("2");
		}
		return trace.map(Trace::number).filter(n -> !n.isEmpty());
	}

	/** Every request validation, at whatever level, in document order. */
	public List<RequestError> allErrors() {
		List<RequestError> all = new ArrayList<>(errors);
		for (Person person : people()) {
			all.addAll(person.errors());
			person.benefits().forEach(b -> all.addAll(b.errors()));
		}
		return all;
	}

	/** The patient's benefits (empty when there is no patient). */
	public List<Benefit> benefits() {
		return patient().map(Person::benefits).orElse(List.of());
	}

	private List<Person> people() {
		List<Person> people = new ArrayList<>();
		if (subscriber != null) {
			people.add(subscriber);
		}
		if (dependent != null) {
			people.add(dependent);
		}
		return people;
	}
}
