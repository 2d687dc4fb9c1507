package org.openrcm.server.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.BenefitComponent;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.InsuranceComponent;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.ItemsComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.EligibilityCodes;
import org.openrcm.server.x12.elig.EligibilityResponse;

/**
 * Maps what came back for an eligibility check to the CoverageEligibilityResponse staff read, and says how the
 * Coverage changes. Pure: the caller reads and writes the resources.
 *
 * <p>A 271 becomes: {@code outcome} {@code complete} when it reports benefits for the patient, else {@code error};
 * {@code insurance.inforce} true when a benefit says active coverage ({@code EB01} 1 to 5), false when it says
 * inactive (6 to 8) and none says active; {@code insurance.benefitPeriod} from the plan dates ({@code DTP*346/347},
 * else eligibility {@code 356/357}); one {@code item} per service type, network and coverage level, with
 * {@code category} the service type ({@value EligibilityRequests#SERVICE_TYPE_SYSTEM}), {@code network}
 * {@code in}/{@code out}, {@code unit} {@code individual}/{@code family}, {@code term} {@code annual} for
 * calendar-year amounts, {@code authorizationRequired} from {@code EB11}, {@code excluded} for not covered
 * ({@code EB01 I}), and one {@code benefit} per amount, percent or quantity: deductible and out-of-pocket maximum
 * with {@code allowedMoney} the total and {@code usedMoney} what is met when the remaining amount is given too, and a
 * separate "... remaining" benefit with the remaining amount; co-payment as money, co-insurance as a percentage
 * string ({@code "20%"}), visit limits as a number. Every AAA becomes an {@code error} coded with its reject reason in
 * {@value #AAA_SYSTEM}, its text naming the loop and the follow-up action.
 */
final class EligibilityAnswers {

	/** The code system of the 271's AAA reject reasons (the IG's CodeSystem x12-aaa-reject-reason). */
	static final String AAA_SYSTEM = OpenRcmIg.X12_AAA_REJECT_REASON_CODE_SYSTEM;
	/** The identifier system of a response's trace number (the 270's TRN02). */
	static final String TRACE_SYSTEM = OpenRcmIg.ELIGIBILITY_TRACE_SYSTEM;
	static final String BENEFIT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/benefit-type";
	static final String NETWORK_SYSTEM = "http://terminology.hl7.org/CodeSystem/benefit-network";
	static final String UNIT_SYSTEM = "http://terminology.hl7.org/CodeSystem/benefit-unit";
	static final String TERM_SYSTEM = "http://terminology.hl7.org/CodeSystem/benefit-term";

	private static final Set<String> ACTIVE = Set.of("1", "2", "3", "4", "5");
	private static final Set<String> INACTIVE = Set.of("6", "7", "8");

	/** How a Coverage changes by what the payer said: its new status and period. */
	record CoverageChange(Coverage.CoverageStatus status, LocalDate start, LocalDate end) {

		/** The Coverage with the change applied, or empty when it already says so. */
		Optional<Coverage> apply(Coverage coverage) {
			boolean changed = coverage.getStatus() != status;
			Period period = coverage.getPeriod();
			if (start != null && !start.equals(EligibilityRequests.day(period.getStartElement()))) {
				changed = true;
			}
			if (end != null && !end.equals(EligibilityRequests.day(period.getEndElement()))) {
				changed = true;
			}
			if (!changed) {
				return Optional.empty();
			}
			Coverage copy = coverage.copy();
			copy.setStatus(status);
			if (start != null) {
				copy.getPeriod().setStartElement(new DateTimeType(start.toString()));
			}
			if (end != null) {
				copy.getPeriod().setEndElement(new DateTimeType(end.toString()));
			}
			return Optional.of(copy);
		}
	}

	private EligibilityAnswers() {}

	/** The response's frame: id, identifier, request, patient, parties, created; no outcome yet. */
	static CoverageEligibilityResponse frame(String id, String trace, String requestId,
			CoverageEligibilityRequest request, Coverage coverage, Date created) {
		CoverageEligibilityResponse response = new CoverageEligibilityResponse();
		response.setId(id);
		response.addIdentifier().setSystem(TRACE_SYSTEM).setValue(trace);
		response.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
		if (request.hasPurpose()) {
			request.getPurpose().forEach(p -> response.addPurpose(
					CoverageEligibilityResponse.EligibilityResponsePurpose.fromCode(p.getValue().toCode())));
		} else {
			response.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.BENEFITS);
		}
		response.setPatient(request.getPatient().copy());
		if (request.hasServiced()) {
			response.setServiced(request.getServiced().copy());
		}
		response.setCreated(created);
		if (request.hasProvider()) {
			response.setRequestor(request.getProvider().copy());
		}
		response.setRequest(new Reference("CoverageEligibilityRequest/" + requestId));
		Reference insurer = request.hasInsurer() ? request.getInsurer().copy()
				: coverage != null && coverage.hasPayor() ? coverage.getPayorFirstRep().copy() : null;
		if (insurer != null) {
			response.setInsurer(insurer);
		}
		Reference coverageReference = request.getInsuranceFirstRep().getCoverage();
		if (coverageReference.hasReference()) {
			response.addInsurance().setCoverage(coverageReference.copy());
		}
		return response;
	}

	/** Waiting for the payer's answer (a 270 sent on the batch channel). */
	static CoverageEligibilityResponse queued(CoverageEligibilityResponse frame, String connection) {
		return frame.setOutcome(RemittanceOutcome.QUEUED).setDisposition("Sent to the payer through clearinghouse"
				+ " connection '" + connection + "' as a batch file; waiting for the 271");
	}

	/** No answer will come: the code says why, the message says it in words. */
	static CoverageEligibilityResponse failed(CoverageEligibilityResponse frame, ErrorCode code, String message) {
		frame.setOutcome(RemittanceOutcome.ERROR).setDisposition(message);
		frame.getError().clear();
		frame.addError().setCode(new CodeableConcept(new Coding(ErrorCode.SYSTEM, code.code(), null))
				.setText(code.code() + ": " + message));
		return frame;
	}

	/** The payer's 271, applied to the frame. */
	static CoverageEligibilityResponse answered(CoverageEligibilityResponse frame, EligibilityResponse answer) {
		frame.getError().clear();
		for (RequestError error : answer.allErrors()) {
			frame.addError().setCode(new CodeableConcept(new Coding(AAA_SYSTEM, error.reason(),
					EligibilityCodes.rejectReason(error.reason()))).setText("AAA " + error.reason() + " in loop "
							+ error.loop() + ": " + EligibilityCodes.rejectReason(error.reason()) + "; follow-up "
							+ error.followUp() + ": " + EligibilityCodes.followUp(error.followUp())));
		}
		List<Benefit> benefits = answer.benefits();
		InsuranceComponent insurance = frame.hasInsurance() ? frame.getInsuranceFirstRep() : frame.addInsurance();
		insurance.getItem().clear();
		Optional<Person> patient = answer.patient();
		if (benefits.isEmpty()) {
			frame.setOutcome(RemittanceOutcome.ERROR);
			frame.setDisposition(answer.allErrors().isEmpty() ? "The payer reported no benefits"
					: "Not answered by the payer: " + String.join("; ", answer.allErrors().stream()
							.map(RequestError::description).toList()));
			return frame;
		}
		frame.setOutcome(RemittanceOutcome.COMPLETE);
		boolean active = benefits.stream().anyMatch(b -> ACTIVE.contains(b.code()));
		boolean inactive = benefits.stream().anyMatch(b -> INACTIVE.contains(b.code()));
		if (active || inactive) {
			insurance.setInforce(active);
		}
		patient.flatMap(EligibilityAnswers::planPeriod).ifPresent(period -> insurance.setBenefitPeriod(new Period()
				.setStartElement(new DateTimeType(period.start().toString()))
				.setEndElement(period.end() == null ? null : new DateTimeType(
						period.end().toString()))));
		String plan = benefits.stream().map(Benefit::planDescription).filter(p -> !p.isEmpty()).findFirst().orElse("");
		frame.setDisposition((active ? "Coverage active" : inactive ? "Coverage inactive" : "Benefits reported")
				+ (plan.isEmpty() ? "" : ": " + plan) + (answer.allErrors().isEmpty() ? ""
						: " (with payer notes: " + String.join("; ", answer.allErrors().stream()
								.map(RequestError::description).toList()) + ")"));
		items(insurance, benefits);
		return frame;
	}

	/** How the Coverage changes by the answer, if the payer said anything about its status or dates. */
	static Optional<CoverageChange> coverageChange(EligibilityResponse answer) {
		List<Benefit> benefits = answer.benefits();
		boolean active = benefits.stream().anyMatch(b -> ACTIVE.contains(b.code()));
		boolean inactive = benefits.stream().anyMatch(b -> INACTIVE.contains(b.code()));
		if (!active && !inactive) {
			return Optional.empty();
		}
		Optional<PlanPeriod> period = answer.patient().flatMap(EligibilityAnswers::planPeriod);
		if (active) {
			return Optional.of(new CoverageChange(Coverage.CoverageStatus.ACTIVE,
					period.map(PlanPeriod::start).orElse(null), period.map(PlanPeriod::end).orElse(null)));
		}
		return Optional.of(new CoverageChange(Coverage.CoverageStatus.CANCELLED, null,
				period.map(PlanPeriod::end).orElse(null)));
	}

	/** Plan (346/347) or eligibility (356/357) dates, or a plan range (291). */
	private record PlanPeriod(LocalDate start, LocalDate end) {}

	private static Optional<PlanPeriod> planPeriod(Person person) {
		for (String[] pair : new String[][] {{"346", "347"}, {"356", "357"}}) {
			Optional<DatePeriod> start = person.date(pair[0]);
			Optional<DatePeriod> end = person.date(pair[1]);
			if (start.isPresent() || end.isPresent()) {
				return Optional.of(new PlanPeriod(start.map(DatePeriod::start).orElse(null),
						end.map(DatePeriod::start).orElse(null)));
			}
		}
		return person.date("291").filter(d -> !d.singleDay()).map(d -> new PlanPeriod(d.start(), d.end()));
	}

	private static void items(InsuranceComponent insurance, List<Benefit> benefits) {
		Map<String, ItemsComponent> items = new LinkedHashMap<>();
		Map<String, List<Benefit>> grouped = new LinkedHashMap<>();
		for (Benefit benefit : benefits) {
			List<String> types = benefit.serviceTypes().isEmpty() ? List.of("30") : benefit.serviceTypes();
			for (String type : types) {
				String key = type + "|" + benefit.inNetwork() + "|" + benefit.coverageLevel();
				grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(benefit);
				items.computeIfAbsent(key, k -> item(type, benefit));
			}
		}
		for (Map.Entry<String, List<Benefit>> group : grouped.entrySet()) {
			ItemsComponent item = items.get(group.getKey());
			benefits(item, group.getValue());
			insurance.addItem(item);
		}
	}

	private static ItemsComponent item(String serviceType, Benefit first) {
		ItemsComponent item = new ItemsComponent();
		item.setCategory(EligibilityRequests.serviceType(serviceType, EligibilityCodes.serviceType(serviceType)));
		if ("Y".equals(first.inNetwork()) || "N".equals(first.inNetwork())) {
			String code = "Y".equals(first.inNetwork()) ? "in" : "out";
			item.setNetwork(new CodeableConcept(new Coding(NETWORK_SYSTEM, code, "Y".equals(first.inNetwork())
					? "In Network" : "Out of Network")));
		}
		if ("IND".equals(first.coverageLevel()) || "FAM".equals(first.coverageLevel())) {
			String code = "IND".equals(first.coverageLevel()) ? "individual" : "family";
			item.setUnit(new CodeableConcept(new Coding(UNIT_SYSTEM, code, null)));
		}
		return item;
	}

	private static void benefits(ItemsComponent item, List<Benefit> benefits) {
		Map<String, BigDecimal> totals = new LinkedHashMap<>();
		for (Benefit benefit : benefits) {
			if (!benefit.planDescription().isEmpty() && !item.hasName()) {
				item.setName(benefit.planDescription());
			}
			if ("Y".equals(benefit.authorizationRequired())) {
				item.setAuthorizationRequired(true);
			} else if ("N".equals(benefit.authorizationRequired()) && !item.hasAuthorizationRequired()) {
				item.setAuthorizationRequired(false);
			}
			if ("I".equals(benefit.code())) {
				item.setExcluded(true);
			}
			if (Set.of("22", "23", "24").contains(benefit.timePeriod()) && !item.hasTerm()) {
				item.setTerm(new CodeableConcept(new Coding(TERM_SYSTEM, "annual", "Annual")));
			}
			if (benefit.amount() == null && benefit.percent() == null && benefit.quantity() == null) {
				if (ACTIVE.contains(benefit.code()) || INACTIVE.contains(benefit.code())) {
					item.setDescription(EligibilityCodes.benefit(benefit.code()));
				}
				continue;
			}
			boolean remaining = "29".equals(benefit.timePeriod());
			String words = EligibilityCodes.benefit(benefit.code()) + (remaining ? " remaining" : "")
					+ (benefit.timePeriod().isEmpty() || remaining ? ""
							: " (" + EligibilityCodes.timePeriod(benefit.timePeriod()) + ")");
			CodeableConcept type = new CodeableConcept().setText(words);
			switch (benefit.code()) {
				case "C" -> type.addCoding(new Coding(BENEFIT_TYPE_SYSTEM, "deductible", "Deductible"));
				case "B" -> type.addCoding(new Coding(BENEFIT_TYPE_SYSTEM, "copay", "Copayment per service"));
				default -> {
					// no HL7 benefit type says co-insurance or out-of-pocket maximum: the text does
				}
			}
			BenefitComponent entry = item.addBenefit().setType(type);
			if (benefit.amount() != null) {
				entry.setAllowed(money(benefit.amount()));
				if (!remaining && Set.of("C", "G").contains(benefit.code())) {
					totals.put(benefit.code(), benefit.amount());
				}
			} else if (benefit.percent() != null) {
				entry.setAllowed(new StringType(
						benefit.percent().movePointRight(2).stripTrailingZeros().toPlainString() + "%"));
			} else {
				entry.setAllowed(new UnsignedIntType(benefit.quantity().intValue()));
			}
		}
		// a total with its remaining amount: what is met is the difference
		for (BenefitComponent entry : item.getBenefit()) {
			String text = entry.getType().getText();
			for (Map.Entry<String, BigDecimal> total : totals.entrySet()) {
				String words = EligibilityCodes.benefit(total.getKey());
				Optional<BigDecimal> left = item.getBenefit().stream()
						.filter(b -> Objects.equals(b.getType().getText(), words + " remaining"))
						.map(b -> b.getAllowedMoney().getValue()).findFirst();
				if (text.startsWith(words + " (") && left.isPresent()) {
					entry.setUsed(money(total.getValue().subtract(left.get()).max(BigDecimal.ZERO)));
				}
			}
		}
	}

	private static Money money(BigDecimal value) {
		return new Money().setValue(value.setScale(2, RoundingMode.HALF_UP)).setCurrency("USD");
	}

	/** A day as a FHIR date. */
	static DateType date(LocalDate day) {
		return new DateType(day.toString());
	}
}
