package org.openrcm.server.coding;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;

/**
 * Builds the draft professional Claim (the future 837P) for one encounter from resources already read from the
 * encounter's tenant. No storage, no Spring: what it returns depends only on its inputs and the clock.
 *
 * <p>The claim, element by element:
 * <ul>
 * <li>{@code identifier}: {@value #DRAFT_CLAIM_SYSTEM} | the encounter id: one draft per encounter.</li>
 * <li>{@code status} draft, {@code use} claim, {@code type} professional, {@code priority} normal,
 * {@code created} now.</li>
 * <li>{@code patient}: {@code Encounter.subject}, which must be a Patient ({@link #patientOf}).</li>
 * <li>{@code provider} (billing, 2010AA): {@code Encounter.serviceProvider} when it is an Organization.</li>
 * <li>{@code careTeam[0]} (rendering, 2310B), role {@code primary}: the practitioner among
 * {@code Encounter.participant} whose type is primary performer ({@code PPRF}), else attender ({@code ATND}), else
 * the first Practitioner or PractitionerRole. Every line points at it.</li>
 * <li>{@code insurance[0]} (focal, sequence 1) and {@code insurer}: the patient's active Coverage, preferring one in
 * effect on the date of service, then the lowest {@code Coverage.order}, then the latest {@code period.start}, then
 * the most recently updated; {@code insurer} is its first {@code payor} that is an Organization.</li>
 * <li>{@code diagnosis} (HI, at most {@value #MAX_DIAGNOSES}): the Conditions of {@code Encounter.diagnosis} in
 * {@code rank} order (unranked after ranked, as listed), then the other Conditions recorded for the encounter in the
 * order given; from each its first ICD-10-CM coding; a code already on the claim is not repeated. Conditions
 * entered in error or refuted are left out.</li>
 * <li>{@code item} (2400): one per Procedure (unless not done or entered in error) and per ChargeItem (unless not
 * billable, aborted or entered in error) with a CPT or HCPCS coding, Procedures first in the order given. A
 * ChargeItem whose {@code service} names one of the Procedures is the billing record of that procedure: it takes
 * the procedure's place, and the procedure's date, reasons and modifiers fill what the charge does not state.
 * <ul>
 * <li>{@code modifier} (at most {@value #MAX_MODIFIERS}): from the repeating extension {@value #SERVICE_MODIFIER}
 * (valueCodeableConcept or valueCoding, a CPT or HCPCS modifier) on the ChargeItem or Procedure. R4 has no modifier
 * element on either, and a modifier is not an alternative coding of the procedure, so it does not belong among
 * {@code code.coding}.</li>
 * <li>{@code quantity}: {@code ChargeItem.quantity} when positive, else 1.</li>
 * <li>{@code servicedDate}: {@code Procedure.performed[x]} (dateTime, or a Period's start) or
 * {@code ChargeItem.occurrence[x]}, else the encounter's start; the calendar date as recorded, in the recorded
 * offset.</li>
 * <li>{@code locationCodeableConcept} (place of service) for every line, and {@code Claim.facility}: the first
 * {@code Encounter.location} (not merely planned) whose Location type has a CMS place-of-service coding; failing
 * that, an ambulatory encounter ({@code class} AMB) gets the configured default (11, office).</li>
 * <li>{@code diagnosisSequence} (at most {@value #MAX_POINTERS}): the claim diagnoses named by the service's reasons
 * ({@code Procedure.reasonReference} to a Condition, {@code reasonCode} / {@code ChargeItem.reason} ICD-10-CM
 * codings), in order; none stated or none on the claim: the first four diagnoses.</li>
 * <li>{@code net} and {@code unitPrice}: from {@code ChargeItem.priceOverride}, which in R4 is the charge's total
 * price: net = priceOverride, unitPrice = net / quantity (cents, half up); without one, from the tenant's
 * {@link FeeSchedule} for the code on the date of service: unitPrice = the fee, net = fee × quantity. No price
 * either way: both left empty. {@code total} is the sum of the known nets; absent when none is.</li>
 * <li>{@code encounter}: the encounter.</li>
 * </ul></li>
 * <li>Timestamps for the coding-turnaround KPI: extension {@value #ENCOUNTER_ENDED} ({@code Encounter.period.end},
 * as recorded) and {@value #CLAIM_DRAFTED} (now), both valueDateTime.</li>
 * <li>Issues: whatever could not be filled, or was defaulted, is an issue with a stable ORCM-41xx code and the
 * FHIRPath of the element concerned, in an OperationOutcome contained in the claim (id {@value #ISSUES_ID}) and
 * referenced by the extension {@value #DRAFT_ISSUES}. A claim with nothing to report has neither.</li>
 * </ul>
 */
final class ClaimDrafter {

	/** Claim extension, valueDateTime: when the encounter ended ({@code Encounter.period.end}). */
	static final String ENCOUNTER_ENDED = OpenRcmIg.ENCOUNTER_ENDED_EXTENSION;
	/** Claim extension, valueDateTime: when the claim was drafted from the encounter. */
	static final String CLAIM_DRAFTED = OpenRcmIg.CLAIM_DRAFTED_EXTENSION;
	/** Claim extension, valueReference to the contained OperationOutcome listing the draft's issues. */
	static final String DRAFT_ISSUES = OpenRcmIg.DRAFT_ISSUES_EXTENSION;
	/** ChargeItem / Procedure extension, repeating, valueCodeableConcept or valueCoding: a CPT or HCPCS modifier. */
	static final String SERVICE_MODIFIER = OpenRcmIg.SERVICE_MODIFIER_EXTENSION;
	/** The identifier system of draft claims; the value is the id of the encounter the claim was drafted from. */
	static final String DRAFT_CLAIM_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/draft-claim";
	/** The id of the contained OperationOutcome. */
	static final String ISSUES_ID = "draft-issues";

	static final int MAX_DIAGNOSES = 12;
	static final int MAX_POINTERS = 4;
	static final int MAX_MODIFIERS = 4;

	static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";
	static final String PRIORITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/processpriority";
	static final String CARE_TEAM_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claimcareteamrole";
	static final String PARTICIPATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private final Clock clock;
	private final String ambulatoryPlaceOfService;

	/**
	 * @param clock the time stamped as {@code created} and {@value #CLAIM_DRAFTED}
	 * @param ambulatoryPlaceOfService the place of service of an ambulatory encounter whose Locations name none
	 */
	ClaimDrafter(Clock clock, String ambulatoryPlaceOfService) {
		this.clock = Objects.requireNonNull(clock);
		this.ambulatoryPlaceOfService = Objects.requireNonNull(ambulatoryPlaceOfService);
	}

	/**
	 * What the claim is drafted from, all from the encounter's tenant.
	 *
	 * @param encounter the encounter, with its id
	 * @param coverages the patient's Coverages (inactive ones are ignored)
	 * @param conditions the Conditions recorded for the encounter and those {@code Encounter.diagnosis} names, in the
	 *                   order they were recorded
	 * @param procedures the Procedures recorded for the encounter, in the order they were recorded
	 * @param chargeItems the ChargeItems whose context is the encounter, in the order they were recorded
	 * @param locations the Locations {@code Encounter.location} names
	 * @param fees the tenant's fee schedule
	 */
	record Sources(
			Encounter encounter,
			List<Coverage> coverages,
			List<Condition> conditions,
			List<Procedure> procedures,
			List<ChargeItem> chargeItems,
			List<Location> locations,
			FeeSchedule fees) {

		Sources {
			Objects.requireNonNull(encounter);
			Objects.requireNonNull(fees);
			coverages = List.copyOf(coverages);
			conditions = List.copyOf(conditions);
			procedures = List.copyOf(procedures);
			chargeItems = List.copyOf(chargeItems);
			locations = List.copyOf(locations);
		}
	}

	/**
	 * The patient to bill: {@code Encounter.subject}, versionless.
	 *
	 * @throws UnprocessableEntityException (422, {@link ErrorCode#ENCOUNTER_WITHOUT_PATIENT}) when the encounter
	 *         has no subject or its subject is not a Patient
	 */
	static Reference patientOf(Encounter encounter) {
		Reference subject = encounter.getSubject();
		if (!"Patient".equals(typeOf(subject)) || subject.getReferenceElement().getIdPart() == null) {
			String message = "Encounter/" + encounter.getIdElement().getIdPart()
					+ " has no subject Patient; a claim needs the patient it bills for (Encounter.subject)";
			ErrorCode code = ErrorCode.ENCOUNTER_WITHOUT_PATIENT;
			throw new UnprocessableEntityException(code.code() + ": " + message, code.outcome(message));
		}
		return new Reference(key(subject));
	}

	/** The identifier that makes a draft claim the one of its encounter. */
	static Identifier identifierFor(IIdType encounterId) {
		return new Identifier().setSystem(DRAFT_CLAIM_SYSTEM).setValue(encounterId.getIdPart());
	}

	/** The contained OperationOutcome listing the claim's draft issues, if it has one. */
	static Optional<OperationOutcome> issuesOf(Claim claim) {
		return claim.getContained().stream()
				.filter(r -> r instanceof OperationOutcome && ISSUES_ID.equals(r.getIdElement().getIdPart()))
				.map(OperationOutcome.class::cast)
				.findFirst();
	}

	/**
	 * Drafts the claim. It has no id yet.
	 *
	 * @throws UnprocessableEntityException as {@link #patientOf} does
	 */
	Claim draft(Sources sources) {
		Encounter encounter = sources.encounter();
		Reference patient = patientOf(encounter);
		Issues issues = new Issues();
		DateTimeType now = new DateTimeType(
				Date.from(clock.instant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(clock.getZone()));
		Reference encounterRef = new Reference("Encounter/" + encounter.getIdElement().getIdPart());

		Claim claim = new Claim();
		claim.addIdentifier(identifierFor(encounter.getIdElement()));
		claim.setStatus(Claim.ClaimStatus.DRAFT)
				.setType(new CodeableConcept(new Coding(CLAIM_TYPE_SYSTEM, "professional", "Professional")))
				.setUse(Claim.Use.CLAIM)
				.setPatient(patient)
				.setCreatedElement(now.copy())
				.setPriority(new CodeableConcept(new Coding(PRIORITY_SYSTEM, "normal", "Normal")));

		if ("Organization".equals(typeOf(encounter.getServiceProvider()))) {
			claim.setProvider(new Reference(key(encounter.getServiceProvider())));
		} else {
			issues.add(ErrorCode.DRAFT_NO_BILLING_PROVIDER, IssueSeverity.WARNING, "Claim.provider",
					"The encounter names no service provider Organization (Encounter.serviceProvider); "
							+ "enter the billing provider");
		}

		Optional<Reference> rendering = renderingProvider(encounter);
		rendering.ifPresentOrElse(
				practitioner -> claim.addCareTeam()
						.setSequence(1)
						.setProvider(practitioner)
						.setRole(new CodeableConcept(new Coding(CARE_TEAM_ROLE_SYSTEM, "primary", "Primary provider"))),
				() -> issues.add(ErrorCode.DRAFT_NO_RENDERING_PROVIDER, IssueSeverity.WARNING, "Claim.careTeam",
						"No practitioner takes part in the encounter (Encounter.participant); "
								+ "enter the rendering provider"));

		Diagnoses diagnoses = addDiagnoses(claim, encounter, sources.conditions(), issues);
		PlaceOfService place = placeOfService(encounter, sources.locations(), issues);
		place.facility().ifPresent(claim::setFacility);

		LocalDate encounterDate = date(encounter.getPeriod().getStartElement());
		List<Service> services = services(sources, diagnoses, encounterDate, issues);
		BigDecimal total = null;
		String currency = null;
		for (Service service : services) {
			Claim.ItemComponent item = addItem(claim, service, diagnoses, place, rendering.isPresent(), encounterRef,
					issues);
			if (item.hasNet()) {
				total = total == null ? item.getNet().getValue() : total.add(item.getNet().getValue());
				currency = currency != null ? currency : item.getNet().getCurrency();
			}
		}
		if (services.isEmpty()) {
			issues.add(ErrorCode.DRAFT_NO_SERVICE_LINES, IssueSeverity.WARNING, "Claim.item",
					"No Procedure or ChargeItem of the encounter has a CPT or HCPCS code; enter the services");
		}
		if (total != null) {
			claim.setTotal(new Money().setValue(total).setCurrency(currency));
		}

		LocalDate dateOfService = services.stream()
				.map(Service::date)
				.filter(Objects::nonNull)
				.min(Comparator.naturalOrder())
				.orElse(encounterDate);
		addInsurance(claim, patient, sources.coverages(), dateOfService, issues);

		if (encounter.getPeriod().hasEnd()) {
			claim.addExtension(ENCOUNTER_ENDED, encounter.getPeriod().getEndElement().copy());
		} else {
			issues.add(ErrorCode.DRAFT_ENCOUNTER_NOT_ENDED, IssueSeverity.WARNING, "Claim.extension",
					"The encounter has no end (Encounter.period.end), so coding turnaround cannot be measured for it");
		}
		claim.addExtension(CLAIM_DRAFTED, now.copy());

		if (!issues.outcome.getIssue().isEmpty()) {
			issues.outcome.setId(ISSUES_ID);
			claim.addContained(issues.outcome);
			claim.addExtension(DRAFT_ISSUES, new Reference("#" + ISSUES_ID));
		}
		return claim;
	}

	// --- care team -------------------------------------------------------------------------------------------------

	private static Optional<Reference> renderingProvider(Encounter encounter) {
		List<Encounter.EncounterParticipantComponent> practitioners = encounter.getParticipant().stream()
				.filter(p -> Set.of("Practitioner", "PractitionerRole").contains(typeOf(p.getIndividual())))
				.toList();
		for (String type : List.of("PPRF", "ATND")) {
			for (Encounter.EncounterParticipantComponent participant : practitioners) {
				boolean typed = participant.getType().stream()
						.flatMap(t -> t.getCoding().stream())
						.anyMatch(c -> type.equals(c.getCode())
								&& (!c.hasSystem() || PARTICIPATION_TYPE_SYSTEM.equals(c.getSystem())));
				if (typed) {
					return Optional.of(new Reference(key(participant.getIndividual())));
				}
			}
		}
		return practitioners.stream().findFirst().map(p -> new Reference(key(p.getIndividual())));
	}

	// --- diagnoses -------------------------------------------------------------------------------------------------

	/** Which claim diagnosis (its sequence) stands for a Condition and for an ICD-10-CM code. */
	private record Diagnoses(Map<String, Integer> byCondition, Map<String, Integer> byCode, int count) {

		List<Integer> first(int n) {
			List<Integer> sequences = new ArrayList<>();
			for (int i = 1; i <= Math.min(n, count); i++) {
				sequences.add(i);
			}
			return sequences;
		}
	}

	private static Diagnoses addDiagnoses(Claim claim, Encounter encounter, List<Condition> conditions, Issues issues) {
		Map<String, Condition> byKey = new LinkedHashMap<>();
		for (Condition condition : conditions) {
			byKey.putIfAbsent(key(condition), condition);
		}
		List<Encounter.DiagnosisComponent> ranked = new ArrayList<>(encounter.getDiagnosis());
		ranked.sort(Comparator.comparingInt(d -> d.hasRank() ? d.getRank() : Integer.MAX_VALUE)); // stable
		Set<Condition> ordered = new LinkedHashSet<>();
		for (Encounter.DiagnosisComponent diagnosis : ranked) {
			Condition condition = byKey.get(key(diagnosis.getCondition()));
			if (condition != null) {
				ordered.add(condition);
			}
		}
		ordered.addAll(byKey.values());

		Map<String, Integer> byCondition = new HashMap<>();
		Map<String, Integer> byCode = new HashMap<>();
		List<String> dropped = new ArrayList<>();
		for (Condition condition : ordered) {
			if (isVoided(condition)) {
				continue;
			}
			Optional<Coding> icd = condition.getCode().getCoding().stream()
					.filter(c -> Icd10CmCodeSet.SYSTEM.equals(c.getSystem()) && c.hasCode())
					.findFirst();
			if (icd.isEmpty()) {
				issues.add(ErrorCode.DRAFT_DIAGNOSIS_NOT_ICD10CM, IssueSeverity.WARNING, "Claim.diagnosis",
						key(condition) + describe(condition.getCode())
								+ " has no ICD-10-CM code and is not on the claim; code it if it is billable");
				continue;
			}
			String code = normalizedIcd(icd.get().getCode());
			Integer sequence = byCode.get(code);
			if (sequence == null) {
				if (claim.getDiagnosis().size() == MAX_DIAGNOSES) {
					dropped.add(icd.get().getCode());
					continue;
				}
				sequence = claim.getDiagnosis().size() + 1;
				claim.addDiagnosis()
						.setSequence(sequence)
						.setDiagnosis(new CodeableConcept(new Coding(
								Icd10CmCodeSet.SYSTEM, icd.get().getCode().trim(), icd.get().getDisplay())));
				byCode.put(code, sequence);
			}
			byCondition.put(key(condition), sequence);
		}
		if (!dropped.isEmpty()) {
			issues.add(ErrorCode.DRAFT_TOO_MANY_DIAGNOSES, IssueSeverity.WARNING, "Claim.diagnosis",
					"A professional claim holds at most " + MAX_DIAGNOSES + " diagnoses; not on the claim: "
							+ String.join(", ", dropped));
		}
		if (claim.getDiagnosis().isEmpty()) {
			issues.add(ErrorCode.DRAFT_NO_DIAGNOSIS, IssueSeverity.WARNING, "Claim.diagnosis",
					"No diagnosis of the encounter has an ICD-10-CM code; enter the diagnoses");
		}
		return new Diagnoses(Map.copyOf(byCondition), Map.copyOf(byCode), claim.getDiagnosis().size());
	}

	private static boolean isVoided(Condition condition) {
		return condition.getVerificationStatus().getCoding().stream()
				.anyMatch(c -> "entered-in-error".equals(c.getCode()) || "refuted".equals(c.getCode()));
	}

	/** ICD-10-CM codes compare without the dot and case: {@code E11.9} and {@code e119} are one code. */
	private static String normalizedIcd(String code) {
		return code.trim().replace(".", "").toUpperCase(Locale.ROOT);
	}

	// --- place of service ------------------------------------------------------------------------------------------

	private record PlaceOfService(Optional<Coding> code, Optional<Reference> facility) {}

	private PlaceOfService placeOfService(Encounter encounter, List<Location> locations, Issues issues) {
		Map<String, Location> byKey = new HashMap<>();
		locations.forEach(location -> byKey.putIfAbsent(key(location), location));
		Reference facility = null;
		for (Encounter.EncounterLocationComponent at : encounter.getLocation()) {
			Location location = byKey.get(key(at.getLocation()));
			if (location == null || at.getStatus() == Encounter.EncounterLocationStatus.PLANNED) {
				continue;
			}
			Reference reference = new Reference(key(location));
			facility = facility != null ? facility : reference;
			Optional<Coding> pos = location.getType().stream()
					.flatMap(type -> type.getCoding().stream())
					.filter(c -> PlaceOfServiceCodeSet.SYSTEM.equals(c.getSystem()) && c.hasCode())
					.findFirst();
			if (pos.isPresent()) {
				return new PlaceOfService(
						Optional.of(new Coding(PlaceOfServiceCodeSet.SYSTEM, pos.get().getCode(), pos.get().getDisplay())),
						Optional.of(reference));
			}
		}
		Coding encounterClass = encounter.getClass_();
		if ("AMB".equals(encounterClass.getCode())
				&& (!encounterClass.hasSystem() || ACT_CODE_SYSTEM.equals(encounterClass.getSystem()))) {
			return new PlaceOfService(
					Optional.of(new Coding(PlaceOfServiceCodeSet.SYSTEM, ambulatoryPlaceOfService, null)),
					Optional.ofNullable(facility));
		}
		issues.add(ErrorCode.DRAFT_NO_PLACE_OF_SERVICE, IssueSeverity.WARNING, "Claim.item.location",
				"None of the encounter's Locations has a place-of-service type and the encounter is not ambulatory; "
						+ "enter the place of service");
		return new PlaceOfService(Optional.empty(), Optional.ofNullable(facility));
	}

	// --- services --------------------------------------------------------------------------------------------------

	/** One billable service, before it becomes a claim line. */
	private record Service(
			Coding code,
			List<CodeableConcept> modifiers,
			BigDecimal quantity,
			LocalDate date,
			List<Integer> pointers,
			Money charge,
			String source) {}

	private static List<Service> services(
			Sources sources, Diagnoses diagnoses, LocalDate encounterDate, Issues issues) {
		Map<String, Procedure> procedures = new LinkedHashMap<>();
		for (Procedure procedure : sources.procedures()) {
			if (procedure.getStatus() == Procedure.ProcedureStatus.NOTDONE
					|| procedure.getStatus() == Procedure.ProcedureStatus.ENTEREDINERROR) {
				continue;
			}
			if (billingCode(procedure.getCode()).isEmpty()) {
				issues.add(ErrorCode.DRAFT_SERVICE_NOT_CPT_OR_HCPCS, IssueSeverity.WARNING, "Claim.item",
						key(procedure) + describe(procedure.getCode())
								+ " has no CPT or HCPCS code and is not billed; code it if it is billable");
				continue;
			}
			procedures.putIfAbsent(key(procedure), procedure);
		}

		// charges that will be lines, and the procedure each one is the billing record of
		Map<ChargeItem, Procedure> charges = new LinkedHashMap<>();
		Map<String, ChargeItem> chargeForProcedure = new HashMap<>();
		for (ChargeItem charge : sources.chargeItems()) {
			if (Set.of(ChargeItem.ChargeItemStatus.NOTBILLABLE, ChargeItem.ChargeItemStatus.ABORTED,
					ChargeItem.ChargeItemStatus.ENTEREDINERROR).contains(charge.getStatus())) {
				continue;
			}
			if (billingCode(charge.getCode()).isEmpty()) {
				issues.add(ErrorCode.DRAFT_SERVICE_NOT_CPT_OR_HCPCS, IssueSeverity.WARNING, "Claim.item",
						key(charge) + describe(charge.getCode())
								+ " has no CPT or HCPCS code and is not billed; code it if it is billable");
				continue;
			}
			Procedure procedure = charge.getService().stream()
					.map(ClaimDrafter::key)
					.filter(key -> procedures.containsKey(key) && !chargeForProcedure.containsKey(key))
					.findFirst()
					.map(procedures::get)
					.orElse(null);
			charges.put(charge, procedure);
			if (procedure != null) {
				chargeForProcedure.put(key(procedure), charge);
			}
		}

		List<Service> services = new ArrayList<>();
		for (Procedure procedure : procedures.values()) {
			ChargeItem charge = chargeForProcedure.get(key(procedure));
			services.add(charge != null
					? fromCharge(charge, procedure, diagnoses, encounterDate)
					: fromProcedure(procedure, diagnoses, encounterDate));
		}
		charges.forEach((charge, procedure) -> {
			if (procedure == null) {
				services.add(fromCharge(charge, null, diagnoses, encounterDate));
			}
		});
		services.replaceAll(service -> service.charge() != null ? service : priced(service, sources.fees()));
		return services;
	}

	/** A service without a stated charge, priced from the fee schedule when it has the code. */
	private static Service priced(Service service, FeeSchedule fees) {
		return fees.fee(service.code().getSystem(), service.code().getCode(), service.date())
				.map(fee -> new Service(service.code(), service.modifiers(), service.quantity(), service.date(),
						service.pointers(), fee.charge(service.quantity()), service.source()))
				.orElse(service);
	}

	private static Service fromProcedure(Procedure procedure, Diagnoses diagnoses, LocalDate encounterDate) {
		LocalDate date = performed(procedure);
		return new Service(
				billingCode(procedure.getCode()).orElseThrow(),
				modifiers(procedure),
				BigDecimal.ONE,
				date != null ? date : encounterDate,
				procedurePointers(procedure, diagnoses),
				null,
				key(procedure));
	}

	private static Service fromCharge(
			ChargeItem charge, Procedure procedure, Diagnoses diagnoses, LocalDate encounterDate) {
		LocalDate date = occurrence(charge);
		if (date == null && procedure != null) {
			date = performed(procedure);
		}
		Set<Integer> pointers = new LinkedHashSet<>(codePointers(charge.getReason(), diagnoses));
		if (procedure != null) {
			pointers.addAll(procedurePointers(procedure, diagnoses));
		}
		List<CodeableConcept> modifiers = modifiers(charge);
		if (modifiers.isEmpty() && procedure != null) {
			modifiers = modifiers(procedure);
		}
		BigDecimal quantity = charge.getQuantity().getValue();
		return new Service(
				billingCode(charge.getCode()).orElseThrow(),
				modifiers,
				quantity != null && quantity.signum() > 0 ? quantity : BigDecimal.ONE,
				date != null ? date : encounterDate,
				List.copyOf(pointers),
				charge.getPriceOverride().hasValue() ? charge.getPriceOverride() : null,
				key(charge));
	}

	/** The first CPT or HCPCS coding, as a plain coding (system, code, display). */
	private static Optional<Coding> billingCode(CodeableConcept code) {
		return code.getCoding().stream()
				.filter(c -> (CptCodeSet.SYSTEM.equals(c.getSystem()) || HcpcsCodeSet.SYSTEM.equals(c.getSystem()))
						&& c.hasCode())
				.findFirst()
				.map(c -> new Coding(c.getSystem(), c.getCode().trim(), c.getDisplay()));
	}

	private static List<CodeableConcept> modifiers(DomainResource resource) {
		List<CodeableConcept> modifiers = new ArrayList<>();
		for (Extension extension : resource.getExtensionsByUrl(SERVICE_MODIFIER)) {
			if (extension.getValue() instanceof CodeableConcept concept && concept.hasCoding()) {
				modifiers.add(concept.copy());
			} else if (extension.getValue() instanceof Coding coding && coding.hasCode()) {
				modifiers.add(new CodeableConcept(coding.copy()));
			}
		}
		return modifiers;
	}

	private static List<Integer> procedurePointers(Procedure procedure, Diagnoses diagnoses) {
		Set<Integer> pointers = new LinkedHashSet<>();
		for (Reference reason : procedure.getReasonReference()) {
			Integer sequence = diagnoses.byCondition().get(key(reason));
			if (sequence != null) {
				pointers.add(sequence);
			}
		}
		pointers.addAll(codePointers(procedure.getReasonCode(), diagnoses));
		return List.copyOf(pointers);
	}

	private static List<Integer> codePointers(List<CodeableConcept> reasons, Diagnoses diagnoses) {
		Set<Integer> pointers = new LinkedHashSet<>();
		for (CodeableConcept reason : reasons) {
			for (Coding coding : reason.getCoding()) {
				if (Icd10CmCodeSet.SYSTEM.equals(coding.getSystem()) && coding.hasCode()) {
					Integer sequence = diagnoses.byCode().get(normalizedIcd(coding.getCode()));
					if (sequence != null) {
						pointers.add(sequence);
					}
				}
			}
		}
		return List.copyOf(pointers);
	}

	private static LocalDate performed(Procedure procedure) {
		if (procedure.hasPerformedDateTimeType()) {
			return date(procedure.getPerformedDateTimeType());
		}
		if (procedure.hasPerformedPeriod()) {
			return date(procedure.getPerformedPeriod().getStartElement());
		}
		return null;
	}

	private static LocalDate occurrence(ChargeItem charge) {
		if (charge.hasOccurrenceDateTimeType()) {
			return date(charge.getOccurrenceDateTimeType());
		}
		if (charge.hasOccurrencePeriod()) {
			return date(charge.getOccurrencePeriod().getStartElement());
		}
		return null;
	}

	private static Claim.ItemComponent addItem(
			Claim claim,
			Service service,
			Diagnoses diagnoses,
			PlaceOfService place,
			boolean careTeam,
			Reference encounter,
			Issues issues) {
		int index = claim.getItem().size();
		String path = "Claim.item[" + index + "]";
		Claim.ItemComponent item = claim.addItem().setSequence(index + 1);
		if (careTeam) {
			item.addCareTeamSequence(1);
		}
		List<Integer> pointers = service.pointers();
		if (pointers.isEmpty() && diagnoses.count() > 0) {
			pointers = diagnoses.first(MAX_POINTERS);
			issues.add(ErrorCode.DRAFT_POINTERS_DEFAULTED, IssueSeverity.INFORMATION, path + ".diagnosisSequence",
					service.source() + " (" + service.code().getCode() + ") names no diagnosis on the claim as its "
							+ "reason; the line points at diagnoses " + pointers + "; check them");
		}
		pointers.stream().limit(MAX_POINTERS).forEach(item::addDiagnosisSequence);
		item.setProductOrService(new CodeableConcept(service.code()));
		List<CodeableConcept> modifiers = service.modifiers();
		if (modifiers.size() > MAX_MODIFIERS) {
			issues.add(ErrorCode.DRAFT_TOO_MANY_MODIFIERS, IssueSeverity.WARNING, path + ".modifier",
					service.source() + " has " + modifiers.size() + " modifiers; a line holds " + MAX_MODIFIERS
							+ ", the others are not on it");
			modifiers = modifiers.subList(0, MAX_MODIFIERS);
		}
		modifiers.forEach(item::addModifier);
		if (service.date() != null) {
			item.setServiced(new DateType(service.date().toString()));
		}
		place.code().ifPresent(pos -> item.setLocation(new CodeableConcept(pos.copy())));
		item.setQuantity(new Quantity().setValue(service.quantity()));
		Money charge = service.charge();
		if (charge != null) {
			BigDecimal net = charge.getValue();
			BigDecimal unit = service.quantity().compareTo(BigDecimal.ONE) == 0
					? net
					: net.divide(service.quantity(), 2, RoundingMode.HALF_UP);
			item.setUnitPrice(new Money().setValue(unit).setCurrency(charge.getCurrency()));
			item.setNet(new Money().setValue(net).setCurrency(charge.getCurrency()));
		} else {
			issues.add(ErrorCode.DRAFT_NO_CHARGE, IssueSeverity.WARNING, path + ".net",
					"No price is known for " + service.code().getCode() + " (" + service.source()
							+ ": no ChargeItem.priceOverride and no fee for the code in the fee schedule); enter the charge, or add an "
							+ "active ChargeItemDefinition for the code");
		}
		item.addEncounter(encounter.copy());
		return item;
	}

	// --- insurance -------------------------------------------------------------------------------------------------

	private static void addInsurance(
			Claim claim, Reference patient, List<Coverage> coverages, LocalDate dateOfService, Issues issues) {
		Comparator<Coverage> preference = Comparator
				.comparing((Coverage c) -> !inEffect(c, dateOfService))
				.thenComparing(c -> c.hasOrder() ? c.getOrder() : Integer.MAX_VALUE)
				.thenComparing(c -> c.getPeriod().getStart(), Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(c -> c.getMeta().getLastUpdated(), Comparator.nullsLast(Comparator.reverseOrder()));
		Optional<Coverage> chosen = coverages.stream()
				.filter(c -> c.getStatus() == Coverage.CoverageStatus.ACTIVE)
				.filter(c -> patient.getReference().equals(key(c.getBeneficiary())))
				.min(preference);
		if (chosen.isEmpty()) {
			issues.add(ErrorCode.DRAFT_NO_COVERAGE, IssueSeverity.WARNING, "Claim.insurance",
					"The patient has no active Coverage; the claim has no insurance yet. Verify eligibility and add "
							+ "the coverage, or bill the patient");
			return;
		}
		Coverage coverage = chosen.get();
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference(key(coverage)));
		coverage.getPayor().stream()
				.filter(payor -> "Organization".equals(typeOf(payor)))
				.findFirst()
				.ifPresent(payor -> claim.setInsurer(new Reference(key(payor))));
		if (!inEffect(coverage, dateOfService)) {
			issues.add(ErrorCode.DRAFT_COVERAGE_NOT_IN_EFFECT, IssueSeverity.WARNING, "Claim.insurance[0].coverage",
					key(coverage) + " is not in effect on the date of service " + dateOfService
							+ " (Coverage.period); verify eligibility");
		}
	}

	/** Whether the coverage's period includes the date (an open or absent bound includes it; no date: yes). */
	private static boolean inEffect(Coverage coverage, LocalDate date) {
		if (date == null || !coverage.hasPeriod()) {
			return true;
		}
		Period period = coverage.getPeriod();
		LocalDate start = date(period.getStartElement());
		LocalDate end = date(period.getEndElement());
		return (start == null || !date.isBefore(start)) && (end == null || !date.isAfter(end));
	}

	// --- helpers ---------------------------------------------------------------------------------------------------

	/**
	 * The calendar date of a date or dateTime as recorded (a dateTime's own offset, not the server's zone);
	 * {@code null} when absent or less precise than a day.
	 */
	static LocalDate date(BaseDateTimeType value) {
		if (value == null || value.getValue() == null || value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
			return null;
		}
		String text = value.getValueAsString();
		try {
			return LocalDate.parse(text.substring(0, 10));
		} catch (DateTimeParseException | IndexOutOfBoundsException e) {
			return null;
		}
	}

	/** {@code Type/id} of a resource, whatever form its id has. */
	static String key(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	/** {@code Type/id} of a literal reference (relative or absolute, with or without version); "" when none. */
	static String key(Reference reference) {
		if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
			return "";
		}
		IdType id = new IdType(reference.getReference());
		String type = id.hasResourceType() ? id.getResourceType() : reference.getType();
		return type + "/" + id.getIdPart();
	}

	private static String typeOf(Reference reference) {
		if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
			return null;
		}
		IdType id = new IdType(reference.getReference());
		return id.hasResourceType() ? id.getResourceType() : reference.getType();
	}

	private static String describe(CodeableConcept code) {
		if (code.hasText()) {
			return " (" + code.getText() + ")";
		}
		return code.getCoding().stream()
				.filter(Coding::hasCode)
				.findFirst()
				.map(c -> " (" + c.getCode() + ")")
				.orElse("");
	}

	/** The draft's issues, each with its stable code and the FHIRPath of the element concerned. */
	private static final class Issues {

		final OperationOutcome outcome = new OperationOutcome();

		void add(ErrorCode code, IssueSeverity severity, String expression, String message) {
			code.addIssue(outcome, severity, message).addExpression(expression);
		}
	}
}
