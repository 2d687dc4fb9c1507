package org.openrcm.server.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.ig.OpenRcmIg;

/**
 * Where OpenRCM finds an 837's party data in FHIR resources; the same places the scrubber's REQUIRED-ELEMENT rule
 * checks. The NPI is the identifier with system {@value #NPI_SYSTEM}; the tax id an identifier with the EIN system
 * (REF*EI) or an SSN system (REF*SY), or of type {@code TAX} (taken as an EIN); the NUCC taxonomy a coding in
 * {@value #NUCC_SYSTEM} of {@code Organization.type}, {@code PractitionerRole.specialty} or
 * {@code Practitioner.qualification.code}; the payer id an identifier with system {@value #PAYER_ID_SYSTEM}; an
 * address the first with a street line, city, state and postal code.
 */
final class PartyData {

	static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
	static final String NUCC_SYSTEM = "http://nucc.org/provider-taxonomy";
	static final String EIN_SYSTEM = "urn:oid:2.16.840.1.113883.4.4";
	static final List<String> SSN_SYSTEMS = List.of("urn:oid:2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/us-ssn");
	/** The payer's id at the clearinghouse (2010BB/2330B NM109), as the example encounter bundle records it. */
	static final String PAYER_ID_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-id";

	/** A generational suffix (NM107); professional credentials such as MD are not suffixes in X12. */
	private static final Pattern GENERATION = Pattern.compile("(?i)(JR|SR|I{1,3}|IV|V|VI{1,3}|IX|X|\\d(ST|ND|RD|TH))\\.?");

	private PartyData() {}

	/**
	 * A name as NM1 carries it.
	 *
	 * @param entity NM102: {@code 1} a person, {@code 2} a non-person entity
	 * @param last NM103, the family or organization name
	 * @param first NM104
	 * @param middle NM105: the given names after the first
	 * @param suffix NM107: a generational suffix (Jr, III)
	 */
	record Name(String entity, String last, String first, String middle, String suffix) {

		static Name organization(String name) {
			return new Name("2", X12Values.text(name, 60), "", "", "");
		}

		/** The official name, else the first; {@code null} when there is no family name. */
		static Name person(List<HumanName> names) {
			HumanName name = names.stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
					.orElse(names.isEmpty() ? null : names.get(0));
			if (name == null || !name.hasFamily()) {
				return null;
			}
			List<String> given = name.getGiven().stream().map(g -> g.getValue()).filter(g -> g != null && !g.isBlank())
					.toList();
			String suffix = name.getSuffix().stream().map(s -> s.getValue())
					.filter(s -> s != null && GENERATION.matcher(s.strip()).matches()).findFirst().orElse("");
			String first = given.isEmpty() ? "" : X12Values.text(given.get(0), 35);
			String middle = given.size() < 2 ? "" : X12Values.text(String.join(" ", given.subList(1, given.size())), 25);
			return new Name("1", X12Values.text(name.getFamily(), 60), first, middle, X12Values.text(suffix, 10));
		}

		boolean hasFirst() {
			return !first.isEmpty();
		}
	}

	/**
	 * A street address as N3/N4 carry it (a US address: no country element is written).
	 *
	 * @param line1 N301
	 * @param line2 N302, or {@code ""}
	 * @param city N401
	 * @param state N402, the two-letter state code (written as recorded: a state name fails the X12 validation
	 *     rather than being cut to two letters)
	 * @param zip N403, digits only (ZIP or ZIP+4)
	 */
	record PostalAddress(String line1, String line2, String city, String state, String zip) {

		/** The first address with a street line, city, state and postal code; {@code null} when none has all four. */
		static PostalAddress of(List<Address> addresses) {
			for (Address address : addresses) {
				if (address.hasLine() && address.hasCity() && address.hasState() && address.hasPostalCode()) {
					String line1 = X12Values.text(address.getLine().get(0).getValue(), 55);
					String line2 = address.getLine().size() < 2 ? ""
							: X12Values.text(address.getLine().get(1).getValue(), 55);
					return new PostalAddress(line1, line2, X12Values.text(address.getCity(), 30),
							X12Values.text(address.getState(), 30), X12Values.digits(address.getPostalCode()));
				}
			}
			return null;
		}
	}

	/**
	 * A provider's tax id.
	 *
	 * @param qualifier REF01: {@code EI} employer identification number or {@code SY} social security number
	 * @param value REF02, digits only
	 */
	record TaxId(String qualifier, String value) {}

	/**
	 * A provider as the 837 names it.
	 *
	 * @param resource what it was read from (for telling two providers apart)
	 * @param name NM102..NM107
	 * @param npi NM109 (with NM108 XX), or {@code null}
	 * @param taxId REF*EI / REF*SY, or {@code null}
	 * @param taxonomy PRV03, the NUCC code, or {@code null}
	 * @param address N3/N4, or {@code null}
	 */
	record Provider(Resource resource, Name name, String npi, TaxId taxId, String taxonomy, PostalAddress address) {}

	/**
	 * A billing, rendering, referring or supervising provider: an Organization, a Practitioner, or a
	 * PractitionerRole read together with its practitioner and organization (the role's own identifiers and
	 * specialty first).
	 *
	 * @param practitioner a PractitionerRole's practitioner, resolved ({@code null} otherwise)
	 * @param organization a PractitionerRole's organization, resolved ({@code null} otherwise)
	 * @return {@code null} when the resource is none of these, or has no name to write
	 */
	static Provider provider(Resource resource, Practitioner practitioner, Organization organization) {
		if (resource instanceof Organization org) {
			return org.hasName() ? new Provider(org, Name.organization(org.getName()), npi(org.getIdentifier()),
					taxId(org.getIdentifier()), taxonomy(org.getType()), PostalAddress.of(org.getAddress())) : null;
		}
		if (resource instanceof Practitioner person) {
			Name name = Name.person(person.getName());
			return name == null ? null : new Provider(person, name, npi(person.getIdentifier()),
					taxId(person.getIdentifier()), taxonomy(qualifications(person)), PostalAddress.of(person.getAddress()));
		}
		if (resource instanceof PractitionerRole role) {
			Name name = practitioner != null ? Name.person(practitioner.getName())
					: organization != null && organization.hasName() ? Name.organization(organization.getName()) : null;
			if (name == null) {
				return null;
			}
			List<Identifier> identifiers = new ArrayList<>(role.getIdentifier());
			if (practitioner != null) {
				identifiers.addAll(practitioner.getIdentifier());
			}
			List<Identifier> taxIds = new ArrayList<>(role.getIdentifier());
			if (organization != null) {
				taxIds.addAll(organization.getIdentifier());
			}
			if (practitioner != null) {
				taxIds.addAll(practitioner.getIdentifier());
			}
			String taxonomy = taxonomy(role.getSpecialty());
			if (taxonomy == null && practitioner != null) {
				taxonomy = taxonomy(qualifications(practitioner));
			}
			PostalAddress address = organization != null ? PostalAddress.of(organization.getAddress()) : null;
			if (address == null && practitioner != null) {
				address = PostalAddress.of(practitioner.getAddress());
			}
			return new Provider(role, name, npi(identifiers), taxId(taxIds), taxonomy, address);
		}
		return null;
	}

	/** A service facility: its name, NPI if it has one, and address; {@code null} without a name. */
	static Provider facility(Location location) {
		if (!location.hasName()) {
			return null;
		}
		PostalAddress address = location.hasAddress() ? PostalAddress.of(List.of(location.getAddress())) : null;
		return new Provider(location, Name.organization(location.getName()), npi(location.getIdentifier()), null,
				null, address);
	}

	static String npi(List<Identifier> identifiers) {
		for (Identifier identifier : identifiers) {
			if (NPI_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
				return X12Values.id(identifier.getValue());
			}
		}
		return null;
	}

	static TaxId taxId(List<Identifier> identifiers) {
		for (Identifier identifier : identifiers) {
			if (!identifier.hasValue()) {
				continue;
			}
			if (EIN_SYSTEM.equals(identifier.getSystem())
					|| identifier.getType().getCoding().stream().anyMatch(c -> "TAX".equals(c.getCode()))) {
				return new TaxId("EI", X12Values.digits(identifier.getValue()));
			}
			if (SSN_SYSTEMS.contains(identifier.getSystem())) {
				return new TaxId("SY", X12Values.digits(identifier.getValue()));
			}
		}
		return null;
	}

	static String taxonomy(List<CodeableConcept> concepts) {
		for (CodeableConcept concept : concepts) {
			Coding coding = FhirValues.coding(concept, NUCC_SYSTEM);
			if (coding != null) {
				return X12Values.id(coding.getCode());
			}
		}
		return null;
	}

	static String payerId(Organization payer) {
		for (Identifier identifier : payer.getIdentifier()) {
			if (PAYER_ID_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
				return X12Values.id(identifier.getValue());
			}
		}
		return null;
	}

	/** The person's name: a Patient's or RelatedPerson's; {@code null} for anything else or without a family name. */
	static Name personName(Resource person) {
		return person instanceof Patient p ? Name.person(p.getName())
				: person instanceof RelatedPerson r ? Name.person(r.getName()) : null;
	}

	static PostalAddress personAddress(Resource person) {
		return person instanceof Patient p ? PostalAddress.of(p.getAddress())
				: person instanceof RelatedPerson r ? PostalAddress.of(r.getAddress()) : null;
	}

	static LocalDate birthDate(Resource person) {
		return person instanceof Patient p ? FhirValues.day(p.getBirthDateElement())
				: person instanceof RelatedPerson r ? FhirValues.day(r.getBirthDateElement()) : null;
	}

	/** DMG03: {@code F}, {@code M}, or {@code U} (other, unknown); {@code null} when not recorded. */
	static String gender(Resource person) {
		AdministrativeGender gender = person instanceof Patient p ? p.getGender()
				: person instanceof RelatedPerson r ? r.getGender() : null;
		if (gender == null || gender == AdministrativeGender.NULL) {
			return null;
		}
		return gender == AdministrativeGender.FEMALE ? "F" : gender == AdministrativeGender.MALE ? "M" : "U";
	}

	private static List<CodeableConcept> qualifications(Practitioner practitioner) {
		return practitioner.getQualification().stream().map(Practitioner.PractitionerQualificationComponent::getCode)
				.toList();
	}
}
