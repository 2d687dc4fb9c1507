package org.openrcm.server.priorauth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Diagnosis;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Party;
import org.openrcm.server.x12.auth.AuthorizationReview.PatientEvent;
import org.openrcm.server.x12.auth.AuthorizationReview.Procedure;
import org.openrcm.server.x12.auth.AuthorizationReview.Review;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * Maps the Claim of a PAS request Bundle (use {@code preauthorization}) and the resources it refers to onto a 278
 * request; the element mapping is documented in {@code ig/prior-authorization-278.md}.
 * Pure: references are followed through the resolver given (the Bundle's entries first, then the tenant's stored
 * resources). Every missing or unusable element is reported at once, with the FHIRPath of what to fill.
 */
final class PasRequestMapping {

	static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
	static final String PAYER_ID_SYSTEM = "http://openrcm.org/fhir/sid/payer-id";
	static final String SERVICE_TYPE_SYSTEM = "https://codesystem.x12.org/005010/1365";
	static final String PLACE_OF_SERVICE_SYSTEM = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/"
			+ "Place_of_Service_Code_Set";
	static final String CERTIFICATION_TYPE_SYSTEM = "https://codesystem.x12.org/005010/1322";
	static final String LEVEL_OF_SERVICE_SYSTEM = "https://codesystem.x12.org/005010/1338";

	/** A problem with the request, and where to fix it. */
	record Problem(String message, String expression) {}

	/** The 278 request, or the problems that keep it from being written. */
	record Mapped(AuthorizationReview review, List<Problem> problems) {}

	private PasRequestMapping() {}

	/**
	 * @param claim the Bundle's Claim
	 * @param resolver follows a reference of the claim or its resources; {@code null} when it does not resolve
	 * @param trace the 2000E TRN*1 number (and BHT03); its services are numbered {@code <trace>-<sequence>}
	 * @param originator TRN03, ten characters naming this server as the number's assigner
	 * @param created BHT04/BHT05
	 */
	static Mapped map(Claim claim, Function<Reference, Resource> resolver, String trace, String originator,
			LocalDateTime created) {
		List<Problem> problems = new ArrayList<>();
		if (claim.getUse() != Claim.Use.PREAUTHORIZATION) {
			problems.add(new Problem("The Claim is not a prior authorization request (use must be preauthorization)",
					"Claim.use"));
		}
		Party umo = umo(resolver.apply(claim.getInsurer()), problems);
		Party requester = requester(resolver.apply(claim.getProvider()), resolver, problems);
		Coverage coverage = coverage(claim, resolver, problems);
		Patient patient = resolve(resolver, claim.getPatient(), Patient.class);
		if (patient == null) {
			problems.add(new Problem("Claim.patient does not name a Patient in the Bundle or the tenant",
					"Claim.patient"));
		}
		String memberId = coverage == null ? null : coverage.getSubscriberId();
		if (coverage != null && (memberId == null || memberId.isBlank())) {
			problems.add(new Problem("The Coverage has no subscriberId: the payer's member id is required",
					"Coverage.subscriberId"));
		}
		Party subscriber = null;
		Party dependent = null;
		if (patient != null && coverage != null) {
			Patient holder = resolve(resolver, coverage.getSubscriber(), Patient.class);
			boolean self = holder == null || sameResource(holder, patient) || isSelf(coverage);
			subscriber = person("IL", self ? patient : holder, "MI", memberId);
			dependent = self ? null : person("QC", patient, null, null);
		}
		List<Service> services = new ArrayList<>();
		LocalDate first = null;
		LocalDate last = null;
		for (int i = 0; i < claim.getItem().size(); i++) {
			ItemComponent item = claim.getItem().get(i);
			Service service = service(item, i, trace, originator, problems);
			services.add(service);
			for (Dated date : service.dates()) {
				first = first == null || date.from().isBefore(first) ? date.from() : first;
				last = last == null || date.to().isAfter(last) ? date.to() : last;
			}
		}
		if (claim.getItem().isEmpty()) {
			problems.add(new Problem("The Claim has no item: list the services to authorize", "Claim.item"));
		}
		List<Dated> eventDates = new ArrayList<>();
		if (claim.hasBillablePeriod() && claim.getBillablePeriod().hasStart()) {
			Period period = claim.getBillablePeriod();
			LocalDate from = FhirValues.day(period.getStartElement());
			LocalDate to = period.hasEnd() ? FhirValues.day(period.getEndElement()) : from;
			eventDates.add(new Dated("AAH", from, to));
		} else if (first != null) {
			eventDates.add(new Dated("AAH", first, last));
		}
		List<Diagnosis> diagnoses = diagnoses(claim, problems);
		List<Party> eventProviders = new ArrayList<>();
		if (claim.hasCareTeam()) {
			Party provider = provider(resolver.apply(claim.getCareTeamFirstRep().getProvider()), "SJ");
			if (provider != null) {
				eventProviders.add(provider);
			}
		}
		Review review = new Review("HS", code(claim.getExtension(), CERTIFICATION_TYPE_SYSTEM, "I"),
				services.isEmpty() ? null : serviceType(claim.getItemFirstRep()),
				placeOfService(claim), placeOfService(claim) == null ? null : "B", levelOfService(claim));
		if (!problems.isEmpty()) {
			return new Mapped(null, problems);
		}
		PatientEvent event = new PatientEvent(List.of(new Trace("1", trace, originator, null)), review, null,
				List.of(), eventDates, diagnoses, eventProviders, List.of());
		return new Mapped(new AuthorizationReview(Kind.REQUEST, "", trace, created, null, umo, requester, subscriber,
				dependent, event, services, List.of()), List.of());
	}

	private static Party umo(Resource insurer, List<Problem> problems) {
		if (!(insurer instanceof Organization organization)) {
			problems.add(new Problem("Claim.insurer does not name an Organization (the payer reviewing the request)",
					"Claim.insurer"));
			return null;
		}
		Identifier id = identifier(organization.getIdentifier(), PAYER_ID_SYSTEM);
		String qualifier = "PI";
		if (id == null) {
			id = identifier(organization.getIdentifier(), NPI_SYSTEM);
			qualifier = "XX";
		}
		if (id == null && organization.hasIdentifier() && organization.getIdentifierFirstRep().hasValue()) {
			id = organization.getIdentifierFirstRep();
			qualifier = "PI";
		}
		if (id == null) {
			problems.add(new Problem("The insurer has no identifier: its payer id (system " + PAYER_ID_SYSTEM
					+ ") names the UMO in the 278", "Organization.identifier"));
			return null;
		}
		return Party.organization("X3", nameOr(organization.getName(), "PAYER"), qualifier, id.getValue());
	}

	private static Party requester(Resource provider, Function<Reference, Resource> resolver,
			List<Problem> problems) {
		if (provider instanceof PractitionerRole role) {
			Resource organization = resolver.apply(role.getOrganization());
			provider = organization != null ? organization : resolver.apply(role.getPractitioner());
		}
		Party party = provider(provider, "1P");
		if (party == null) {
			problems.add(new Problem("Claim.provider does not name an Organization or Practitioner with an NPI "
					+ "(system " + NPI_SYSTEM + ")", "Claim.provider"));
		}
		return party;
	}

	/** A provider with an NPI, or {@code null}. */
	private static Party provider(Resource resource, String entity) {
		if (resource instanceof Organization organization) {
			Identifier npi = identifier(organization.getIdentifier(), NPI_SYSTEM);
			return npi == null ? null : Party.organization(entity, nameOr(organization.getName(), "PROVIDER"), "XX",
					npi.getValue());
		}
		if (resource instanceof Practitioner practitioner) {
			Identifier npi = identifier(practitioner.getIdentifier(), NPI_SYSTEM);
			HumanName name = practitioner.getNameFirstRep();
			return npi == null ? null : Party.person(entity, nameOr(name.getFamily(), "PROVIDER"),
					name.hasGiven() ? name.getGiven().get(0).getValue() : null, "XX", npi.getValue());
		}
		return null;
	}

	private static Coverage coverage(Claim claim, Function<Reference, Resource> resolver, List<Problem> problems) {
		Claim.InsuranceComponent focal = claim.getInsurance().stream().filter(Claim.InsuranceComponent::getFocal)
				.findFirst().orElse(claim.getInsurance().isEmpty() ? null : claim.getInsuranceFirstRep());
		Coverage coverage = focal == null ? null : resolve(resolver, focal.getCoverage(), Coverage.class);
		if (coverage == null) {
			problems.add(new Problem("Claim.insurance does not name a Coverage (the member's coverage with the payer)",
					"Claim.insurance.coverage"));
		}
		return coverage;
	}

	private static boolean isSelf(Coverage coverage) {
		return coverage.getRelationship().getCoding().stream().anyMatch(c -> "self".equals(c.getCode()));
	}

	private static Party person(String entity, Patient patient, String qualifier, String id) {
		HumanName name = patient.getNameFirstRep();
		String gender = patient.getGender() == AdministrativeGender.FEMALE ? "F"
				: patient.getGender() == AdministrativeGender.MALE ? "M" : patient.hasGender() ? "U" : null;
		LocalDate birth = patient.hasBirthDateElement() ? FhirValues.day(patient.getBirthDateElement()) : null;
		return new Party(entity, true, nameOr(name.getFamily(), "UNKNOWN"),
				name.hasGiven() ? name.getGiven().get(0).getValue() : null, qualifier, id, List.of(), birth, gender);
	}

	private static Service service(ItemComponent item, int index, String trace, String originator,
			List<Problem> problems) {
		String path = "Claim.item[" + index + "]";
		Coding code = null;
		for (Coding coding : item.getProductOrService().getCoding()) {
			if ((CptCodeSet.SYSTEM.equals(coding.getSystem()) || HcpcsCodeSet.SYSTEM.equals(coding.getSystem()))
					&& coding.hasCode()) {
				code = coding;
				break;
			}
		}
		if (code == null) {
			problems.add(new Problem("The item has no CPT or HCPCS code", path + ".productOrService"));
		}
		List<String> modifiers = item.getModifier().stream().map(m -> m.getCodingFirstRep().getCode())
				.filter(m -> m != null && !m.isBlank()).limit(4).toList();
		List<Dated> dates = new ArrayList<>();
		if (item.hasServicedDateType()) {
			LocalDate day = FhirValues.day(item.getServicedDateType());
			dates.add(new Dated("472", day, day));
		} else if (item.hasServicedPeriod() && item.getServicedPeriod().hasStart()) {
			LocalDate from = FhirValues.day(item.getServicedPeriod().getStartElement());
			LocalDate to = item.getServicedPeriod().hasEnd() ? FhirValues.day(item.getServicedPeriod()
					.getEndElement()) : from;
			dates.add(new Dated("472", from, to));
		}
		BigDecimal charge = item.hasNet() ? item.getNet().getValue()
				: item.hasUnitPrice() ? item.getUnitPrice().getValue() : null;
		BigDecimal quantity = item.hasQuantity() ? item.getQuantity().getValue() : null;
		String revenue = item.hasRevenue() ? item.getRevenue().getCodingFirstRep().getCode() : null;
		int sequence = item.hasSequence() ? item.getSequence() : index + 1;
		return new Service(List.of(new Trace("1", trace + "-" + sequence, originator, null)),
				new Review("HS", "I", serviceType(item), null, null, null), null, List.of(), dates,
				code == null ? null : new Procedure("HC", code.getCode().strip().toUpperCase(Locale.ROOT), modifiers),
				revenue, charge, quantity == null ? null : "UN", quantity, List.of(), List.of());
	}

	private static String serviceType(ItemComponent item) {
		Coding coding = FhirValues.coding(item.getCategory(), SERVICE_TYPE_SYSTEM);
		return coding == null ? null : coding.getCode();
	}

	private static String placeOfService(Claim claim) {
		for (ItemComponent item : claim.getItem()) {
			if (item.hasLocationCodeableConcept()) {
				for (Coding coding : item.getLocationCodeableConcept().getCoding()) {
					if (coding.hasCode() && coding.getCode().matches("\\d{2}")) {
						return coding.getCode();
					}
				}
			}
		}
		return null;
	}

	private static String levelOfService(Claim claim) {
		Coding coding = FhirValues.coding(claim.getPriority(), LEVEL_OF_SERVICE_SYSTEM);
		if (coding != null) {
			return coding.getCode();
		}
		String priority = claim.getPriority().getCodingFirstRep().getCode();
		return "stat".equals(priority) ? "U" : null;
	}

	private static String code(List<org.hl7.fhir.r4.model.Extension> extensions, String system, String otherwise) {
		for (org.hl7.fhir.r4.model.Extension extension : extensions) {
			if (extension.getValue() instanceof CodeableConcept concept) {
				Coding coding = FhirValues.coding(concept, system);
				if (coding != null) {
					return coding.getCode();
				}
			}
		}
		return otherwise;
	}

	private static List<Diagnosis> diagnoses(Claim claim, List<Problem> problems) {
		List<Diagnosis> diagnoses = new ArrayList<>();
		for (int i = 0; i < claim.getDiagnosis().size(); i++) {
			DiagnosisComponent diagnosis = claim.getDiagnosis().get(i);
			Coding coding = diagnosis.hasDiagnosisCodeableConcept()
					? FhirValues.coding(diagnosis.getDiagnosisCodeableConcept(), Icd10CmCodeSet.SYSTEM) : null;
			if (coding == null || !coding.hasCode()) {
				problems.add(new Problem("The diagnosis has no ICD-10-CM code",
						"Claim.diagnosis[" + i + "].diagnosisCodeableConcept"));
				continue;
			}
			if (diagnoses.size() < 12) {
				diagnoses.add(new Diagnosis(diagnoses.isEmpty() ? "ABK" : "ABF",
						coding.getCode().replace(".", "").strip().toUpperCase(Locale.ROOT), null));
			}
		}
		return diagnoses;
	}

	private static Identifier identifier(List<Identifier> identifiers, String system) {
		return identifiers.stream().filter(i -> system.equals(i.getSystem()) && i.hasValue()).findFirst()
				.orElse(null);
	}

	private static <T extends Resource> T resolve(Function<Reference, Resource> resolver, Reference reference,
			Class<T> type) {
		Resource resource = reference == null || reference.isEmpty() ? null : resolver.apply(reference);
		return type.isInstance(resource) ? type.cast(resource) : null;
	}

	private static boolean sameResource(Resource a, Resource b) {
		return a == b || (a.getIdElement().getIdPart() != null
				&& a.getIdElement().toUnqualifiedVersionless().getValue()
						.equals(b.getIdElement().toUnqualifiedVersionless().getValue()));
	}

	private static String nameOr(String name, String otherwise) {
		return name == null || name.isBlank() ? otherwise : name.strip();
	}
}
