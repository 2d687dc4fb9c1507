package org.openrcm.server.scrubbing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.CareTeamComponent;
import org.hl7.fhir.r4.model.Claim.InsuranceComponent;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.priorauth.ApprovedAuthorization;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.VersionRegistry.Resolution;
import org.openrcm.terminology.mce.Sex;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;

/**
 * One claim as the rules read it: its service lines parsed once (codes, modifiers, units, dates, providers), its
 * references resolved once (contained first, then stored), and the findings so far. Not thread-safe: one per scrub.
 */
final class ScrubContext {

	private final Claim claim;
	private final BillingTerminology terminology;
	private final ScrubSettings settings;
	private final ClaimSurroundings surroundings;
	private final LocalDate today;
	private final List<ServiceLine> lines;
	private final Map<String, Resource> resolved = new HashMap<>();
	private final List<ScrubFinding> findings = new ArrayList<>();
	/** Releases that do not cover a date of service (or are missing), by table name: one warning at the end. */
	private final Map<String, String> outdated = new LinkedHashMap<>();
	/** The releases the claim was checked against, for the CLEAN issue. */
	private final java.util.Set<String> checkedAgainst = new java.util.LinkedHashSet<>();
	private final int focalInsurance;
	private List<PayerRule> payerRules;
	private List<ApprovedAuthorization> authorizations;

	ScrubContext(Claim claim, BillingTerminology terminology, ScrubSettings settings, ClaimSurroundings surroundings) {
		this.claim = claim;
		this.terminology = terminology;
		this.settings = settings;
		this.surroundings = surroundings;
		this.today = LocalDate.now(settings.clock());
		List<ServiceLine> parsed = new ArrayList<>(claim.getItem().size());
		for (int i = 0; i < claim.getItem().size(); i++) {
			parsed.add(ServiceLine.of(claim, i));
		}
		this.lines = List.copyOf(parsed);
		int focal = -1;
		for (int i = 0; i < claim.getInsurance().size(); i++) {
			if (claim.getInsurance().get(i).getFocal()) {
				focal = i;
				break;
			}
		}
		this.focalInsurance = focal < 0 && claim.getInsurance().size() == 1 ? 0 : focal;
	}

	Claim claim() {
		return claim;
	}

	BillingTerminology terminology() {
		return terminology;
	}

	ScrubSettings settings() {
		return settings;
	}

	ClaimSurroundings surroundings() {
		return surroundings;
	}

	LocalDate today() {
		return today;
	}

	List<ServiceLine> lines() {
		return lines;
	}

	void add(ScrubFinding finding) {
		findings.add(finding);
	}

	List<ScrubFinding> findings() {
		return findings;
	}

	/** The first date of service of the claim: the earliest line date, else {@code billablePeriod.start}. */
	Optional<LocalDate> firstDateOfService() {
		LocalDate first = null;
		for (ServiceLine line : lines) {
			if (line.date() != null && (first == null || line.date().isBefore(first))) {
				first = line.date();
			}
		}
		if (first == null && claim.getBillablePeriod().hasStart()) {
			first = FhirValues.day(claim.getBillablePeriod().getStartElement());
		}
		return Optional.ofNullable(first);
	}

	/** The distinct dates of service of the lines, in order. */
	List<LocalDate> datesOfService() {
		TreeSet<LocalDate> dates = new TreeSet<>();
		for (ServiceLine line : lines) {
			if (line.date() != null) {
				dates.add(line.date());
			}
		}
		return List.copyOf(dates);
	}

	/** The resource a reference of the claim names: contained ({@code #id}) or stored; {@code null} if none. */
	Resource resolve(Reference reference) {
		if (reference == null || reference.isEmpty()) {
			return null;
		}
		if (reference.getResource() instanceof Resource inline) {
			return inline;
		}
		String ref = reference.getReference();
		if (ref == null) {
			return null;
		}
		if (ref.startsWith("#")) {
			String id = ref.substring(1);
			for (Resource contained : claim.getContained()) {
				String containedId = contained.getIdElement().getIdPart();
				if (id.equals(containedId) || ref.equals(contained.getId())) {
					return contained;
				}
			}
			return null;
		}
		return resolved.computeIfAbsent(ref, r -> surroundings.resolve(reference));
	}

	<T extends Resource> T resolve(Reference reference, Class<T> type) {
		Resource resource = resolve(reference);
		return type.isInstance(resource) ? type.cast(resource) : null;
	}

	Patient patient() {
		return resolve(claim.getPatient(), Patient.class);
	}

	/** Index of the focal insurance (the only one when just one is listed); -1 when there is none. */
	int focalInsuranceIndex() {
		return focalInsurance;
	}

	Optional<InsuranceComponent> focalInsurance() {
		return focalInsurance < 0 ? Optional.empty() : Optional.of(claim.getInsurance().get(focalInsurance));
	}

	Coverage coverage() {
		return focalInsurance().map(insurance -> resolve(insurance.getCoverage(), Coverage.class)).orElse(null);
	}

	/** The payer: {@code Claim.insurer}, else the focal coverage's first payor. */
	Reference payer() {
		if (claim.hasInsurer()) {
			return claim.getInsurer();
		}
		Coverage coverage = coverage();
		return coverage == null || !coverage.hasPayor() ? null : coverage.getPayorFirstRep();
	}

	/** The tenant's rules for the claim's payer (read once per scrub). */
	List<PayerRule> payerRules() {
		if (payerRules == null) {
			Reference payer = payer();
			payerRules = payer == null ? List.of() : surroundings.payerRules(payer);
		}
		return payerRules;
	}

	/** The approved prior authorizations of the claim's patient (read once per scrub). */
	List<ApprovedAuthorization> authorizations() {
		if (authorizations == null) {
			authorizations = surroundings.authorizations(claim);
		}
		return authorizations;
	}

	/** The patient's age in completed years on a date; empty without a birth date. */
	Optional<Integer> patientAge(LocalDate onDate) {
		Patient patient = patient();
		LocalDate birth = patient == null || !patient.hasBirthDateElement() ? null
				: FhirValues.day(patient.getBirthDateElement());
		return birth == null || onDate.isBefore(birth) ? Optional.empty()
				: Optional.of(Period.between(birth, onDate).getYears());
	}

	/** The patient's sex for the MCE edits; {@code null} when not male or female. */
	Sex patientSex() {
		Patient patient = patient();
		if (patient == null) {
			return null;
		}
		return patient.getGender() == AdministrativeGender.MALE ? Sex.MALE
				: patient.getGender() == AdministrativeGender.FEMALE ? Sex.FEMALE : null;
	}

	/**
	 * Remembers that a release did not cover a date of service (or none is loaded): one
	 * {@link ScrubRule#EDIT_TABLES_OUTDATED} warning lists them all.
	 */
	<T> Optional<T> table(String name, Optional<Resolution<T>> resolution, LocalDate dateOfService) {
		if (resolution.isEmpty()) {
			outdated.putIfAbsent(name, name + " is not loaded: its edits were not checked");
			return Optional.empty();
		}
		checkedAgainst.add(name + " " + resolution.get().version());
		if (resolution.get().coverage().isWarning()) {
			outdated.putIfAbsent(name, name + " " + resolution.get().version() + " does not cover " + dateOfService);
		}
		return Optional.of(resolution.get().value());
	}

	/** Notes the code set release that answered for a date, and whether it covers the date. */
	void codeSet(String name, CodeValidation validation) {
		if (validation.version() == null) {
			return;
		}
		checkedAgainst.add(name + " " + validation.version());
		if (validation.coverage().isWarning()) {
			outdated.putIfAbsent(name, name + " " + validation.version() + " does not cover "
					+ validation.dateOfService());
		}
	}

	java.util.Set<String> checkedAgainst() {
		return checkedAgainst;
	}

	Map<String, String> outdated() {
		return outdated;
	}

	/**
	 * One service line, parsed.
	 *
	 * @param index position in {@code Claim.item} (0-based, as in FHIRPath)
	 * @param system CPT or HCPCS system of the code; {@code null} when the line has neither
	 * @param code the procedure code, upper case; {@code null} when the line has no CPT/HCPCS code
	 * @param modifiers modifier codes in order, upper case
	 * @param units service units; {@code null} when absent
	 * @param date date of service ({@code servicedDate} or {@code servicedPeriod.start}); {@code null} when absent
	 * @param placeOfService the CMS place-of-service code; {@code null} when absent
	 * @param provider the rendering provider's reference (the line's care team member, else the billing provider)
	 * @param pointers the diagnosis sequences the line points to
	 * @param net the line charge; {@code null} when absent
	 */
	record ServiceLine(int index, String system, String code, List<String> modifiers, BigDecimal units, LocalDate date,
			String placeOfService, String provider, List<Integer> pointers, BigDecimal net) {

		static ServiceLine of(Claim claim, int index) {
			ItemComponent item = claim.getItem().get(index);
			String system = null;
			String code = null;
			for (Coding coding : item.getProductOrService().getCoding()) {
				if (BillingTerminology.isProcedureSystem(coding.getSystem()) && coding.hasCode()) {
					system = coding.getSystem();
					code = coding.getCode().trim().toUpperCase(Locale.ROOT);
					break;
				}
			}
			List<String> modifiers = new ArrayList<>(item.getModifier().size());
			for (CodeableConcept modifier : item.getModifier()) {
				Coding coding = modifier.getCodingFirstRep();
				modifiers.add(coding.hasCode() ? coding.getCode().trim().toUpperCase(Locale.ROOT) : "");
			}
			LocalDate date = item.hasServicedDateType() ? FhirValues.day(item.getServicedDateType())
					: item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getStartElement()) : null;
			String pos = null;
			if (item.hasLocationCodeableConcept()) {
				Coding coding = FhirValues.coding(item.getLocationCodeableConcept(), PlaceOfServiceCodeSet.SYSTEM);
				pos = coding == null ? null : coding.getCode().trim();
			}
			List<Integer> pointers = new ArrayList<>(item.getDiagnosisSequence().size());
			for (PositiveIntType pointer : item.getDiagnosisSequence()) {
				if (pointer.getValue() != null) {
					pointers.add(pointer.getValue());
				}
			}
			return new ServiceLine(index, system, code, List.copyOf(modifiers),
					item.getQuantity().getValue(), date, pos, provider(claim, item), List.copyOf(pointers),
					item.getNet().getValue());
		}

		private static String provider(Claim claim, ItemComponent item) {
			for (PositiveIntType sequence : item.getCareTeamSequence()) {
				for (CareTeamComponent member : claim.getCareTeam()) {
					if (member.getSequence() == sequence.getValue() && member.getProvider().hasReference()) {
						return member.getProvider().getReference();
					}
				}
			}
			return claim.getProvider().getReference();
		}

		/** {@code Claim.item[i]}, the FHIRPath of the line. */
		String path() {
			return "Claim.item[" + index + "]";
		}

		/** Units as a whole number; 0 when absent. */
		int wholeUnits() {
			return units == null ? 0 : units.setScale(0, java.math.RoundingMode.CEILING).intValue();
		}

		boolean hasModifierIn(java.util.Set<String> set) {
			for (String modifier : modifiers) {
				if (set.contains(modifier)) {
					return true;
				}
			}
			return false;
		}
	}
}
