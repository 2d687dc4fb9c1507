package org.openrcm.server.eligibility;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.Trace;
import org.openrcm.server.x12.elig.EligibilityInquiry;

/**
 * Maps a CoverageEligibilityRequest and the resources it names to a 270 inquiry (005010X279A1). Pure: the caller
 * reads the resources.
 *
 * <ul>
 * <li>2100A payer: the Coverage's first payor Organization (else the request's insurer): name, and the payer id
 * (identifier system {@value #PAYER_ID_SYSTEM}) as {@code NM1*PR*2*...*PI*<id>};</li>
 * <li>2100B provider: the request's provider, a Practitioner ({@code NM1*1P*1}) or Organization ({@code NM1*1P*2}),
 * with its NPI ({@value #NPI_SYSTEM}) as {@code XX};</li>
 * <li>2100C subscriber: {@code Coverage.subscriberId} as the member id ({@code MI}); when the Coverage's relationship
 * is {@code self} (or not given) the patient is the subscriber, with name, birth date ({@code DMG}) and gender; else
 * the subscriber is the Coverage's subscriber Patient when it can be read (else named by member id only) and the
 * patient is the dependent (2100D, without an id of its own);</li>
 * <li>the patient's level carries the trace ({@code TRN*1*<trace>*<assigner>}), the date of service
 * ({@code DTP*291}: {@code servicedDate}, {@code servicedPeriod.start}, else today) and one {@code EQ} per service
 * type: the codes of {@code item.category} in {@value #SERVICE_TYPE_SYSTEM}, else the configured defaults;</li>
 * <li>BHT03 is the trace too, so an answer that stops before the subscriber is still matched.</li>
 * </ul>
 */
final class EligibilityRequests {

	static final String PAYER_ID_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-id";
	static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
	/** The X12 service type codes (EQ01, EB03). */
	static final String SERVICE_TYPE_SYSTEM = "https://x12.org/codes/service-type-codes";
	static final String RELATIONSHIP_SYSTEM = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";

	/** What a request is about, read by the caller. */
	record Parties(CoverageEligibilityRequest request, Patient patient, Coverage coverage, Organization payer,
			Resource provider, Patient subscriber) {}

	private EligibilityRequests() {}

	/**
	 * The 270 of a request.
	 *
	 * @param trace the check's trace number
	 * @param assigner TRN03, the inquirer's id ({@code 9} and nine characters)
	 * @param defaultServiceTypes the service types asked about when the request names none
	 * @throws EligibilityProblem when a party lacks what the 270 needs (payer id, member id, NPI)
	 */
	static EligibilityInquiry inquiry(Parties parties, String trace, String assigner, List<String> defaultServiceTypes,
			LocalDateTime now) {
		Coverage coverage = parties.coverage();
		String payerId = identifier(parties.payer() == null ? List.of() : parties.payer().getIdentifier(),
				PAYER_ID_SYSTEM);
		if (payerId == null) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_PAYER_ID, "The Coverage's payer has no payer id:"
					+ " add an identifier with system " + PAYER_ID_SYSTEM + " to the payer Organization",
					"Coverage.payor.resolve().identifier");
		}
		String memberId = coverage.hasSubscriberId() ? coverage.getSubscriberId().strip() : "";
		if (memberId.isEmpty()) {
			throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_MEMBER_ID, "The Coverage has no member id"
					+ " (subscriberId); the payer finds the member by it", "Coverage.subscriberId");
		}
		Party provider = provider(parties.provider());
		Party payer = Party.organization("PR", parties.payer().getName(), "PI", payerId);

		LocalDate service = serviceDate(parties.request(), now.toLocalDate());
		List<String> types = new ArrayList<>();
		for (CoverageEligibilityRequest.DetailsComponent item : parties.request().getItem()) {
			for (Coding coding : item.getCategory().getCoding()) {
				if (SERVICE_TYPE_SYSTEM.equals(coding.getSystem()) && coding.hasCode()
						&& !types.contains(coding.getCode())) {
					types.add(coding.getCode());
				}
			}
		}
		if (types.isEmpty()) {
			types.addAll(defaultServiceTypes);
		}
		List<Trace> traces = List.of(new Trace("1", trace, assigner, ""));
		List<DatePeriod> dates = List.of(DatePeriod.of("291", service));
		Patient patient = parties.patient();
		boolean self = isSelf(coverage);
		Person subscriber;
		Person dependent = null;
		if (self) {
			subscriber = person(patient, "IL", memberId, traces, dates, types);
		} else {
			Patient named = parties.subscriber();
			subscriber = named != null ? person(named, "IL", memberId, List.of(), List.of(), List.of())
					: new Person(new Party("IL", "1", "", "", "", "", "MI", memberId), null, "", "", List.of(),
							List.of(), List.of(), List.of(), List.of());
			dependent = person(patient, "03", "", traces, dates, types);
		}
		return new EligibilityInquiry(trace, now, payer, provider, subscriber, dependent);
	}

	/** Whether the patient is the subscriber: the Coverage's relationship is {@code self} or not given. */
	static boolean isSelf(Coverage coverage) {
		if (!coverage.hasRelationship()) {
			return true;
		}
		for (Coding coding : coverage.getRelationship().getCoding()) {
			if (RELATIONSHIP_SYSTEM.equals(coding.getSystem())) {
				return "self".equals(coding.getCode());
			}
		}
		return true;
	}

	private static Party provider(Resource provider) {
		String npi = null;
		if (provider instanceof Practitioner practitioner) {
			npi = identifier(practitioner.getIdentifier(), NPI_SYSTEM);
			if (npi != null) {
				HumanName name = practitioner.getNameFirstRep();
				return Party.person("1P", name.getFamily(), name.getGivenAsSingleString(), "XX", npi);
			}
		} else if (provider instanceof Organization organization) {
			npi = identifier(organization.getIdentifier(), NPI_SYSTEM);
			if (npi != null) {
				return Party.organization("1P", organization.getName(), "XX", npi);
			}
		}
		throw new EligibilityProblem(ErrorCode.ELIGIBILITY_NO_PROVIDER, provider == null
				? "The request names no provider: set provider to the Practitioner or Organization asking, with its NPI"
				: "The request's provider has no NPI (identifier system " + NPI_SYSTEM + ")",
				"CoverageEligibilityRequest.provider");
	}

	private static Person person(Patient patient, String entity, String memberId, List<Trace> traces,
			List<DatePeriod> dates, List<String> types) {
		HumanName name = patient.getNameFirstRep();
		String given = name.getGiven().isEmpty() ? "" : name.getGiven().get(0).getValue();
		Party party = new Party(entity, "1", name.getFamily(), given, name.getGiven().size() > 1
				? name.getGiven().get(1).getValue() : "", "", memberId.isEmpty() ? "" : "MI", memberId);
		LocalDate birth = day(patient.getBirthDateElement());
		String gender = !patient.hasGender() ? "" : switch (patient.getGender()) {
			case FEMALE -> "F";
			case MALE -> "M";
			default -> "U";
		};
		return new Person(party, birth, gender, "", traces, dates, types, List.of(), List.of());
	}

	private static LocalDate serviceDate(CoverageEligibilityRequest request, LocalDate today) {
		if (request.hasServicedDateType() && day(request.getServicedDateType()) != null) {
			return day(request.getServicedDateType());
		}
		if (request.hasServicedPeriod() && day(request.getServicedPeriod().getStartElement()) != null) {
			return day(request.getServicedPeriod().getStartElement());
		}
		return today;
	}

	/** The calendar day a date or date-time names as written (no time zone shift), or {@code null}. */
	static LocalDate day(BaseDateTimeType value) {
		String text = value == null ? null : value.getValueAsString();
		if (text == null || text.length() < 10) {
			return null;
		}
		try {
			return LocalDate.parse(text.substring(0, 10));
		} catch (DateTimeParseException e) {
			return null;
		}
	}

	static String identifier(List<Identifier> identifiers, String system) {
		for (Identifier identifier : identifiers) {
			if (system.equals(identifier.getSystem()) && identifier.hasValue() && !identifier.getValue().isBlank()) {
				return identifier.getValue().strip();
			}
		}
		return null;
	}

	/** A service type as a CodeableConcept (for {@code item.category}). */
	static CodeableConcept serviceType(String code, String display) {
		return new CodeableConcept(new Coding(SERVICE_TYPE_SYSTEM, code, display));
	}
}
