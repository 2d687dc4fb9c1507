package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.scrubbing.ScrubContext.ServiceLine;

/**
 * {@code REQUIRED-ELEMENT}: what an 837P cannot be sent without. The patient (2010BA/2010CA: name, birth date,
 * gender, address), the subscriber's member id (NM109) and the payer (2010BB), the billing provider (2010AA: NPI,
 * taxonomy, tax id, address), at least one diagnosis (HI), and per line the date of service (DTP*472), charge
 * (SV102), units (SV104) and place of service (SV105).
 *
 * <p>The billing provider's taxonomy is read from a PractitionerRole's {@code specialty}, a Practitioner's
 * {@code qualification.code} or an Organization's {@code type}, in the NUCC system; its tax id from an identifier
 * with the EIN or SSN system or of type {@code TAX}.
 */
final class RequiredElementCheck implements ScrubCheck {

	static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
	static final String NUCC_SYSTEM = "http://nucc.org/provider-taxonomy";
	private static final List<String> TAX_ID_SYSTEMS = List.of("urn:oid:2.16.840.1.113883.4.4",
			"urn:oid:2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/us-ssn");

	@Override
	public void check(ScrubContext context) {
		Claim claim = context.claim();
		patient(context);
		subscriberAndPayer(context);
		billingProvider(context);
		if (claim.getDiagnosis().isEmpty()) {
			context.add(error(ScrubRule.REQUIRED_ELEMENT, "The claim has no diagnosis.",
					"Add the ICD-10-CM diagnoses the services treat (the HI segment needs at least one).",
					"Claim.diagnosis"));
		}
		if (claim.getItem().isEmpty()) {
			context.add(error(ScrubRule.REQUIRED_ELEMENT, "The claim has no service lines.",
					"Add a line per billed service with its CPT or HCPCS code.", "Claim.item"));
		}
		for (ServiceLine line : context.lines()) {
			String at = "line " + (line.index() + 1);
			if (line.date() == null) {
				missing(context, "The service date of " + at, "Enter the date of service (servicedDate).",
						line.path() + ".serviced");
			}
			if (line.net() == null) {
				missing(context, "The charge of " + at, "Enter the line charge (net).", line.path() + ".net");
			}
			if (line.units() == null) {
				missing(context, "The units of " + at, "Enter the service units (quantity).", line.path() + ".quantity");
			}
			if (line.placeOfService() == null) {
				missing(context, "The place of service of " + at,
						"Enter the CMS place-of-service code (locationCodeableConcept).", line.path() + ".location");
			}
		}
		if (!claim.hasTotal() || claim.getTotal().getValue() == null) {
			missing(context, "The total charge", "Enter the claim total, the sum of the line charges.", "Claim.total");
		}
	}

	private static void patient(ScrubContext context) {
		Patient patient = context.patient();
		if (patient == null) {
			missing(context, "The patient", context.claim().getPatient().hasReference()
					? "The patient reference does not resolve in this tenant; point Claim.patient at the stored Patient."
					: "Reference the Patient in Claim.patient.", "Claim.patient");
			return;
		}
		String at = "Claim.patient.resolve()";
		HumanName name = patient.getNameFirstRep();
		if (!name.hasFamily() || !name.hasGiven()) {
			missing(context, "The patient's family and given name", "Enter the patient's name as on the insurance card.",
					at + ".name");
		}
		if (FhirValues.day(patient.getBirthDateElement()) == null) {
			missing(context, "The patient's birth date", "Enter the patient's full birth date.", at + ".birthDate");
		}
		if (!patient.hasGender()) {
			missing(context, "The patient's gender", "Enter the patient's administrative gender.", at + ".gender");
		}
		if (!completeAddress(patient.getAddress())) {
			missing(context, "The patient's address (street, city, state, ZIP)", "Enter the patient's home address.",
					at + ".address");
		}
	}

	private static void subscriberAndPayer(ScrubContext context) {
		Coverage coverage = context.coverage();
		if (coverage != null) {
			if (!coverage.hasSubscriberId()) {
				missing(context, "The subscriber's member id", "Enter the member id from the insurance card "
						+ "(Coverage.subscriberId).", "Claim.insurance[" + context.focalInsuranceIndex()
						+ "].coverage.resolve().subscriberId");
			}
		}
		// a claim without coverage is COVERAGE-MISSING; the payer can still be named on the claim
		if (context.payer() == null && coverage != null) {
			missing(context, "The payer", "Name the payer in Claim.insurer or Coverage.payor.", "Claim.insurer");
		}
	}

	private static void billingProvider(ScrubContext context) {
		Resource provider = context.resolve(context.claim().getProvider());
		if (provider == null) {
			missing(context, "The billing provider", context.claim().getProvider().hasReference()
					? "The billing provider reference does not resolve in this tenant; point Claim.provider at it."
					: "Reference the billing provider (the practice's Organization) in Claim.provider.",
					"Claim.provider");
			return;
		}
		String at = "Claim.provider.resolve()";
		List<Identifier> identifiers = identifiers(provider);
		if (identifiers.stream().noneMatch(i -> NPI_SYSTEM.equals(i.getSystem()) && i.hasValue())) {
			missing(context, "The billing provider's NPI", "Add the billing provider's NPI (identifier system "
					+ NPI_SYSTEM + ").", at + ".identifier");
		}
		if (identifiers.stream().noneMatch(RequiredElementCheck::isTaxId)) {
			missing(context, "The billing provider's tax id (EIN or SSN)",
					"Add the billing provider's EIN (identifier system urn:oid:2.16.840.1.113883.4.4).",
					at + ".identifier");
		}
		if (!hasTaxonomy(provider)) {
			missing(context, "The billing provider's taxonomy code", "Add the NUCC taxonomy code (system " + NUCC_SYSTEM
					+ ") to the billing provider: Organization.type, PractitionerRole.specialty or "
					+ "Practitioner.qualification.code.", at);
		}
		List<Address> addresses = provider instanceof Organization o ? o.getAddress()
				: provider instanceof Practitioner p ? p.getAddress() : List.of();
		if (!(provider instanceof PractitionerRole) && !completeAddress(addresses)) {
			missing(context, "The billing provider's address (street, city, state, ZIP)",
					"Enter the billing provider's street address (not a PO box).", at + ".address");
		}
	}

	static List<Identifier> identifiers(Resource provider) {
		if (provider instanceof Organization organization) {
			return organization.getIdentifier();
		}
		if (provider instanceof Practitioner practitioner) {
			return practitioner.getIdentifier();
		}
		if (provider instanceof PractitionerRole role) {
			return role.getIdentifier();
		}
		return List.of();
	}

	private static boolean isTaxId(Identifier identifier) {
		return identifier.hasValue() && (TAX_ID_SYSTEMS.contains(identifier.getSystem())
				|| identifier.getType().getCoding().stream().anyMatch(c -> "TAX".equals(c.getCode())));
	}

	private static boolean hasTaxonomy(Resource provider) {
		List<CodeableConcept> concepts = provider instanceof Organization o ? o.getType()
				: provider instanceof PractitionerRole r ? r.getSpecialty()
				: provider instanceof Practitioner p
						? p.getQualification().stream().map(Practitioner.PractitionerQualificationComponent::getCode).toList()
						: List.of();
		return concepts.stream().anyMatch(c -> FhirValues.coding(c, NUCC_SYSTEM) != null);
	}

	private static boolean completeAddress(List<Address> addresses) {
		for (Address address : addresses) {
			if (address.hasLine() && address.hasCity() && address.hasState() && address.hasPostalCode()) {
				return true;
			}
		}
		return false;
	}

	private static void missing(ScrubContext context, String what, String fix, String expression) {
		context.add(error(ScrubRule.REQUIRED_ELEMENT, what + " is missing.", fix, expression));
	}
}
